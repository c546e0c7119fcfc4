#!/usr/bin/env python
"""Newsroom benchmarks: every figure is reported with a baseline measured in the same run.

    python bench/run.py parse            # parser alone vs reading the same text
    python bench/run.py import           # 1 year of editions through import_edition, SQLite and PostgreSQL
    python bench/run.py read             # the site under gunicorn + wrk, each view vs /healthz/
    python bench/run.py rush             # 50 connections on four views, then again during an import
    python bench/run.py growth           # page, article, search, query counts: 1 edition vs 10 years
    python bench/run.py learn            # tuned on corrected editions, scored on held-back ones
    python bench/run.py pdf              # page PDFs read and rendered, pages/s vs the dumps' parse
    python bench/run.py recombine        # unseen-like pages composed from the corpora's dump lines, scored
    python bench/run.py all              # everything (what `make bench` runs)

Options: --quick (smaller sizes, for a smoke run), --years N for growth (default 10), --reuse for
growth (measure again on the archive an earlier growth run left in the bench_growth database).
Results are printed as Markdown tables and saved as JSON under bench/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from common import (
    ARCHIVE_TEXTS,
    CORPUS,
    PY,
    ROOT,
    SECRET,
    SEED,
    base_env,
    fresh_pg,
    manage,
    publish_args,
    run_with_rusage,
    save,
    table,
)
from growth import bench_growth
from learning import bench_learn
from pdfs import bench_pdfs
from reading import bench_read, bench_rush
from recombine import bench_recombine
from recombine import report as recombine_report

SIZES = (("1 KB", 1_000), ("20 KB", 20_000), ("1 MB", 1_000_000), ("5 MB", 5_000_000))
# Issue 14: parsing holds at least this pace on every size and shape of page.
AIM_MB_S = 1.0


def real_pages():
    pages = [SEED.read_bytes()]
    pages += [p.read_bytes() for p in sorted(CORPUS.rglob("0*.txt"))]
    # The second paper's pages (A01 … B08), which print differently.
    pages += [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "corpus-dskb").rglob("*.txt"))]
    return pages


def story_blocks():
    """The corpus's stories as a dump prints them: title lines, then paragraphs, one block each."""
    blocks = []
    for truth in sorted((ROOT / "tests" / "fixtures").glob("*corpus*/*/truth.json")):
        for page in json.loads(truth.read_text(encoding="utf-8"))["pages"]:
            for story in page["articles"]:
                titles = story.get("title_lines") or [
                    story[key] for key in ("kicker", "headline", "subheadline") if story.get(key)
                ]
                blocks += [*titles, *story["paragraphs"]]
    return blocks


def sized_page(blocks, size):
    """A page of about ``size`` bytes: the corpus's stories one after another, cycled."""
    out, total, index = [], 0, 0
    while total < size:
        block = blocks[index % len(blocks)]
        out.append(block)
        total += len(block.encode()) + 2
        index += 1
    return "\n\n".join(out) + "\n"


def tiny_pairs_page(size):
    """The hostile dump of issue 14: tiny title / paragraph pairs, up to ``size`` bytes."""
    out, total, index = [], 0, 0
    while total < size:
        pair = f"标题{index}\n\n正文{index}。\n"
        out.append(pair)
        total += len(pair.encode()) + 1
        index += 1
    return "\n".join(out)


# Issue 14's dump itself: 50,000 tiny pairs (about 1.4 MB), every title judged by every signal.
HOSTILE_PAIRS = 50_000


def hostile_dump():
    return "\n".join(f"标题{index}\n\n正文{index}。\n" for index in range(HOSTILE_PAIRS))


def cpu_best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return min(times)


def parse_and_baseline(data, parse_page, decode_dump):
    """CPU seconds of one parse of ``data`` and of the baseline (read + split lines): the best of
    3 runs (one above 2 MB) of enough repeats to last about a second on a small page."""
    repeat = max(1, min(200, 2_000_000 // len(data)))
    runs = 3 if len(data) < 2_000_000 else 1

    def parse():
        for _ in range(repeat):
            parse_page(decode_dump(data))

    def baseline():
        for _ in range(repeat):
            unicodedata.normalize("NFC", data.decode("utf-8-sig")).splitlines()

    return cpu_best(parse, runs) / repeat, cpu_best(baseline, runs) / repeat


def bench_parse(args):
    sys.path.insert(0, str(ROOT))
    from importer.core.parser import parse_page
    from importer.core.text import decode_dump

    pages = real_pages()
    count = 300 if args.quick else 1000
    work = [pages[i % len(pages)] for i in range(count)]
    size = sum(len(p) for p in work)

    def baseline():
        for data in work:
            unicodedata.normalize("NFC", data.decode("utf-8-sig")).splitlines()

    def parse():
        for i, data in enumerate(work):
            parse_page(decode_dump(data), label=f"{i % 8 + 1:02d}", number=i % 8 + 1)

    results = {}
    for name, fn in (("read + split lines (baseline)", baseline), ("decode + parse_page", parse)):
        results[name] = cpu_best(fn)
    base = results["read + split lines (baseline)"]
    rows = [
        (name, f"{count / t:,.0f}", f"{size / t / 1e6:.2f}", f"{t / base:.1f}×")
        for name, t in results.items()
    ]
    print(f"\n### Parser alone: {count} real pages ({size / 1e6:.1f} MB), CPU time, best of 3\n")
    print(table(["what", "pages/s", "MB/s", "time vs baseline"], rows))

    blocks = story_blocks()
    sizes = SIZES[:3] if args.quick else SIZES
    shapes = [("stories", label, lambda n=target: sized_page(blocks, n)) for label, target in sizes]
    shapes += [("tiny pairs", label, lambda n=target: tiny_pairs_page(n)) for label, target in sizes]
    shapes.append(("tiny pairs", f"{HOSTILE_PAIRS:,} pairs (issue 14's dump)", hostile_dump))
    sized, sized_rows = {}, []
    for kind, label, make in shapes:
        data = make().encode()
        seconds, base = parse_and_baseline(data, parse_page, decode_dump)
        sized[f"{kind} {label}"] = {"bytes": len(data), "seconds": seconds, "baseline_seconds": base}
        rate = len(data) / seconds / 1e6
        sized_rows.append(
            (
                kind,
                label if make is not hostile_dump else f"{label}, {len(data) / 1e6:.1f} MB",
                f"{1 / seconds:,.1f}",
                f"{rate:.2f}",
                f"{seconds / base:,.0f}×",
                "yes" if rate >= AIM_MB_S else "**no**",
            )
        )
    print("\n### Parser alone by page size (stories of the corpora cycled; the hostile dump of tiny")
    print(f"title/paragraph pairs), CPU time; the aim is at least {AIM_MB_S:g} MB/s on each.")
    print("The baseline reads the same bytes and splits their lines (the machine's pace, in the same run)\n")
    headers = ["page", "size", "pages/s", "MB/s", "time vs baseline", f"≥ {AIM_MB_S:g} MB/s"]
    print(table(headers, sized_rows))
    save("parse", {"pages": count, "bytes": size, "seconds": results, "sizes": sized})


# ---------------------------------------------------------------- import
def bench_import(args):
    editions = 30 if args.quick else 365
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        dumps = workdir / "archive"
        manage(
            "generate_archive",
            *ARCHIVE_TEXTS,
            "--editions",
            str(editions),
            "--dumps-dir",
            str(dumps),
            "--seed",
            "1",
        )
        folders = sorted(str(p) for p in dumps.iterdir())
        pages = sum(1 for _ in dumps.rglob("*.txt"))
        rows, data = [], {}
        backends = [
            ("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}"),
            ("PostgreSQL", fresh_pg("bench_import")),
        ]
        for name, url in backends:
            # Production settings: debug off, so Django keeps no query log.
            env = base_env(DATABASE_URL=url, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET)
            manage("migrate", "--noinput", env=env)
            elapsed, peak, _ = run_with_rusage(
                [PY, "manage.py", "import_edition", *folders, *publish_args(env)], env
            )
            again, _peak, _ = run_with_rusage(
                [PY, "manage.py", "import_edition", *folders[: editions // 3]], env
            )
            rows.append(
                (
                    name,
                    pages,
                    f"{elapsed:.1f}",
                    f"{pages / elapsed:.0f}",
                    f"{peak:.0f}",
                    f"{(editions // 3) * pages / editions / again:.0f}",
                )
            )
            data[name] = {"pages": pages, "seconds": elapsed, "peak_mib": peak, "reimport_seconds": again}
        print(f"\n### Import: {editions} editions, {pages} pages, one process per backend\n")
        print(
            table(
                ["database", "pages", "seconds", "pages/s", "peak MiB", "re-import pages/s (unchanged)"], rows
            )
        )

        # Where the time goes: a profile of the PostgreSQL import of a few editions.
        env = base_env(DATABASE_URL=fresh_pg("bench_profile"), DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET)
        manage("migrate", "--noinput", env=env)
        prof = workdir / "import.prof"
        subprocess.run(
            [PY, "-m", "cProfile", "-o", str(prof), "manage.py", "import_edition", *folders[:20]],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        import pstats

        stats = pstats.Stats(str(prof))
        total = stats.total_tt
        interesting = []
        for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
            if "/newsroom/" in filename or ("/work/" in filename and ".venv" not in filename):
                interesting.append((ct, f"{Path(filename).parent.name}/{Path(filename).name}:{func}"))
        interesting.sort(reverse=True)
        print("\nWhere the time goes (cumulative, 20 editions on PostgreSQL, project code only):\n")
        print(table(["function", "share of run"], [(n, f"{ct / total:.0%}") for ct, n in interesting[:12]]))
        save("import", data)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def bench_composed(args):
    """Unseen-like editions composed from the corpora's own dump lines (bench/recombine.py)."""
    rows = bench_recombine(editions=10 if args.quick else 40)
    print("\n### Composed pages: the corpora's stories on new pages, shared scorers\n")
    recombine_report(rows)
    save("recombine", rows)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "what",
        nargs="?",
        default="all",
        choices=["parse", "import", "read", "growth", "rush", "learn", "pdf", "recombine", "all"],
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="growth: keep the archive an earlier run built")
    args = parser.parse_args()
    os.chdir(ROOT)
    print(f"Machine: {os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}")
    steps = {
        "parse": bench_parse,
        "import": bench_import,
        "read": bench_read,
        "rush": bench_rush,
        "growth": bench_growth,
        "learn": bench_learn,
        "pdf": bench_pdfs,
        "recombine": bench_composed,
    }
    for name, step in steps.items():
        if args.what in (name, "all"):
            step(args)


if __name__ == "__main__":
    main()
