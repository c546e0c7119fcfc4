"""Title-like lines and editor's note labels. Pure Python.

`title_form` says how a line could serve in a title block, judged on its own; the parser weighs it
against the lines around it. Lengths are the profile's `Limits` (`max_title_length`,
`max_title_with_label`, `short_title_with_comma`); the note labels its `note_labels`; a line that
is one of its `column_labels` (the paper's column names) is a strong title line, the column.
"""

from __future__ import annotations

import re
from enum import StrEnum

from .cues import ANYTHING, Cues
from .forms import (
    CLAUSE_END,
    CLOSERS,
    SENTENCE_END,
    balanced,
    bracket_label,
    column_label,
    has_clause,
    kicker_split,
    without_label,
    words_pattern,
)


class TitleForm(StrEnum):
    """How a line could serve in a title block (`Titles.title_form`)."""

    STRONG = "strong"  # certainly a title line: a —— kicker or subheadline, a column label
    TITLE = "title"  # short, balanced, no sentence inside
    WEAK = "weak"  # long with commas: a title line only next to other title lines
    SUBHEAD = "subhead"  # ends with a colon (山西：): a heading inside a story


# Read from its class, an enum member costs ten times a global (Python 3.11): `title_form`, asked
# of every line, returns these.
STRONG, TITLE, WEAK, SUBHEAD = TitleForm.STRONG, TitleForm.TITLE, TitleForm.WEAK, TitleForm.SUBHEAD


class Titles:
    def __init__(self, conventions, limits):
        self.longest = limits.max_title_length
        self.longest_with_label = limits.max_title_with_label
        self.short_with_comma = limits.short_title_with_comma
        self.dash_with_clause = limits.dash_title_with_clause
        self.column_labels = frozenset(_squeezed(label) for label in conventions.column_labels)
        labels = words_pattern(conventions.note_labels)
        self.note = re.compile(rf"[【\[（(]?\s{{0,2}}({labels})\s{{0,2}}[】\]）)]?\s{{0,2}}[:：]?\s{{0,2}}")
        # A note opens with one of its labels (with none, the empty group accepts any line). The
        # title form needs no cue: it judges every line the other rules leave.
        self.note_cues = Cues.initials(conventions.note_labels) if labels else ANYTHING

    # complexity: each printed title form is one early return, in the order they are tried
    def title_form(self, line: str) -> TitleForm | None:
        """How a line could serve in a title block, or None for prose.

        ``STRONG``: certainly a title line (a kicker ending with ``——``, a subheadline starting
        with ``——``, a headline with a bracketed column label, a column label in 【】); ``TITLE``:
        short, balanced, with no sentence inside; ``WEAK``: long with commas, a title only next to
        other title lines; ``SUBHEAD``: ends with a colon (``山西：``), a heading inside a story.
        """
        text = line.strip()
        if not text or len(text) > self.longest_with_label or not balanced(text):
            return None
        core = without_label(text)
        if len(core) > self.longest or "。" in core:
            return None
        last = core.rstrip(CLOSERS)[-1:]
        if last in CLAUSE_END:
            return None
        if last in ":：":
            return SUBHEAD if len(core) <= self.short_with_comma else None
        if last in SENTENCE_END and not (len(core) <= self.short_with_comma and not has_clause(core[:-1])):
            return None
        if self.column_labels and self.is_column_label(text):
            return STRONG
        if text.startswith("——") or (text.endswith("——") and len(text) > 2):
            return STRONG if not has_clause(text) or len(text) <= self.dash_with_clause else WEAK
        # Each shape's own first test before its call: a closing bracket, 【, a dash.
        if (text[-1] in "）)" and bracket_label(text) and len(core) >= 2) or (
            "【" in text and column_label(text)
        ):
            return STRONG
        if "——" in text and kicker_split(text) and not has_clause(text):
            return STRONG
        if len(core) > self.short_with_comma and has_clause(core):
            return WEAK
        return TITLE

    def is_column_label(self, line: str) -> bool:
        """One of the paper's column names (its profile's `column_labels`), spaces aside."""
        return bool(self.column_labels) and _squeezed(line) in self.column_labels

    def note_label(self, line: str) -> tuple[bool, str]:
        """(True, text after the label) when the line opens an editor's note."""
        match = self.note.match(line)
        if not match:
            return False, line
        rest = line[match.end() :].strip()
        # 编后 also starts ordinary words (编后记 is a piece of its own); only the bare label counts.
        if match.group(1) == "编后" and rest and not match.group(0).rstrip().endswith((":", "：")):
            return False, line
        if rest and not match.group(0).rstrip().endswith((":", "：", "】", "]", "）", ")")):
            return False, line
        return True, rest


def _squeezed(text: str) -> str:
    return "".join(text.split())
