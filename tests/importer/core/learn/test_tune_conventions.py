"""Conventions a paper prints that the defaults lack, learnt from one corrected edition and read
right on the next: a column label printed between the title and the byline, the head of a box
the import ran into the story before it; and a single edition checked on a quarter of its pages
is learnt again from all of them once the fit holds there."""

import pytest

from importer.core.learn.conventions import proposals
from importer.core.learn.tune import Lesson, tune
from importer.core.profile import DEFAULT

from .editions import MARKET, RIVER, SCHOOL, article, edition, page
from .test_tune import dump, parse

REPORTER = (("记者", "reporter", "许晖"),)


def column_lesson(where):
    # A headline of one line over the label: the defaults read a kicker over a headline.
    text = dump("杭州昨挂牌五宗宅地", "土拍风云局", "记者 许晖", *RIVER)
    if where == "body":  # as the editors left it: a line of its own before the story
        story = article("杭州昨挂牌五宗宅地", "土拍风云局", *RIVER, bylines=REPORTER)
    else:
        story = article("杭州昨挂牌五宗宅地", *RIVER, column="土拍风云局", bylines=REPORTER)
    return Lesson("2026-03-28", (("B05", text),), edition(page("B05", story)))


@pytest.mark.parametrize("where", ["body", "column"])
def test_a_column_label_the_editors_took_out_of_the_title_is_the_column_the_next_day(where):
    lesson = column_lesson(where)
    assert parse(lesson.pages[0][1], label="B05")[0]["headline"] == "土拍风云局"  # the defaults
    tuning = tune([lesson], holdout=0)
    assert tuning.accepted and ("column_labels", "土拍风云局") in [(p.field, p.value) for p in tuning.learned]
    assert tuning.profile.conventions.column_labels == ("土拍风云局",)
    # Next week's story under the same column, another title.
    nextweek = dump("夜市开张人气旺", "土拍风云局", "记者 陆丹", *MARKET)
    (read,) = parse(nextweek, tuning.profile)
    assert [read[part] for part in ("kicker", "headline", "subheadline", "column")] == [
        "",
        "夜市开张人气旺",
        "",
        "土拍风云局",
    ]
    assert parse(nextweek)[0]["headline"] == "土拍风云局"


def test_the_head_of_a_box_run_into_the_story_before_it_opens_the_box_the_next_day():
    box = ("读者来信请寄本报健康部，来信请注明“大家健康”字样。", "来信择优刊登，恕不退稿。")
    text = dump("堤防加固年内完工", "记者 许晖", *RIVER, "大家健康", *box)
    published = edition(
        page("B07", article("堤防加固年内完工", *RIVER, bylines=REPORTER), article("大家健康", *box))
    )
    lesson = Lesson("2026-03-28", (("B07", text),), published)
    assert [a["headline"] for a in parse(text, label="B07")] == ["堤防加固年内完工"]  # the defaults
    tuning = tune([lesson], holdout=0)
    assert "大家健康" in tuning.profile.conventions.furniture_titles
    tomorrow = dump("课后服务全覆盖", "记者 陆丹", *SCHOOL, "大家健康", *box)
    read = parse(tomorrow, tuning.profile)
    assert [a["headline"] for a in read] == ["课后服务全覆盖", "大家健康"]
    assert read[0]["body"][-1]["text"] == SCHOOL[-1] and read[1]["body"][0]["text"] == box[0]


def test_a_single_edition_is_checked_on_some_pages_then_learnt_from_all_of_them():
    """Four pages, each under a column label of its own: whichever the seed holds back, the fit on
    the others reads them no worse than the defaults, so the profile kept learns all four."""
    labels = ["土拍风云局", "楼市情报站", "教育观察站", "夜市消费季"]
    pages, published = [], []
    for number, (label, body) in enumerate(zip(labels, [RIVER, SCHOOL, MARKET, RIVER], strict=True), 1):
        name = f"B0{number}"
        pages.append((name, dump(f"本周楼市新动向第{number}期", label, "记者 许晖", *body)))
        story = article(f"本周楼市新动向第{number}期", label, *body, bylines=REPORTER)
        published.append(page(name, story))
    lesson = Lesson("2026-03-28", tuple(pages), edition(*published))
    tuning = tune([lesson], holdout=1, seed=0)
    assert len(tuning.checked_on) == 1 and tuning.checked_on[0].count("B0") == 1
    assert tuning.accepted and tuning.refitted
    assert set(tuning.profile.conventions.column_labels) == set(labels)
    assert tuning.scores["after"] >= tuning.scores["defaults"]


def test_a_photo_caption_over_a_column_read_right_is_not_learnt_as_a_column():
    """The label right before the byline is the column; the caption printed above it is not one,
    though moving it out of the title would match the published title."""
    caption = "云门公园的云廊长约三百米"
    text = dump("西站旁云廊飞架", "云门公园最新进展来了", caption, "楼市情报站", "记者 陆丹", *MARKET)
    assert parse(text, label="B05")[0]["column"] == "楼市情报站"  # the defaults read the label
    story = article(
        "云门公园最新进展来了", caption, "楼市情报站", *MARKET, kicker="西站旁云廊飞架", bylines=REPORTER
    )
    lesson = Lesson("2026-03-28", (("B05", text),), edition(page("B05", story)))
    parsed = [(edition(page("B05", *parse(text, label="B05"))), lesson.published)]
    assert [p for p in proposals(parsed, DEFAULT) if p.field == "column_labels"] == []
    assert tune([lesson], holdout=0).profile.conventions.column_labels == ()


def test_a_learnt_column_label_is_read_with_spaces_aside():
    tuning = tune([column_lesson("body")], holdout=0)
    (spaced,) = parse(dump("夜市开张人气旺", "土拍 风云局", "记者 陆丹", *MARKET), tuning.profile)
    assert (spaced["headline"], spaced["column"]) == ("夜市开张人气旺", "土拍 风云局")
