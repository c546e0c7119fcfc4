"""Bylines: ``人民日报记者/孙超``, ``株洲日报全媒体记者/温琳``, ``通讯员/彭梦笔 吴明``,
``本报记者  杨明方  阿尔达克``, ``（记者葛孟超）``, ``(金歆、王迪)``: an optional organisation, a
printed role (the profile's `role_labels`), then names (two to four Chinese characters, or ·-joined
transliterations). Pure Python."""

from __future__ import annotations

import re

from ..draft import BylineDraft
from .forms import words_pattern

NAME = r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8}){1,3}"
NAME_RE = re.compile(rf"(?:{NAME})")
SEPARATOR = re.compile(r"[\s、，,/／:：]+")

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯")


def is_person_name(text: str) -> bool:
    """A bare Chinese name such as a commentary's author prints under the title: 朱理平."""
    text = text.strip()
    if not NAME_RE.fullmatch(text) or "·" in text:
        return False
    if text.startswith(COMPOUND_SURNAMES):
        return len(text) in (3, 4)
    return text[0] in SURNAMES and len(text) in (2, 3)


def _names(text: str) -> list[str] | None:
    names = [part for part in SEPARATOR.split(text) if part]
    if names and all(NAME_RE.fullmatch(name) for name in names):
        return names
    return None


class Bylines:
    """Byline rules compiled from a profile's conventions and limits."""

    def __init__(self, conventions, limits):
        self.roles = dict(conventions.role_labels)
        labels = words_pattern(self.roles)
        endings = words_pattern(conventions.organisation_endings)
        # An organisation printed before the role: 人民日报 / 株洲日报 / 新华社 is part of the label.
        self.organization = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?(?:{endings}))(?={labels})")
        self.label = re.compile(rf"({labels})")
        self.max_length = limits.max_byline_length

    def parse(self, text: str, *, unlabelled_role: str | None = None, standalone: bool = False):
        """Bylines printed in ``text`` (a standalone line or a dateline's brackets), else None.

        Groups of ``[organisation]role[/]names``; names after one role share it. Names printed
        without a role (``金歆、王迪`` in a dateline's brackets, a commentary's author under its
        title) get ``unlabelled_role``, or make the text no byline when it is None. A
        ``standalone`` line needs a separator after each role (``记者/李军``, ``本报记者  杨明方``),
        so that a title such as 记者手记 is not read as a reporter called 手记.
        """
        text = text.strip()
        if not text or len(text) > self.max_length:
            return None
        if unlabelled_role is None and self.label.search(text) is None:
            return None
        bylines: list[BylineDraft] = []
        position = 0
        while position < len(text):
            rest = text[position:]
            org = self.organization.match(rest)
            label = self.label.match(rest, org.end() if org else 0)
            if not label:
                names = _names(rest) if unlabelled_role and not bylines else None
                if not names:
                    return None
                return [BylineDraft(name=name, role=unlabelled_role) for name in names]
            if standalone and not SEPARATOR.match(rest, label.end()):
                return None
            end = len(rest)
            for following in self.label.finditer(rest, label.end()):
                start = self._group_start(rest, following.start())
                if start is not None:
                    end = start
                    break
            names = _names(rest[label.end() : end])
            if not names:
                return None
            printed = label.group(1)
            organization = org.group(1) if org else ""
            bylines.extend(
                BylineDraft(name=name, role=self.roles[printed], label=printed, organization=organization)
                for name in names
            )
            position += end
        return bylines or None

    def _group_start(self, rest: str, label_start: int) -> int | None:
        """Where the byline group whose role label starts at ``label_start`` begins, if it is one.

        A role label starts a new group after a separator, or after an organisation that itself
        follows a separator (``记者/王迪 新华社记者/李四``); elsewhere it is part of a name.
        """
        if SEPARATOR.fullmatch(rest[label_start - 1]):
            return label_start
        for org in self.organization.finditer(rest, max(0, label_start - 10)):
            if org.end() == label_start and org.start() > 0 and SEPARATOR.fullmatch(rest[org.start() - 1]):
                return org.start()
        return None
