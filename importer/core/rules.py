"""What one line of a page dump is, judged on its own. Pure Python: no Django import.

Each recogniser looks at a single line and answers a narrow question: is this a continuation
marker, a dateline, a byline, a photo credit, a title-like line? The parser (`parser.py`) weighs
the answers of neighbouring lines against each other; nothing here decides an article boundary.

Every pattern is anchored or has bounded repetition, so a line of a megabyte costs linear time.

Forms recognised (full- and half-width punctuation alike):
* continuation markers: ``▶▶下转08版``, ``（下转第二版）``, ``(下转A2版)``, ``上接01版``,
  ``（上接第一版）``; the page as 08, 8, 第八, A2 (a marker needs 版, so 上接续 is prose);
* editor's note labels: ``编者按``, ``核心提示``, ``开栏语`` (alone or followed by a colon);
* datelines at the start of a paragraph: ``株洲日报讯``, ``本报讯``, ``本报北京1月18日电``,
  ``新华社北京1月18日电``, ``新华社电``, with a bracketed byline after them;
* bylines: ``人民日报记者/孙超``, ``株洲日报全媒体记者/温琳``, ``通讯员/彭梦笔 吴明``,
  ``本报记者  杨明方  阿尔达克``, ``（记者葛孟超）``, ``(金歆、王迪)``: an optional organisation, a
  printed role, then names (two to four Chinese characters, or ·-joined transliterations);
* photo credits: ``企业供图``, ``新华社记者 张金加摄``, ``翟慧勇摄（影像中国）``,
  ``方  圆  吴树江摄影报道``, ``新华社发``; a caption and its credit may share a line
  (``航拍共享储能电站。企业供图``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .draft import BylineDraft, PageRef
from .text import normalise_label

# --- continuation markers -------------------------------------------------------------------

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


# --- editor's notes ---------------------------------------------------------------------------

NOTE_LABEL = re.compile(
    r"[【\[（(]?\s{0,2}(编者按|编者的话|核心提示|开栏语|编后)\s{0,2}[】\]）)]?\s{0,2}[:：]?\s{0,2}"
)


def note_label(line: str) -> tuple[bool, str]:
    """(True, text after the label) when the line opens an editor's note."""
    match = NOTE_LABEL.match(line)
    if not match:
        return False, line
    rest = line[match.end() :].strip()
    # 编后 also starts ordinary words (编后记 is a piece of its own); only the bare label counts.
    if match.group(1) == "编后" and rest and not match.group(0).rstrip().endswith((":", "：")):
        return False, line
    if rest and not match.group(0).rstrip().endswith((":", "：", "】", "]", "）", ")")):
        return False, line
    return True, rest


# --- bylines ----------------------------------------------------------------------------------

# Printed role labels, longest first, with the role each one means.
ROLE_LABELS = (
    ("本报特约通讯员", "correspondent"),
    ("特约通讯员", "correspondent"),
    ("本报通讯员", "correspondent"),
    ("通讯员", "correspondent"),
    ("本报评论员", "author"),
    ("特约评论员", "author"),
    ("评论员", "author"),
    ("全媒体记者", "reporter"),
    ("融媒体记者", "reporter"),
    ("本报摄影记者", "photographer"),
    ("摄影记者", "photographer"),
    ("本报实习记者", "intern"),
    ("实习记者", "intern"),
    ("见习记者", "reporter"),
    ("特约记者", "reporter"),
    ("本报记者", "reporter"),
    ("驻站记者", "reporter"),
    ("记者", "reporter"),
    ("实习生", "intern"),
    ("摄影", "photographer"),
    ("作者", "author"),
    ("编辑", "editor"),
)
ROLES = dict(ROLE_LABELS)
_LABELS = "|".join(label for label, _ in ROLE_LABELS)
NAME = r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8}){1,3}"
NAME_RE = re.compile(rf"(?:{NAME})")
# An organisation printed before the role: 人民日报 / 株洲日报 / 新华社 / 本报 is part of the label.
ORGANIZATION = re.compile(
    r"([\u4e00-\u9fff]{2,8}?(?:日报|晚报|晨报|时报|报社|新闻社|通讯社|社|网|台))(?=" + _LABELS + ")"
)
LABEL_RE = re.compile(rf"({_LABELS})")
SEPARATOR = re.compile(r"[\s、，,/／:：]+")
MAX_BYLINE_LENGTH = 60


def _names(text: str) -> list[str] | None:
    names = [part for part in SEPARATOR.split(text) if part]
    if names and all(NAME_RE.fullmatch(name) for name in names):
        return names
    return None


def parse_bylines(text: str, *, unlabelled_role: str | None = None, standalone: bool = False):
    """Bylines printed in ``text`` (a standalone line or a dateline's brackets), else None.

    Groups of ``[organisation]role[/]names``; names after one role share it. Names printed
    without a role (``金歆、王迪`` in a dateline's brackets, a commentary's author under its title)
    get ``unlabelled_role``, or make the text no byline when it is None. A ``standalone`` line
    needs a separator after each role (``记者/李军``, ``本报记者  杨明方``), so that a title such
    as 记者手记 is not read as a reporter called 手记.
    """
    text = text.strip()
    if not text or len(text) > MAX_BYLINE_LENGTH:
        return None
    bylines: list[BylineDraft] = []
    position = 0
    while position < len(text):
        rest = text[position:]
        org = ORGANIZATION.match(rest)
        label = LABEL_RE.match(rest, org.end() if org else 0)
        if not label:
            names = _names(rest) if unlabelled_role and not bylines else None
            if not names:
                return None
            return [BylineDraft(name=name, role=unlabelled_role) for name in names]
        if standalone and not SEPARATOR.match(rest, label.end()):
            return None
        end = len(rest)
        for following in LABEL_RE.finditer(rest, label.end()):
            start = _group_start(rest, following.start())
            if start is not None:
                end = start
                break
        names = _names(rest[label.end() : end])
        if not names:
            return None
        printed = label.group(1)
        organization = org.group(1) if org else ""
        bylines.extend(
            BylineDraft(name=name, role=ROLES[printed], label=printed, organization=organization)
            for name in names
        )
        position += end
    return bylines or None


def _group_start(rest: str, label_start: int) -> int | None:
    """Where the byline group whose role label starts at ``label_start`` begins, if it is one.

    A role label starts a new group after a separator, or after an organisation that itself
    follows a separator (``记者/王迪 新华社记者/李四``); elsewhere it is part of a name.
    """
    if SEPARATOR.fullmatch(rest[label_start - 1]):
        return label_start
    for org in ORGANIZATION.finditer(rest, max(0, label_start - 10)):
        if org.end() == label_start and org.start() > 0 and SEPARATOR.fullmatch(rest[org.start() - 1]):
            return org.start()
    return None


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


# --- datelines --------------------------------------------------------------------------------

_AGENCY = r"(?:本报|新华社|中新社|人民日报|[\u4e00-\u9fff]{2,6}?(?:日报|晚报|晨报|时报|报|网|社|台))"
DATELINE = re.compile(r"(据)?" + _AGENCY + r"(?:讯|[\u4e00-\u9fff·]{0,10}?(?:\d{1,2}月\d{1,2}日)?(?:专)?电)")
BRACKETED = re.compile(r"\s{0,4}[（(]([^（()）]{1,60})[）)]")


@dataclass
class Lead:
    dateline: str
    bylines: list[BylineDraft]
    rest: str


def take_dateline(paragraph: str) -> Lead | None:
    """The dateline (and the bylines bracketed after it) at the start of a paragraph."""
    match = DATELINE.match(paragraph)
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
        found = parse_bylines(bracket.group(1), unlabelled_role="reporter")
        if found:
            bylines = found
            after = after[bracket.end() :]
    after = after.lstrip(" \u3000\xa0:：")
    return Lead(dateline=dateline, bylines=bylines, rest=after)


# --- photo credits ----------------------------------------------------------------------------

_CREDIT_BY = (
    r"(?:(?:[\u4e00-\u9fff]{2,8}?(?:日报|社|网))?(?:本报|特约)?(?:全媒体|融媒体|摄影)?(?:记者|通讯员)?\s{0,3}[/／]?\s{0,3})?"
    r"[\u4e00-\u9fff·]{1,8}(?:\s{1,3}[\u4e00-\u9fff·]{1,8}){0,3}\s{0,3}"
)
_CREDIT_SOURCE = r"(?:\s{0,3}[（(][^（()）]{1,16}[）)])?"
# 摄 after 拍 or 航 is the verb (拍摄, 航摄), not a credit.
CREDIT = re.compile(
    _CREDIT_BY
    + r"(?<![拍航])(?:摄影报道|摄影|摄)"
    + _CREDIT_SOURCE
    + r"|[\u4e00-\u9fff]{1,12}(?:供图|供稿)"
    + _CREDIT_SOURCE
    + r"|(?:[\u4e00-\u9fff]{1,8}社|人民视觉|视觉中国)(?:记者\s{0,3}[\u4e00-\u9fff·]{2,8}\s{0,3})?发"
    + _CREDIT_SOURCE
)
SOURCE_CREDIT = re.compile(
    r"(?:图片来源|来源|图)\s{0,2}[:：/／]\s{0,2}\S{1,20}|资料图片|资料图|图片由\S{1,16}提供"
)
MAX_CREDIT_LENGTH = 32
# The last character of every credit form above: a cheap test before the patterns.
CREDIT_ENDINGS = frozenset("摄道影图稿供发片）)")


def is_credit(text: str) -> bool:
    """A photo credit on its own: 企业供图, 新华社记者 张金加摄, 翟慧勇摄（影像中国）."""
    text = text.strip()
    if not text or len(text) > MAX_CREDIT_LENGTH:
        return False
    return CREDIT.fullmatch(text) is not None or SOURCE_CREDIT.fullmatch(text) is not None


def split_caption(line: str) -> tuple[str, str] | None:
    """(caption, credit) for ``航拍共享储能电站。企业供图`` / ``图为…… 新华社记者 张金加摄``."""
    line = line.strip()
    if len(line) > 400 or (line[-1:] not in CREDIT_ENDINGS and "：" not in line and ":" not in line):
        return None
    for cut in ("。", "  ", " ", "\u3000"):
        index = line.rfind(cut)
        if index <= 0:
            continue
        caption, credit = line[:index].strip(), line[index + len(cut) :].strip()
        if caption and is_credit(credit):
            return caption, credit
    return None


# --- title-like lines -------------------------------------------------------------------------

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』\"'）)】"
CLAUSE_END = "，,、；;"
BRACKET_LABEL = re.compile(r"[（(]([^（()）]{1,40})[）)]$")
NUMBERED = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])"
)
MAX_TITLE_LENGTH = 50
SHORT_TITLE_WITH_COMMA = 20
PAIRS = (("“", "”"), ("（", "）"), ("(", ")"), ("《", "》"), ("【", "】"), ("「", "」"))


def balanced(text: str) -> bool:
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
    return text[-1:] in "”」』）)" and stripped[-1] in SENTENCE_END


def bracket_label(text: str) -> str | None:
    match = BRACKET_LABEL.search(text)
    return match.group(1) if match and match.start() > 0 else None


def without_label(text: str) -> str:
    label = BRACKET_LABEL.search(text)
    return text[: label.start()] if label and label.start() > 0 else text


def title_form(line: str) -> str | None:
    """How a line could serve in a title block, or None for prose.

    ``"strong"``: certainly a title line (a kicker ending with ``——``, a subheadline starting with
    ``——``, a headline with a bracketed column label, a column label in 【】); ``"title"``: short,
    balanced, with no sentence inside; ``"weak"``: long with commas, a title only next to other title lines;
    ``"subhead"``: ends with a colon (``山西：``), a heading inside a story.
    """
    text = line.strip()
    if not text or len(text) > MAX_TITLE_LENGTH + 30 or not balanced(text):
        return None
    core = without_label(text)
    if len(core) > MAX_TITLE_LENGTH or "。" in core.rstrip("。") or "。" in core[-1:]:
        return None
    last = core.rstrip(CLOSERS)[-1:] if core.rstrip(CLOSERS) else ""
    if last in CLAUSE_END:
        return None
    if last in ":：":
        return "subhead" if len(core) <= SHORT_TITLE_WITH_COMMA else None
    if last in SENTENCE_END and not (len(core) <= SHORT_TITLE_WITH_COMMA and not _has_clause(core[:-1])):
        return None
    if text.startswith("——") or (text.endswith("——") and len(text) > 2):
        return "strong" if not _has_clause(text) or len(text) <= 36 else "weak"
    if (bracket_label(text) and len(core) >= 2) or column_label(text):
        return "strong"
    if kicker_split(text) and not _has_clause(text):
        return "strong"
    if _has_clause(core) and len(core) > SHORT_TITLE_WITH_COMMA:
        return "weak"
    return "title"


def kicker_split(text: str) -> tuple[str, str] | None:
    """``……新格局—— 党建赋能治理 共建幸福家园``: a kicker and a headline sharing one line.

    The dash must stand outside quotes and book-title marks (《光阴的故事——万里为邻》 is one title).
    """
    index = text.find("——")
    while index > 0:
        kicker, headline = text[:index].strip(), text[index + 2 :].strip(" —")
        if kicker and headline and balanced(kicker):
            return kicker, headline
        index = text.find("——", index + 2)
    return None


COLUMN_LABEL = re.compile(r"【([^【】]{1,40})】")


def column_label(text: str) -> str | None:
    """``【聚焦“三微”“六位” 建设幸福株洲】``: a column label printed in black brackets on its own line."""
    match = COLUMN_LABEL.fullmatch(text.strip())
    return match.group(1).strip() if match else None


def _has_clause(text: str) -> bool:
    return any(mark in text for mark in "，,；;：:")


def is_numbered(line: str) -> bool:
    return NUMBERED.match(line.strip()) is not None


def mostly_latin(line: str) -> bool:
    letters = sum(char.isascii() and char.isalpha() for char in line)
    return letters >= 6 and letters >= 0.6 * len(line.replace(" ", ""))
