"""Bylines: ``人民日报记者/孙超``, ``株洲日报全媒体记者/温琳``, ``通讯员/彭梦笔 吴明``,
``本报记者  杨明方  阿尔达克``, ``（记者葛孟超）``, ``(金歆、王迪)``: an optional organisation, a
printed role (the profile's `role_labels`), then names (two to four Chinese characters, or ·-joined
transliterations). Pure Python."""

from __future__ import annotations

import re

from ..draft import BylineDraft, BylineRole
from .cues import ANYTHING, Cues
from .forms import words_pattern

NAME = r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8}){1,3}"
NAME_RE = re.compile(rf"(?:{NAME})")
SEPARATOR = re.compile(r"[\s、，,/／:：]+")
# What separates an author's label from the name (口述：某某, 文/某某).
AUTHOR_SEPARATORS = ":：/／|｜"

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


# A label naming a person by what they did: 寄思人, 讲述人, 推荐人 (two characters and 人).
PERSON_LABEL = r"[\u4e00-\u9fff]{2}人"
# A partner outlet's name printed among a byline's names: longer than a person's (2-4 characters).
OUTLET = re.compile(r"[\u4e00-\u9fff]{5,12}")
# The title after a portrait's name: 主任中医师, 教授, 主理人 (a few Chinese characters).
PORTRAIT_TITLE = re.compile(r"[\u4e00-\u9fff]{2,6}")


def is_named_portrait(text: str) -> bool:
    """``赵贵铭 主任中医师``: a person's name and title, as printed under a portrait, never a title
    line nor an author (a byline prints the role first: 记者 张三)."""
    parts = text.split()
    return (
        len(parts) == 2
        and is_person_name(parts[0])
        and PORTRAIT_TITLE.fullmatch(parts[1]) is not None
        and not is_person_name(parts[1])
    )


def _names(text: str) -> list[str] | None:
    names = [part for part in SEPARATOR.split(text) if part]
    if names and all(NAME_RE.fullmatch(name) for name in names):
        return names
    return None


# 三（2）班 / 五年级 / 高二（3）班 / 初一1班: a class after a school's name.
SCHOOL_CLASS = (
    r"(?:[一二三四五六七八九\d]{1,2}年级)?"
    r"(?:[高初]?[一二三四五六七八九\d]{1,2}\s?[（(]\d{1,2}[）)]\s?班|[一二三四五六七八九\d]{1,2}班)?"
)


class Bylines:
    """Byline rules compiled from a profile's conventions and limits."""

    def __init__(self, conventions, limits):
        self.roles = dict(conventions.role_labels)
        labels = words_pattern(self.roles)
        endings = words_pattern(conventions.organisation_endings)
        # An organisation printed before the role: 人民日报 / 株洲日报 / 新华社 is part of the label.
        self.organization = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?(?:{endings}))(?={labels})")
        self.label = re.compile(rf"({labels})")
        # A partner outlet printed among the names: 记者 甲 某某微融圈 乙 丙.
        partners = words_pattern(conventions.partner_endings)
        self.partner = re.compile(rf"[\u4e00-\u9fff]{{1,10}}(?:{partners})") if partners else None
        # 口述：某某 / 文/某某: a piece's author named after a label and a colon; so is a label naming
        # a person by what they did (寄思人：某某, 讲述人：某某: ……人), unless it is a box's fact
        # (联系人：某某).
        authors = "|".join(part for part in (words_pattern(conventions.author_labels), PERSON_LABEL) if part)
        self.author = re.compile(rf"({authors})\s{{0,2}}[{AUTHOR_SEPARATORS}]\s{{0,2}}(\S.*)")
        self.not_authors = frozenset(conventions.fact_labels)
        # 杭州市某某小学三（2）班 王小明: a pupil's school and class, then the name.
        schools = words_pattern(conventions.school_endings)
        self.school = (
            re.compile(rf"([\u4e00-\u9fff]{{2,20}}?(?:{schools}){SCHOOL_CLASS})\s{{0,3}}(\S.*)")
            if schools
            else None
        )
        self.max_length = limits.max_byline_length
        # A standalone byline is an author's label and a separator, a school's name, or a role word
        # (with no role word, the empty group finds a role in any line).
        self.standalone_cues = (
            Cues(characters=AUTHOR_SEPARATORS)
            | (Cues.initials(conventions.school_endings) if schools else Cues())
            | (Cues.initials(self.roles) if labels else ANYTHING)
        )

    def parse(self, text: str, *, unlabelled_role: str | None = None, standalone: bool = False):
        """Bylines printed in ``text`` (a standalone line or a dateline's brackets), else None.

        Groups of ``[organisation]role[/]names``; names after one role share it, and a partner
        outlet among the names (``记者 甲 某某微融圈 乙 丙``) is the organisation of those after it.
        A role right before another qualifies it (``本版摄影 记者 某某``: a photographer). Names
        printed without a role (``金歆、王迪`` in a dateline's brackets, a commentary's author under
        its title) get ``unlabelled_role``, or make the text no byline when it is None. A
        ``standalone`` line needs a separator after each role (``记者/李军``, ``本报记者  杨明方``),
        so that a title such as 记者手记 is not read as a reporter called 手记; it may also be an
        author's label and name (``口述：某某``, ``寄思人：某某``) or a pupil's school, class and name.
        """
        text = text.strip()
        if not text or len(text) > self.max_length:
            return None
        if standalone:
            found = self._labelled_author(text) or self._pupil(text)
            if found:
                return found
        if unlabelled_role is None and self.label.search(text) is None:
            return None
        return self._groups(text, unlabelled_role, standalone)

    def _groups(self, text: str, unlabelled_role: str | None, standalone: bool):
        bylines: list[BylineDraft] = []
        position, qualifier = 0, None
        while position < len(text):
            rest = text[position:]
            group = self._group(rest, standalone)
            if group is None:
                names = _names(rest) if unlabelled_role and not bylines else None
                return [BylineDraft(name=name, role=unlabelled_role) for name in names] if names else None
            printed, organization, named, end = group
            # 本版摄影 记者 某某: the first role says what the second does. A role under an outlet's
            # name (人民日报记者/) is no qualifier: its names were taken for the next group's outlet.
            if named == [] and end < len(rest) and qualifier is None and not organization:
                qualifier = printed
                position += end
                continue
            if not named:
                return None
            role = self.roles[qualifier or printed]
            shown = f"{qualifier} {printed}" if qualifier else printed
            # Names after a partner outlet print the outlet, not the role, before them.
            bylines.extend(
                BylineDraft(
                    name=name, role=role, label=shown if where == organization else "", organization=where
                )
                for name, where in named
            )
            position, qualifier = position + end, None
        return bylines or None

    def _group(self, rest: str, standalone: bool):
        """(role as printed, organisation, names with theirs, where the group ends) of the group
        ``rest`` starts with, or None when it starts with no role (or, ``standalone``, with a role
        and no separator after it)."""
        org = self.organization.match(rest)
        label = self.label.match(rest, org.end() if org else 0)
        if not label or (standalone and not SEPARATOR.match(rest, label.end())):
            return None
        end = len(rest)
        for following in self.label.finditer(rest, label.end()):
            start = self._group_start(rest, following.start())
            if start is not None:
                end = start
                break
        organization = org.group(1) if org else ""
        return label.group(1), organization, self._named(rest[label.end() : end], organization), end

    def _named(self, text: str, organization: str) -> list[tuple[str, str]] | None:
        """The names after a role with the organisation of each; [] for none, None for a text that
        is not names. A partner outlet switches the organisation of the names after it: one of
        the profile's `partner_endings`, or, between names, a word too long for a person's name
        (``记者 甲 某某区融媒站 乙 丙``); an outlet no name follows makes the text no byline."""
        named, where, outlet_named = [], organization, True
        for part in SEPARATOR.split(text):
            if not part:
                continue
            partner = self.partner is not None and self.partner.fullmatch(part) is not None
            if NAME_RE.fullmatch(part) and not partner:
                named.append((part, where))
                outlet_named = True
            elif partner or (named and OUTLET.fullmatch(part)):
                where, outlet_named = part, False
            else:
                return None
        return named if outlet_named else None

    def _labelled_author(self, text: str) -> list[BylineDraft] | None:
        match = self.author.fullmatch(text)
        names = _names(match.group(2)) if match and match.group(1) not in self.not_authors else None
        if not names:
            return None
        return [BylineDraft(name=name, role=BylineRole.AUTHOR, label=match.group(1)) for name in names]

    def _pupil(self, text: str) -> list[BylineDraft] | None:
        match = self.school.fullmatch(text) if self.school else None
        names = _names(match.group(2)) if match else None
        if not names:
            return None
        school = match.group(1).strip()
        return [BylineDraft(name=name, role=BylineRole.AUTHOR, organization=school) for name in names]

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
