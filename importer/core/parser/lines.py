"""Pass 1: every non-blank line of a dump becomes a `Line`, judged on its own. Pure Python.

Page furniture (masthead date, page header, 责任编辑 lines) is taken out for the page's name and
editor; continuation markers are cut out and remembered; then the line is classified by the rules
of the profile (`rules`): editor's note label, photo credit or caption, standalone byline,
dateline paragraph, title-like line, or prose. Blocks made of a Latin slogan and short lines are
advertisements. The pass also records, for every line, where the next title line and the next
line that is neither title nor prose stand, so that the page walk looks ahead in constant time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from .. import rules as forms
from ..draft import BylineDraft, PageRef
from ..rules import Rules, TitleForm
from ..text import read_furniture

# A value of a box's fact (某某馆：周一上午) is at most this long.
MAX_VALUE_LENGTH = 40


class LineKind(StrEnum):
    """What a line of a dump is, judged on its own (`classify`) and by its neighbours."""

    TITLE = "title"
    PARAGRAPH = "para"
    DATELINE = "dateline"
    BYLINE = "byline"
    NOTE = "note"  # an editor's note label (编者按)
    CAPTION = "caption"
    CREDIT = "credit"
    SOURCE = "source"  # a source line closing a wire story (据新华社)
    FACT = "fact"  # a fact of a box (时间：…)
    MARKER = "marker"  # a continuation marker alone on its line
    ADVERTISEMENT = "ad"


# Python 3.11 looks an enum's members up through EnumType.__getattr__, a tenth of a microsecond
# each: the loops over every line of a page read the kinds and the form they test from these.
TITLE, PARAGRAPH, FACT, NOTE = LineKind.TITLE, LineKind.PARAGRAPH, LineKind.FACT, LineKind.NOTE
WEAK = TitleForm.WEAK


@dataclass(eq=False, slots=True)
class Line:
    text: str
    raw: str
    kind: LineKind
    block: int
    blank_before: int
    lines_in_block: int = 1
    form: TitleForm | None = None
    lead: forms.Lead | None = None
    bylines: list[BylineDraft] | None = None
    caption: tuple[str, str] | None = None
    continued_to: PageRef | None = None
    continued_from: PageRef | None = None
    advertisement: int | None = None  # lines of one advertisement share this number
    title_like: bool = False  # a title line in its context (see `mark_title_like`)
    candidate: bool = False  # shaped like a title but for commas, a quote, a question or a dash


@dataclass
class Furniture:
    name: str = ""
    editor: str = ""


def classify(text: str, rules: Rules) -> tuple[LineKind, dict]:
    is_note, rest = rules.note_label(text)
    if is_note:
        return LineKind.NOTE, {"text": rest}
    if rules.is_credit(text):
        return LineKind.CREDIT, {}
    caption = rules.split_caption(text)
    if caption:
        return LineKind.CAPTION, {"caption": caption}
    if forms.CLOSING_CREDIT.match(text):
        return LineKind.PARAGRAPH, {}
    if rules.is_source(text):
        return LineKind.SOURCE, {}
    bylines = rules.parse_bylines(text, standalone=True)
    if bylines:
        return LineKind.BYLINE, {"bylines": bylines}
    lead = rules.take_dateline(text)
    if lead:
        return LineKind.DATELINE, {"lead": lead}
    if rules.is_fact(text):
        return LineKind.FACT, {}
    form = rules.title_form(text)
    if form and form != TitleForm.WEAK:
        return LineKind.TITLE, {"form": form}
    return LineKind.PARAGRAPH, {"form": form}


def read_lines(text: str, furniture: Furniture, rules: Rules) -> list[Line]:
    lines: list[Line] = []
    block, blank, new_block = 0, 0, True
    cues, title_form = rules.cues, rules.title_form
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank += 1
            new_block = True
            continue
        if cues is not None and cues.search(stripped) is None:
            # No furniture, no marker and no rule but the title form can take it (`Rules.cues`).
            block += new_block
            form = title_form(stripped)
            kind = TITLE if form and form != WEAK else PARAGRAPH
            lines.append(Line(stripped, stripped, kind, block, blank, form=form))
            blank, new_block = 0, False
            continue
        found = read_furniture(stripped)
        if found is not None:
            furniture.name = furniture.name or found.name
            furniture.editor = furniture.editor or found.editor
            blank, new_block = blank + 1, True
            continue
        if new_block:
            block += 1
        markers = forms.take_markers(stripped)
        body = markers.text
        if body:
            kind, extra = classify(body, rules)
        else:
            kind, extra = LineKind.MARKER, {}
        if kind == NOTE:
            body = extra.pop("text")
        lines.append(
            Line(
                text=body,
                raw=stripped,
                kind=kind,
                block=block,
                blank_before=blank,
                continued_to=markers.continued_to,
                continued_from=markers.continued_from,
                **extra,
            )
        )
        blank, new_block = 0, False
    mark_facts(lines, rules)
    mark_blocks(lines)
    mark_title_like(lines, rules.profile.limits)
    return lines


def mark_title_like(lines: list[Line], limits) -> None:
    """Which lines serve as title lines in their context. A title line does; a kicker ending with
    ``——`` and a long line with commas only when a title line follows them (else they are prose
    running on); a line in quotation marks, a question or a line trailing off (a quote or
    question kicker, ``“我心脏不舒服……”``, ``……在哪里？``, ``过“神仙日子”、寻“世外桃源”……``)
    when a title-like line follows it. These candidates may also be title lines by where they
    stand in the page (`PageReader.title_like`)."""
    following = None
    for line in reversed(lines):
        kind, text = line.kind, line.text
        dash = kind == TITLE and text.endswith("——")
        weak = kind == PARAGRAPH and line.form == WEAK
        quote = (
            kind == PARAGRAPH
            and not weak
            and "。" not in text  # a quote or question holds no finished sentence
            and _quote_or_question(text, limits)
        )
        line.candidate = candidate = (dash or weak or quote) and not line.continued_to
        if kind == TITLE and not dash:
            line.title_like = True
        elif not candidate or following is None:
            line.title_like = False
        elif dash or weak:
            line.title_like = following.kind == TITLE
        else:
            line.title_like = following.title_like
        following = line


def _quote_or_question(text: str, limits) -> bool:
    if len(text) > limits.max_title_length or "。" in text:
        return False
    if forms.QUOTED.match(text) is not None:
        return True
    core = text.rstrip(forms.CLOSERS)
    return (text[-1] in "？?" or core.endswith(("……", "…"))) and forms.balanced(text)


def mark_facts(lines: list[Line], rules: Rules) -> None:
    """The line under a fact's bare label (``时间：`` over ``3月29日8:00``) is its value; a label
    printed without its colon heads the short values under it that have one (``坐诊时间`` over
    ``某某馆：周一上午；`` and ``某某馆：周五下午。``), each a fact of its own."""
    heading = False
    for line, following in pairwise(lines):
        text = following.text
        # A value holds a colon: the cheap test first, then its kind and length.
        value = (
            ("：" in text or ":" in text)
            and following.kind in (TITLE, PARAGRAPH, FACT)
            and len(text) <= MAX_VALUE_LENGTH
        )
        if value and (heading or (line.kind == TITLE and rules.is_fact_heading(line.text))):
            line.kind = following.kind = FACT
            heading = True
        else:
            heading = False
    for previous, line in pairwise(lines):
        if previous.kind == FACT and previous.text[-1:] in ":：" and line.kind in (TITLE, PARAGRAPH):
            line.kind = FACT


def mark_blocks(lines: list[Line]) -> None:
    """Block sizes, and advertisements: a slogan with a Latin line and no story.

    The slogan is a block of short lines (``建设全球一流现代银行集团`` over ``BUILD A FIRST-CLASS
    GLOBAL BANKING GROUP``), or, in a dump with a blank line after every line, a Chinese title
    line that opens a run and the Latin line right under it.
    """
    start, block = 0, lines[0].block if lines else 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or lines[index].block != block:
            # A line alone in its block keeps its size of one, and is no advertisement.
            if index - start > 1:
                group = lines[start:index]
                for line in group:
                    line.lines_in_block = len(group)
                if is_advertisement(group):
                    mark_advertisement(group)
            start = index
            block = lines[index].block if index < len(lines) else 0
    for index in range(1, len(lines)):
        line, previous = lines[index], lines[index - 1]
        if (
            line.kind == TITLE
            and previous.kind == TITLE
            and (index == 1 or lines[index - 2].kind != TITLE)  # it opens a run
            and forms.mostly_latin(line.text)
            and not forms.mostly_latin(previous.text)
        ):
            mark_advertisement([previous, line])


def mark_advertisement(group: list[Line]) -> None:
    for line in group:
        line.kind = LineKind.ADVERTISEMENT
        line.advertisement = group[0].block


def is_advertisement(group: list[Line]) -> bool:
    return (
        len(group) >= 2
        and any(forms.mostly_latin(line.text) for line in group)
        and all(line.kind in (LineKind.TITLE, LineKind.PARAGRAPH) and len(line.text) <= 60 for line in group)
        and not any(forms.ends_sentence(line.text) for line in group)
    )


def next_positions(count: int, found) -> list[int]:
    """For every index up to ``count``, the first of the indices ``found`` (in increasing order)
    at or after it, ``count`` when there is none: filled a stretch at a time, so that
    look-aheads cost constant time and the table costs time by stretch, not by line."""
    table: list[int] = []
    start = 0
    for index in found:
        table += [index] * (index - start + 1)
        start = index + 1
    table += [count] * (count - start + 1)
    return table


TEXT_KINDS = (LineKind.PARAGRAPH, LineKind.TITLE)
BOX_KINDS = (LineKind.CAPTION, LineKind.CREDIT, LineKind.FACT)
PHOTO_KINDS = (LineKind.CAPTION, LineKind.CREDIT)


def look_aheads(lines: list[Line], rules: Rules) -> tuple[list[int], ...]:
    """The page walk's look-ahead tables (`next_positions`), for the next: title line, byline
    line, line outside a box (neither caption, credit nor fact), line outside a photo's
    (neither caption nor credit), line that stops a run of text (neither prose nor title, or a
    marker's), line that is not prose running on, closing credit in brackets, and telephone
    number in a box's fact."""
    count = len(lines)
    titles, bylines, not_box, not_photo, stops, not_prose, bracketed, contacts = ([] for _ in range(8))
    # Read from its class, an enum member costs ten times a local (Python 3.11): once, not per line.
    title, byline, fact, paragraph = LineKind.TITLE, LineKind.BYLINE, LineKind.FACT, LineKind.PARAGRAPH
    for index, line in enumerate(lines):
        kind, text = line.kind, line.text
        if kind == title:
            titles.append(index)
        elif kind == byline:
            bylines.append(index)
        elif kind == fact and rules.is_contact(text):
            contacts.append(index)
        if kind not in BOX_KINDS:
            not_box.append(index)
        if kind not in PHOTO_KINDS:
            not_photo.append(index)
        if kind not in TEXT_KINDS or line.continued_to or line.continued_from:
            stops.append(index)
        if kind != paragraph or line.continued_to:
            not_prose.append(index)
        # A closing credit is in brackets: its first character is a cheap test first.
        if text[:1] in "（(" and forms.CLOSING_CREDIT.match(text):
            bracketed.append(index)
    found = (titles, bylines, not_box, not_photo, stops, not_prose, bracketed, contacts)
    return tuple(next_positions(count, indices) for indices in found)
