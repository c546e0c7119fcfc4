"""The parser on pages it has not seen, made from the corpora's own dump lines (issue 15).

    python bench/run.py recombine            # both papers, seeds fixed, scored by the shared scorers
    python bench/recombine.py [-v] [--editions N] [--seed S]   # the same alone; -v prints each failure

Each corpus page dump is the page's stories one after another, blank-line separated blocks; its
truth.json gives every story's title lines and paragraphs in the same order. So a page cuts into one
run of dump blocks per story (from its first title line to the next story's), exactly as printed:
its column breaks, bylines, captions, source lines and continuation markers stay as the dump has
them. New editions are composed from those runs: stories of other pages and dates side by side, in
other orders, some left out, the page's furniture (a weather box, an address box) moved among the
stories; each paper's conventions kept — People's Daily pages 01–04, a story printed on two pages
keeping its two parts on the pages its markers name; 都市快报 pages labelled A0n from its A pages'
items and B0n from its B pages' items. A page is half-width (，（）：；？！ as ,():;?!) or not, as the
corpus pages are: a full-width page only takes stories of full-width pages, a half-width page turns
the others' marks. Some pages get CRLF line ends or a byte-order mark. The truth of a composed page
is its stories' truth, in the new order.

People's Daily editions are scored by score_edition.py, 都市快报 editions by score_pages.py (the shared
scorers, copied under tests/fixtures/parser); and, for People's Daily, each date alone: editions
composed from one date's stories only (a rule fitted to one date's pages shows up as a low date).
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import random
import re
import runpy
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from importer.core.draft import PublicationDraft  # noqa: E402
from importer.core.jsonio import edition_to_json  # noqa: E402
from importer.core.parser import parse_edition  # noqa: E402
from importer.core.text import decode_dump  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
PEOPLES_DAILY = FIXTURES / "corpus"
CITY_DAILY = FIXTURES / "corpus-dskb"
SCORERS = FIXTURES / "parser"
SEED = 15
EDITIONS = 40
# With new column breaks: the chance that a whole paragraph of over 80 characters is cut anew.
CUT_CHANCE = 0.15
HALF_WIDTH = str.maketrans("，（）：；？！", ",():;?!")
PUBLICATION = PublicationDraft(slug="recombined", name="重组版")


@dataclass(frozen=True)
class Story:
    """One printed item: its run of dump blocks and its truth."""

    date: str
    page: int
    section: str
    blocks: tuple[str, ...]
    truth: dict
    half_width: bool


def _norm(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _title_lines(truth):
    return truth.get("title_lines") or [
        truth[key] for key in ("kicker", "headline", "subheadline") if truth.get(key)
    ]


def _blocks(path):
    text = decode_dump(path.read_bytes()).replace("\r\n", "\n")
    return [block.strip("\n") for block in re.split(r"\n[ \t\u3000]*\n", text) if block.strip()]


def page_stories(folder):
    """Each page of a corpus folder cut into its stories' runs of dump blocks."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    stories = []
    for page in truth["pages"]:
        label = page.get("label") or f"{page['number']:02d}"
        blocks = _blocks(folder / f"{label}.txt")
        keys = [_norm(block) for block in blocks]
        starts, at = [], 0
        for article in page["articles"]:
            lines = _title_lines(article) or article["paragraphs"]
            first = _norm(lines[0])[:12]
            while not keys[at].startswith(first):
                at += 1  # an IndexError here means the dump and its truth disagree
            starts.append(at)
            at += 1
        if starts[0] != 0:
            raise ValueError(f"{folder.name} {label}: blocks before the first story")
        for article, start, end in zip(page["articles"], starts, [*starts[1:], len(blocks)], strict=True):
            section = label[0] if label[0].isalpha() else ""
            stories.append(
                Story(
                    truth["date"],
                    page["number"],
                    section,
                    tuple(blocks[start:end]),
                    article,
                    page["half_width"],
                )
            )
    return stories


def corpus_stories(corpus):
    return [
        story
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir())
        for story in page_stories(folder)
    ]


def _cut_anew(rng, story):
    """The story's blocks with some whole long paragraphs cut at a new column break."""
    whole = {_norm(paragraph) for paragraph in story.truth["paragraphs"]}
    blocks = []
    for block in story.blocks:
        if len(block) > 80 and _norm(block) in whole and rng.random() < CUT_CHANCE:
            at = rng.randint(20, len(block) - 20)
            blocks += [block[:at], block[at:]]
        else:
            blocks.append(block)
    return blocks


def _page_text(rng, stories, half_width, cuts=False):
    blocks = [block for story in stories for block in (_cut_anew(rng, story) if cuts else story.blocks)]
    text = "\n\n".join(blocks) + "\n"
    if half_width:
        text = text.translate(HALF_WIDTH)
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return ("\ufeff".encode() + data) if rng.random() < 0.2 else data


def _pick(rng, pool, count, half_width):
    """`count` stories of the pool (taken out of it) that a page of this width may print."""
    fits = [story for story in pool if half_width or not story.half_width]
    chosen = rng.sample(fits, min(count, len(fits)))
    for story in chosen:
        pool.remove(story)
    return chosen


def _continued_pairs(stories):
    """(first part, second part) of each story printed on two pages of one date."""
    pairs = []
    for first in stories:
        if not first.truth.get("continued_to"):
            continue
        seconds = [
            s
            for s in stories
            if s.date == first.date
            and s.page == first.truth["continued_to"]
            and s.truth.get("continued_from") == first.page
            and _norm(s.truth["headline"])[:4] == _norm(first.truth["headline"])[:4]
        ]
        if len(seconds) == 1:
            pairs.append((first, seconds[0]))
    return pairs


def peoples_daily_editions(rng, stories, count, cuts=False):
    """(pages, truth) of `count` editions of four pages from these People's Daily stories."""
    pairs = _continued_pairs(stories)
    whole = [s for s in stories if not s.truth.get("continued_to") and not s.truth.get("continued_from")]
    for _ in range(count):
        pool, on_page = list(whole), {number: [] for number in range(1, 5)}
        for first, second in rng.sample(pairs, min(len(pairs), rng.randint(0, 2))):
            on_page[first.page].append(first)
            on_page[second.page].append(second)
        widths = {number: rng.random() < 0.5 for number in on_page}
        for number, placed in on_page.items():
            if not widths[number] and any(s.half_width for s in placed):
                widths[number] = True
            placed += _pick(rng, pool, rng.randint(2, 7), widths[number])
            if not placed:  # a date's full-width stories all printed: the page turns half-width
                widths[number] = True
                placed += _pick(rng, pool, 1, True)
            rng.shuffle(placed)
        pages = [(f"{n:02d}", _page_text(rng, placed, widths[n], cuts)) for n, placed in on_page.items()]
        truth = {
            "date": "2020-01-01",
            "pages": [
                {"number": n, "half_width": widths[n], "articles": [s.truth for s in placed]}
                for n, placed in on_page.items()
            ],
        }
        yield pages, truth


def city_daily_editions(rng, stories, count, cuts=False):
    """(pages, truth) of `count` editions of pages A01–A04 and B01–B04 from these 都市快报 items."""
    for _ in range(count):
        pages, truth_pages = [], []
        for section in "AB":
            pool = [s for s in stories if s.section == section and not s.truth.get("composite")]
            for number in range(1, 5):
                half_width = rng.random() < 0.5
                placed = _pick(rng, pool, rng.randint(1, 5), half_width)
                if not placed:
                    half_width, placed = True, _pick(rng, pool, 1, True)
                label = f"{section}{number:02d}"
                pages.append((label, _page_text(rng, placed, half_width, cuts)))
                truth_pages.append(
                    {
                        "number": len(pages),
                        "label": label,
                        "half_width": half_width,
                        "articles": [s.truth for s in placed],
                    }
                )
        yield pages, {"date": "2026-01-01", "publication": "recombined", "pages": truth_pages}


def score(scorer, truth, edition):
    """The shared scorer's figure for this edition, and its report."""
    with tempfile.TemporaryDirectory() as folder:
        truth_file, edition_file = Path(folder) / "truth.json", Path(folder) / "edition.json"
        truth_file.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
        edition_file.write_text(json.dumps(edition, ensure_ascii=False), encoding="utf-8")
        main = runpy.run_path(str(SCORERS / scorer))["main"]
        argv, sys.argv = sys.argv, [scorer, str(truth_file), str(edition_file), "-v"]
        report = io.StringIO()
        try:
            with contextlib.redirect_stdout(report):
                main()
        finally:
            sys.argv = argv
    text = report.getvalue()
    return float(re.search(r"^score: ([0-9.]+)$", text, re.MULTILINE).group(1)), text


def run_editions(editions, scorer, date, verbose=False):
    scores, failures, pages_read = [], [], 0
    for pages, truth in editions:
        pages_read += len(pages)
        texts = [(label, decode_dump(data)) for label, data in pages]
        edition = edition_to_json(parse_edition(texts, publication=PUBLICATION, date=date))
        result, report = score(scorer, truth, edition)
        scores.append(result)
        failures += [line for line in report.splitlines() if line.startswith("FAIL")]
    if verbose:
        print("\n".join(failures))
    return scores, failures, pages_read


def _row(name, scores, failures, pages):
    return {
        "corpus": name,
        "editions": len(scores),
        "pages": pages,
        "mean": round(sum(scores) / len(scores), 4),
        "lowest": round(min(scores), 4),
        "failures": len(failures),
        "by check": _by_check(failures),
    }


def _by_check(failures):
    counts = {}
    for line in failures:
        check = line[len("FAIL ") :].split(":", 1)[0]
        counts[check] = counts.get(check, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


def bench_recombine(editions=EDITIONS, seed=SEED, verbose=False):
    rows = []
    rmrb, dskb = corpus_stories(PEOPLES_DAILY), corpus_stories(CITY_DAILY)
    day, city_day = datetime.date(2020, 1, 1), datetime.date(2026, 1, 1)
    for cuts, name in ((False, ""), (True, ", new column breaks")):
        made = peoples_daily_editions(random.Random(seed), rmrb, editions, cuts)
        rows.append(_row(f"People's Daily{name}", *run_editions(made, "score_edition.py", day, verbose)))
        made = city_daily_editions(random.Random(seed), dskb, editions, cuts)
        rows.append(_row(f"都市快报{name}", *run_editions(made, "score_pages.py", city_day, verbose)))
    for date in sorted({s.date for s in rmrb}):
        alone = [s for s in rmrb if s.date == date]
        made = peoples_daily_editions(random.Random(seed), alone, editions // 4)
        rows.append(_row(f"People's Daily, {date} alone", *run_editions(made, "score_edition.py", day)))
    return rows


def report(rows):
    for row in rows:
        print(
            f"{row['corpus']:<36} editions {row['editions']:>3}  pages {row['pages']:>3}  "
            f"mean {row['mean']:.4f}  lowest {row['lowest']:.4f}  "
            f"failed checks {row['failures']}  {row['by check']}"
        )


if __name__ == "__main__":
    import argparse

    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-v", action="store_true", help="print every failed check")
    options.add_argument("--editions", type=int, default=EDITIONS)
    options.add_argument("--seed", type=int, default=SEED)
    args = options.parse_args()
    report(bench_recombine(args.editions, args.seed, args.v))
