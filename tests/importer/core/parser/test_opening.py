"""The page walk's shortcuts decide as the plain rules do: a title line's marks read once, and the
look-aheads read from the tables (`lines.look_aheads`) instead of line by line."""

from hypothesis import given
from hypothesis import strategies as st

from importer.core import rules as forms
from importer.core.draft import PageRef
from importer.core.parser import opening
from importer.core.parser.lines import Line, LineKind
from importer.core.parser.opening import LABELLED, LEAD_KINDS, PAIRED, title_marks
from importer.core.parser.reader import PageReader
from importer.core.profile import DEFAULT
from importer.core.rules import rules_for

# The letters, figures and marks the shapes of a title line are made of.
TITLE_TEXT = st.text(alphabet="标题一二、是（）(1)2.:：，, \u3000a。", max_size=24)


def plain_marks(text: str) -> tuple[bool, bool, str | None]:
    """Numbering, visual break and subhead shape, each by its own rule."""
    text = text.strip()
    numbered = forms.is_numbered(text)
    visual = forms.VISUAL_BREAK.search(text) is not None
    if numbered:
        shape = "numbered"
    elif LABELLED.match(text):
        shape = "labelled"
    elif PAIRED.fullmatch(text) and not visual:
        shape = "paired"
    else:
        shape = None
    return numbered, visual, shape


@given(TITLE_TEXT)
def test_a_title_lines_marks_are_those_of_the_plain_rules(text):
    assert title_marks.__wrapped__(text) == plain_marks(text)


def test_a_title_line_of_letters_alone_has_no_shape_but_its_numbering():
    assert title_marks("一是坚持高质量发展") == (True, False, "numbered")
    assert title_marks("坚持高质量发展") == (False, False, None)
    assert title_marks("传承：中医药教育") == (False, False, "labelled")
    assert title_marks("礼赞祖国 致敬时代") == (False, False, "paired")
    assert title_marks("礼赞祖国  致敬时代") == (False, True, None)


KINDS = st.sampled_from(
    [LineKind.TITLE, LineKind.PARAGRAPH, LineKind.CAPTION, LineKind.CREDIT, LineKind.FACT, *LEAD_KINDS]
)
PAGE = st.lists(st.tuples(KINDS, st.booleans(), st.integers(0, 130)), max_size=14)


def reader_of(page) -> PageReader:
    lines = [
        Line(
            text="字" * size,
            raw="字" * size,
            kind=kind,
            block=at,
            blank_before=1,
            continued_to=PageRef("02") if cut else None,
        )
        for at, (kind, cut, size) in enumerate(page)
    ]
    return PageReader(lines, rules_for(DEFAULT), DEFAULT)


def plain_credit_ahead(reader, end):
    for line in reader.lines[end : end + reader.limits.credit_lookahead]:
        if line.kind == LineKind.CREDIT:
            return True
        if line.kind != LineKind.PARAGRAPH:
            return False
    return False


def plain_lead_ahead(reader, index, past_facts):
    lines = reader.lines
    skip = reader.next_not_box if past_facts else reader.next_not_photo
    found = skip[index]
    if found < len(lines) and lines[found].kind in LEAD_KINDS:
        return found
    deck = (LineKind.PARAGRAPH, LineKind.TITLE) if past_facts else (LineKind.PARAGRAPH,)
    longest = reader.limits.max_deck_length
    if found < len(lines) and lines[found].kind in deck and len(lines[found].text) <= longest:
        after = skip[found + 1]
        if after < len(lines) and lines[after].kind in LEAD_KINDS:
            return after
    return None


@given(PAGE)
def test_the_look_aheads_from_the_tables_are_those_line_by_line(page):
    reader = reader_of(page)
    for end in range(len(reader.lines) + 1):
        assert opening._credit_ahead(reader, end) == plain_credit_ahead(reader, end)
        for past_facts in (False, True):
            assert reader.lead_ahead(end, past_facts) == plain_lead_ahead(reader, end, past_facts)
