"""The parse pauses the cyclic garbage collector, and loses nothing by it.

A page of tiny lines makes hundreds of thousands of objects that the collector would walk again
and again as they grow the heap; the parse makes no reference cycles, so pausing it frees nothing
later. These tests hold both halves, and that the collector is left as the parse found it.
"""

import gc
from pathlib import Path

import pytest

from importer.core.errors import EditionImportError
from importer.core.parser import parse_page

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def tiny_pairs(count: int) -> str:
    return "\n".join(f"标题{index}\n\n正文{index}。\n" for index in range(count))


def pages() -> list[str]:
    found = [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "corpus").rglob("*.txt"))]
    found += [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "corpus-dskb").rglob("*.txt"))]
    return [*found, tiny_pairs(2000)]


@pytest.fixture
def collector_off():
    enabled = gc.isenabled()
    gc.disable()
    yield
    if enabled:
        gc.enable()


def test_a_parse_leaves_no_reference_cycles_for_the_collector(collector_off):
    gc.collect()
    for text in pages():
        draft = parse_page(text)
        assert draft.articles
        del draft
    assert gc.collect() == 0


def test_the_collector_does_not_run_while_a_page_is_parsed():
    # A collection of the youngest objects sets their count back to zero; paused, it only grows.
    counts = []
    parse_page(tiny_pairs(5000), observe=lambda run, points: counts.append(gc.get_count()[0]))
    threshold = gc.get_threshold()[0]
    assert max(counts) > 10 * threshold
    assert counts == sorted(counts)


def test_the_collector_is_left_as_the_parse_found_it(collector_off):
    parse_page(tiny_pairs(10))
    assert not gc.isenabled()
    gc.enable()
    parse_page(tiny_pairs(10))
    assert gc.isenabled()
    with pytest.raises(EditionImportError):
        parse_page(b"not text")
    assert gc.isenabled()
