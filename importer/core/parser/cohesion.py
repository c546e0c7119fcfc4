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

A page of tiny lines under subheads (issue 14's dump) is judged at every title line, both windows
moving a line or two each time: a judgement is then a few dozen pairs moved, and the steps around
them count. So a text's pairs are read once (a line is in both windows in turn) and forgotten
when it leaves the story's window, and each of a judgement's three steps (slide the story's
window, slide the text after the run, count what entered) works on its state in locals.
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


class Cohesion:
    """The two windows, each a deque of its texts in order with their length in characters and
    the bag of the pairs of its first ``*_counted`` texts (those counted so far; the ones not
    counted yet are always the last), with the bag's squared norm; and the two bags' dot product.
    A pair taken away keeps its entry at zero (a page has few distinct pairs).

    A text's pairs are counted when a judgement first needs them, one pair at a time: a text
    holds few pairs more than once, and the loop's steps cost less than building a count of each
    text. Each step adds the count it found to a sum, and the norm moves by twice that sum and
    the number of pairs, once per window: (n ± 1)² - n² = ±2n + 1, the same integer."""

    def __init__(self, lines, weights, limits):
        self.lines = lines
        self.weights = weights
        self.limits = limits
        self.read: dict[str, tuple[str, ...]] = {}  # the pairs of the windows' texts, once read
        self.tail: deque[str] = deque()  # the story so far
        self.tail_counts: dict[str, int] = {}
        self.tail_counted = self.tail_length = self.tail_norm = 0
        self.after: deque[str] = deque()  # the text after the run: lines[start:end], the last cut
        self.after_counts: dict[str, int] = {}
        self.after_counted = self.after_length = self.after_norm = 0
        self.start = self.end = 0
        self.dot = 0
        self.title = ""  # the story's kicker and headline, until a judgement counts them
        self.title_length = 0

    def pairs_of(self, text: str) -> tuple[str, ...]:
        """A text's pairs, read once."""
        found = self.read.get(text)
        if found is None:
            found = self.read[text] = pairs(text)
        return found

    def reset(self, title: str) -> None:
        """A new story opens with this kicker and headline (counted when a judgement needs it)."""
        read = self.read
        for text in self.tail:
            read.pop(text, None)
        self.tail.clear()
        self.tail_counts = {}
        self.tail_counted = self.tail_length = self.tail_norm = self.dot = 0
        self.title = title if title.strip() else ""
        self.title_length = len(title)

    def add(self, text: str) -> None:
        """Text the story's body gained (a paragraph, the rest of a cut one, a subhead); a long
        text counts by its last characters."""
        window = 2 * self.limits.cohesion_window
        if len(text) > window:
            text = text[-window:]
        self.tail.append(text)
        self.tail_length += len(text)

    def judge(self, end: int) -> float:
        """The weight of the topic change at a run of title lines ending before ``lines[end]``."""
        self._slide_tail()
        self._slide_after(end)
        limits = self.limits
        before_length = self.title_length + 2 + self.tail_length
        if before_length < limits.cohesion_min_before or self.after_length < limits.cohesion_min_after:
            return 0
        self._count()
        norm = self.tail_norm * self.after_norm
        similarity = self.dot / math.sqrt(norm) if norm else 0.0
        weights = self.weights
        if before_length < limits.cohesion_short:
            # A few sentences share few words by chance: only no common words at all counts.
            return weights.topic_change if similarity < limits.cohesion_none else 0
        if similarity < limits.cohesion_low:
            return weights.topic_change
        return weights.topic_fair if similarity < limits.cohesion_fair else 0

    def _slide_tail(self) -> None:
        """The story so far: its oldest texts leave while the others fill the window."""
        tail, window, length = self.tail, 2 * self.limits.cohesion_window, self.tail_length
        if tail and length - len(tail[0]) >= window:
            read, tail_counts, after_counts = self.read, self.tail_counts, self.after_counts
            counted, total, size, dot = self.tail_counted, 0, 0, self.dot
            while tail and length - len(tail[0]) >= window:
                text = tail.popleft()
                length -= len(text)
                # Done with: its pairs are forgotten, so that the texts read stay as few as the
                # windows hold (a page's worth of them slowed the whole walk by the processor's
                # cache misses); an equal text still in a window is read again.
                found = read.pop(text, None)
                if counted:
                    counted -= 1
                    if found is None:
                        found = pairs(text)
                    size += len(found)
                    for pair in found:
                        before = tail_counts[pair]
                        tail_counts[pair] = before - 1
                        total += before
                        dot -= after_counts.get(pair, 0)
            self.tail_counted, self.dot = counted, dot
            self.tail_norm -= 2 * total - size
        if tail and not self.tail_counted and length > window:
            # The oldest text counts by its last characters only, up to the window's size.
            oldest = tail[0]
            keep = window - (length - len(oldest))
            tail[0] = oldest[-keep:]
            length -= len(oldest) - keep
        self.tail_length = length

    def _slide_after(self, end: int) -> None:
        """The text after the run: the lines before ``end`` leave, the next ones fill the window."""
        after, window, length = self.after, self.limits.cohesion_window, self.after_length
        start, stop, dot = self.start, self.end, self.dot
        if stop <= end:
            # The walk has passed the whole window: start a new one (nothing in common yet).
            after.clear()
            self.after_counts = {}
            self.after_counted = self.after_norm = dot = length = 0
            start = stop = end
        elif start < end:
            read, tail_counts, after_counts = self.read, self.tail_counts, self.after_counts
            counted, total, size = self.after_counted, 0, 0
            for _ in range(end - start):
                text = after.popleft()
                length -= len(text)
                if counted:
                    counted -= 1
                    found = read.get(text) or self.pairs_of(text)
                    size += len(found)
                    for pair in found:
                        before = after_counts[pair]
                        after_counts[pair] = before - 1
                        total += before
                        dot -= tail_counts.get(pair, 0)
            self.after_counted = counted
            self.after_norm -= 2 * total - size
            start = end
        lines = self.lines
        while stop < len(lines) and length < window and lines[stop].kind in AFTER_KINDS:
            text = lines[stop].text
            if len(text) > window - length:
                text = text[: window - length]
            after.append(text)
            length += len(text)
            stop += 1
        self.start, self.end, self.after_length, self.dot = start, stop, length, dot

    def _count(self) -> None:
        """Count what entered the windows since the last count (and the kicker and headline)."""
        read, pairs_of, tail, after = self.read, self.pairs_of, self.tail, self.after
        tail_counts, after_counts, dot = self.tail_counts, self.after_counts, self.dot
        texts = [read.get(tail[i]) or pairs_of(tail[i]) for i in range(self.tail_counted, len(tail))]
        if self.title:
            texts.append(pairs(self.title))
            self.title = ""
        total = size = 0
        for found in texts:
            size += len(found)
            for pair in found:
                before = tail_counts.get(pair, 0)
                tail_counts[pair] = before + 1
                total += before
                dot += after_counts.get(pair, 0)
        self.tail_counted = len(tail)
        self.tail_norm += 2 * total + size
        total = size = 0
        for index in range(self.after_counted, len(after)):
            text = after[index]
            found = read.get(text) or pairs_of(text)
            size += len(found)
            for pair in found:
                before = after_counts.get(pair, 0)
                after_counts[pair] = before + 1
                total += before
                dot += tail_counts.get(pair, 0)
        self.after_counted = len(after)
        self.after_norm += 2 * total + size
        self.dot = dot
