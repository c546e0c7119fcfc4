"""Photo credits and captions: ``企业供图``, ``新华社记者 张金加摄``, ``翟慧勇摄（影像中国）``,
``方  圆  吴树江摄影报道``, ``新华社发``; a caption and its credit may share a line
(``航拍共享储能电站。企业供图``). The words of ``……供图`` credits are the profile's `credit_words`.
Pure Python."""

from __future__ import annotations

import re

from .cues import Cues
from .forms import words_pattern

# A name in a credit: one to four Chinese characters (方  圆: a name spaced out), ·-joined, or a
# reader's nickname in quotes (橙友“yiyi舟老兵”); a longer run of characters is a caption's.
_CREDIT_NAME = r"(?:[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,8}){0,3}(?:“[^“”\s]{1,12}”)?|“[^“”\s]{1,12}”)"
_CREDIT_BY = (
    r"(?:(?:[\u4e00-\u9fff]{2,8}?(?:日报|社|网))?(?:本报|特约)?(?:全媒体|融媒体|摄影)?(?:记者|通讯员)?\s{0,3}[/／]?\s{0,3})?"
    rf"{_CREDIT_NAME}(?:\s{{1,3}}{_CREDIT_NAME}){{0,3}}\s{{0,3}}"
)
_CREDIT_SOURCE = r"(?:\s{0,3}[（(][^（()）]{1,16}[）)])?"
SOURCE_CREDIT = re.compile(
    r"(?:图片来源|来源|图)\s{0,2}[:：/／]\s{0,2}\S{1,20}|资料图片|资料图|图片由\S{1,16}提供|图据\S{2,16}"
)
# The last character of every credit form but 来源：…, which has a separator: a cheap test first.
CREDIT_ENDINGS = frozenset("摄道影图稿供发片）)")
SEPARATORS = ":：/／"
_SEPARATED = re.compile(f"[{SEPARATORS}]")


class Credits:
    def __init__(self, conventions, limits):
        words = words_pattern(conventions.credit_words)
        # 摄 after 拍 or 航 is the verb (拍摄, 航摄), not a credit.
        self.credit = re.compile(
            _CREDIT_BY
            + r"(?<![拍航])(?:摄影报道|摄影|摄)"
            + _CREDIT_SOURCE
            + rf"|[\u4e00-\u9fff]{{1,12}}(?:{words})"
            + _CREDIT_SOURCE
            + r"|(?:[\u4e00-\u9fff]{1,8}社|人民视觉|视觉中国)(?:记者\s{0,3}[\u4e00-\u9fff·]{2,8}\s{0,3})?发"
            + _CREDIT_SOURCE
        )
        self.max_length = limits.max_credit_length
        self.endings = CREDIT_ENDINGS | {word[-1] for word in conventions.credit_words if word}
        # A credit, alone or after its caption, passes the cheap test of both rules first.
        self.cues = Cues(characters="".join(self.endings) + SEPARATORS + "图")

    def is_credit(self, text: str) -> bool:
        """A photo credit on its own: 企业供图, 新华社记者 张金加摄, 翟慧勇摄（影像中国）."""
        text = text.strip()
        if not text or len(text) > self.max_length:
            return False
        if text[-1] not in self.endings and not _SEPARATED.search(text) and not text.startswith("图据"):
            return False
        return self.credit.fullmatch(text) is not None or SOURCE_CREDIT.fullmatch(text) is not None

    def split_caption(self, line: str) -> tuple[str, str] | None:
        """(caption, credit) for ``航拍共享储能电站。企业供图`` / ``图为…… 新华社记者 张金加摄``."""
        line = line.strip()
        if len(line) > 400 or (
            line[-1:] not in self.endings and not _SEPARATED.search(line) and "图据" not in line
        ):
            return None
        for cut in ("。", "  ", " ", "\u3000"):
            index = line.rfind(cut)
            if index <= 0:
                continue
            caption, credit = line[:index].strip(), line[index + len(cut) :].strip()
            if caption and self.is_credit(credit):
                return caption, credit
        return None
