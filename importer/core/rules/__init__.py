"""What one line of a page dump is, judged on its own. Pure Python: no Django import.

Each recogniser looks at a single line and answers a narrow question: is this a continuation
marker (`markers`), a dateline or a source line (`datelines`), a byline (`bylines`), a photo
credit (`credits`), a title-like line or an editor's note label (`titles`), a fact of a box or an
interview turn (`boxes`)? The parser weighs the
answers of neighbouring lines against each other; nothing here decides an article boundary.

What differs between papers (role words, agencies, source-line forms, credit words, note labels,
lengths) comes from a `Profile`; `rules_for(profile)` compiles it once into a `Rules` object. The
module-level functions are those of the default profile. Every pattern is anchored or has bounded
repetition, so a line of a megabyte costs linear time.
"""

from __future__ import annotations

from functools import lru_cache

from ..profile import DEFAULT, Profile
from ..text import FURNITURE_CHARACTERS
from .boxes import Boxes
from .bylines import NAME_RE, Bylines, is_named_portrait, is_person_name
from .credits import Credits
from .cues import Cues
from .datelines import Datelines, Lead
from .forms import (
    CLAUSE_END,
    CLOSERS,
    CLOSING_CREDIT,
    CLOSING_CREDIT_CUES,
    MID_SENTENCE,
    QUOTED,
    SENTENCE_END,
    VISUAL_BREAK,
    balanced,
    bracket_label,
    column_label,
    cut_inside,
    ends_sentence,
    has_clause,
    is_numbered,
    kicker_split,
    mostly_latin,
    without_label,
)
from .markers import MARKER_CUES, Markers, chinese_number, page_ref, take_markers
from .titles import TitleForm, Titles


class Rules:
    """The line rules of one profile."""

    def __init__(self, profile: Profile):
        self.profile = profile
        conventions, limits = profile.conventions, profile.limits
        self.bylines = Bylines(conventions, limits)
        self.datelines = Datelines(conventions, limits, self.bylines)
        self.credits = Credits(conventions, limits)
        self.titles = Titles(conventions, limits)
        self.boxes = Boxes(conventions)
        self.parse_bylines = self.bylines.parse
        self.take_dateline = self.datelines.take_dateline
        self.is_source = self.datelines.is_source
        self.source_at_end = self.datelines.source_at_end
        self.opens_like_wire = self.datelines.opens_like_wire
        self.is_credit = self.credits.is_credit
        self.split_caption = self.credits.split_caption
        self.title_form = self.titles.title_form
        self.note_label = self.titles.note_label
        self.is_column_label = self.titles.is_column_label
        self.is_fact = self.boxes.is_fact
        self.is_fact_heading = self.boxes.is_fact_heading
        self.is_contact = self.boxes.is_contact
        self.is_furniture_title = self.boxes.is_furniture_title
        self.is_turn = self.boxes.is_turn
        # A line holding none of these is no page furniture, holds no continuation marker, and is
        # taken by no rule of `parser.lines.classify` but its title form (`cues`).
        self.cues = (
            Cues(characters=FURNITURE_CHARACTERS)
            | MARKER_CUES
            | self.titles.note_cues
            | self.credits.cues
            | CLOSING_CREDIT_CUES
            | self.datelines.dateline_cues
            | self.datelines.source_cues
            | self.bylines.standalone_cues
            | self.boxes.fact_cues
        ).compile()


@lru_cache(maxsize=32)
def rules_for(profile: Profile) -> Rules:
    return Rules(profile)


DEFAULT_RULES = rules_for(DEFAULT)
ROLE_LABELS = DEFAULT.conventions.role_labels
ROLES = dict(ROLE_LABELS)
DATELINE = DEFAULT_RULES.datelines.dateline
parse_bylines = DEFAULT_RULES.parse_bylines
take_dateline = DEFAULT_RULES.take_dateline
is_source = DEFAULT_RULES.is_source
is_credit = DEFAULT_RULES.is_credit
split_caption = DEFAULT_RULES.split_caption
title_form = DEFAULT_RULES.title_form
note_label = DEFAULT_RULES.note_label

__all__ = [
    "CLAUSE_END",
    "CLOSERS",
    "CLOSING_CREDIT",
    "DATELINE",
    "DEFAULT_RULES",
    "MID_SENTENCE",
    "NAME_RE",
    "QUOTED",
    "ROLES",
    "ROLE_LABELS",
    "SENTENCE_END",
    "VISUAL_BREAK",
    "Lead",
    "Markers",
    "Rules",
    "TitleForm",
    "balanced",
    "bracket_label",
    "chinese_number",
    "column_label",
    "cut_inside",
    "ends_sentence",
    "has_clause",
    "is_credit",
    "is_named_portrait",
    "is_numbered",
    "is_person_name",
    "is_source",
    "kicker_split",
    "mostly_latin",
    "note_label",
    "page_ref",
    "parse_bylines",
    "rules_for",
    "split_caption",
    "take_dateline",
    "take_markers",
    "title_form",
    "without_label",
]
