"""Continuation markers, the same in every paper: ``▶▶下转08版``, ``（下转第二版）``, ``(下转A2版)``,
``上接01版``, ``（上接第一版）``, ``……”下转B02版``. The page comes as 08, 8, 第八, A2; a marker needs
版, so 上接续 is prose. Pure Python."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsroom.text import normalise_label

from ..draft import PageRef
from .cues import Cues

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PAGE = r"([A-Za-z]?\d{1,3}|[一二三四五六七八九十]{1,3})"
MARKER = re.compile(
    r"(?:[▶►>》]{1,3}\s{0,3})?[（(]?\s{0,3}(下转|上接)\s{0,3}第?\s{0,3}" + _PAGE + r"\s{0,3}版\s{0,3}[）)]?"
)


def chinese_number(text: str) -> int | None:
    """一..九十九 as printed in 第二版 / 第十二版."""
    if not text or any(char not in CN_DIGITS for char in text):
        return None
    if len(text) == 1:
        return CN_DIGITS[text]
    if len(text) == 2 and text[0] == "十":
        return 10 + CN_DIGITS[text[1]]
    if len(text) == 2 and text[1] == "十":
        return CN_DIGITS[text[0]] * 10
    if len(text) == 3 and text[1] == "十":
        return CN_DIGITS[text[0]] * 10 + CN_DIGITS[text[2]]
    return None


def page_ref(printed: str) -> PageRef | None:
    """``08`` / ``8`` / ``八`` / ``A2`` to a PageRef with the label as navigation prints it."""
    number = chinese_number(printed)
    if number is not None:
        return PageRef(label=f"{number:02d}")
    label = normalise_label(printed)
    return PageRef(label=label) if label.strip("0") else None


@dataclass
class Markers:
    """The continuation markers found on a line, and the line without them."""

    text: str
    continued_to: PageRef | None = None
    continued_from: PageRef | None = None


# Every marker holds 下转 or 上接.
MARKER_CUES = Cues(characters="转接")


def take_markers(line: str) -> Markers:
    found = Markers(text=line)
    if "转" not in line and "接" not in line:
        return found
    pieces, end = [], 0
    for match in MARKER.finditer(line):
        ref = page_ref(match.group(2))
        if ref is None:
            continue
        if match.group(1) == "下转":
            found.continued_to = found.continued_to or ref
        else:
            found.continued_from = found.continued_from or ref
        pieces.append(line[end : match.start()])
        end = match.end()
    if end:
        pieces.append(line[end:])
        found.text = "".join(pieces).strip()
    return found
