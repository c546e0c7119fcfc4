"""Page dump text to `PageDraft` / `EditionDraft`. Pure Python: no Django import.

A dump is the flat text of a printed page: blocks separated by blank lines, each block one or
more lines. The parser reads it in three passes.

1. Lines (`_read_lines`). Every non-blank line becomes a `Line`: page furniture (masthead date,
   page header, 责任编辑 lines) is taken out for the page's name and editor; continuation markers
   are cut out and remembered; then the line is judged on its own (`rules.py`): editor's note
   label, photo credit or caption, standalone byline, dateline paragraph, title-like line, or
   prose. Blocks made of a Latin slogan and short lines are advertisements.

2. Articles (`_PageReader`). Walking the lines in order, a run of title-like lines either opens a
   new article or is a subhead of the current one. No single signal decides; each adds weight
   (`_opening_weight`):
   * what follows the run: a dateline, a byline, an editor's note, an ``上接`` marker (+3);
   * the run's own form: a ``——`` kicker or subheadline, a bracketed or 【】 column label (+3);
     two spaces inside a line, the headline's own line break (+2); two or more title lines (+1,
     +2 when they are long); numbering (一、 / （1）) or a final colon (-3);
   * whether the current story has ended: after a ``下转`` marker, a closing credit in brackets
     (``（本报布鲁塞尔10月4日电）``) or a photo credit (+3); after a finished sentence (+1); in the
     middle of a sentence (-2);
   * the shape of the page: a photo credit within the next lines (photo news: title, caption,
     credit), or a closing dateline ahead when the current story opened with one (a story
     prints one dateline) (+3); two or more blank lines before the run, a box break (+1);
   * a change of topic (`_topic_change`, lexical cohesion as in TextTiling): the story so far and
     the text after the run share few character pairs (+2), or fairly few (+1); a short story is
     judged only when the two share no words at all;
   * the story's subheads share a form (`_subhead_family`: all ``传承：……``, all numbered, all two
     short phrases): a run of the same form as one of the next two title lines is one of them
     (-2); a run that stands apart from the subheads after it is the title of their story (+2).
   Three points open an article. A long unfinished line between the title lines and a dateline
   is the deck (subheadline); a single title-like line that is really the first half of a cut
   paragraph (the next line starts mid-sentence: ``话。肯雅塔说……``) joins the paragraph.

3. Titles (`_assign_title`). Kicker / headline / subheadline, by the rules in `_split_titles`:
   a line ending with ``——`` (or the part before a ``——`` inside a title line) is the kicker;
   a line starting with ``——`` is the subheadline; a line in black brackets (``【……】``) or a
   block of several short lines after the headline is a column label; a bare person's name
   closing the run is the commentary's author.
   Two plain lines are kicker + headline unless the first carries the bracketed column label, or
   the second reads like an explanation (a comma, an enumeration, a figure, ``……出席并讲话``,
   ``今起……``), which makes them headline + subheadline; the default is recorded in `doubts`.
   A kicker on its own line keeps its printed ``——``; inside a shared line the dash only
   separates the two, and is dropped. One line split
   by spaces keeps its spaces (a space inside a headline is a visual line break) unless its first
   part opens with a purpose or circumstance word (为了 / 就 / 随着 / 可 ……) and is long: that part
   is the kicker (``可缓解30万用户夏季高峰用电压力 湘赣边最大独立共享储能电站 并网投运``).

Paragraphs cut by column breaks are joined back: a paragraph that does not end a sentence
continues with the next prose line; titles, subheads, captions, bylines and markers never join.
Closing credits such as ``（综合本报记者倪光辉、毕京津报道）`` stay the last body paragraph.

The parser returns a structure or raises `EditionImportError`; every pattern is bounded, so the
time is linear in the input.
"""

from __future__ import annotations

import datetime
import difflib
import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from . import rules
from .draft import (
    ArticleDraft,
    BlockDraft,
    BylineDraft,
    EditionDraft,
    EditionImportError,
    PageDraft,
    PageRef,
    PhotoDraft,
    PublicationDraft,
)
from .text import clean_text, nfkc, normalise_label, read_furniture

MAX_DECK_LENGTH = 120
LONG_SUBHEAD = 20
MID_SENTENCE = "。，、,；;：:"
# Far above any real page; a hostile dump is refused before it costs minutes.
MAX_PAGE_CHARS = 60_000_000


@dataclass
class Line:
    text: str
    raw: str
    kind: str  # title, para, dateline, byline, note, caption, credit, marker, ad
    block: int
    blank_before: int
    first_in_block: bool
    lines_in_block: int = 1
    form: str | None = None
    lead: rules.Lead | None = None
    bylines: list[BylineDraft] | None = None
    caption: tuple[str, str] | None = None
    continued_to: PageRef | None = None
    continued_from: PageRef | None = None
    advertisement: int | None = None  # lines of one advertisement share this number


@dataclass
class _Furniture:
    name: str = ""
    editor: str = ""


def _classify(text: str) -> tuple[str, dict]:
    is_note, rest = rules.note_label(text)
    if is_note:
        return "note", {"text": rest}
    if rules.is_credit(text):
        return "credit", {}
    caption = rules.split_caption(text)
    if caption:
        return "caption", {"caption": caption}
    if CLOSING_CREDIT.match(text):
        return "para", {}
    bylines = rules.parse_bylines(text, standalone=True)
    if bylines:
        return "byline", {"bylines": bylines}
    lead = rules.take_dateline(text)
    if lead:
        return "dateline", {"lead": lead}
    form = rules.title_form(text)
    if form and form != "weak":
        return "title", {"form": form}
    return "para", {"form": form}


def _read_lines(text: str, furniture: _Furniture) -> list[Line]:
    lines: list[Line] = []
    block, blank, new_block = 0, 0, True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank += 1
            new_block = True
            continue
        found = read_furniture(stripped)
        if found is not None:
            furniture.name = furniture.name or found.name
            furniture.editor = furniture.editor or found.editor
            blank, new_block = blank + 1, True
            continue
        if new_block:
            block += 1
        markers = rules.take_markers(stripped)
        body = markers.text
        if body:
            kind, extra = _classify(body)
        else:
            kind, extra = "marker", {}
        if kind == "note":
            body = extra.pop("text")
        lines.append(
            Line(
                text=body,
                raw=stripped,
                kind=kind,
                block=block,
                blank_before=blank,
                first_in_block=new_block,
                continued_to=markers.continued_to,
                continued_from=markers.continued_from,
                **extra,
            )
        )
        blank, new_block = 0, False
    _mark_blocks(lines)
    return lines


def _mark_blocks(lines: list[Line]) -> None:
    """Block sizes, and advertisements: a slogan with a Latin line and no story.

    The slogan is a block of short lines (``建设全球一流现代银行集团`` over ``BUILD A FIRST-CLASS
    GLOBAL BANKING GROUP``), or, in a dump with a blank line after every line, a Chinese title
    line that opens a run and the Latin line right under it.
    """
    by_block: dict[int, list[Line]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)
    for group in by_block.values():
        for line in group:
            line.lines_in_block = len(group)
        if _is_advertisement(group):
            _mark_advertisement(group)
    for index in range(1, len(lines)):
        line, previous = lines[index], lines[index - 1]
        opens_run = index == 1 or lines[index - 2].kind != "title"
        if (
            line.kind == "title"
            and previous.kind == "title"
            and opens_run
            and rules.mostly_latin(line.text)
            and not rules.mostly_latin(previous.text)
        ):
            _mark_advertisement([previous, line])


def _mark_advertisement(group: list[Line]) -> None:
    for line in group:
        line.kind = "ad"
        line.advertisement = group[0].block


def _is_advertisement(group: list[Line]) -> bool:
    return (
        len(group) >= 2
        and any(rules.mostly_latin(line.text) for line in group)
        and all(line.kind in ("title", "para") and len(line.text) <= 60 for line in group)
        and not any(rules.ends_sentence(line.text) for line in group)
    )


LEAD_KINDS = ("dateline", "byline", "note")
# A title run of at least this weight opens a new article; below it, the run is a subhead.
OPENING = 3
KICKER_OPENERS = (
    "为了",
    "为",
    "就",
    "在",
    "从",
    "以",
    "随着",
    "围绕",
    "面对",
    "面向",
    "针对",
    "通过",
    "可",
    "将",
)
SUBHEAD_READING = re.compile(r"出席|主持|讲话|致辞|致信|宣布|\d|^(?:今起|明起|今日|今天|昨日|日前|近日|分别)")
KICKER_ENDINGS = ("强调", "指出", "表示", "感慨", "时说", "认为")
# Two spaces inside a title: the headline's own line break; subheads are one short line.
VISUAL_BREAK = re.compile(r"\S(?:\s{2}|\u3000)\S")
CLOSING_CREDIT = re.compile(r"^[（(][^（()）]{2,80}[）)]$")
COMMENTARY_WORDS = ("评论", "时评", "论坛", "社论", "短评", "钟声", "随笔", "观察", "评论员")
NOTICE_WORDS = ("公告", "声明", "启事", "通告", "公示", "讣告")


@dataclass
class _Article:
    draft: ArticleDraft = field(default_factory=ArticleDraft)
    sources: list[str] = field(default_factory=list)
    closed: bool = False  # ended by a 下转 marker, a closing credit or a photo credit
    note_left: int = 0  # paragraphs still to go to the editor's note

    @property
    def last_paragraph(self) -> BlockDraft | None:
        body = self.draft.body
        return body[-1] if body and body[-1].type == "paragraph" else None


class _PageReader:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.articles: list[_Article] = []
        self.current: _Article | None = None
        self.story: _Article | None = None  # the story an advertisement interrupted

    # --- the walk ---------------------------------------------------------------------------

    def read(self) -> list[_Article]:
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            if self._title_like(index):
                index = self._title_run(index)
                continue
            if line.kind == "ad":
                index = self._advertisement(index)
                continue
            self._line(index, line)
            index += 1
        return self.articles

    def _title_like(self, index: int) -> bool:
        """A title line in its context: a kicker ending with ``——`` and a long line with commas
        count only when a title line follows them (else they are prose running on)."""
        line = self.lines[index]
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        needs_title_after = (line.kind == "title" and line.text.endswith("——")) or (
            line.kind == "para" and line.form == "weak"
        )
        if needs_title_after:
            return following is not None and following.kind == "title" and not line.continued_to
        return line.kind == "title"

    def _run_end(self, index: int) -> int:
        end = index
        while end < len(self.lines):
            line = self.lines[end]
            if line.continued_from or (line.continued_to and end > index):
                break
            if self._title_like(end):
                end += 1
                if line.continued_to:
                    break
                continue
            break
        if self._is_deck(end):
            end += 1
        return end

    def _is_deck(self, index: int) -> bool:
        """A long summary line under the headline, unfinished like a title, before the dateline."""
        if index + 1 >= len(self.lines):
            return False
        line, following = self.lines[index], self.lines[index + 1]
        return (
            line.kind == "para"
            and len(line.text) <= MAX_DECK_LENGTH
            and not rules.ends_sentence(line.text)
            and line.text[-1:] not in rules.CLAUSE_END
            and not line.continued_to
            and (following.kind in ("dateline", "byline") or following.continued_from is not None)
        )

    def _title_run(self, index: int) -> int:
        end = self._run_end(index)
        run = self.lines[index:end]
        weight = self._opening_weight(run, end)
        if weight >= OPENING:
            self._open(run)
        elif len(run) == 1 and self._cut_paragraph(run[0], end):
            self._paragraph(run[0].text)
        else:
            for line in run:
                self._subhead(line)
        return end

    def _cut_paragraph(self, line: Line, end: int) -> bool:
        """The first part of a paragraph cut by a column break, though it looks like a subhead:
        the next line starts mid-sentence (``话。肯雅塔说……``), or the line is long and enumerates
        (``交流团通过座谈交流、举办……和藏``), which subheads rarely do."""
        following = self.lines[end] if end < len(self.lines) else None
        if following is None or following.kind != "para" or line.continued_to:
            return False
        starts_mid_sentence = following.text[1:2] in MID_SENTENCE and following.text[:1] not in MID_SENTENCE
        return starts_mid_sentence or (len(line.text) >= LONG_SUBHEAD and "、" in line.text)

    def _opening_weight(self, run: list[Line], end: int) -> int:
        current = self.current
        if current is None:
            return 3
        weight = 0
        following = self.lines[end] if end < len(self.lines) else None
        if following is not None and following.continued_from:
            # 上接 opens the second part of a story, under its repeated headline: never a subhead.
            return OPENING
        if following is not None and following.kind in LEAD_KINDS:
            weight += 3
        forms = [rules.title_form(line.text) for line in run]
        if "strong" in forms:
            weight += 3
        if any(VISUAL_BREAK.search(line.text) for line in run):
            weight += 2
        if len(run) >= 2:
            weight += 2 if sum(len(line.text) for line in run) >= 24 else 1
        if any(
            form == "subhead" or rules.is_numbered(line.text) for form, line in zip(forms, run, strict=True)
        ):
            weight -= 3
        if current.closed:
            weight += 3
        else:
            last = current.last_paragraph
            if last is not None:
                weight += 1 if rules.ends_sentence(last.text) else -2
        if self._credit_ahead(end) or (current.draft.dateline and self._closing_dateline_ahead(end)):
            weight += 3
        if run[0].blank_before >= 2:
            weight += 1
        # The text-wide signals add -2 to +4: outside this window they cannot change the
        # decision (weight >= OPENING), so they are not worth their cost.
        if OPENING - 4 <= weight < OPENING + 2:
            weight += self._topic_change(current, end)
            weight += self._subhead_family(run, end)
        return weight

    def _subhead_family(self, run: list[Line], end: int) -> int:
        """A story's subheads share a form (all ``传承：……``, all numbered, all two short phrases).
        A run of the same form as one of the next two title lines is one more of them; a run
        that stands apart from the next title line and another of its form is the title of
        their story. Only the next few title lines count, up to a dateline, byline or credit,
        so that the subheads of a later story are not taken for this one's."""
        later: list[str | None] = []
        for line in self.lines[end : end + FAMILY_LOOKAHEAD]:
            if line.kind not in ("para", "title") or line.continued_to or line.continued_from:
                break
            if line.kind == "title":
                later.append(_subhead_shape(line.text))
                if len(later) == FAMILY_SIZE:
                    break
        shape = _subhead_shape(run[0].text)
        if shape is not None and shape in later[:2]:
            return -2
        if later and later[0] not in (None, shape) and later.count(later[0]) >= 2:
            return 2
        return 0

    def _topic_change(self, current: _Article, end: int) -> int:
        """Lexical cohesion, as in TextTiling: a subhead's story goes on in the same words, a
        new story brings its own. Compares the character pairs of the story's last paragraphs
        with those of the text after the run; a story too short to judge counts nothing."""
        draft = current.draft
        before = " ".join((draft.kicker, draft.headline, _tail_text(draft)))
        after = self._text_after(end)
        if len(before) < COHESION_MIN_BEFORE or len(after) < COHESION_MIN_AFTER:
            return 0
        similarity = _similarity(before, after)
        if len(before) < COHESION_SHORT:
            # A few sentences share few words by chance: only no common words at all counts.
            return 2 if similarity < COHESION_NONE else 0
        if similarity < COHESION_LOW:
            return 2
        return 1 if similarity < COHESION_FAIR else 0

    def _text_after(self, end: int) -> str:
        pieces, size = [], 0
        for line in self.lines[end:]:
            if line.kind not in ("para", "dateline", "title", "caption") or size >= COHESION_WINDOW:
                break
            pieces.append(line.text)
            size += len(line.text)
        return "".join(pieces)[:COHESION_WINDOW]

    def _credit_ahead(self, end: int) -> bool:
        """Photo news: a title, one to three caption paragraphs, then the credit line."""
        for line in self.lines[end : end + 4]:
            if line.kind == "credit":
                return True
            if line.kind != "para":
                return False
        return False

    def _closing_dateline_ahead(self, end: int) -> bool:
        """A story prints one dateline: text closing with ``（本报布达佩斯10月18日电）`` after a
        story that opened with a dateline is another story."""
        for line in self.lines[end : end + 40]:
            if line.kind != "para" or line.continued_to:
                return False
            if CLOSING_CREDIT.match(line.text):
                return rules.DATELINE.search(line.text) is not None
        return False

    def _line(self, index: int, line: Line) -> None:
        article = self.current
        if article is None:
            article = self._open([])
        article.sources.append(line.raw)
        draft = article.draft
        if line.continued_from:
            if draft.body or draft.continued_from:
                article = self._open([])
                draft = article.draft
            draft.continued_from = line.continued_from
        kind = line.kind
        if kind == "note":
            self._note(index, line)
        elif kind == "byline":
            draft.bylines.extend(line.bylines or [])
        elif kind == "dateline":
            self._dateline(line)
        elif kind == "caption":
            caption, credit = line.caption
            draft.photos.append(PhotoDraft(caption=caption, credit=credit))
        elif kind == "credit":
            draft.photos.append(PhotoDraft(credit=line.text))
            article.closed = True
        elif kind in ("para", "title"):
            self._paragraph(line.text)
        if line.continued_to:
            draft.continued_to = draft.continued_to or line.continued_to
            article.closed = True

    # --- article parts ----------------------------------------------------------------------

    def _open(self, run: list[Line]) -> _Article:
        article = _Article()
        self.articles.append(article)
        self.current = article
        if run:
            article.sources.extend(line.raw for line in run)
            _assign_title(article.draft, run)
            for line in run:
                if line.continued_to:
                    article.draft.continued_to = line.continued_to
        return article

    def _subhead(self, line: Line) -> None:
        article = self.current
        article.sources.append(line.raw)
        article.draft.body.append(BlockDraft(type="subhead", text=line.text))
        if line.continued_to:
            article.draft.continued_to = article.draft.continued_to or line.continued_to
            article.closed = True

    def _paragraph(self, text: str) -> None:
        article = self.current
        if article.note_left > 0:
            article.note_left -= 1
            article.draft.editor_note.append(text)
            return
        last = article.last_paragraph
        if last is not None and not article.closed and not rules.ends_sentence(last.text):
            last.text = _join(last.text, text)
            return
        if CLOSING_CREDIT.match(text):
            article.closed = True
        article.draft.body.append(BlockDraft(type="paragraph", text=text))

    def _dateline(self, line: Line) -> None:
        article = self.current
        draft = article.draft
        lead = line.lead
        if draft.dateline or draft.body:
            self._paragraph(line.text)
            return
        article.note_left = 0
        draft.dateline = lead.dateline
        draft.bylines.extend(lead.bylines)
        if lead.rest:
            self._paragraph(lead.rest)

    def _note(self, index: int, line: Line) -> None:
        """编者按: the note runs up to the byline or dateline that follows it, else one paragraph."""
        article = self.current
        paragraphs = 0
        for following in self.lines[index + 1 : index + 6]:
            if following.kind in ("byline", "dateline"):
                break
            if following.kind != "para":
                paragraphs = -1
                break
            paragraphs += 1
        else:
            paragraphs = -1
        if paragraphs < 0:
            paragraphs = 0 if line.text else 1
        if line.text:
            article.draft.editor_note.append(line.text)
        article.note_left = paragraphs

    def _advertisement(self, index: int) -> int:
        advertisement = self.lines[index].advertisement
        end = index
        while end < len(self.lines) and self.lines[end].advertisement == advertisement:
            end += 1
        group = self.lines[index:end]
        story = self.current if self.current and self.current.draft.kind != "advertisement" else self.story
        article = _Article(closed=True)
        article.draft.kind = "advertisement"
        article.sources.extend(line.raw for line in group)
        headline = next((line for line in group if not rules.mostly_latin(line.text)), group[0])
        article.draft.headline = headline.text
        article.draft.body = [
            BlockDraft(type="paragraph", text=line.text) for line in group if line is not headline
        ]
        self.articles.append(article)
        # Prose after an advertisement still belongs to the story it interrupted.
        self.story = story
        if story is not None:
            story.closed = True
        self.current = story if story is not None else article
        return end


COHESION_WINDOW = 600
COHESION_MIN_BEFORE = 50
COHESION_SHORT = 150
COHESION_NONE = 0.03
COHESION_MIN_AFTER = 60
COHESION_LOW = 0.05
COHESION_FAIR = 0.08
# Pairs with these say nothing about a topic (的发, 中国, 我们).
FUNCTION_CHARACTERS = frozenset(
    "的了是在和有为一不这中国人大我们他她它与及等也就都而以对上下个年月日将从到被把让"
)
# Runs of word characters, split at function characters: no pair is formed across one.
CONTENT_WORDS = re.compile(r"[^\W_" + "".join(sorted(FUNCTION_CHARACTERS)) + "]+")


def _pairs(text: str) -> Counter[str]:
    words = CONTENT_WORDS.findall(nfkc(text))
    return Counter(chain.from_iterable(map(operator.add, word, word[1:]) for word in words))


def _similarity(first: str, second: str) -> float:
    """Cosine of the character-pair counts of two texts."""
    a, b = _pairs(first), _pairs(second)
    dot = sum(count * b[pair] for pair, count in a.items() if pair in b)
    norm = math.sqrt(sum(c * c for c in a.values()) * sum(c * c for c in b.values()))
    return dot / norm if norm else 0.0


FAMILY_LOOKAHEAD = 40
# Title lines looked at: a cut paragraph's first half may look like one of them.
FAMILY_SIZE = 3
# 传承：中医药教育新格局初步形成 / 福建：标准不降、力度不减
LABELLED = re.compile(r"[^\s:：，,]{1,8}[:：]\s{0,2}\S")
# 礼赞祖国 致敬时代 / 强化协作，有机融合
PAIRED = re.compile(r"[^\s，,]{2,8}(?:\s{1,3}|[，,])[^\s，,]{2,8}")


def _subhead_shape(text: str) -> str | None:
    text = text.strip()
    if rules.is_numbered(text):
        return "numbered"
    if LABELLED.match(text):
        return "labelled"
    # Two spaces are the headline's own line break (VISUAL_BREAK), not a subhead's pair.
    if PAIRED.fullmatch(text) and not VISUAL_BREAK.search(text):
        return "paired"
    return None


def _tail_text(draft: ArticleDraft) -> str:
    """The last paragraphs of a story, up to a window's worth of text."""
    pieces, size = [], 0
    for block in reversed(draft.body):
        pieces.append(block.text)
        size += len(block.text)
        if size >= 2 * COHESION_WINDOW:
            break
    return "".join(reversed(pieces))[-2 * COHESION_WINDOW :]


def _join(first: str, second: str) -> str:
    """Glue the two halves of a paragraph cut by a column break."""
    if first[-1:].isascii() and first[-1:].isalnum() and second[:1].isascii() and second[:1].isalnum():
        return f"{first} {second}"
    return first + second


# --- titles ---------------------------------------------------------------------------------


def _assign_title(draft: ArticleDraft, run: list[Line]) -> None:
    texts: list[str] = []
    column: list[str] = []
    for position, line in enumerate(run):
        # A boxed label printed as a block of short lines after the headline is a column.
        if rules.column_label(line.text):
            column.append(rules.column_label(line.text))
        elif position > 0 and line.lines_in_block >= 2 and texts:
            column.append(line.text)
        else:
            texts.append(line.text)
    if len(texts) >= 2 and rules.is_person_name(texts[-1]):
        draft.bylines.append(BylineDraft(name=texts.pop(), role="author"))
    draft.column = " ".join(column)
    kicker, headline, subheadline, doubts = _split_titles(texts)
    draft.kicker, draft.headline, draft.subheadline = kicker, headline, subheadline
    draft.doubts.extend(doubts)


def _split_titles(texts: list[str]) -> tuple[str, str, str, list[str]]:
    kicker, subheadline, doubts = "", "", []
    rest: list[str] = []
    for text in texts:
        if text.startswith("——") and not subheadline and (rest or kicker):
            subheadline = text.lstrip("—").strip()
        elif text.endswith("——") and not kicker and not rest:
            kicker = text
        elif not kicker and not rest and rules.kicker_split(text):
            kicker, headline = rules.kicker_split(text)
            rest.append(headline)
        else:
            rest.append(text)
    if not rest:
        return "", kicker or subheadline, "" if not kicker else subheadline, doubts
    if len(rest) == 1:
        headline = rest[0]
        if not kicker:
            kicker, headline = _kicker_in_line(headline, doubts)
        return kicker, headline, subheadline, doubts
    if kicker and subheadline:
        doubts.append("several headline lines between the kicker and the subheadline")
        return kicker, " ".join(rest), subheadline, doubts
    if kicker:
        return kicker, rest[0], " ".join(rest[1:]), doubts
    if subheadline:
        return rest[0], " ".join(rest[1:]), subheadline, doubts
    if len(rest) >= 3:
        if len(rest) > 3:
            doubts.append("more than three title lines: the last ones went to the subheadline")
        return rest[0], rest[1], " ".join(rest[2:]), doubts
    first, second = rest
    if _reads_as_headline_and_subheadline(first, second):
        return "", first, second, doubts
    if not rules.bracket_label(second) and not first.endswith(KICKER_ENDINGS):
        doubts.append(f"two title lines: read “{first}” as the kicker and “{second}” as the headline")
    return first, second, "", doubts


def _reads_as_headline_and_subheadline(first: str, second: str) -> bool:
    if rules.bracket_label(first):
        return True
    if rules.bracket_label(second) or first.endswith(KICKER_ENDINGS):
        return False
    return any(mark in second for mark in "，,、；;") or SUBHEAD_READING.search(second) is not None


def _kicker_in_line(line: str, doubts: list[str]) -> tuple[str, str]:
    """A kicker sharing the headline's line, separated by a space (see the module docstring)."""
    parts = line.split(maxsplit=1)
    if (
        len(parts) == 2
        and len(parts[0]) >= 8
        and len(parts[1]) >= 4
        and parts[0].startswith(KICKER_OPENERS)
        and rules.balanced(parts[0])
        and not rules.bracket_label(parts[0])
    ):
        doubts.append(f"kicker “{parts[0]}” taken from the headline's line")
        return parts[0], parts[1]
    return "", line


# --- page and edition -----------------------------------------------------------------------


def _kind(draft: ArticleDraft) -> str:
    if draft.kind == "advertisement":
        return draft.kind
    titles = " ".join((draft.headline, draft.subheadline, draft.column))
    if (
        any(word in draft.headline for word in NOTICE_WORDS)
        and not draft.dateline
        and len(draft.headline) <= 12
    ):
        return "notice"
    if any(byline.role == "author" for byline in draft.bylines):
        return "commentary"
    label = rules.bracket_label(draft.headline) or ""
    if any(word in label for word in COMMENTARY_WORDS):
        return "commentary"
    if any(word in titles for word in ("系列评论", "评论员")) or draft.subheadline.startswith("论"):
        return "commentary"
    photo_news = not draft.dateline and not draft.bylines and len(draft.paragraphs) <= 3
    if photo_news and any(photo.credit for photo in draft.photos):
        return "photo"
    return "news"


def _finish(article: _Article, position: int) -> ArticleDraft:
    draft = article.draft
    draft.position = position
    draft.kind = _kind(draft)
    draft.source_text = "\n".join(article.sources)
    if not draft.headline:
        if draft.kind == "photo" and draft.photos and draft.photos[0].caption:
            draft.doubts.append("photo without a title")
        else:
            draft.doubts.append("no title found: the text may belong to the story before it")
    if draft.editor_note and not draft.bylines and not draft.dateline:
        draft.doubts.append("editor's note without a byline after it: check where the note ends")
    return draft


def parse_page(text: str, *, label: str = "01", number: int = 1) -> PageDraft:
    """Parse one page dump into a PageDraft (see the module docstring)."""
    if not isinstance(text, str):
        raise EditionImportError("a page dump must be text")
    if len(text) > MAX_PAGE_CHARS:
        raise EditionImportError(f"page {label} is too large to be a page dump ({len(text)} characters)")
    furniture = _Furniture()
    lines = _read_lines(clean_text(text), furniture)
    articles = _PageReader(lines).read()
    drafts = [_finish(article, position) for position, article in enumerate(articles, start=1)]
    return PageDraft(
        number=number, label=label, name=furniture.name, editor=furniture.editor, articles=drafts
    )


def _norm_title(text: str) -> str:
    return re.sub(r"\s+", "", nfkc(text))


def _same_story(first: ArticleDraft, second: ArticleDraft) -> bool:
    """The second part repeats the headline, sometimes shortened."""
    a, b = _norm_title(first.headline), _norm_title(second.headline)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


def _link_parts(edition: EditionDraft) -> None:
    numbers = {page.label: page.number for page in edition.pages}
    pages = {page.label: page for page in edition.pages}
    for page in edition.pages:
        for article in page.articles:
            for ref in (article.continued_to, article.continued_from):
                if ref is not None:
                    ref.page = numbers.get(ref.label)
    for page in edition.pages:
        for article in page.articles:
            if article.continued_to is None or article.continued_to.label not in pages:
                continue
            other = pages[article.continued_to.label]
            pointing_back = [
                a for a in other.articles if a.continued_from and a.continued_from.label == page.label
            ]
            unmarked = [a for a in other.articles if a.continued_from is None and _same_story(article, a)]
            candidates = [a for a in pointing_back if _same_story(article, a)] or unmarked
            if candidates:
                partner = candidates[0]
                if partner.continued_from is None:
                    partner.continued_from = PageRef(label=page.label, page=page.number)
                    partner.doubts.append(f"continued from page {page.label}: linked by its headline")
            else:
                article.doubts.append(f"no second part found on page {article.continued_to.label}")
    for page in edition.pages:
        for article in page.articles:
            ref = article.continued_from
            if ref is None or ref.label not in pages:
                continue
            other = pages[ref.label]
            if any(a.continued_to and a.continued_to.label == page.label for a in other.articles):
                continue
            partner = next(
                (a for a in other.articles if a.continued_to is None and _same_story(a, article)), None
            )
            if partner is not None:
                partner.continued_to = PageRef(label=page.label, page=page.number)
                partner.doubts.append(f"continued on page {page.label}: linked by its headline")
            else:
                article.doubts.append(f"no first part found on page {ref.label}")


def parse_edition(
    pages: list[tuple[str, str]],
    *,
    publication: PublicationDraft,
    date: datetime.date,
    number: int | None = None,
) -> EditionDraft:
    """Parse an edition's page dumps, given as (label, text) in page order, and link continuations."""
    edition = EditionDraft(publication=publication, date=date, number=number)
    seen: set[str] = set()
    for position, (label, text) in enumerate(pages, start=1):
        label = normalise_label(label)
        if label in seen:
            raise EditionImportError(f"page {label} appears twice in the edition")
        seen.add(label)
        edition.pages.append(parse_page(text, label=label, number=position))
    _link_parts(edition)
    return edition
