"""Does a run of title lines open a new article, or is it a subhead of the current one? Pure Python.

No single signal decides; each adds the points of a field of the profile's `Weights`, and a run
of at least ``opening`` points opens an article:

* the first run on the page, before any story: ``first_on_page``;
* what follows the run (past the captions and credits of its photos and the facts of a box): a
  dateline, a byline or an editor's note, ``lead_follows``; an ``上接`` marker opens the second
  part of a story under its repeated headline, whatever else is true; no lead at all when the
  current story opened with a byline line of its own, as the paper prints its stories, makes it
  likely a subhead (``lead_missing``, negative), unless the text under the run opens as a wire
  story printed without a lead does (``据某某3月26日报道，``, ``当地时间……``, a date in its first
  words: `Datelines.opens_like_wire`) or shares next to nothing with the story (``topic_change``
  below: a story of its own, printed without a lead), or unless a telephone number stands in the
  text under the run, before the next title and within ``limits.dateline_lookahead`` lines, when
  the story's text since its lead gave none: the run then heads a box for readers of its own, a
  hotline or a call for their stories (``box_ahead``); an interview turn right after it (``问：``,
  ``记者：``) makes it a heading inside the interview (``interview_follows``, negative);
* the run's own form: a ``——`` kicker or subheadline, a bracketed or 【】 column label
  (``strong_form``); two spaces inside a line, the headline's own line break (``visual_break``);
  two or more title lines (``title_lines``, or ``long_title_lines`` when together they are at
  least ``limits.long_title_lines`` characters); numbering (一、 / （1）) or a final colon
  (``numbered``, a negative weight); three title lines or more, a title block, since a subhead is
  one or two lines (``three_title_lines``); one of the profile's furniture titles (``本报地址``)
  opens a box of its own, whatever else is true;
* whether the current story has ended: after a ``下转`` marker, a closing credit in brackets
  (``（本报布鲁塞尔10月4日电）``), a photo credit after its text, or a source line (``据新华社``,
  alone or closing the last sentence) (``story_closed``); after a finished sentence
  (``sentence_ended``); in the middle of a sentence (``mid_sentence``, negative);
* the shape of the page: a photo credit within the next ``limits.credit_lookahead`` lines (photo
  news: title, caption, credit), a closing dateline ahead when the current story opened with
  one (a story prints one dateline), or a byline line before the next title when the current
  story opened with one (a story prints one byline line) (``photo_or_dateline_ahead``);
  ``limits.box_break_blank_lines`` blank lines or more before the run, a box break (``box_break``);
* a change of topic (`cohesion`): the story so far and the text after the run share few
  character pairs (``topic_change``), or fairly few (``topic_fair``);
* the story's subheads share a form (`subhead_family`: all ``传承：……``, all numbered, all two
  short phrases): a run of the same form as one of the next two title lines is one of them
  (``subhead_family``, negative); a run that stands apart from the subheads after it is the title
  of their story (``apart_from_subheads``).

The last two read text around the run, so they are computed only when their points could still
change the decision.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import rules as forms
from ..rules import TitleForm
from .lines import LineKind

LEAD_KINDS = (LineKind.DATELINE, LineKind.BYLINE, LineKind.NOTE)
# Enum members the walk reads several times a line, as module names: read from its class, a
# member costs ten times a global (Python 3.11 looks it up through the enum's metaclass).
CREDIT, PARAGRAPH, TITLE = LineKind.CREDIT, LineKind.PARAGRAPH, LineKind.TITLE
STRONG, SUBHEAD = TitleForm.STRONG, TitleForm.SUBHEAD
# 传承：中医药教育新格局初步形成 / 福建：标准不降、力度不减
LABELLED = re.compile(r"[^\s:：，,]{1,8}[:：]\s{0,2}\S")
# 礼赞祖国 致敬时代 / 强化协作，有机融合
PAIRED = re.compile(r"[^\s，,]{2,8}(?:\s{1,3}|[，,])[^\s，,]{2,8}")


# complexity: one sum of the profile's named signals, each a guarded term: it reads as one formula
def weigh(reader, run, end: int) -> float:
    """The points of a run of title lines ``run`` (``reader.lines[..end]``) towards opening."""
    weights, limits, current = reader.weights, reader.limits, reader.current
    if current is None:
        return weights.first_on_page
    lines, rules, count = reader.lines, reader.rules, len(reader.lines)
    # What follows the run, past the captions and credits of its photos (and a line of deck).
    after_photos = reader.next_not_photo[end]
    if after_photos < count and lines[after_photos].continued_from:
        # 上接 opens the second part of a story under its repeated headline: never a subhead.
        return max(weights.opening, weights.first_on_page)
    # The marks of the run's lines, read once each.
    strong = visual = numbered = False
    for line in run:
        text = line.text
        if rules.is_furniture_title(text):
            # A furniture title (本报地址) opens a box of its own: never a subhead.
            return max(weights.opening, weights.first_on_page)
        shape = line.form if line.kind == TITLE else rules.title_form(text)
        line_numbered, line_visual, _shape = title_marks(text)
        strong = strong or shape == STRONG
        visual = visual or line_visual
        numbered = numbered or shape == SUBHEAD or line_numbered
    ended = current.closed or current.source_end  # `Article.ended`
    weight, missing = 0, 0
    # A lead or a contact ahead (its table's entry past the page: none), before the calls.
    if reader.next_stop[end] < count and reader.lead_ahead(end, True) is not None:
        weight += weights.lead_follows
    elif not current.contacts and reader.next_contact[end] < count and _contact_ahead(reader, end):
        weight += weights.box_ahead  # a box prints no lead either: lead_missing does not apply
    elif current.byline_line and not ended and not _wire_lead(reader, end):
        missing = weights.lead_missing
        weight += missing
    if end < count and lines[end].kind == PARAGRAPH and rules.is_turn(lines[end].text):
        weight += weights.interview_follows
    size = len(run)
    if size >= 3:
        weight += weights.three_title_lines
    if strong:
        weight += weights.strong_form
    if visual:
        weight += weights.visual_break
    if size >= 2:
        long = sum(len(line.text) for line in run) >= limits.long_title_lines
        weight += weights.long_title_lines if long else weights.title_lines
    if numbered:
        weight += weights.numbered
    if ended:
        weight += weights.story_closed
    else:
        last = current.last_paragraph_end
        if last is not None:
            # A paragraph of its own (a fact of a box: 导航：某某) ends where a sentence does.
            finished = reader.last_ended if last is reader.last_text else forms.ends_sentence(last)
            finished = finished or not current.joinable
            weight += weights.sentence_ended if finished else weights.mid_sentence
    if (
        _credit_ahead(reader, end)
        or (current.draft.dateline and _closing_dateline_ahead(reader, end))
        or (current.byline_line and _byline_line_ahead(reader, end))
    ):
        weight += weights.photo_or_dateline_ahead
    if run[0].blank_before >= limits.box_break_blank_lines:
        weight += weights.box_break
    low, high = reader.text_signals
    if missing < 0:
        high -= missing  # a change of topic takes back the missing lead's points (see above)
    if weights.opening - high <= weight < weights.opening - low:
        topic = reader.cohesion.judge(end)
        weight += topic
        if missing and topic >= weights.topic_change:
            weight -= missing
        weight += subhead_family(reader, run, end)
    return weight


def text_signal_range(weights) -> tuple[float, float]:
    """The least and most the text-wide signals can add (the page walk computes it once)."""
    topic = (0, weights.topic_change, weights.topic_fair)
    family = (0, weights.subhead_family, weights.apart_from_subheads)
    return min(topic) + min(family), max(topic) + max(family)


# A title line is looked at by the runs before it too (the next title lines of a run's subhead
# family), and by its own run's signals: its marks are read once.
@lru_cache(maxsize=64)
def title_marks(text: str) -> tuple[bool, bool, str | None]:
    """Whether a title line is numbered (一、 / （1）), whether it holds the headline's own line
    break (two spaces: `VISUAL_BREAK`, which needs a letter on either side, so the same on the
    stripped line), and its subhead shape: numbered, labelled (``传承：……``), paired (two
    short phrases, unless the space between them is that line break) or none."""
    text = text.strip()
    numbered = forms.is_numbered(text)
    if text.isalnum():
        # Two spaces, a label's colon, a pair's space or comma: none is a letter or a figure.
        return numbered, False, "numbered" if numbered else None
    visual = forms.VISUAL_BREAK.search(text) is not None
    if numbered:
        shape = "numbered"
    elif LABELLED.match(text):
        shape = "labelled"
    elif not visual and PAIRED.fullmatch(text):
        shape = "paired"
    else:
        shape = None
    return numbered, visual, shape


def subhead_family(reader, run, end: int) -> float:
    """A story's subheads share a form. A run of the same form as one of the next two title lines
    is one more of them; a run that stands apart from the next two title lines, which share a
    form, is the title of their story (two in a row: a third may be the next story's title). Only
    the next few title lines count (``family_size``, within ``family_lookahead`` lines), up to a
    dateline, byline or credit, so that the subheads of a later story are not taken for this one's."""
    limits, next_title, stop = reader.limits, reader.next_title, reader.next_stop[end]
    # Both tests read the next two title lines at most, the second only when it can decide.
    first = next_title[end]
    if first >= stop or first >= end + limits.family_lookahead or limits.family_size < 1:
        return 0
    shape = title_marks(run[0].text)[2]
    first_shape = title_marks(reader.lines[first].text)[2]
    if shape is not None and first_shape == shape:
        return reader.weights.subhead_family
    second = next_title[first + 1]
    if (
        second >= stop
        or second >= end + limits.family_lookahead
        or limits.family_size < 2
        or (shape is None and first_shape is None)
    ):
        return 0
    second_shape = title_marks(reader.lines[second].text)[2]
    if shape is not None and second_shape == shape:
        return reader.weights.subhead_family
    if first_shape not in (None, shape) and second_shape == first_shape:
        return reader.weights.apart_from_subheads
    return 0


def _wire_lead(reader, end: int) -> bool:
    """The text under the run (past its photos' captions) opens as a wire story printed without
    dateline or byline does (``据某某3月26日报道，``, ``当地时间……``): its lead is in its text."""
    index = reader.next_not_photo[end]
    lines = reader.lines
    return (
        index < len(lines)
        and lines[index].kind == PARAGRAPH
        and reader.rules.opens_like_wire(lines[index].text)
    )


def _contact_ahead(reader, end: int) -> bool:
    """A telephone number in the text under the run, before the next title line."""
    found = reader.next_contact[end]
    return found < reader.next_title[end] and found < end + reader.limits.dateline_lookahead


def _credit_ahead(reader, end: int) -> bool:
    """Photo news: a title, one to three caption paragraphs, then the credit line (the first line
    that is not prose, within ``credit_lookahead`` lines)."""
    lines, skip, stop = reader.lines, reader.next_not_para, end + reader.limits.credit_lookahead
    index = skip[end]
    while index < stop and index < len(lines):
        kind = lines[index].kind
        if kind != PARAGRAPH:
            return kind == CREDIT
        index = skip[index + 1]  # prose continued elsewhere (下转) is prose all the same
    return False


def _byline_line_ahead(reader, end: int) -> bool:
    """A story prints one byline line: another before the next title, after a story that opened
    with one, closes a piece of its own (a box whose byline is printed after its text)."""
    found = reader.next_byline[end]
    return found < reader.next_title[end] and found < end + reader.limits.dateline_lookahead


def _closing_dateline_ahead(reader, end: int) -> bool:
    """A story prints one dateline: text closing with ``（本报布达佩斯10月18日电）`` after a story
    that opened with a dateline is another story."""
    stop = min(reader.next_not_para[end], end + reader.limits.dateline_lookahead)
    index = reader.next_bracketed[end]
    if index >= stop:
        return False
    return reader.rules.datelines.dateline.search(reader.lines[index].text) is not None
