"""What the parser doubts is structured: a stable kind, a message in the editors' language, and the
dump's lines concerned; the dry-run outline shows it with each article's first and last lines."""

import dataclasses
import datetime

from importer.core.draft import Doubt, DoubtKind, PublicationDraft
from importer.core.outline import outline
from importer.core.parser import parse_edition, parse_page

TWO_TITLE_LINES = "香港中联办负责人\n\n就特区政府订立规例发表谈话\n\n本报讯 全文。\n"


def test_a_guessed_title_split_is_a_doubt_with_its_lines():
    (article,) = parse_page(TWO_TITLE_LINES).articles
    (doubt,) = article.doubts
    assert doubt.kind == DoubtKind.TITLE_SPLIT == "title_split"
    assert "引题" in doubt.message and "香港中联办负责人" in doubt.message
    assert doubt.lines == ["香港中联办负责人", "就特区政府订立规例发表谈话"]
    assert str(doubt) == doubt.message


def test_a_doubt_maps_to_a_row_of_plain_values():
    doubt = Doubt(kind=DoubtKind.BOUNDARY, message="稿件边界存疑", lines=["某行"])
    assert dataclasses.asdict(doubt) == {"kind": "boundary", "message": "稿件边界存疑", "lines": ["某行"]}
    assert {kind.value for kind in DoubtKind} >= {
        "title_split",
        "boundary",
        "no_title",
        "byline",
        "continuation_missing",
        "continuation_not_found",
    }


def test_continuation_doubts_say_which_page_is_missing_or_holds_no_part():
    pages = [
        ("01", "第一篇\n\n本报讯 没有说完▶▶下转09版\n\n第二篇\n\n本报讯 也没有说完▶▶下转02版"),
        ("02", "别的稿件\n\n本报讯 全文。"),
    ]
    edition = parse_edition(pages, publication=PublicationDraft("p", "报"), date=datetime.date(2024, 1, 1))
    first, second = edition.pages[0].articles
    assert [d.kind for d in first.doubts] == ["continuation_missing"] and "09版" in first.doubts[0].message
    assert [d.kind for d in second.doubts] == ["continuation_not_found"]


def test_the_outline_shows_first_and_last_lines_and_the_doubts():
    pages = [("01", TWO_TITLE_LINES + "\n第二段，写完。\n")]
    edition = parse_edition(pages, publication=PublicationDraft("p", "报"), date=datetime.date(2024, 1, 1))
    text = outline(edition)
    assert "from 香港中联办负责人" in text and "to 第二段，写完。" in text
    assert "? title_split: 两行标题" in text
