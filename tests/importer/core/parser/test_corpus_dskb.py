"""A second paper, 都市快报: the shared edition's sixteen pages with their truth, scored by the scorer
the project is judged with (tests/fixtures/parser/score_pages.py, a copy of
../shared/tools/score_pages.py), on the edition JSON of what the parser read.

The edition prints differently from People's Daily (bylines on their own line, wire stories
closed by source lines, two-line subheads, obituary columns, boxes); the parser reads it with the
default profile, as it reads any paper it has no profile for.
"""

import datetime
import json
import re
import runpy
import sys

import pytest

from importer.core.draft import PublicationDraft
from importer.core.jsonio import edition_to_json
from importer.core.parser import parse_edition
from importer.core.text import decode_dump
from tests.conftest import FIXTURES

SCORER = FIXTURES / "parser" / "score_pages.py"
EDITIONS = sorted(path for path in (FIXTURES / "corpus-dskb").iterdir() if path.is_dir())
CITY_DAILY = PublicationDraft(slug="dskb", name="都市快报")
MINIMUM = 0.985


def parse_folder(folder):
    pages = [(dump.stem, decode_dump(dump.read_bytes())) for dump in sorted(folder.glob("*.txt"))]
    return parse_edition(pages, publication=CITY_DAILY, date=datetime.date.fromisoformat(folder.name))


def score(truth, edition, tmp_path, monkeypatch, capsys):
    out = tmp_path / "edition.json"
    out.write_text(json.dumps(edition, ensure_ascii=False), encoding="utf-8")
    scorer = runpy.run_path(str(SCORER))
    monkeypatch.setattr(sys, "argv", ["score_pages.py", str(truth), str(out), "-v"])
    capsys.readouterr()
    scorer["main"]()
    report = capsys.readouterr().out
    return float(re.search(r"^score: ([0-9.]+)$", report, re.MULTILINE).group(1)), report


def test_the_edition_has_its_sixteen_pages():
    assert [dump.stem for dump in sorted(EDITIONS[0].glob("*.txt"))] == [
        f"{section}{number:02d}" for section in "AB" for number in range(1, 9)
    ]


@pytest.mark.parametrize("folder", EDITIONS, ids=[folder.name for folder in EDITIONS])
def test_the_city_daily_edition_scores_well(folder, tmp_path, monkeypatch, capsys):
    result, report = score(
        folder / "truth.json", edition_to_json(parse_folder(folder)), tmp_path, monkeypatch, capsys
    )
    assert result >= MINIMUM, report


def test_the_scorer_notices_a_page_read_as_one_story(tmp_path, monkeypatch, capsys):
    folder = EDITIONS[0]
    edition = edition_to_json(parse_folder(folder))
    for page in edition["pages"]:
        page["articles"] = page["articles"][:1]
    result, _ = score(folder / "truth.json", edition, tmp_path, monkeypatch, capsys)
    assert result < MINIMUM
