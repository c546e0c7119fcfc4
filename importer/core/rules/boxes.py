"""Lines of boxes and turns that are never titles, whatever their shape. Pure Python.

* a fact of a box: one of the profile's `fact_labels` and a colon (``时间：``, ``导航：崂山村``,
  ``兑换开始时间：3月28日``), a short line holding one of its `furniture_words` (``邮发代号``,
  ``扫码关注``) or a telephone number (``求医问药0571-85053191``); a fact's label without its
  colon heads the values under it (``坐诊时间`` over ``某某馆：周一上午``); a short line giving
  opening hours (``欢迎周一至周五9时-17时致电……``, ``9:00—17:00``); the place a story is
  filed under, alone on a line after its text (``富阳区``: one of its `region_endings`);
* a furniture title: one of its `furniture_titles` (``本报地址``, ``杭州市区天气预报``), the head of
  a box that is not a story;
* a contact: a short line with a telephone number, the fact a box for readers gives (a hotline,
  a call for stories);
* an interview turn: one of its `interview_labels` and a colon (``问：``, ``记者：``).
"""

from __future__ import annotations

import re

from .cues import Cues
from .forms import words_pattern

# A fact's label may follow a short word (兑换开始时间) and may stand alone (时间：).
MAX_FACT_PREFIX = 4
MAX_FURNITURE_LINE = 60
# A region's name before its ending (富阳 + 区): the place a story is filed under.
MAX_REGION_NAME = 3
# A telephone number (0571-85053191, 400-123-4567): a short line holding one is a box's fact.
PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}|400)-?\d{3,4}-?\d{4}(?!\d)")
# A number PHONE finds holds a dash or, without one, ten digits in a row.
PHONE_CUES = Cues(characters="-", patterns=(r"\d{10}",))
# Opening hours (周一至周五, 9时-17时, 8:30～17:00): a short line giving them is a box's fact
# (longer, or ending with a comma, it is more likely prose a column break cut).
MAX_HOURS_LINE = 30
CLAUSE_ENDS = ("，", ",", "、")
_CLOCK = r"\d{1,2}(?:[:：]\d{2}|时|点)"
_WEEKDAY = r"周[一二三四五六日天]"
# Both forms of opening hours hold one of these between their ends.
HOURS_RANGE = "至到-—～~"
_TO = f"[{re.escape(HOURS_RANGE)}]"
HOURS = re.compile(rf"{_WEEKDAY}\s?{_TO}\s?{_WEEKDAY}|(?<!\d){_CLOCK}\s?{_TO}{{1,2}}\s?{_CLOCK}")


class Boxes:
    def __init__(self, conventions):
        labels = words_pattern(conventions.fact_labels)
        self.fact = (
            re.compile(rf"[\u4e00-\u9fff]{{0,{MAX_FACT_PREFIX}}}(?:{labels})\s{{0,2}}[:：]")
            if labels
            else None
        )
        regions = words_pattern(conventions.region_endings)
        self.region = re.compile(rf"[\u4e00-\u9fff]{{1,{MAX_REGION_NAME}}}(?:{regions})") if regions else None
        self.region_length = MAX_REGION_NAME + max(map(len, conventions.region_endings), default=0)
        words = words_pattern(conventions.furniture_words)
        self.furniture_word = re.compile(words) if words else None
        # 坐诊时间 / 报名方式 over 某某馆：周一上午: a fact's label printed as the head of its values.
        self.fact_heading = (
            re.compile(rf"[\u4e00-\u9fff]{{0,{MAX_FACT_PREFIX}}}(?:{labels})") if labels else None
        )
        titles = words_pattern(conventions.furniture_titles)
        self.furniture_title = re.compile(rf"[\u4e00-\u9fff]{{0,6}}(?:{titles})") if titles else None
        turns = words_pattern(conventions.interview_labels)
        self.turn = re.compile(rf"(?:{turns})\s{{0,2}}[:：]") if turns else None
        # What each of `is_fact`'s forms needs: a label's colon, a telephone number, opening
        # hours' range, a region's ending, a furniture word.
        self.fact_cues = (
            (Cues(characters=":：") if self.fact else Cues())
            | PHONE_CUES
            | Cues(characters=HOURS_RANGE)
            | (Cues.initials(conventions.region_endings) if self.region else Cues())
            | (Cues.initials(conventions.furniture_words) if self.furniture_word else Cues())
        )

    def is_fact(self, text: str) -> bool:
        # A fact's label ends with a colon: the cheap test first.
        if self.fact is not None and ("：" in text or ":" in text) and self.fact.match(text):
            return True
        if len(text) <= MAX_FURNITURE_LINE and PHONE.search(text):
            return True
        if len(text) <= MAX_HOURS_LINE and HOURS.search(text) and not text.endswith(CLAUSE_ENDS):
            return True
        if self.region is not None and len(text) <= self.region_length and self.region.fullmatch(text):
            return True
        return (
            self.furniture_word is not None
            and len(text) <= MAX_FURNITURE_LINE
            and self.furniture_word.search(text) is not None
        )

    def is_contact(self, text: str) -> bool:
        """A fact giving a telephone number (热线 0571-85053191): what a box for readers prints."""
        return len(text) <= MAX_FURNITURE_LINE and PHONE.search(text) is not None

    def is_fact_heading(self, text: str) -> bool:
        return self.fact_heading is not None and self.fact_heading.fullmatch(text.strip()) is not None

    def is_furniture_title(self, text: str) -> bool:
        return self.furniture_title is not None and self.furniture_title.fullmatch(text.strip()) is not None

    def is_turn(self, text: str) -> bool:
        return self.turn is not None and self.turn.match(text) is not None
