"""Whether two headlines name the same story: a continued part repeats the first part's headline,
often shortened. Pure Python. The parser pairs parts by it (importer.core.parser.link), and so does
the import service when it links stored parts (importer.services.continuations).
"""

from __future__ import annotations

import difflib
import re

from newsroom.text import nfkc

# Two headlines name the same story from this similarity on (a profile may set its own:
# Limits.same_story).
SAME_STORY = 0.6
# What `similarity` gives a repeated headline: the same words, or one within the other.
IDENTICAL = 2.0
CONTAINED = 1.5

_NOT_A_WORD = re.compile(r"\W+")


def headline_key(headline: str) -> str:
    """The headline's words alone: width-folded, without spaces or punctuation."""
    return _NOT_A_WORD.sub("", nfkc(headline or ""))


def similarity(first: str, second: str) -> float:
    """How well a continued part's repeated headline matches the first part's: `IDENTICAL`,
    `CONTAINED` (a shortened repeat), else the share of characters in common (0 to 1)."""
    a, b = headline_key(first), headline_key(second)
    if not a or not b:
        return 0.0
    if a == b:
        return IDENTICAL
    if a in b or b in a:
        return CONTAINED
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def same_story(first: str, second: str, threshold: float = SAME_STORY) -> bool:
    return similarity(first, second) >= threshold
