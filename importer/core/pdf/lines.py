"""Characters into lines: horizontal lines of one size on one baseline, and vertical lines
(竖排 headlines: large characters stacked one under another). Pure Python."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from .chars import Char

# Characters further apart than this (in their size) are in different columns.
COLUMN_GAP = 0.9
# A gap wider than this (in the size) is a space in the text (two title parts on one line).
WORD_GAP = 0.3
MAX_TRACKING = 3.0  # in the size: a headline spaced out wider than this is no one line
# A vertical line: characters at least this much larger than the body, this close one under
# another, at least this many of them.
VERTICAL_SIZE = 1.5
VERTICAL_GAP = 0.6
VERTICAL_MIN = 3


@dataclass
class Line:
    """A line's characters never change once it is made: its bounds and text are read once."""

    chars: list[Char] = field(default_factory=list)
    vertical: bool = False

    @cached_property
    def text(self) -> str:
        if self.vertical:
            return "".join(c.text for c in self.chars)
        out, last = [], None
        for char in self.chars:
            wide = char.x0 - last.x1 - self.tracking > WORD_GAP * char.size if last else False
            if last is not None and (char.space or wide):
                out.append(" ")
            out.append(char.text)
            last = char
        return "".join(out)

    @cached_property
    def tracking(self) -> float:
        """The space set between every two characters (a headline spaced out to fill its width)."""
        return 0.0 if self.vertical else tracking(self.chars)

    @cached_property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @cached_property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @cached_property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @cached_property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @cached_property
    def size(self) -> float:
        return max(c.size for c in self.chars)

    @cached_property
    def bold(self) -> bool:
        return sum(c.bold for c in self.chars) * 2 > len(self.chars)

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def body_size(chars: list[Char]) -> float:
    """The size most characters are set in."""
    counts = Counter(round(c.size * 2) / 2 for c in chars)
    return counts.most_common(1)[0][0] if counts else 10.0


def _rows(chars: list[Char]) -> list[list[Char]]:
    """Characters of one size on one baseline, left to right, whatever order they were drawn in."""
    rows: list[list[Char]] = []
    by_size: dict[float, list[Char]] = {}
    for char in chars:
        by_size.setdefault(round(char.size * 2) / 2, []).append(char)
    for size, group in by_size.items():
        group.sort(key=lambda c: (c.bottom, c.x0))
        row: list[Char] = []
        for char in group:
            if row and abs(char.bottom - row[0].bottom) > 0.25 * size:
                rows.append(row)
                row = []
            row.append(char)
        if row:
            rows.append(row)
    return rows


def tracking(chars: list[Char]) -> float:
    """The usual gap between characters left to right (the median; 0 for text set close): what
    a headline's letter-spacing adds, which is no word space and no column break."""
    gaps = sorted(max(0.0, b.x0 - a.x1) for a, b in pairwise(chars))
    if not gaps:
        return 0.0
    return min(gaps[len(gaps) // 2], MAX_TRACKING * chars[0].size)


def _runs(row: list[Char]) -> list[list[Char]]:
    row.sort(key=lambda c: c.x0)
    spaced = tracking(row)
    runs, run = [], [row[0]]
    for char in row[1:]:
        if char.x0 - run[-1].x1 - spaced > COLUMN_GAP * char.size:
            runs.append(run)
            run = []
        run.append(char)
    runs.append(run)
    return runs


def _stack_vertical(singles: list[Char]) -> tuple[list[Line], list[Char]]:
    """Large lone characters stacked in a column become vertical lines; the rest stay alone."""
    lines, rest = [], []
    singles.sort(key=lambda c: (round(c.x0), c.top))
    used = set()
    for i, char in enumerate(singles):
        if i in used:
            continue
        stack, last = [char], char
        for j in range(i + 1, len(singles)):
            other = singles[j]
            if j in used or abs(other.x0 - last.x0) > 0.2 * last.size or other.size != last.size:
                continue
            if 0 <= other.top - last.bottom < VERTICAL_GAP * last.size:
                stack.append(other)
                used.add(j)
                last = other
        if len(stack) >= VERTICAL_MIN:
            lines.append(Line(stack, vertical=True))
        else:
            rest.extend(stack)
    return lines, rest


def read_lines(chars: list[Char], body: float) -> list[Line]:
    """The page's lines, top to bottom and left to right."""
    lines, singles = [], []
    for row in _rows(chars):
        for run in _runs(row):
            if len(run) == 1 and run[0].size >= VERTICAL_SIZE * body:
                singles.append(run[0])
            else:
                lines.append(Line(run))
    vertical, rest = _stack_vertical(singles)
    lines += vertical + [Line([char]) for char in rest]
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines
