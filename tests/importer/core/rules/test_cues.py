"""The cues of the line rules (`Rules.cues`): a rule takes no line that holds none of its cues, so a
line in which `Rules.cues` finds nothing is taken by no rule but its title form, whatever words a
profile adds to its lists or takes out of them."""

from dataclasses import replace
from pathlib import Path
from typing import get_type_hints

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer.core import text as furniture
from importer.core.errors import EditionImportError
from importer.core.parser.lines import LineKind, classify
from importer.core.profile import DEFAULT, Conventions, Profile
from importer.core.rules import CLOSING_CREDIT, CLOSING_CREDIT_CUES, Rules, TitleForm, take_markers
from importer.core.rules.boxes import HOURS, PHONE
from importer.core.rules.bylines import NAME, SEPARATOR
from importer.core.rules.credits import SOURCE_CREDIT
from importer.core.rules.cues import Cues
from importer.core.rules.markers import MARKER, MARKER_CUES

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
WORD_LISTS = [name for name, hint in get_type_hints(Conventions).items() if hint == tuple[str, ...]]
# Characters of the rules' own patterns and of the default word lists, and some of neither.
ALPHABET = (
    "本报记者通讯员讯电日月据综合等报道来源：:/／|（）()【】-—～至到年版编设计校对转接区县市周一五时8:00"
    "0123456789摄影供图稿发片社网台小学中编者按核心提示时间地址热线邮发代号扫码标题正文新华北京王李张 ·、，。"
)
WORDS = st.text(alphabet=ALPHABET, min_size=1, max_size=4)
# A source form is the outlet, {}, with words before or after it.
SOURCE_FORMS = st.builds("{}{{}}{}".format, st.text(ALPHABET, max_size=3), st.text(ALPHABET, max_size=3))


def rule_cues(rules: Rules) -> dict:
    """Each rule `Rules.cues` stands for: (its cues, whether it takes a line)."""

    def page_furniture(line):
        try:
            return furniture.read_furniture(line) is not None
        except EditionImportError:  # an impossible date: the import stops there
            return True

    def marker(line):
        found = take_markers(line)
        return (found.text, found.continued_to, found.continued_from) != (line, None, None)

    return {
        "furniture": (Cues(characters=furniture.FURNITURE_CHARACTERS), page_furniture),
        "marker": (MARKER_CUES, marker),
        "note": (rules.titles.note_cues, lambda line: rules.note_label(line)[0]),
        "credit": (rules.credits.cues, rules.is_credit),
        "caption": (rules.credits.cues, rules.split_caption),
        "closing credit": (CLOSING_CREDIT_CUES, CLOSING_CREDIT.match),
        "source": (rules.datelines.source_cues, rules.is_source),
        "byline": (rules.bylines.standalone_cues, lambda line: rules.parse_bylines(line, standalone=True)),
        "dateline": (rules.datelines.dateline_cues, rules.take_dateline),
        "fact": (rules.boxes.fact_cues, rules.is_fact),
    }


def check(lines, rules: Rules) -> set[str]:
    """That no rule takes a line holding none of its cues (nor any when `Rules.cues` finds none);
    the names of the rules that took some line."""
    checks = {name: (cues.compile(), takes) for name, (cues, takes) in rule_cues(rules).items()}
    missed, taken = [], set()
    for line in lines:
        for name, (cues, takes) in checks.items():
            if takes(line):
                taken.add(name)
                if cues is not None and cues.search(line) is None:
                    missed.append((name, line))
                if rules.cues is not None and rules.cues.search(line) is None:
                    missed.append(("Rules.cues", line))
    assert missed == []
    return taken


def corpus_lines() -> list[str]:
    lines = set()
    for path in FIXTURES.rglob("*.txt"):
        try:
            text = furniture.decode_dump(path.read_bytes())
        except EditionImportError:
            continue  # a bad dump the import refuses
        lines.update(line.strip() for line in text.split("\n") if line.strip())
    return sorted(lines)


def more_words() -> Profile:
    """Every word list of the default profile with a word it does not hold, each list's of its own
    characters (the same word in two lists would hide one rule's missing cue behind another's)."""
    added = {
        name: (*getattr(DEFAULT.conventions, name), new * 2)
        for name, new in zip(WORD_LISTS, "甲乙丙丁戊己庚辛壬癸寅卯辰巳午未申酉戌亥琴棋书画", strict=False)
    }
    added["source_forms"] = (*DEFAULT.conventions.source_forms, "引自{}", "{}独家")
    added["role_labels"] = (*DEFAULT.conventions.role_labels, ("主笔", "author"), ("首席记者", "reporter"))
    return Profile(conventions=replace(DEFAULT.conventions, **added))


def no_words() -> Profile:
    """Every word list empty: the rules whose patterns then accept any line have no cues."""
    return Profile(conventions=replace(DEFAULT.conventions, role_labels=(), **dict.fromkeys(WORD_LISTS, ())))


def test_no_line_of_the_corpora_is_taken_by_a_rule_whose_cues_it_lacks():
    lines = corpus_lines()
    for profile in (DEFAULT, more_words()):
        rules = Rules(profile)
        assert check(lines, rules) == set(rule_cues(rules)) - {"note"}  # no 编者按 in the corpora
        assert sum(rules.cues.search(line) is None for line in lines) > 100  # title lines: 抓好“三农”工作
    assert Rules(no_words()).cues is None


def profile_words(profile: Profile) -> list[str]:
    conventions = profile.conventions
    words = [word for name in WORD_LISTS for word in getattr(conventions, name)]
    labels = [label for label, _ in conventions.role_labels]
    return [word.replace("{}", "新华社") for word in [*words, *labels] if word]


def test_no_word_of_a_profile_makes_a_line_a_rule_takes_without_its_cues():
    around = [
        ("", ""),
        ("", "王李"),
        ("新华", ""),
        ("新华", "王李"),
        ("新华", " 王李"),
        ("", "：王李"),
        ("", "/王李"),
    ]
    for profile in (DEFAULT, more_words()):
        rules = Rules(profile)
        lines = [f"{before}{word}{after}" for word in profile_words(profile) for before, after in around]
        assert {"note", "credit", "source", "byline", "fact"} <= check(lines, rules)


def test_a_line_holding_no_cue_is_read_as_its_title_form_says():
    rules = Rules(DEFAULT)
    assert rules.cues.search("清华园里的春天") is None
    assert classify("清华园里的春天", rules) == (LineKind.TITLE, {"form": TitleForm.TITLE})
    assert rules.cues.search("本报讯 春天到了") is not None


# Lines shaped by the patterns every profile shares, whatever fills their character classes (built
# once: the strategy of a pattern is slow to build).
SHARED_SHAPES = [
    st.from_regex(pattern, fullmatch=True)
    for pattern in (
        SOURCE_CREDIT,
        CLOSING_CREDIT,
        PHONE,
        HOURS,
        MARKER,
        furniture.CN_DATE,
        furniture.ISO_DATE,
        furniture.PAGE_HEADER,
        furniture.STAFF_CREDIT,
    )
]
SEPARATORS = st.from_regex(SEPARATOR, fullmatch=True)
NAMES = st.from_regex(NAME, fullmatch=True)


def rule_lines(rules: Rules, *, shaped=True):
    """Lines of the profile's words, names and the alphabet's characters, bylines of its role words, and
    lines shaped by the rules' patterns, those built from the profile too when ``shaped``."""
    words = profile_words(rules.profile)
    labels = [label for label, _ in rules.profile.conventions.role_labels if label]
    # Names are runs of any Chinese characters: most of them hold no cue.
    pieces = st.one_of(st.sampled_from(words), NAMES, st.text(ALPHABET, max_size=3)) if words else WORDS
    soup = st.lists(pieces, min_size=1, max_size=6).map("".join)
    bylines = st.builds("{}{}{}".format, st.sampled_from(labels), SEPARATORS, NAMES) if labels else soup
    patterns = [
        rules.titles.note,
        rules.credits.credit,
        rules.datelines.dateline,
        rules.datelines.source,
        rules.bylines.author,
        rules.bylines.school,
        rules.boxes.fact,
        rules.boxes.region,
        rules.boxes.furniture_word,
    ]
    shapes = [*SHARED_SHAPES]
    if shaped:
        shapes += [st.from_regex(pattern, fullmatch=True) for pattern in patterns if pattern is not None]
    # A caption before its credit, a dateline or a label before its text: shapes followed by words.
    led = st.builds("{} {}".format, st.one_of(*shapes), soup)
    return st.one_of(soup, bylines, led, *shapes).map(str.strip).filter(bool)


FIXED = {"default": DEFAULT, "more words": more_words()}
FIXED_LINES = {name: rule_lines(Rules(profile)) for name, profile in FIXED.items()}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", FIXED)
@SETTINGS
@given(data=st.data())
def test_no_made_up_line_is_taken_by_a_rule_whose_cues_it_lacks(name, data):
    check(data.draw(st.lists(FIXED_LINES[name], min_size=50, max_size=50)), Rules(FIXED[name]))


@SETTINGS
@given(data=st.data())
def test_whatever_words_a_profile_holds_no_rule_takes_a_line_without_its_cues(data):
    rules = Rules(data.draw(profiles()))
    check(data.draw(st.lists(rule_lines(rules, shaped=False), min_size=50, max_size=50)), rules)


@st.composite
def profiles(draw) -> Profile:
    """The default profile with made-up words added to each list, or in place of its words."""
    changes = {}
    for name in [*WORD_LISTS, "role_labels"]:
        words = draw(st.lists(SOURCE_FORMS if name == "source_forms" else WORDS, max_size=3))
        if name == "role_labels":
            words = [(word, "reporter") for word in words if word.strip()]
        if draw(st.booleans()):
            words = [*getattr(DEFAULT.conventions, name), *words]
        changes[name] = tuple(words)
    return Profile(conventions=replace(DEFAULT.conventions, **changes))
