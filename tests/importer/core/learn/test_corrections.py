"""The corrections classifier: what the editors changed between the import and the published edition."""

import copy

from importer.core.learn.corrections import Correction, corrections, tally

from .editions import MARKET, RIVER, SCHOOL, article, edition, page


def kinds(parsed, published):
    return [(c.kind, c.page, c.position, c.parsed_position) for c in corrections(parsed, published)]


def test_nothing_changed_is_no_correction():
    published = edition(page("A01", article("堤防加固年内完工", *RIVER), article("课后服务全覆盖", *SCHOOL)))
    assert corrections(copy.deepcopy(published), published) == []


def test_two_stories_the_import_ran_together():
    published = edition(page("A01", article("堤防加固年内完工", *RIVER), article("课后服务全覆盖", *SCHOOL)))
    parsed = edition(page("A01", article("堤防加固年内完工", *RIVER, "#课后服务全覆盖", *SCHOOL)))
    assert kinds(parsed, published) == [("two articles merged", "A01", 2, 1)]


def test_a_subhead_the_import_took_for_a_new_story():
    published = edition(page("A01", article("堤防加固年内完工", RIVER[0], "#施工进展顺利", RIVER[1])))
    parsed = edition(page("A01", article("堤防加固年内完工", RIVER[0]), article("施工进展顺利", RIVER[1])))
    found = corrections(parsed, published)
    assert [(c.kind, c.position, c.parsed_position, c.example) for c in found] == [
        ("subhead → new article", 1, 2, "施工进展顺利")
    ]


def test_a_closing_source_line_read_as_the_next_story_s_kicker():
    published = edition(
        page("A01", article("堤防加固年内完工", *RIVER, "据新华社"), article("课后服务全覆盖", *SCHOOL))
    )
    parsed = edition(
        page(
            "A01", article("堤防加固年内完工", *RIVER), article("课后服务全覆盖", *SCHOOL, kicker="据新华社")
        )
    )
    assert [(c.kind, c.position, c.example) for c in corrections(parsed, published)] == [
        ("source line → title", 2, "据新华社")
    ]


def test_title_lines_moved_between_kicker_headline_and_subheadline():
    published = edition(
        page(
            "A01",
            article("汛期将至 堤防加固年内完工", *RIVER),
            article("课后服务全覆盖", *SCHOOL, subheadline="家长自愿报名"),
        )
    )
    parsed = copy.deepcopy(published)
    first, second = parsed["pages"][0]["articles"]
    first.update(kicker="汛期将至", headline="堤防加固年内完工")
    second.update(kicker="课后服务全覆盖", headline="家长自愿报名", subheadline="")
    assert kinds(parsed, published) == [
        ("headline split kicker→headline", "A01", 1, 1),
        ("headline split kicker→headline", "A01", 2, 2),
        ("headline split headline→subheadline", "A01", 2, 2),
    ]


def test_bylines_and_datelines_the_editors_fixed():
    published = edition(
        page(
            "A01",
            article(
                "春笋上市",
                *MARKET,
                dateline="本报讯",
                bylines=[("记者", "reporter", "张三"), ("通讯员", "correspondent", "李四")],
            ),
        )
    )
    parsed = copy.deepcopy(published)
    item = parsed["pages"][0]["articles"][0]
    item["dateline"] = ""
    item["bylines"] = [
        {"name": "张三", "role": "correspondent", "label": "通讯员", "organization": ""},
        {"name": "王五", "role": "reporter", "label": "记者", "organization": ""},
    ]
    assert [(c.kind, c.example) for c in corrections(parsed, published)] == [
        ("byline missed", "通讯员李四"),
        ("false byline", "记者王五"),
        ("byline role changed", "通讯员→记者 张三"),
        ("dateline changed", "本报讯"),
    ]


def test_paragraphs_left_cut_and_paragraphs_joined():
    published = edition(page("A01", article("堤防加固年内完工", *RIVER), article("春笋上市", *MARKET)))
    parsed = copy.deepcopy(published)
    first, second = parsed["pages"][0]["articles"]
    first["body"] = [
        {"type": "paragraph", "text": RIVER[0][:20]},
        {"type": "paragraph", "text": RIVER[0][20:]},
        {"type": "paragraph", "text": RIVER[1]},
    ]
    second["body"] = [{"type": "paragraph", "text": MARKET[0] + MARKET[1]}]
    assert [c.kind for c in corrections(parsed, published)] == [
        "paragraph cut, not joined",
        "paragraphs joined",
    ]


def test_furniture_the_editors_deleted_and_links_they_fixed():
    to_b = {"page": 2, "label": "A02"}
    published = edition(
        page("A01", article("堤防加固年内完工", RIVER[0], continued_to=to_b)),
        page("A02", article("堤防加固", RIVER[1])),
    )
    parsed = copy.deepcopy(published)
    parsed["pages"][0]["articles"][0]["continued_to"] = None
    parsed["pages"][1]["articles"][0]["continued_from"] = {"page": 1, "label": "A01"}
    parsed["pages"][1]["articles"].append(
        article("杭州市区天气预报", "今天多云，东北风三到四级，最高气温二十一度。", position=2)
    )
    assert kinds(parsed, published) == [
        ("continuation missed", "A01", 1, 1),
        ("article deleted", "A02", None, 2),
        ("false continuation", "A02", 1, 1),
    ]


def test_tally_counts_by_kind_with_the_first_example():
    found = [
        Correction("two articles merged", "A01", 2, 1, "甲"),
        Correction("byline missed", "A01", 1, 1, "乙"),
        Correction("two articles merged", "A03", 4, 3, "丙"),
    ]
    assert [(kind, count, example.example) for kind, count, example in tally(found)] == [
        ("two articles merged", 2, "甲"),
        ("byline missed", 1, "乙"),
    ]
