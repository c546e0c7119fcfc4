"""Parsing costs work linear in the input: twice the dump, about twice the steps.

The work is counted, not timed: the number of bytecode instructions the interpreter executes
while the parser runs (`sys.settrace` with opcode events), which is the same on every machine and
every run. Each family of input is a pattern that once cost more per line the longer the page
was: tiny title/paragraph pairs (every title judged by the text-wide signals), one paragraph cut
at every line, runs of bylines, captions and credits, long stories with subheads, and an edition
whose pages continue one another.

Opcodes miss work done in C (a count built of a whole story is one call), so the topic-change
signal's work is also counted in its own units: characters read, its own bytecodes, judgements.
"""

import datetime
import sys

import pytest

from importer.core.draft import PublicationDraft
from importer.core.parser import cohesion, parse_edition, parse_page

# Linear work with a fixed start-up cost doubles at most; a quadratic step would quadruple it.
MOST = 2.15
# The topic-change signal's own bytecodes per character of a page where every title is judged:
# about 120 on tiny pairs (a judgement every 15 characters, some 40 pairs moved) and 45 on long
# stories; counting its whole windows again at each judgement would cost twenty times that.
BYTECODES_PER_CHARACTER = 200


def steps(parse) -> int:
    count = 0

    def each_opcode(frame, event, arg):
        nonlocal count
        count += 1
        return each_opcode

    def each_call(frame, event, arg):
        frame.f_trace_opcodes = True
        return each_opcode

    previous = sys.gettrace()
    sys.settrace(each_call)
    try:
        parse()
    finally:
        sys.settrace(previous)
    return count


def tiny_pairs(n):
    return "\n".join(f"标题{i}\n\n正文{i}。\n" for i in range(n))


def one_cut_paragraph(n):
    return (
        "一篇稿件的标题\n\n" + "\n\n".join(f"被分栏切开的第{i}段文字，还没有说完" for i in range(n)) + "。\n"
    )


def furniture_lines(n):
    lines = ["记者 张三 通讯员 李四 王五", "航拍共享储能电站。企业供图", "新华社记者 张金加摄", "据新华社"]
    return "一篇稿件的标题\n\n" + "\n\n".join(f"{lines[i % 4]}\n\n第{i}段正文。" for i in range(n))


def stories_with_subheads(n):
    blocks = []
    for story in range(n // 10 + 1):
        blocks += [f"第{story}篇稿件的标题", f"本报讯（记者 王{story}）第{story}篇的导语，说完了。"]
        for section in range(10):
            blocks += [f"小标题{section}", f"第{story}篇第{section}节的正文，讲的是同一件事，说完了。" * 3]
    return "\n\n".join(blocks[: 2 * n + 2])


PAGES = {
    "tiny title/paragraph pairs": tiny_pairs,
    "one paragraph cut at every line": one_cut_paragraph,
    "bylines, captions, credits and source lines": furniture_lines,
    "stories with subheads": stories_with_subheads,
}


@pytest.mark.parametrize("make", PAGES.values(), ids=PAGES.keys())
def test_twice_the_page_costs_about_twice_the_work(make):
    once = steps(lambda: parse_page(make(300)))
    twice = steps(lambda: parse_page(make(600)))
    assert twice <= MOST * once, (once, twice)


def continued_edition(pages):
    dumps = []
    for number in range(1, pages + 1):
        text = f"第{number}版的稿件\n\n上接{number - 1:02d}版\n\n续完的正文。\n\n" if number > 1 else ""
        text += f"转到下一版的稿件{number}\n\n本报讯 没有说完的正文▶▶下转{number + 1:02d}版"
        dumps.append((f"{number:02d}", text))
    return dumps


def test_linking_twice_the_pages_costs_about_twice_the_work():
    def parse(pages):
        dumps = continued_edition(pages)
        return lambda: parse_edition(
            dumps, publication=PublicationDraft("p", "报"), date=datetime.date(2024, 1, 1)
        )

    once, twice = steps(parse(100)), steps(parse(200))
    assert twice <= MOST * once, (once, twice)


class CohesionWork:
    """The work of the topic-change signal, counted where it is done in C as well as in Python:
    the characters whose pairs it reads (found in one call each, which opcode counting misses),
    the bytecodes its own code executes (each pair moved in or out of a window is a few), and
    its judgements."""

    def __init__(self, monkeypatch):
        self.characters = self.bytecodes = self.judgements = 0
        read, judge = cohesion.pairs, cohesion.Cohesion.judge

        def counted_read(text):
            self.characters += len(text)
            return read(text)

        def counted_judge(signal, end):
            self.judgements += 1
            return judge(signal, end)

        monkeypatch.setattr(cohesion, "pairs", counted_read)
        monkeypatch.setattr(cohesion.Cohesion, "judge", counted_judge)

    def of(self, text: str) -> tuple[int, int, int]:
        self.characters = self.bytecodes = self.judgements = 0

        def each_opcode(frame, event, arg):
            self.bytecodes += 1
            return each_opcode

        def each_call(frame, event, arg):
            if frame.f_code.co_filename != cohesion.__file__:
                return None
            frame.f_trace_opcodes = True
            return each_opcode

        previous = sys.gettrace()
        sys.settrace(each_call)
        try:
            parse_page(text)
        finally:
            sys.settrace(previous)
        return self.characters, self.bytecodes, self.judgements


@pytest.mark.parametrize("make", [tiny_pairs, stories_with_subheads], ids=["tiny pairs", "subheads"])
def test_the_topic_signal_reads_each_character_a_bounded_number_of_times(monkeypatch, make):
    # Every title judged, each window sliding a line or two: the windows' text is read once as it
    # enters and its pairs moved once in and once out of each window, a few bytecodes each; not
    # the whole windows again at each judgement (twenty times the steps), nor the whole story
    # (quadratic).
    work = CohesionWork(monkeypatch)
    once, twice = make(2000), make(4000)
    characters, bytecodes, judgements = work.of(once)
    characters_twice, bytecodes_twice, judgements_twice = work.of(twice)
    assert judgements >= 1000 and judgements_twice >= 2 * judgements - 10
    assert characters <= 3 * len(once), characters
    assert bytecodes <= BYTECODES_PER_CHARACTER * len(once), bytecodes
    assert characters_twice <= MOST * characters and bytecodes_twice <= MOST * bytecodes
