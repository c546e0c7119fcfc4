"""parse_edition: pages in order, continuation references resolved, the two parts linked."""

import datetime

import pytest

from importer.core.draft import EditionImportError, PageRef, PublicationDraft
from importer.core.parser import parse_edition

ZHUZHOU = PublicationDraft(slug="zhuzhou-daily", name="株洲日报")
DATE = datetime.date(2023, 8, 9)


def edition(*pages):
    return parse_edition(list(pages), publication=ZHUZHOU, date=DATE, number=12345)


FRONT = "党建赋能治理 共建幸福家园\n\n株洲日报讯 第一部分。▶▶下转08版\n\n另一篇\n\n株洲日报讯 另一篇正文。\n"
EIGHT = "党建赋能治理\n\n上接01版\n\n第二部分。\n"


def test_pages_are_numbered_in_the_order_given():
    result = edition(("01", FRONT), ("8", EIGHT))
    assert [(p.number, p.label) for p in result.pages] == [(1, "01"), (2, "08")]
    assert (result.publication, result.date, result.number) == (ZHUZHOU, DATE, 12345)


def test_continuations_point_to_page_numbers_both_ways():
    result = edition(("01", FRONT), ("08", EIGHT))
    first, second = result.pages[0].articles[0], result.pages[1].articles[0]
    assert first.continued_to == PageRef(label="08", page=2)
    assert second.continued_from == PageRef(label="01", page=1)
    assert second.headline == "党建赋能治理"
    assert [b.text for b in second.body] == ["第二部分。"]


def test_a_second_part_without_its_marker_is_linked_by_its_headline():
    result = edition(("01", FRONT), ("08", "党建赋能治理 共建幸福家园\n\n第二部分。\n"))
    second = result.pages[1].articles[0]
    assert second.continued_from == PageRef(label="01", page=1)
    assert second.doubts


def test_a_first_part_without_its_marker_is_linked_by_its_headline():
    front = "党建赋能治理 共建幸福家园\n\n株洲日报讯 第一部分。\n"
    result = edition(("01", front), ("08", EIGHT))
    assert result.pages[0].articles[0].continued_to == PageRef(label="08", page=2)


def test_a_page_not_in_the_edition_keeps_its_label_only():
    result = edition(("01", FRONT))
    article = result.pages[0].articles[0]
    assert article.continued_to == PageRef(label="08", page=None)


@pytest.mark.parametrize("label", ["0", "999"])
def test_markers_to_pages_that_do_not_exist_stay_unresolved(label):
    result = edition(("01", f"标题\n\n株洲日报讯 正文。（下转第{label}版）\n"))
    ref = result.pages[0].articles[0].continued_to
    assert ref is None or ref.page is None


def test_two_dumps_for_one_page_are_refused():
    with pytest.raises(EditionImportError, match="page 01 appears twice"):
        edition(("01", FRONT), ("1", FRONT))


def test_an_edition_of_the_seed_page(seed_text):
    result = edition(("01", seed_text))
    refs = [a.continued_to for a in result.pages[0].articles if a.continued_to]
    assert refs == [PageRef(label="08", page=None), PageRef(label="02", page=None)]
