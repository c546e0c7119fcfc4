"""Datelines at the start of a paragraph and source lines at the end of a story. Pure Python.

* Datelines: ``株洲日报讯``, ``本报讯``, ``本报北京1月18日电``, ``新华社北京1月18日电``,
  ``新华社电``, with a bracketed byline after them (``本报讯（记者 甲 通讯员 乙）``). The agencies
  and the endings of an agency's name are the profile's `dateline_agencies` / `agency_endings`.
* Source lines: a wire story often prints no dateline and ends with where it came from instead:
  ``据新华社``, ``据央视新闻``, ``综合新华社等报道``, ``来源：某某``, on a line of their own or glued
  to the last sentence (``……应参尽参。据央视新闻``). The forms are the profile's `source_forms`
  (``据{}``, ``综合{}等报道``: ``{}`` is the outlet, a few characters without punctuation).
* Wire leads: a wire story printed without dateline or byline opens its text as a report does,
  with its source (``据美国《华尔街日报》3月26日报道，``: a source form and a comma), one of the
  profile's `wire_openers` (``当地时间``) or a date in its first words (``3月27日晚，``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..draft import BylineDraft, BylineRole
from .cues import ANYTHING, Cues
from .forms import SENTENCE_END, words_pattern

BRACKETED = re.compile(r"\s{0,4}[（(]([^（()）]{1,60})[）)]")
# 据了解 / 据统计 / 据介绍 are prose, not a source: words that cannot open an outlet's name.
# A date in a text's first words (3月27日, 针对3月24日): how a report filed from afar opens.
EARLY_DATE = re.compile(r"^.{0,4}?\d{1,2}月\d{1,2}日")
NOT_AN_OUTLET = "了解|悉|统计|介绍|报道|称|说|此|测算|估算|估计|调查|分析|透露|记载|传|查|初步|不完全|相关"


@dataclass
class Lead:
    dateline: str
    bylines: list[BylineDraft]
    rest: str


class Datelines:
    def __init__(self, conventions, limits, bylines):
        agencies = words_pattern(conventions.dateline_agencies)
        endings = words_pattern(conventions.agency_endings)
        agency = rf"(?:{agencies}|[\u4e00-\u9fff]{{2,6}}?(?:{endings}))"
        self.dateline = re.compile(
            r"(据)?" + agency + r"(?:讯|[\u4e00-\u9fff·]{0,10}?(?:\d{1,2}月\d{1,2}日)?(?:专)?电)"
        )
        self.bylines = bylines
        outlet = rf"(?!{NOT_AN_OUTLET})[\u4e00-\u9fffA-Za-z0-9·“”《》]{{2,{limits.max_source_length}}}?"
        forms = [
            re.escape(form).replace(re.escape("{}"), outlet)
            for form in conventions.source_forms
            if form.count("{}") == 1
        ]
        self.source = re.compile("|".join(f"(?:{form})" for form in forms)) if forms else None
        # 据某某报道， opening a text: the source form, then a comma.
        self.report = re.compile("|".join(f"(?:{form})[，,]" for form in forms)) if forms else None
        openers = words_pattern(conventions.wire_openers)
        self.wire_opener = re.compile(openers) if openers else None
        self.max_source = limits.max_source_length + 8
        # A dateline ends with 讯 or 电; a source line holds the words of its form around the
        # outlet (a form that is the outlet alone, {}, holds none).
        self.dateline_cues = Cues(characters="讯电")
        literals = [
            next(filter(None, form.split("{}")), "")
            for form in conventions.source_forms
            if form.count("{}") == 1
        ]
        self.source_cues = ANYTHING if "" in literals else Cues.initials(literals)

    def take_dateline(self, paragraph: str) -> Lead | None:
        """The dateline (and the bylines bracketed after it) at the start of a paragraph."""
        match = self.dateline.match(paragraph)
        if not match or match.group(1):
            return None
        after = paragraph[match.end() :]
        # 本报讯 glued to prose is fine, but 新华社电视台 is not a dateline.
        if after[:1] not in ("", " ", "\u3000", "\xa0", "（", "(", "：", ":", "，", ",") and not match.group(
            0
        ).endswith("讯"):
            return None
        dateline = match.group(0)
        bylines: list[BylineDraft] = []
        bracket = BRACKETED.match(after)
        if bracket:
            found = self.bylines.parse(bracket.group(1), unlabelled_role=BylineRole.REPORTER)
            if found:
                bylines = found
                after = after[bracket.end() :]
        after = after.lstrip(" \u3000\xa0:：")
        return Lead(dateline=dateline, bylines=bylines, rest=after)

    def is_source(self, text: str) -> bool:
        """A source line on its own: 据新华社, 综合新华社等报道."""
        text = text.strip()
        return (
            self.source is not None
            and len(text) <= self.max_source
            and self.source.fullmatch(text) is not None
        )

    def opens_like_wire(self, paragraph: str) -> bool:
        """A text opening as a wire story's does (see the module docstring): its lead is in it."""
        text = paragraph.lstrip()
        return (
            EARLY_DATE.match(text) is not None
            or (self.wire_opener is not None and self.wire_opener.match(text) is not None)
            or (self.report is not None and self.report.match(text) is not None)
        )

    def source_at_end(self, paragraph: str) -> str | None:
        """The source glued to a paragraph's last sentence (``……应参尽参。据央视新闻``), if any."""
        tail = paragraph.rstrip()[-self.max_source - 1 :]
        for index, char in enumerate(tail):
            if char in SENTENCE_END or char in "”」』":
                candidate = tail[index + 1 :].strip()
                if candidate and self.is_source(candidate):
                    return candidate
        return None
