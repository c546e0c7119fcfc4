"""Property-based tests: for any text the parser returns a page or raises its own error, and
keeps every piece of text (but continuation markers and page furniture) exactly once."""

from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from importer.core import rules
from importer.core.draft import DoubtKind, EditionImportError, PageDraft
from importer.core.parser import parse_page
from importer.core.profile import DEFAULT
from importer.core.text import read_furniture
from newsroom.text import clean_text

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that make the parser's rules fire: markers, datelines, notes, credits, title forms.
FRAGMENTS = [
    "\n",
    "\n\n",
    "\n\n\n",
    " ",
    "  ",
    "。",
    "，",
    ",",
    "、",
    "：",
    "；",
    "？",
    "！",
    "…",
    "“",
    "”",
    "（",
    "）",
    "(",
    ")",
    "——",
    "《",
    "》",
    "▶▶",
    "下转",
    "上接",
    "第",
    "版",
    "二",
    "08",
    "A2",
    "编者按",
    "核心提示",
    "本报",
    "北京",
    "10月4日",
    "电",
    "讯",
    "新华社",
    "株洲日报",
    "供图",
    "摄",
    "影像中国",
    "王",
    "朱理平",
    "标题",
    "新闻",
    "正文内容",
    "发展",
    "BUILD A GROUP",
    "2023年8月9日",
    "星期三",
    "本版责编",
    "1",
    "9",
]
# Characters of role labels: with them a byline prints one label for several names.
LABEL_CHARS = set("".join(label for label, _ in rules.ROLE_LABELS))
PLAIN = [piece for piece in FRAGMENTS if not LABEL_CHARS & set(piece)]
WITH_BYLINES = [*FRAGMENTS, "记者", "通讯员", "全媒体记者/", "人民日报记者/孙超", "通讯员/彭梦笔 吴明", "/"]


def dumps(pieces):
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=3)), max_size=80).map("".join)


def words(text: str) -> Counter:
    return Counter(char for char in text if char.isalnum())


def expected_text(text: str) -> Counter:
    """What the parser must keep: every line but furniture, without markers and note labels."""
    kept = Counter()
    for line in clean_text(text).split("\n"):
        stripped = line.strip()
        if not stripped or read_furniture(stripped) is not None:
            continue
        rest = rules.take_markers(stripped).text
        is_note, after = rules.note_label(rest)
        kept += words(after if is_note else rest)
    return kept


MADE_UP_HEADLINE = {DoubtKind.NO_TITLE, DoubtKind.UNPLACED}


def output_text(page: PageDraft) -> Counter:
    """What the parse holds, but the headlines it made from an untitled article's first words."""
    found = Counter()
    for article in page.articles:
        made_up = any(doubt.kind in MADE_UP_HEADLINE for doubt in article.doubts)
        headline = "" if made_up else article.headline
        parts = [article.kicker, headline, article.subheadline, article.column, article.dateline]
        parts += [byline.organization + byline.label + byline.name for byline in article.bylines]
        parts += article.editor_note
        parts += [block.text for block in article.body]
        parts += [photo.caption + photo.credit for photo in article.photos]
        for part in parts:
            found += words(part)
    return found


def parse_or_refuse(text):
    try:
        return parse_page(text)
    except EditionImportError as error:
        assert str(error) and "\n" not in str(error)
        return None


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_gives_a_page_or_an_import_error(text):
    page = parse_or_refuse(text)
    assert page is None or isinstance(page, PageDraft)


@SETTINGS
@given(dumps(PLAIN))
def test_every_piece_of_text_appears_exactly_once(text):
    page = parse_or_refuse(text)
    if page is not None:
        assert output_text(page) == expected_text(text)


@SETTINGS
@given(dumps(WITH_BYLINES))
@example("人民日报记者/孙超人民日报记者/孙超")  # an outlet's role is no qualifier of the next group
def test_with_bylines_nothing_is_lost_and_only_role_labels_repeat(text):
    page = parse_or_refuse(text)
    if page is not None:
        got, expected = output_text(page), expected_text(text)
        assert not expected - got
        # Names printed after one role share its label and organisation: only those repeat.
        organizations = {c for a in page.articles for b in a.bylines for c in b.organization}
        assert set(got - expected) <= LABEL_CHARS | organizations


@SETTINGS
@given(dumps(FRAGMENTS))
def test_positions_are_consecutive_and_markers_never_reach_the_text(text):
    page = parse_or_refuse(text)
    if page is not None:
        assert [a.position for a in page.articles] == list(range(1, len(page.articles) + 1))
        for article in page.articles:
            for block in article.body:
                assert rules.take_markers(block.text).continued_to is None
                assert block.text == block.text.strip() and block.text


@pytest.mark.parametrize(
    "piece", ["中", "▶", "（", "下转第", "记者/李军 ", "——", "本报北", "张 ", "\n标题\n"]
)
def test_a_megabyte_of_one_pattern_parses_and_keeps_its_text(piece):
    text = piece * (1_000_000 // len(piece))
    page = parse_page(text)
    assert output_text(page) == expected_text(text)


WEIGHT_NAMES = [name for name in DEFAULT.numbers() if name.startswith("weights.")]
# Any weights a tuner or an editor may try, the opening threshold above the first run's points too.
PROFILES = st.fixed_dictionaries(
    {name: st.floats(min_value=-20, max_value=20, allow_nan=False) for name in WEIGHT_NAMES}
).map(DEFAULT.with_numbers)


@SETTINGS
@given(PROFILES, dumps(PLAIN))
def test_whatever_the_weights_every_piece_of_text_appears_exactly_once(profile, text):
    try:
        page = parse_page(text, profile=profile)
    except EditionImportError:
        return
    assert output_text(page) == expected_text(text)


def test_a_first_run_weighing_less_than_an_opening_starts_an_untitled_article():
    profile = DEFAULT.with_numbers({"weights.first_on_page": 1.0, "weights.opening": 3.0})
    page = parse_page("一篇稿件的标题\n\n本报讯 正文说完了。\n", profile=profile)
    (article,) = page.articles
    assert [block.text for block in article.body] == ["一篇稿件的标题", "本报讯 正文说完了。"]
    assert [doubt.kind for doubt in article.doubts] == [DoubtKind.UNPLACED]
