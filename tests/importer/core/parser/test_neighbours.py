"""Families of failure found on composed pages (bench/recombine.py: the corpora's stories next to
other neighbours than their own), each on a small page written for the test: the names, outlets
and stories are made up; only the forms are the papers'."""

import pytest

from importer.core.draft import BlockType
from importer.core.parser import parse_page
from importer.core.rules import ends_sentence


def page(*blocks: str):
    return parse_page("\n\n".join(blocks) + "\n").articles


LOCAL_STORY = (
    "小区门口新装了一台充电柜",
    "记者 张小明",
    "昨天上午，某某小区门口新装的充电柜开始使用，居民排队试用。",
    "物业经理说，充电柜每天早上六点开放，晚上十点关闭，收费按小时计算。",
)


@pytest.mark.parametrize(
    "opening",
    [
        "据某国《晨星报》3月26日报道，某国港口工人当天举行罢工，要求提高工资。",
        "当地时间3月26日上午，某国港口工人举行罢工，要求提高工资。",
        "3月26日，某国港口工人举行罢工，要求提高工资待遇和改善劳动条件。",
    ],
)
def test_a_wire_story_without_a_lead_after_a_signed_story_is_a_story_of_its_own(opening):
    """A wire story prints no dateline and no byline; its text opens as a report does (its
    source, 当地时间, a date). After a local story signed on a byline line of its own, its title is
    no subhead of that story."""
    articles = page(
        *LOCAL_STORY,
        "某国港口工人",
        "举行大罢工",
        opening,
        "罢工导致港口停摆，数十艘货轮在锚地等候，航运公司宣布推迟船期。",
    )
    assert [a.headline for a in articles] == ["小区门口新装了一台充电柜", "举行大罢工"]
    assert articles[1].kicker == "某国港口工人"
    assert articles[1].paragraphs[0] == opening


def test_a_subhead_of_a_signed_story_stays_in_it():
    """The same page with a subhead whose text goes on as the story's does: one story."""
    articles = page(
        *LOCAL_STORY,
        "居民盼望",
        "再多装几台",
        "住在三楼的王阿姨说，充电柜离家近，希望物业再多装几台，方便大家。",
    )
    assert len(articles) == 1
    assert [b.text for b in articles[0].body if b.type == BlockType.SUBHEAD] == ["居民盼望", "再多装几台"]


def test_a_title_after_the_facts_that_close_a_story_heads_a_box_of_its_own():
    """A story's text closing with facts (时间：…, 地点：…) or the place it is filed under (上城区),
    then a title over a box's facts (扫码关注 / “某某” / 微信公众号): the title heads the box, it
    is not one of the story's facts."""
    for closing in (("时间：3月28日10:00", "地点：某某会展中心"), ("上城区",)):
        articles = page(
            *LOCAL_STORY,
            *closing,
            "住房问答",
            "扫码关注",
            "“某某住房”",
            "微信公众号",
            "记者 李小红",
            "问：孩子明年上小学，现在买学区房可行吗？",
            "答：可以先看看对口学校的招生政策，再决定买哪个小区。",
        )
        assert [a.headline for a in articles] == ["小区门口新装了一台充电柜", "住房问答"], closing
        assert articles[0].paragraphs[-1] == closing[-1]
        assert [b.name for b in articles[1].bylines] == ["李小红"]


def test_title_lines_inside_a_box_under_its_heading_stay_the_boxs():
    """Under the box's own heading, a line between two of its facts (“某某住房” between 扫码关注
    and 微信公众号) is one of its lines, not a story's title."""
    articles = page(
        "住房问答",
        "扫码关注",
        "“某某住房”",
        "微信公众号",
        "记者 李小红",
        "问：孩子明年上小学，现在买学区房可行吗？",
        "答：可以先看看对口学校的招生政策，再决定买哪个小区。",
    )
    assert [a.headline for a in articles] == ["住房问答"]


def test_a_paragraph_closed_by_who_gave_it_in_brackets_has_ended():
    """``……气温16~24℃。（某某气象台提供）``: the sentence ended before its credit in brackets, so
    the title line after it opens the next story instead of running on as the same paragraph."""
    assert ends_sentence("明天多云，气温16~24℃。（某某气象台提供）")
    assert not ends_sentence("明天多云（局部有雨")
    articles = page(
        "某某市区天气预报",
        "今天白天多云，夜里多云到阴，东北风3~4级；明天白天多云到阴，夜里转阴有阵雨或雷雨，"
        "偏东风3级，气温16~24℃。（某某气象台提供）",
        "某国一座古老教堂地下发现骑士遗骸",
        "据某国电视台网站近日报道，某国一座古老教堂的地板下发现了一具骑士的遗骸。",
        "专家从遗骸身边的硬币和子弹碎片推断，这位骑士生活在三百多年前，曾效力于国王的卫队。",
    )
    assert [a.headline for a in articles] == ["某某市区天气预报", "某国一座古老教堂地下发现骑士遗骸"]


def test_a_title_after_a_storys_closing_box_with_a_lead_past_its_own_box_opens_a_story():
    """A story closing with a box of its own (a heading over 时间：/地点：), then a title over a
    box's facts and a byline: the byline past the facts makes the title a story's, not one more
    line of the first story's box; the box's second heading stays in the box."""
    articles = page(
        *LOCAL_STORY,
        "某某小镇充电节",
        "时间：",
        "3月29日8:00",
        "地点：",
        "某某会展中心",
        "充电体验季",
        "时间：",
        "3月28日10:00—20:00",
        "地点：某某会展中心",
        "住房问答",
        "扫码关注",
        "“某某住房”",
        "微信公众号",
        "记者 李小红",
        "问：孩子明年上小学，现在买学区房可行吗？",
        "答：可以先看看对口学校的招生政策，再决定买哪个小区。",
    )
    assert [a.headline for a in articles] == ["小区门口新装了一台充电柜", "住房问答"]
    assert "充电体验季" in articles[0].paragraphs
    assert articles[0].paragraphs[-1] == "地点：某某会展中心"


def test_a_story_without_a_lead_on_another_topic_after_a_signed_story_is_its_own():
    """No lead after the title, no wire opening either, but the text under it shares next to
    nothing with the signed story before it: a story of its own, not a subhead of that one."""
    articles = page(
        *LOCAL_STORY,
        "王阿姨家住五楼，以前每次给电动车充电都要把电瓶搬上楼，累得腰酸背痛，现在下楼就能充。",
        "物业还在充电柜旁边装了灭火器和监控探头，保安每天晚上巡查两次，居民觉得安心多了。",
        "新研究：应警惕机器翻译“过度自信”",
        "新一期某某期刊发表的一项研究显示，当读者遇到生僻外语词汇时，机器翻译软件常常给出错误译文。",
        "研究人员比较了十一种常见软件，发现它们很少提示译文可能有误，读者因此容易轻信。",
    )
    assert [a.headline for a in articles] == ["小区门口新装了一台充电柜", "新研究：应警惕机器翻译“过度自信”"]


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("与会代表表示，制造业是国家经济发展的命脉", "。当今世界，技术进步对产业影响重大。"),
        ("从合作战略的发布，到助推域名机构的国际化进程…", "…中国在网络空间扮演的角色越来越重要。"),
        ("某地今年共完成植树造林2", "5万亩，森林覆盖率达到百分之六十以上，生态持续向好。"),
    ],
)
def test_a_paragraph_cut_inside_a_mark_or_a_number_is_joined_back(first, rest):
    """A column break before ``。`` (no text opens with it), inside ``……`` or inside a number:
    the two parts are one paragraph, though the first ends like a title or a sentence."""
    articles = page(
        "某某会见外国客人",
        "新华社北京10月18日电  某某18日在人民大会堂会见外国客人。",
        first,
        rest,
    )
    assert len(articles) == 1
    assert articles[0].paragraphs[-1].replace(" ", "") == first + rest


def test_a_subhead_is_not_taken_for_a_title_by_the_next_storys_title_of_a_subheads_form():
    """Subheads of no shared form, then the next story's title shaped like a pair (``秋收，出发``):
    the first subhead does not stand apart from a family of subheads, it stays the story's."""
    articles = page(
        "试点扩围到全国",
        "让更多患者用上质优价廉药品",
        "近日，药品集中采购试点全国扩围拟中选结果公布，拟中选药品价格平均降幅五成以上。",
        "采购品种仍为试点的药品",
        "去年，药品集中采购试点在多个城市开展，中选药品价格平均降幅一半，试点药品用量明显增加。",
        "原研药降价，仿制药替代",
        "药品集中采购试点扩围后，原研药价格大幅下降，仿制药用量大幅增加，患者负担减轻。",
        "确保患者年底前用上中选药品",
        "各地将在年底前执行集中采购结果，确保患者用上中选药品，药品采购平台同步更新。",
        "秋收，出发",
        "金秋时节，某地农民驾驶收割机在田间抢收玉米，一派丰收景象。",
    )
    assert articles[0].headline == "让更多患者用上质优价廉药品"
    assert "采购品种仍为试点的药品" not in [a.headline for a in articles]
