"""Cues: what a line rule must find in a line before it can accept it. Pure Python.

Most lines of a page are judged by their title form alone: no other rule accepts them. Each rule
states its cues, taken from its own patterns and the profile's word lists (a byline needs one of
the role words, a dateline 讯 or 电, a credit its last character or a separator), and `Rules.cues`
joins them into one pattern: a line in which it finds nothing is ruled out by every rule with one
search instead of a call to each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cues:
    """One of ``characters``, or a match of one of ``patterns``; ``anything`` for a rule that may
    accept a line holding neither (an empty word list in a profile can make a rule's pattern
    accept any text)."""

    characters: str = ""
    patterns: tuple[str, ...] = ()
    anything: bool = False

    @classmethod
    def initials(cls, words) -> Cues:
        """The cues of a rule that needs one of ``words``: a line holding a word holds its first
        character."""
        return cls(characters="".join(word[0] for word in words if word))

    def __or__(self, other: Cues) -> Cues:
        return Cues(
            self.characters + other.characters,
            self.patterns + other.patterns,
            self.anything or other.anything,
        )

    def compile(self) -> re.Pattern | None:
        """One pattern that finds a cue in a line; None when a line holding none may be accepted."""
        if self.anything:
            return None
        characters = "".join(sorted(set(self.characters)))
        alternatives = [f"[{re.escape(characters)}]"] if characters else []
        return re.compile("|".join(alternatives + list(self.patterns)))


ANYTHING = Cues(anything=True)
