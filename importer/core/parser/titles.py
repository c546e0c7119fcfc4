"""Pass 3: the title lines of an article become kicker, headline, subheadline and column. Pure Python.

* a line ending with ``——`` (or the part before a ``——`` inside a title line) is the kicker; a
  line starting with ``——`` is the subheadline;
* a line in black brackets (``【……】``), one of the profile's `column_labels`, or a block of
  several short lines after the headline is a column label, and so is a short line closing a
  run of three or more right before the story's lead that shares no character pair with the
  story (``土拍风云局``: `closing_column`);
* a bare person's name closing the run is the commentary's author, a name with a title
  (``赵贵铭 主任中医师``) a portrait's caption: it and the lines after it open the text;
* two plain lines are kicker + headline unless the first carries the bracketed column label, or
  the second reads like an explanation (a comma, a colon, an enumeration, a figure, one of the profile's
  `subheadline_words` such as ``……出席并讲话``, or `subheadline_openers` such as ``今起……``),
  which makes them headline + subheadline; a first line ending with one of `kicker_endings`
  (``……时强调``) or trailing off (``……``, ``……”``) stays the kicker. The default is recorded as a doubt;
* title lines of three or more that open with two questions or more (``……要多久？`` over
  ``……能跑多远？``) print the questions as one kicker;
* a kicker on its own line keeps its printed ``——``; inside a shared line the dash only separates
  the two, and is dropped. One line split by spaces keeps its spaces (a space inside a headline is
  a visual line break) unless its first part opens with one of the profile's `kicker_openers`
  (为了 / 就 / 随着 / 可 ……) and is long: that part is the kicker
  (``可缓解30万用户夏季高峰用电压力 湘赣边最大独立共享储能电站 并网投运``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import rules as forms
from ..draft import ArticleDraft, BlockDraft, BlockType, BylineDraft, BylineRole, DoubtKind
from ..rules.forms import words_pattern


def assign_title(draft: ArticleDraft, run, rules, column_last: bool = False) -> None:
    """``column_last``: the run's last line is a column's name (see `closing_column`)."""
    lines = [line.raw for line in run]
    texts, column = _texts_and_column(run[:-1] if column_last else run, rules)
    if column_last:
        column.append(run[-1].text)
    # 赵贵铭 主任中医师 under the title: a portrait's caption, and what follows it, are the text's.
    named = next((at for at, text in enumerate(texts) if at > 0 and forms.is_named_portrait(text)), None)
    texts, portrait = (texts, []) if named is None else (texts[:named], texts[named:])
    if len(texts) >= 2 and forms.is_person_name(texts[-1]):
        draft.bylines.append(BylineDraft(name=texts.pop(), role=BylineRole.AUTHOR))
    limits = rules.profile.limits
    # No title holds more lines than this: what follows is a deck (提要) or a box, in the body.
    texts, deck = texts[: limits.max_title_lines], texts[limits.max_title_lines :]
    column, rest = column[: limits.max_column_lines], column[limits.max_column_lines :]
    draft.column = " ".join(column)
    split = title_split_for(rules.profile)
    split.split(draft, texts, lines)
    while (
        len(texts) > 1
        and max(map(len, (draft.kicker, draft.headline, draft.subheadline))) > limits.max_title_part
    ):
        deck.insert(0, texts.pop())
        draft.doubts.clear()
        split.split(draft, texts, lines)
    if deck or rest:
        draft.doubt(DoubtKind.TITLE_SPLIT, "标题行太多：后几行已作为正文开头，请核对", lines)
    draft.body.extend(BlockDraft(type=BlockType.PARAGRAPH, text=text) for text in [*portrait, *rest, *deck])


def _texts_and_column(run, rules) -> tuple[list[str], list[str]]:
    """The run's title lines, and its column labels: in black brackets, one of the profile's
    `column_labels`, or a boxed label printed as a block of short lines after the headline."""
    texts: list[str] = []
    column: list[str] = []
    for position, line in enumerate(run):
        label = forms.column_label(line.text) or (line.text if rules.is_column_label(line.text) else None)
        if label:
            column.append(label)
        elif position > 0 and line.lines_in_block >= 2 and texts:
            column.append(line.text)
        else:
            texts.append(line.text)
    return texts, column


# A column's name: a few letters or figures, no punctuation, no space (楼市情报站).
COLUMN_NAME = re.compile(r"[^\W_]{4,12}")


def closing_column(run, lines, lead: int | None, limits) -> bool:
    """``土拍风云局`` closing a title run of three lines or more, right before the story's lead
    (``lines[lead]``): a column's name. It names the column, not the story, so it shares no
    character pair with the first ``cohesion_window`` characters of the story's text, as title
    lines do (judged on ``cohesion_min_after`` characters at least)."""
    if lead is None or len(run) < 3 or not COLUMN_NAME.fullmatch(run[-1].text):
        return False
    name, story, size, index = run[-1].text, [], 0, lead
    while index < len(lines) and size < limits.cohesion_window:
        story.append(lines[index].text)
        size += len(lines[index].text)
        index += 1
    text = "".join(story)
    return len(text) >= limits.cohesion_min_after and not any(
        name[at : at + 2] in text for at in range(len(name) - 1)
    )


def _questions(texts: list[str]) -> int:
    """How many of the first title lines are questions."""
    count = 0
    while count < len(texts) and texts[count].rstrip(forms.CLOSERS)[-1:] in "？?":
        count += 1
    return count


@lru_cache(maxsize=32)
def title_split_for(profile) -> TitleSplit:
    return TitleSplit(profile)


class TitleSplit:
    def __init__(self, profile):
        conventions, limits = profile.conventions, profile.limits
        self.kicker_endings = conventions.kicker_endings
        self.kicker_openers = conventions.kicker_openers
        words = words_pattern(conventions.subheadline_words)
        openers = words_pattern(conventions.subheadline_openers)
        reading = [words, r"\d", f"^(?:{openers})" if openers else ""]
        self.subheadline_reading = re.compile("|".join(part for part in reading if part))
        self.kicker_length = limits.kicker_in_line
        self.headline_length = limits.headline_in_line

    # complexity: the title block's cases (kicker, headline, subheadline, deck) line by line in print order
    def split(self, draft: ArticleDraft, texts: list[str], lines: list[str]) -> None:
        kicker, subheadline = "", ""
        rest: list[str] = []
        for text in texts:
            if text.startswith("——") and not subheadline and (rest or kicker):
                subheadline = text.lstrip("—").strip()
            elif text.endswith("——") and not kicker and not rest:
                kicker = text
            elif not kicker and not rest and forms.kicker_split(text):
                kicker, headline = forms.kicker_split(text)
                rest.append(headline)
            else:
                rest.append(text)
        headline = ""
        if not rest:
            headline, subheadline = kicker or subheadline, "" if not kicker else subheadline
            kicker = ""
        elif len(rest) == 1:
            headline = rest[0]
            if not kicker:
                kicker, headline = self._kicker_in_line(draft, headline, lines)
        elif kicker and subheadline:
            draft.doubt(DoubtKind.TITLE_SPLIT, "引题与副题之间有几行主题，已合为一个主题", lines)
            headline = " ".join(rest)
        elif kicker:
            headline, subheadline = rest[0], " ".join(rest[1:])
        elif subheadline:
            kicker, headline = rest[0], " ".join(rest[1:])
        elif len(rest) >= 3 and 1 < _questions(rest) < len(rest):
            # 要多久？你身边的……在哪里？ / 汽车充电……能跑多远？ over the headline: one kicker.
            asked = _questions(rest)
            kicker, headline, subheadline = " ".join(rest[:asked]), rest[asked], " ".join(rest[asked + 1 :])
        elif len(rest) >= 3:
            if len(rest) > 3:
                draft.doubt(DoubtKind.TITLE_SPLIT, "标题超过三行，后几行已归入副题", lines)
            kicker, headline, subheadline = rest[0], rest[1], " ".join(rest[2:])
        else:
            kicker, headline, subheadline = self._two_lines(draft, *rest, lines)
        draft.kicker, draft.headline, draft.subheadline = kicker, headline, subheadline

    def _two_lines(self, draft, first: str, second: str, lines) -> tuple[str, str, str]:
        if self._headline_and_subheadline(first, second):
            return "", first, second
        if not forms.bracket_label(second) and not first.endswith(self.kicker_endings):
            draft.doubt(
                DoubtKind.TITLE_SPLIT, f"两行标题：已把“{first}”作引题、“{second}”作主题，请核对", lines
            )
        return first, second, ""

    def _headline_and_subheadline(self, first: str, second: str) -> bool:
        if forms.bracket_label(first):
            return True
        if forms.bracket_label(second) or first.endswith(self.kicker_endings):
            return False
        if first.rstrip(forms.CLOSERS).endswith("…"):
            return False  # a line trailing off (……, ……”) leads into the headline: a kicker
        return (
            any(mark in second for mark in "，,、；;：:")
            or self.subheadline_reading.search(second) is not None
        )

    def _kicker_in_line(self, draft, line: str, lines) -> tuple[str, str]:
        """A kicker sharing the headline's line, separated by a space (see the module docstring)."""
        parts = line.split(maxsplit=1)
        if (
            len(parts) == 2
            and len(parts[0]) >= self.kicker_length
            and len(parts[1]) >= self.headline_length
            and parts[0].startswith(self.kicker_openers)
            and forms.balanced(parts[0])
            and not forms.bracket_label(parts[0])
        ):
            draft.doubt(DoubtKind.TITLE_SPLIT, f"引题“{parts[0]}”取自主题所在的行，请核对", lines)
            return parts[0], parts[1]
        return "", line
