"""The typeset pages (tests/fixtures/pdf/, made by tests/fixtures/typeset) read back and measured:
structure by the shared scorers against the pages' truth, areas by their overlap (IoU) with the
areas the typesetter recorded."""

from __future__ import annotations

import datetime
import functools
import json
import re
import runpy
import sys
from io import StringIO
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from importer.core.draft import PublicationDraft
from importer.core.jsonio import edition_to_json
from importer.core.pdf.edition import read_edition
from importer.core.sources import PageSource
from tests.conftest import FIXTURES

PDFS = FIXTURES / "pdf"
# name: (truth.json, scorer, date, paper)
EDITIONS = {
    "seed": (PDFS / "seed" / "truth.json", "score_edition.py", "2023-08-09", "株洲日报"),
    "rmrb-2019-10-05": (
        FIXTURES / "corpus" / "2019-10-05" / "truth.json",
        "score_edition.py",
        "2019-10-05",
        "人民日报",
    ),
    "dskb-2026-03-28": (
        FIXTURES / "corpus-dskb" / "2026-03-28" / "truth.json",
        "score_pages.py",
        "2026-03-28",
        "都市快报",
    ),
}
RASTER = 1000


@functools.lru_cache(maxsize=8)
def read_typeset(name: str, with_dumps: Path | None = None):
    _truth, _scorer, date, paper = EDITIONS[name]
    pages = []
    for pdf in sorted((PDFS / name).glob("*.pdf")):
        dump = with_dumps / f"{pdf.stem}.txt" if with_dumps else None
        text = dump.read_text(encoding="utf-8") if dump and dump.exists() else ""
        pages.append(PageSource(origin=str(pdf), text=text, label=pdf.stem, pdf=pdf.read_bytes()))
    publication = PublicationDraft(slug="typeset", name=paper)
    return read_edition(pages, publication=publication, date=datetime.date.fromisoformat(date))


def structure_score(name: str, edition) -> tuple[float, str]:
    truth, scorer, _date, _paper = EDITIONS[name]
    document = edition_to_json(edition)
    if scorer == "score_pages.py":
        # The truth holds every page of the day: score the typeset ones only.
        data = json.loads(truth.read_text(encoding="utf-8"))
        labels = {page.label for page in edition.pages}
        data["pages"] = [p for p in data["pages"] if p["label"] in labels]
        truth = Path(f"/tmp/typeset-truth-{name}.json")
        truth.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = Path(f"/tmp/typeset-edition-{name}.json")
    out.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    module = runpy.run_path(str(FIXTURES / "parser" / scorer))
    argv, stdout = sys.argv, sys.stdout
    sys.argv, sys.stdout = [scorer, str(truth), str(out), "-v"], StringIO()
    try:
        module["main"]()
        report = sys.stdout.getvalue()
    finally:
        sys.argv, sys.stdout = argv, stdout
    return float(re.search(r"^score: ([0-9.]+)$", report, re.MULTILINE).group(1)), report


def _mask(polygons, size):
    image = Image.new("1", size, 0)
    draw = ImageDraw.Draw(image)
    for polygon in polygons:
        draw.polygon([(x * size[0], y * size[1]) for x, y in polygon], fill=1)
    return image


def iou(a, b, aspect: float) -> float:
    size = (RASTER, round(RASTER * aspect))
    one, two = _mask(a, size), _mask(b, size)
    both = ImageChops.logical_and(one, two).histogram()[-1]
    either = ImageChops.logical_or(one, two).histogram()[-1]
    return both / either if either else 0.0


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def area_scores(name: str, edition) -> list[tuple[str, str, float]]:
    """(page, headline, IoU) for every article the typesetter placed (0 for one not found)."""
    truth = json.loads((PDFS / name / "areas.json").read_text(encoding="utf-8"))
    pages = {page.label: page for page in edition.pages}
    scores = []
    for page in truth["pages"]:
        width, height = page["size"]
        found = {_key(a.headline): a for a in pages[page["label"]].articles}
        for article in page["articles"]:
            mine = found.get(_key(article["headline"]))
            score = iou(article["areas"], mine.areas, height / width) if mine else 0.0
            scores.append((page["label"], article["headline"], score))
    return scores
