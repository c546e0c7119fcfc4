"""The topic-change signal: lexical cohesion, as in TextTiling. Pure Python.

A subhead's story goes on in the same words; a new story brings its own. The signal compares the
character pairs of the story so far (its kicker and headline and its last ``2 × cohesion_window``
characters) with those of the text after a run of title lines (up to ``cohesion_window``
characters of prose, titles and captions): the cosine of the two pair counts. Below
``cohesion_low`` the run gets ``weights.topic_change``, below ``cohesion_fair``
``weights.topic_fair``. A story shorter than ``cohesion_short`` counts only when the two share
almost nothing (below ``cohesion_none``); one shorter than ``cohesion_min_before``, or too little
text after the run (``cohesion_min_after``), counts nothing.

Both windows slide forward as the page is walked, and their pair counts, norms and dot product
are kept up to date as lines enter and leave them, so each line is counted a bounded number of
times: the signal costs time linear in the page, however many title lines it judges.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter, deque
from itertools import repeat

from newsroom.text import nfkc

from .lines import LineKind

# Pairs with these say nothing about a topic (的发, 中国, 我们).
FUNCTION_CHARACTERS = frozenset(
    "的了是在和有为一不这中国人大我们他她它与及等也就都而以对上下个年月日将从到被把让"
)
# Two word characters in a row, neither a function character: every pair of every content word
# (overlapping, by a lookahead), in one pass of the regular expression engine.
_CONTENT = r"[^\W_" + "".join(sorted(FUNCTION_CHARACTERS)) + "]"
CONTENT_PAIRS = re.compile(f"(?=({_CONTENT}{_CONTENT}))")
# The kinds of line the text after a run is read from.
AFTER_KINDS = frozenset((LineKind.PARAGRAPH, LineKind.DATELINE, LineKind.TITLE, LineKind.CAPTION))


class Pairs:
    """A text's character pairs, counted: the pairs, their counts, and the sum of the counts'
    squares (what a window's norm changes by)."""

    __slots__ = ("counts", "keys", "squares")

    def __init__(self, text: str):
        found = Counter(CONTENT_PAIRS.findall(nfkc(text)))
        self.keys = tuple(found)
        self.counts = tuple(found.values())
        self.squares = sum(map(operator.mul, self.counts, self.counts))


def pairs(text: str) -> Pairs:
    return Pairs(text)


class _Window:
    """A bag of character pairs with its squared norm and its length in characters. The loops
    run in the interpreter's C code (map / sum / dict.update), not one bytecode step per pair; a
    pair taken away keeps its entry at zero (a page has few distinct pairs)."""

    def __init__(self):
        self.counts: dict[str, int] = {}
        self.norm = 0
        self.length = 0

    def add(self, found: Pairs, length: int, other: _Window) -> int:
        """Add a text's pairs; return the change of the dot product with ``other``."""
        keys, counts = found.keys, found.counts
        befores = list(map(self.counts.get, keys, repeat(0)))
        self.counts.update(zip(keys, map(operator.add, befores, counts), strict=True))
        self.norm += found.squares + 2 * sum(map(operator.mul, befores, counts))
        self.length += length
        return sum(map(operator.mul, counts, map(other.counts.get, keys, repeat(0))))

    def remove(self, found: Pairs, length: int, other: _Window) -> int:
        """Take a text's pairs away; return the change of the dot product with ``other``."""
        keys, counts = found.keys, found.counts
        befores = list(map(self.counts.__getitem__, keys))
        self.counts.update(zip(keys, map(operator.sub, befores, counts), strict=True))
        self.norm += found.squares - 2 * sum(map(operator.mul, befores, counts))
        self.length -= length
        return -sum(map(operator.mul, counts, map(other.counts.get, keys, repeat(0))))


class _Piece:
    """A text in a window; its pairs are counted when a judgement first needs them (a whole
    line's pairs are kept on the line, for the other window)."""

    __slots__ = ("line", "pairs", "text")

    def __init__(self, text: str, line):
        self.text, self.line, self.pairs = text, line, None

    def counted(self) -> Pairs:
        if self.pairs is None:
            line = self.line
            if line is not None and line.text == self.text:
                if line.pairs is None:
                    line.pairs = Pairs(line.text)
                self.pairs = line.pairs
            else:
                self.pairs = Pairs(self.text)
        return self.pairs


class _Side:
    """One window: its pieces in order, their length, and the bag of the pieces counted so far
    (those not counted yet are always the last ones)."""

    def __init__(self):
        self.pieces: deque[_Piece] = deque()
        self.length = 0
        self.counted = 0
        self.bag = _Window()

    def push(self, piece: _Piece) -> None:
        self.pieces.append(piece)
        self.length += len(piece.text)

    def pop(self, other: _Side) -> int:
        """Drop the oldest piece; return the change of the dot product with ``other``."""
        piece = self.pieces.popleft()
        self.length -= len(piece.text)
        if not self.counted:
            return 0
        self.counted -= 1
        return self.bag.remove(piece.pairs, len(piece.text), other.bag)

    def count(self, other: _Side) -> int:
        """Count the pieces not counted yet; return the change of the dot product."""
        change = 0
        for index in range(self.counted, len(self.pieces)):
            piece = self.pieces[index]
            change += self.bag.add(piece.counted(), len(piece.text), other.bag)
        self.counted = len(self.pieces)
        return change


class Cohesion:
    def __init__(self, lines, weights, limits):
        self.lines = lines
        self.weights = weights
        self.limits = limits
        self.tail, self.after = _Side(), _Side()  # the story so far, the text after the run
        self.dot = 0
        self.title: _Piece | None = None
        self.title_length = 0
        self.start = self.end = 0  # the after window holds lines[start:end]

    def reset(self, title: str) -> None:
        """A new story opens with this kicker and headline (counted when a judgement needs it)."""
        self.tail = _Side()
        self.dot = 0
        self.title = _Piece(title, None) if title.strip() else None
        self.title_length = len(title)

    def _count_title(self) -> None:
        if self.title is not None:
            self.dot += self.tail.bag.add(self.title.counted(), 0, self.after.bag)
            self.title = None

    def add(self, text: str, line=None) -> None:
        """Text the story's body gained (a paragraph, the rest of a cut one, a subhead), from
        ``line`` when it is that line's text; a long text counts by its last characters."""
        window = 2 * self.limits.cohesion_window
        self.tail.push(_Piece(text if len(text) <= window else text[-window:], line))

    def judge(self, end: int) -> float:
        """The weight of the topic change at a run of title lines ending before ``lines[end]``."""
        self._slide_tail()
        self._slide_after(end)
        before_length = self.title_length + 2 + self.tail.length
        limits, weights = self.limits, self.weights
        if before_length < limits.cohesion_min_before or self.after.length < limits.cohesion_min_after:
            return 0
        self._count_title()
        self.dot += self.tail.count(self.after)
        self.dot += self.after.count(self.tail)
        norm = self.tail.bag.norm * self.after.bag.norm
        similarity = self.dot / math.sqrt(norm) if norm else 0.0
        if before_length < limits.cohesion_short:
            # A few sentences share few words by chance: only no common words at all counts.
            return weights.topic_change if similarity < limits.cohesion_none else 0
        if similarity < limits.cohesion_low:
            return weights.topic_change
        return weights.topic_fair if similarity < limits.cohesion_fair else 0

    def _slide_tail(self) -> None:
        window, tail = 2 * self.limits.cohesion_window, self.tail
        while tail.pieces and tail.length - len(tail.pieces[0].text) >= window:
            self.dot += tail.pop(self.after)
        if tail.pieces and not tail.counted and tail.length > window:
            # The oldest piece counts by its last characters only, up to the window's size.
            oldest = tail.pieces[0]
            keep = window - (tail.length - len(oldest.text))
            tail.pieces[0] = _Piece(oldest.text[-keep:], None)
            tail.length -= len(oldest.text) - keep

    def _slide_after(self, end: int) -> None:
        lines, window = self.lines, self.limits.cohesion_window
        if self.end <= end:
            # The walk has passed the whole window: start a new one (nothing in common yet).
            self.after = _Side()
            self.dot = 0
            self.start = self.end = end
        after = self.after
        while self.start < end:
            self.dot += after.pop(self.tail)
            self.start += 1
        while self.end < len(lines) and lines[self.end].kind in AFTER_KINDS and after.length < window:
            line = lines[self.end]
            room = window - after.length
            after.push(_Piece(line.text if len(line.text) <= room else line.text[:room], line))
            self.end += 1
