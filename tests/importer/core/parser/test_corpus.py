"""People's Daily pages with their truth: the parser must score at least 0.98 on every date.

The scorer is the project's own (tests/fixtures/parser/score_edition.py, a copy of
../shared/tools/score_edition.py), run on the edition JSON of what the parser read.
"""

import datetime
import json
import re
import runpy
import sys
from pathlib import Path

import pytest

from importer.core.draft import PublicationDraft
from importer.core.jsonio import edition_to_json
from importer.core.parser import parse_edition
from tests.conftest import FIXTURES

SCORER = FIXTURES / "parser" / "score_edition.py"
DATES = sorted(path for path in (FIXTURES / "corpus").iterdir() if path.is_dir())
PEOPLES_DAILY = PublicationDraft(slug="peoples-daily", name="人民日报")
MINIMUM = 0.98


def parse_date_folder(folder: Path):
    pages = [(dump.stem, dump.read_text(encoding="utf-8")) for dump in sorted(folder.glob("*.txt"))]
    return parse_edition(pages, publication=PEOPLES_DAILY, date=datetime.date.fromisoformat(folder.name))


def score(truth: Path, edition: dict, tmp_path, capsys, monkeypatch) -> float:
    out = tmp_path / "edition.json"
    out.write_text(json.dumps(edition, ensure_ascii=False), encoding="utf-8")
    scorer = runpy.run_path(str(SCORER))
    monkeypatch.setattr(sys, "argv", ["score_edition.py", str(truth), str(out), "-v"])
    capsys.readouterr()
    scorer["main"]()
    report = capsys.readouterr().out
    return float(re.search(r"^score: ([0-9.]+)$", report, re.MULTILINE).group(1)), report


def test_the_corpus_has_dates():
    assert len(DATES) >= 3


@pytest.mark.parametrize("folder", DATES, ids=[d.name for d in DATES])
def test_corpus_date_scores_at_least_095(folder, tmp_path, capsys, monkeypatch):
    edition = parse_date_folder(folder)
    result, report = score(folder / "truth.json", edition_to_json(edition), tmp_path, capsys, monkeypatch)
    assert result >= MINIMUM, report


@pytest.mark.parametrize("folder", DATES, ids=[d.name for d in DATES])
def test_every_continuation_is_linked_both_ways(folder):
    edition = parse_date_folder(folder)
    numbers = {page.number: page for page in edition.pages}
    for page in edition.pages:
        for article in page.articles:
            if article.continued_to and article.continued_to.page in numbers:
                other = numbers[article.continued_to.page]
                assert any(
                    a.continued_from and a.continued_from.page == page.number for a in other.articles
                ), article.headline


def test_the_scorer_notices_a_bad_parse(tmp_path, capsys, monkeypatch):
    folder = DATES[0]
    edition = edition_to_json(parse_date_folder(folder))
    for page in edition["pages"]:
        page["articles"] = page["articles"][:1]
    result, _ = score(folder / "truth.json", edition, tmp_path, capsys, monkeypatch)
    assert result < MINIMUM
