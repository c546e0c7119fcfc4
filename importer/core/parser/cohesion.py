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
import re
from collections import deque

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


def pairs(text: str) -> tuple[str, ...]:
    """A text's character pairs, in order, each as often as it occurs."""
    return tuple(CONTENT_PAIRS.findall(nfkc(text)))


def _pairs_of(text: str, line) -> tuple[str, ...]:
    """The pairs of a window's text; a whole line's are counted once and kept on the line."""
    if line is None or line.text != text:
        return pairs(text)
    if line.pairs is None:
        line.pairs = pairs(text)
    return line.pairs


class _Side:
    """One window: its texts in order, each with its line when it is that line's whole text, their
    length in characters, and the bag of the character pairs of the oldest texts (those counted
    so far; the ones not counted yet are always the last), with the bag's squared norm.

    A text's pairs are counted when a judgement first needs them, one pair at a time: a text
    holds few pairs more than once, and the loop's steps cost less than building a count of
    each text. A pair taken away keeps its entry at zero (a page has few distinct pairs)."""

    __slots__ = ("counted", "counts", "length", "norm", "texts")

    def __init__(self):
        self.texts: deque[tuple[str, object]] = deque()
        self.counted: deque[tuple[str, ...]] = deque()  # the pairs of the first texts
        self.length = 0
        self.counts: dict[str, int] = {}
        self.norm = 0

    def push(self, text: str, line) -> None:
        self.texts.append((text, line))
        self.length += len(text)

    def pop(self, other: _Side) -> int:
        """Drop the oldest text; return the change of the dot product with ``other``."""
        text, _line = self.texts.popleft()
        self.length -= len(text)
        if not self.counted:
            return 0
        counts, theirs, norm, dot = self.counts, other.counts.get, self.norm, 0
        for pair in self.counted.popleft():
            before = counts[pair]
            counts[pair] = before - 1
            norm -= 2 * before - 1
            dot -= theirs(pair, 0)
        self.norm = norm
        return dot

    def add(self, found: tuple[str, ...], other: _Side) -> int:
        """Add pairs to the bag; return the change of the dot product with ``other``."""
        counts, theirs, norm, dot = self.counts, other.counts.get, self.norm, 0
        for pair in found:
            before = counts.get(pair, 0)
            counts[pair] = before + 1
            norm += 2 * before + 1
            dot += theirs(pair, 0)
        self.norm = norm
        return dot

    def count(self, other: _Side) -> int:
        """Count the texts not counted yet; return the change of the dot product."""
        change, texts, counted = 0, self.texts, self.counted
        for index in range(len(counted), len(texts)):
            found = _pairs_of(*texts[index])
            counted.append(found)
            change += self.add(found, other)
        return change


class Cohesion:
    def __init__(self, lines, weights, limits):
        self.lines = lines
        self.weights = weights
        self.limits = limits
        self.tail, self.after = _Side(), _Side()  # the story so far, the text after the run
        self.dot = 0
        self.title = ""  # the story's kicker and headline, until a judgement counts them
        self.title_length = 0
        self.start = self.end = 0  # the after window holds lines[start:end]

    def reset(self, title: str) -> None:
        """A new story opens with this kicker and headline (counted when a judgement needs it)."""
        self.tail = _Side()
        self.dot = 0
        self.title = title if title.strip() else ""
        self.title_length = len(title)

    def add(self, text: str, line=None) -> None:
        """Text the story's body gained (a paragraph, the rest of a cut one, a subhead), from
        ``line`` when it is that line's text; a long text counts by its last characters."""
        window = 2 * self.limits.cohesion_window
        self.tail.push(text if len(text) <= window else text[-window:], line)

    def judge(self, end: int) -> float:
        """The weight of the topic change at a run of title lines ending before ``lines[end]``."""
        self._slide_tail()
        self._slide_after(end)
        before_length = self.title_length + 2 + self.tail.length
        limits, weights = self.limits, self.weights
        if before_length < limits.cohesion_min_before or self.after.length < limits.cohesion_min_after:
            return 0
        if self.title:
            self.dot += self.tail.add(pairs(self.title), self.after)
            self.title = ""
        self.dot += self.tail.count(self.after)
        self.dot += self.after.count(self.tail)
        norm = self.tail.norm * self.after.norm
        similarity = self.dot / math.sqrt(norm) if norm else 0.0
        if before_length < limits.cohesion_short:
            # A few sentences share few words by chance: only no common words at all counts.
            return weights.topic_change if similarity < limits.cohesion_none else 0
        if similarity < limits.cohesion_low:
            return weights.topic_change
        return weights.topic_fair if similarity < limits.cohesion_fair else 0

    def _slide_tail(self) -> None:
        window, tail = 2 * self.limits.cohesion_window, self.tail
        texts = tail.texts
        while texts and tail.length - len(texts[0][0]) >= window:
            self.dot += tail.pop(self.after)
        if texts and not tail.counted and tail.length > window:
            # The oldest text counts by its last characters only, up to the window's size.
            oldest = texts[0][0]
            keep = window - (tail.length - len(oldest))
            texts[0] = (oldest[-keep:], None)
            tail.length -= len(oldest) - keep

    def _slide_after(self, end: int) -> None:
        lines, window = self.lines, self.limits.cohesion_window
        if self.end <= end:
            # The walk has passed the whole window: start a new one (nothing in common yet).
            self.after = _Side()
            self.dot = 0
            self.start = self.end = end
        after, tail = self.after, self.tail
        while self.start < end:
            self.dot += after.pop(tail)
            self.start += 1
        while self.end < len(lines) and lines[self.end].kind in AFTER_KINDS and after.length < window:
            text = lines[self.end].text
            room = window - after.length
            after.push(text if len(text) <= room else text[:room], lines[self.end])
            self.end += 1
