"""Page PDFs laid out as broadsheets print them (tests/fixtures/pdf, typeset by
tests/fixtures/typeset) read back: the structure as the shared scorers measure it against the
pages' truth, and each article's area against where the typesetter put it."""

import pytest

from tests.importer.core.pdf.typeset import EDITIONS, area_scores, read_typeset, structure_score

STRUCTURE = 0.97
AREA_IOU, AREAS_GOOD = 0.8, 0.95


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def typeset(request):
    return request.param, read_typeset(request.param)


def test_the_structure_scores_as_a_good_dump_does(typeset):
    name, edition = typeset
    score, report = structure_score(name, edition)
    assert score >= STRUCTURE, report


def test_articles_areas_match_where_they_were_printed(typeset):
    name, edition = typeset
    scores = area_scores(name, edition)
    good = [s for s in scores if s[2] >= AREA_IOU]
    assert len(good) >= AREAS_GOOD * len(scores), [s for s in scores if s[2] < AREA_IOU]


def test_title_parts_come_from_their_sizes():
    edition = read_typeset("rmrb-2019-10-05")
    first = edition.pages[0].articles[0]
    assert (first.kicker, first.headline) == ("就中几建交60周年", "习近平同几内亚总统孔戴互致贺电")
    second = edition.pages[0].articles[1]
    assert second.subheadline.startswith("论学习贯彻习近平总书记")
    assert not any(d.kind == "title_split" for a in edition.articles() for d in a.doubts)


def test_a_vertical_headline_and_an_l_shaped_story():
    edition = read_typeset("rmrb-2019-10-05")
    page = edition.pages[3]
    vertical = next(a for a in page.articles if a.headline == "巩立姣夺得世锦赛女子铅球金牌")
    assert vertical.body[0].text.startswith("本报多哈10月4日电") or vertical.dateline
    shapes = [len(polygon) for a in edition.articles() for polygon in a.areas]
    assert 6 in shapes, shapes  # an L: six corners
    assert all(len(a.areas) == 1 for a in edition.articles())


def test_stories_read_in_printed_order_though_drawn_in_another():
    """The typesetter draws the last story first and one story bottom up."""
    edition = read_typeset("seed")
    headlines = [a.headline for a in edition.pages[0].articles]
    assert headlines[:3] == [
        "我市2村入选省级美丽乡村示范",
        "党建赋能治理 共建幸福家园",
        "曹慧泉与国网湖南电力 明煦一行座谈",
    ]
    ad = next(a for a in edition.pages[0].articles if a.kind == "advertisement")
    assert ad.headline == "建设全球一流现代银行集团"
    assert edition.pages[0].articles[1].continued_to.label == "08"
