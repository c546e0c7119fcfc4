"""A publication's conventions as data: what the parser reads differently from one paper to the next.

Pure Python: no Django import. A `Profile` is a frozen dataclass of three parts:

* `Conventions` (words and forms): the dateline agencies (``本报``, ``新华社``), the role words of
  bylines (``记者``, ``通讯员``, ``见习记者``, ``制图``), labelled author lines (``寄思人：``), the
  source lines that close wire stories (``据新华社``, ``综合新华社等报道``), credit words, the
  paper's column names, column and kind words (``评论``, ``公告``), and page furniture (weather
  box, address box, teasers);
* `Weights`: the points each signal adds to a run of title lines before the parser opens an
  article with it (see `importer.core.parser.opening`, whose docstring names every field);
* `Limits`: the lengths and thresholds of the rules (how long a title line can be, the cohesion
  windows ...).

The defaults cover the common Chinese conventions; a paper's profile changes some fields and keeps
the rest. `to_dict` / `from_dict` (and the JSON forms) round-trip a profile exactly; `from_dict`
starts from the defaults, so a profile stored before a field existed stays valid, and refuses
unknown keys and wrong types with a `ProfileError` naming the field. The parser is deterministic
for a given profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, get_type_hints

from .draft import BYLINE_ROLES, BylineRole
from .errors import gettext_noop
from .headlines import SAME_STORY


class ProfileError(ValueError):
    """A profile document that does not describe a profile; the message (a Phrase) names the field."""


@dataclass(frozen=True)
class Conventions:
    # Role words printed before names, longest first: (as printed, role).
    role_labels: tuple[tuple[str, str], ...] = (
        ("本报特约通讯员", BylineRole.CORRESPONDENT),
        ("特约通讯员", BylineRole.CORRESPONDENT),
        ("本报通讯员", BylineRole.CORRESPONDENT),
        ("通讯员", BylineRole.CORRESPONDENT),
        ("本报评论员", BylineRole.AUTHOR),
        ("特约评论员", BylineRole.AUTHOR),
        ("评论员", BylineRole.AUTHOR),
        ("全媒体记者", BylineRole.REPORTER),
        ("融媒体记者", BylineRole.REPORTER),
        ("本报摄影记者", BylineRole.PHOTOGRAPHER),
        ("摄影记者", BylineRole.PHOTOGRAPHER),
        ("本报实习记者", BylineRole.INTERN),
        ("实习记者", BylineRole.INTERN),
        ("本报见习记者", BylineRole.REPORTER),
        ("见习记者", BylineRole.REPORTER),
        ("特约记者", BylineRole.REPORTER),
        ("本报记者", BylineRole.REPORTER),
        ("驻站记者", BylineRole.REPORTER),
        ("记者", BylineRole.REPORTER),
        ("实习生", BylineRole.INTERN),
        ("培训生", BylineRole.INTERN),
        ("本版摄影", BylineRole.PHOTOGRAPHER),
        ("摄影", BylineRole.PHOTOGRAPHER),
        ("制图", BylineRole.PHOTOGRAPHER),
        ("作者", BylineRole.AUTHOR),
        ("指导老师", BylineRole.EDITOR),
        ("指导教师", BylineRole.EDITOR),
        ("编辑", BylineRole.EDITOR),
    )
    # Lines that name a piece's author with a colon: 口述：某某, 文/某某 (a label of two characters
    # and 人, 寄思人：某某 under an obituary, is one without being listed: `rules.bylines`).
    author_labels: tuple[str, ...] = ("口述", "作者", "文", "撰文", "整理")
    # Endings of an organisation printed before a role (人民日报记者, 新华社记者, 某某微融圈).
    organisation_endings: tuple[str, ...] = (
        "日报",
        "晚报",
        "晨报",
        "时报",
        "报社",
        "新闻社",
        "通讯社",
        "社",
        "网",
        "台",
    )
    # Endings of a partner outlet printed among the names of a byline (记者 甲 某某融媒体中心 乙);
    # between names, a word too long for a person's name is one too (`rules.bylines`).
    partner_endings: tuple[str, ...] = (
        "融媒体中心",
        "新闻中心",
        "日报社",
        "报社",
        "电视台",
    )
    # Endings of a school's name, for a pupil's byline line (某某小学三（2）班 王小明).
    school_endings: tuple[str, ...] = ("小学", "中学", "学校", "幼儿园", "初中", "高中", "学院", "大学")
    # Agencies that open a dateline (本报讯, 新华社北京1月18日电), and endings that make a word one.
    dateline_agencies: tuple[str, ...] = ("本报", "新华社", "中新社", "人民日报")
    agency_endings: tuple[str, ...] = ("日报", "晚报", "晨报", "时报", "报", "网", "社", "台")
    # Source lines that close a wire story (据新华社, 综合新华社等报道); {} is the outlet's name.
    source_forms: tuple[str, ...] = (
        "据{}",
        "据{}报道",
        "据{}消息",
        "综合{}报道",
        "综合{}等报道",
        "综合{}消息",
        "来源：{}",
        "来源:{}",
        "稿件来源：{}",
        "转自{}",
    )
    # Openings of a wire story's text printed without lead (besides 据某某报道， and a date).
    wire_openers: tuple[str, ...] = ("当地时间",)
    # Words of photo credits: 企业供图, 新华社发, 翟慧勇摄.
    credit_words: tuple[str, ...] = ("供图", "供稿")
    # The paper's column and series names (栏目: 楼市情报站, 寻找城市主理人), printed near a title:
    # a line that is one of them is the article's column, never a title line. Every paper names
    # its own, so the defaults hold none.
    column_labels: tuple[str, ...] = ()
    # Editor's note labels.
    note_labels: tuple[str, ...] = ("编者按", "编者的话", "核心提示", "开栏语", "编后")
    # Words that make a piece commentary or a notice.
    commentary_words: tuple[str, ...] = (
        "评论",
        "时评",
        "论坛",
        "社论",
        "短评",
        "钟声",
        "随笔",
        "观察",
        "评论员",
    )
    commentary_title_words: tuple[str, ...] = ("系列评论", "评论员")
    notice_words: tuple[str, ...] = ("公告", "声明", "启事", "通告", "公示", "讣告")
    # A kicker sharing the headline's line opens with a purpose or circumstance word.
    kicker_openers: tuple[str, ...] = (
        "为了",
        "为",
        "就",
        "在",
        "从",
        "以",
        "随着",
        "围绕",
        "面对",
        "面向",
        "针对",
        "通过",
        "可",
        "将",
    )
    # A line ending with one of these is a kicker (韩正在山西调研时强调).
    kicker_endings: tuple[str, ...] = ("强调", "指出", "表示", "感慨", "时说", "认为")
    # A second title line reading like an explanation is a subheadline (……出席并讲话, 今起……).
    subheadline_words: tuple[str, ...] = ("出席", "主持", "讲话", "致辞", "致信", "宣布")
    subheadline_openers: tuple[str, ...] = ("今起", "明起", "今日", "今天", "昨日", "日前", "近日", "分别")
    # Page furniture: the first line of a box that is not a story (a weather box, the paper's
    # address and subscription box), and words that make a short line part of such a box.
    furniture_titles: tuple[str, ...] = ("天气预报", "本报地址", "报社地址", "订阅热线", "读者热线")
    furniture_words: tuple[str, ...] = (
        "邮发代号",
        "订价",
        "邮编",
        "出版单位",
        "法律顾问",
        "广告许可证",
        "扫码关注",
        "扫一扫",
        "微信公众号",
    )
    # A fact of a box, never a title: 时间：…, 地点：…, 导航：…, 活动时间：… (a short word may come
    # before the label: 兑换开始时间：…).
    fact_labels: tuple[str, ...] = (
        "时间",
        "日期",
        "地点",
        "地址",
        "导航",
        "电话",
        "热线",
        "票价",
        "门票",
        "报名",
        "咨询",
        "主办",
        "承办",
        "网址",
        "邮箱",
        "联系人",
        "参与方式",
        "印刷",
    )
    # Endings of the place a story is filed under, printed alone on a line after its text (富阳区).
    region_endings: tuple[str, ...] = ("区", "县", "市")
    # Interview turns: a title run followed by one is a heading inside the interview.
    interview_labels: tuple[str, ...] = ("问", "答", "记者", "主持人")


@dataclass(frozen=True)
class Weights:
    """Points a run of title lines gets towards opening an article (see `parser.opening`)."""

    opening: float = 3.0
    first_on_page: float = 3.0
    lead_follows: float = 3.0
    strong_form: float = 3.0
    visual_break: float = 2.0
    title_lines: float = 1.0
    long_title_lines: float = 2.0
    numbered: float = -3.0
    story_closed: float = 3.0
    sentence_ended: float = 1.0
    mid_sentence: float = -2.0
    photo_or_dateline_ahead: float = 3.0
    box_break: float = 1.0
    # A telephone number in the text under the run, where the story's own text since its lead
    # gave none: the run heads a box for readers of its own (a hotline, a call for stories).
    box_ahead: float = 3.0
    topic_change: float = 2.0
    topic_fair: float = 1.0
    subhead_family: float = -2.0
    apart_from_subheads: float = 2.0
    # No lead after the run inside a story that opened with a byline line of its own.
    lead_missing: float = -2.0
    # Three title lines or more: a title block (a subhead is one or two lines).
    three_title_lines: float = 3.0
    # An interview turn (问：…, 记者：…) right after the run: a heading inside the interview.
    interview_follows: float = -3.0


@dataclass(frozen=True)
class Limits:
    """Lengths (in characters) and thresholds of the line rules and the page signals."""

    max_title_length: int = 50
    max_title_with_label: int = 80
    short_title_with_comma: int = 20
    # A title block holds at most this many lines (more are a deck, in the body), this many of them
    # column labels, and no part of it (kicker, headline, subheadline) is longer than this.
    max_title_lines: int = 5
    max_column_lines: int = 3
    max_title_part: int = 240
    # A kicker or subheadline with its dash may hold a clause up to this length.
    dash_title_with_clause: int = 36
    long_title_lines: int = 24
    long_subhead: int = 20
    max_deck_length: int = 120
    max_byline_length: int = 60
    max_credit_length: int = 32
    max_source_length: int = 24
    kicker_in_line: int = 8
    headline_in_line: int = 4
    box_break_blank_lines: int = 2
    # The signals of the page walk look this many lines ahead.
    credit_lookahead: int = 4
    dateline_lookahead: int = 40
    note_lookahead: int = 5
    family_lookahead: int = 40
    family_size: int = 3
    # Lexical cohesion (`parser.cohesion`): windows in characters and similarity thresholds.
    cohesion_window: int = 600
    cohesion_min_before: int = 50
    cohesion_short: int = 150
    cohesion_min_after: int = 60
    cohesion_none: float = 0.03
    cohesion_low: float = 0.05
    cohesion_fair: float = 0.08
    # Two headlines name the same story (a continued part) from this similarity on.
    same_story: float = SAME_STORY
    # A headline made from an untitled article's first words.
    fallback_headline: int = 24


@dataclass(frozen=True)
class Profile:
    name: str = "default"
    conventions: Conventions = field(default_factory=Conventions)
    weights: Weights = field(default_factory=Weights)
    limits: Limits = field(default_factory=Limits)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, **{part: _part_to_dict(getattr(self, part)) for part in PARTS}}

    @classmethod
    def from_dict(cls, data: Any) -> Profile:
        if not isinstance(data, dict):
            raise ProfileError(gettext_noop("a profile is a JSON object"))
        unknown = set(data) - {"name", *PARTS}
        if unknown:
            raise ProfileError(gettext_noop("unknown profile field: %(field)s", field=sorted(unknown)[0]))
        name = data.get("name", "default")
        if not isinstance(name, str):
            raise ProfileError(gettext_noop("%(field)s: expected text", field="name"))
        parts = {part: _part_from_dict(kind, data.get(part, {}), part) for part, kind in PARTS.items()}
        return cls(name=name, **parts)

    def numbers(self) -> dict[str, float]:
        """Every weight and threshold by its dotted name (``weights.lead_follows``), for tuning."""
        found = {}
        for part in ("weights", "limits"):
            for item in fields(PARTS[part]):
                found[f"{part}.{item.name}"] = getattr(getattr(self, part), item.name)
        return found

    def with_numbers(self, numbers: dict[str, float]) -> Profile:
        """A copy with the named weights and thresholds changed (names as `numbers` gives them)."""
        changes: dict[str, dict[str, Any]] = {}
        for dotted, value in numbers.items():
            part, _, name = dotted.partition(".")
            if part not in ("weights", "limits") or name not in {f.name for f in fields(PARTS[part])}:
                raise ProfileError(gettext_noop("unknown profile number: %(field)s", field=dotted))
            changes.setdefault(part, {})[name] = value
        data = self.to_dict()
        for part, values in changes.items():
            data[part].update(values)
        return Profile.from_dict(data)


PARTS = {"conventions": Conventions, "weights": Weights, "limits": Limits}


def _part_to_dict(part) -> dict[str, Any]:
    return {item.name: _plain(getattr(part, item.name)) for item in fields(part)}


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _part_from_dict(kind, data: Any, where: str):
    if not isinstance(data, dict):
        raise ProfileError(gettext_noop("%(field)s: expected an object", field=where))
    hints = get_type_hints(kind)
    known = {item.name for item in fields(kind)}
    values = {}
    for name, value in data.items():
        if name not in known:
            raise ProfileError(gettext_noop("unknown profile field: %(field)s", field=f"{where}.{name}"))
        values[name] = _typed(value, hints[name], f"{where}.{name}")
    try:
        return replace(kind(), **values)
    except ValueError as error:
        raise ProfileError(gettext_noop("%(field)s: %(error)s", field=where, error=str(error))) from None


def _typed(value: Any, hint, where: str):
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ProfileError(gettext_noop("%(field)s: expected a number", field=where))
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProfileError(gettext_noop("%(field)s: expected a whole number", field=where))
        return value
    if hint == tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ProfileError(gettext_noop("%(field)s: expected a list of texts", field=where))
        return tuple(value)
    if hint == tuple[tuple[str, str], ...]:
        if not isinstance(value, list) or not all(_is_role_pair(item) for item in value):
            roles = ", ".join(BYLINE_ROLES)
            raise ProfileError(
                gettext_noop(
                    "%(field)s: expected [label, role] pairs, roles %(roles)s", field=where, roles=roles
                )
            )
        return tuple(tuple(item) for item in value)
    raise ProfileError(
        gettext_noop("%(field)s: unsupported field", field=where)
    )  # pragma: no cover - every field type is above


def _is_role_pair(item) -> bool:
    return (
        isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and bool(item[0].strip())
        and item[1] in BYLINE_ROLES
    )


DEFAULT = Profile()
