"""Page PDFs (issue 17): how many broadsheet pages a second the import reads and renders, with the
parse of the same pages' dumps as the baseline in the same run, and peak memory for a few pages
and for many (flat: each page is read, rendered and let go). "PDF read" is a dry run's work;
"PDF read + render" the import's (importer.core.pdf.render.PageRenderer: each page rendered while
its PDF is open to be read, its WebP encoded in a thread while the next page is read), so on a
busy machine it gains less; CPU ms a page says what the wall clock of a machine shared with other
work cannot.

    python bench/run.py pdf

The pages are the typeset test pages (tests/fixtures/pdf: People's Daily 2019-10-05 01-04 and 都市快报
2026-03-28 A01-A08, 992 pt wide), read in a child process so its peak memory is its own.
"""

from __future__ import annotations

import json
import subprocess

from common import PY, ROOT, save, table

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, ".")
from pathlib import Path
from importer.core.parser import parse_page
from importer.core.pdf import read_pdf_page
from importer.core.pdf.render import PageRenderer

rounds = int(sys.argv[1])
pdfs = sorted(Path("tests/fixtures/pdf/rmrb-2019-10-05").glob("*.pdf"))
pdfs += sorted(Path("tests/fixtures/pdf/dskb-2026-03-28").glob("*.pdf"))
dumps = sorted(Path("tests/fixtures/corpus/2019-10-05").glob("*.txt"))
dumps += sorted(Path("tests/fixtures/corpus-dskb/2026-03-28").glob("A0*.txt"))
pages = [(p.read_bytes(), d.read_text(encoding="utf-8")) for p, d in zip(pdfs, dumps)]
timing = {"dump parse": 0.0, "PDF read": 0.0, "PDF read + render": 0.0}
cpu = {"PDF read": 0.0, "PDF read + render": 0.0}
count = 0


def timed(step, work):
    start, used = time.perf_counter(), time.process_time()
    work()
    timing[step] += time.perf_counter() - start
    cpu[step] += time.process_time() - used


def read_and_render():
    # As the import does it: each page rendered while its PDF is open to be read, its WebP
    # encoded in a thread while the next page is read.
    with PageRenderer() as renderer:
        for number, (pdf, _dump) in enumerate(pages, start=1):
            read_pdf_page(pdf, label=f"{number:02d}", number=number, renderer=renderer)
        renderer.images()


for _ in range(rounds):
    for number, (pdf, dump) in enumerate(pages, start=1):
        start = time.perf_counter(); parse_page(dump); timing["dump parse"] += time.perf_counter() - start
        timed("PDF read", lambda: read_pdf_page(pdf, label="01", number=number))
        count += 1
    timed("PDF read + render", read_and_render)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"pages": count, "timing": timing, "cpu": cpu, "peak_mb": peak}))
"""


def _run(rounds: int) -> dict:
    command = [str(PY), "-c", CHILD, str(rounds)]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_pdfs(args):
    few, many = _run(1), _run(2 if args.quick else 4)
    timing, pages, used = many["timing"], many["pages"], many["cpu"]
    rows = [
        [
            step,
            f"{pages / seconds:.1f}",
            f"{seconds / timing['dump parse']:.1f}×",
            f"{1000 * used[step] / pages:.0f}" if step in used else "",
        ]
        for step, seconds in timing.items()
    ]
    print("\n## Page PDFs: pages a second (992 pt broadsheet pages, one process)\n")
    # CPU time (all threads) says what a busy machine's wall clock hides: the other helpers' load.
    print(table(["step", "pages/s", "time vs dump parse", "CPU ms/page"], rows))
    print(f"\nPeak memory: {few['peak_mb']} MB for {few['pages']} pages,", end=" ")
    print(f"{many['peak_mb']} MB for {pages} pages")
    save("pdfs", {"few": few, "many": many})
