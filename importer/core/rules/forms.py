"""Punctuation and the shapes of lines, the same in every Chinese paper. Pure Python."""

from __future__ import annotations

import re

from .cues import Cues

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』\"'）)】"
CREDIT_AFTER_SENTENCE = re.compile(r"[。！？!?…]”?\s?[（(][^（()）]{1,30}[）)]$")
CLAUSE_END = "，,、；;"
MID_SENTENCE = "。，、,；;：:"
PAIRS = (("“", "”"), ("（", "）"), ("(", ")"), ("《", "》"), ("【", "】"), ("「", "」"))
BRACKET_LABEL = re.compile(r"[（(]([^（()）]{1,40})[）)]$")
NUMBERED = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])"
)
COLUMN_LABEL = re.compile(r"【([^【】]{1,40})】")
# Two spaces inside a title: the headline's own line break; subheads are one short line.
VISUAL_BREAK = re.compile(r"\S(?:\s{2}|\u3000)\S")
# A paragraph in brackets, whole: （本报布鲁塞尔10月4日电）, （综合本报记者倪光辉、毕京津报道）.
CLOSING_CREDIT = re.compile(r"^[（(][^（()）]{2,80}[）)]$")
CLOSING_CREDIT_CUES = Cues(characters="（(")
# The line in quotation marks, whole: a quote kicker (“我心脏不舒服……”).
QUOTED = re.compile(r"^[“\"「『][^“”\"「」『』]{2,60}[”\"」』]$")


_BRACKETS = re.compile("[" + re.escape("".join(open_ + close for open_, close in PAIRS)) + "]")


def balanced(text: str) -> bool:
    if _BRACKETS.search(text) is None:
        return True
    return all(text.count(open_) == text.count(close) for open_, close in PAIRS)


def ends_sentence(text: str) -> bool:
    """Whether a paragraph ends where a sentence can end (``。`` ``！`` ``？`` ``…`` or ``。”``)."""
    text = text.rstrip()
    stripped = text.rstrip(CLOSERS)
    if not stripped:
        return False
    if stripped[-1] in SENTENCE_END or stripped.endswith("——"):
        return stripped[-1] in SENTENCE_END
    # A closing quote or bracket after a whole sentence: ……。” / （本报北京10月18日电）
    if text[-1:] in "”」』）)" and stripped[-1] in SENTENCE_END:
        return True
    # A finished sentence, then who gave it in brackets: ……16~24℃。（某某气象台提供）
    return CREDIT_AFTER_SENTENCE.search(text) is not None


# No text opens with these: a line starting with one is the rest of a cut sentence (…命脉 / 。当今……).
CONTINUING = "。，、,；;：:！？!?）)”’"


DIGITS = "0123456789０１２３４５６７８９"


def cut_inside(end: str, text: str) -> bool:
    """Whether a column break cut a paragraph inside a mark printed double (……, ——), inside a
    number, or before a mark no text opens with: ``……进程…`` / ``…中国在……``, ``……试点的2`` /
    ``5种药品……``, ``……命脉`` / ``。当今……``."""
    last = end[-1:]
    return (
        text[:1] in CONTINUING
        or (last in DIGITS and text[:1] in DIGITS)
        or (last in ("…", "—") and not end.endswith(last * 2) and text.startswith(last))
    )


def bracket_label(text: str) -> str | None:
    if text[-1:] not in "）)":
        return None
    match = BRACKET_LABEL.search(text)
    return match.group(1) if match and match.start() > 0 else None


def without_label(text: str) -> str:
    if text[-1:] not in "）)":
        return text
    label = BRACKET_LABEL.search(text)
    return text[: label.start()] if label and label.start() > 0 else text


def column_label(text: str) -> str | None:
    """``【聚焦“三微”“六位” 建设幸福株洲】``: a column label printed in black brackets on its own line."""
    if "【" not in text:
        return None
    match = COLUMN_LABEL.fullmatch(text.strip())
    return match.group(1).strip() if match else None


_CLAUSE = re.compile("[，,；;：:]")


def has_clause(text: str) -> bool:
    return _CLAUSE.search(text) is not None


def is_numbered(line: str) -> bool:
    return NUMBERED.match(line.strip()) is not None


def mostly_latin(line: str) -> bool:
    letters = sum(char.isascii() and char.isalpha() for char in line)
    return letters >= 6 and letters >= 0.6 * len(line.replace(" ", ""))


def kicker_split(text: str) -> tuple[str, str] | None:
    """``……新格局—— 党建赋能治理 共建幸福家园``: a kicker and a headline sharing one line.

    The dash must stand outside quotes and book-title marks (《光阴的故事——万里为邻》 is one title).
    """
    index = text.find("——")
    while index > 0:  # no dash: -1
        kicker, headline = text[:index].strip(), text[index + 2 :].strip(" —")
        if kicker and headline and balanced(kicker):
            return kicker, headline
        index = text.find("——", index + 2)
    return None


def words_pattern(words) -> str:
    """An alternation of literal words, longest first (so 全媒体记者 wins over 记者)."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)) if word)
