"""The seed front page (株洲日报, 2023-08-09) parses as the newsroom printed it."""

import pytest

from importer.core.parser import parse_page


@pytest.fixture
def page(seed_text):
    return parse_page(seed_text, label="01", number=1)


@pytest.fixture
def stories(page):
    return [a for a in page.articles if a.kind != "advertisement"]


def by_headline(page, headline):
    (article,) = [a for a in page.articles if a.headline == headline]
    return article


def test_seven_stories_and_one_advertisement_in_printed_order(page):
    assert [(a.position, a.kind, a.headline) for a in page.articles] == [
        (1, "news", "我市2村入选省级美丽乡村示范"),
        (2, "news", "党建赋能治理 共建幸福家园"),
        (3, "news", "曹慧泉与国网湖南电力 明煦一行座谈"),
        (4, "news", "湘赣边最大独立共享储能电站 并网投运"),
        (5, "news", "巡察干部体验“问题盲道”"),
        (6, "advertisement", "建设全球一流现代银行集团"),
        (7, "commentary", "干到极致"),
        (8, "news", "服务送到村口 文化“种”到门前"),
    ]


def test_the_bank_slogan_is_the_advertisement(page):
    ad = by_headline(page, "建设全球一流现代银行集团")
    assert [b.text for b in ad.body] == ["BUILD A FIRST-CLASS GLOBAL BANKING GROUP"]
    assert not ad.bylines and not ad.dateline


def test_title_blocks(page):
    titles = [(a.kicker, a.headline, a.subheadline, a.column) for a in page.articles]
    assert titles == [
        ("", "我市2村入选省级美丽乡村示范", "分别是茶陵县桃坑乡双元村、攸县酒埠江镇酒仙湖村", ""),
        ("湖南株洲市着力构建共建共治共享的城市基层治理新格局", "党建赋能治理 共建幸福家园", "", ""),
        ("", "曹慧泉与国网湖南电力 明煦一行座谈", "", ""),
        ("可缓解30万用户夏季高峰用电压力", "湘赣边最大独立共享储能电站 并网投运", "", ""),
        ("为了让残障人士“一路坦途”", "巡察干部体验“问题盲道”", "", ""),
        ("", "建设全球一流现代银行集团", "", ""),
        ("", "干到极致", "以“四个努力”推动作风持续转变系列评论之一", ""),
        ("", "服务送到村口 文化“种”到门前", "", "聚焦“三微”“六位” 建设幸福株洲"),
    ]


def test_datelines_where_printed(page):
    assert [a.dateline for a in page.articles] == [
        "株洲日报讯",
        "",
        "株洲日报讯",
        "株洲日报讯",
        "株洲日报讯",
        "",
        "",
        "",
    ]


def test_dateline_is_stripped_from_the_first_paragraph(page):
    first = by_headline(page, "我市2村入选省级美丽乡村示范")
    assert first.body[0].text.startswith("记者从市农业农村局获悉,2022年度")


def bylines(article):
    return [(b.name, b.role, b.label, b.organization) for b in article.bylines]


def test_bylines_with_roles_labels_and_organisations(page):
    assert [bylines(a) for a in page.articles] == [
        [("李军", "reporter", "全媒体记者", ""), ("尹照", "correspondent", "通讯员", "")],
        [("孙超", "reporter", "记者", "人民日报")],
        [("陈正明", "reporter", "全媒体记者", "")],
        [("廖明", "reporter", "全媒体记者", "")],
        [
            ("陈正明", "reporter", "全媒体记者", ""),
            ("彭梦笔", "correspondent", "通讯员", ""),
            ("吴明", "correspondent", "通讯员", ""),
        ],
        [],
        [("朱理平", "author", "", "")],
        [("温琳", "reporter", "全媒体记者", "株洲日报"), ("谢昱婷", "correspondent", "通讯员", "")],
    ]


def test_the_editor_note_has_two_paragraphs(page):
    article = by_headline(page, "党建赋能治理 共建幸福家园")
    assert len(article.editor_note) == 2
    assert article.editor_note[0].startswith("党的二十大报告提出")
    assert article.editor_note[1].startswith("湖南株洲市加强城市社区党建工作")
    assert article.body[0].text.startswith("“利用今年物业费结余的1万多元")
    assert not any("编者按" in block.text for block in article.body)


def test_subheads(page):
    subheads = [(a.headline, b.text) for a in page.articles for b in a.body if b.type == "subhead"]
    assert subheads == [
        ("党建赋能治理 共建幸福家园", "建阵地强班子,让人心聚起来"),
        ("服务送到村口 文化“种”到门前", "“门前三小”助力乡村振兴"),
        ("服务送到村口 文化“种”到门前", "我市建成“门前三小”1227个"),
    ]


def test_photo_caption_and_credit_on_the_power_station_story(page):
    photos = [(a.headline, p.caption, p.credit) for a in page.articles for p in a.photos]
    assert photos == [("湘赣边最大独立共享储能电站 并网投运", "航拍共享储能电站", "企业供图")]


def test_continuations(page):
    continued = [(a.headline, a.continued_to.label) for a in page.articles if a.continued_to]
    assert continued == [("党建赋能治理 共建幸福家园", "08"), ("服务送到村口 文化“种”到门前", "02")]
    assert not any(a.continued_from for a in page.articles)
    text = "".join(block.text for a in page.articles for block in a.body)
    assert "下转" not in text and "▶" not in text


@pytest.mark.parametrize(
    "paragraph",
    [
        "经费虽然紧巴巴,但相比过去,淞亿小区着实打了一场翻身仗。",
        "“从普通住户到担当业委会主任,黎昕积极向党组织靠拢",
        "由市、区两级书记任组长的城市基层党建",
        "对电力的需求越来越旺盛。",
        "有利于缓解片区新能源的送出压力,提高电网的供电可靠性",
        "路沿石与地面落差远大于2厘米",
        "对待任何工作都只会敷衍塞责",
        "体现在每一件细微小事上,需要我们",
        "村民有地方锻炼身体、看报学习",
        "集体经济收入项目——石峰区中小学劳动实践基地",
    ],
)
def test_column_breaks_are_joined(stories, paragraph):
    paragraphs = [b.text for a in stories for b in a.body if b.type == "paragraph"]
    assert sum(paragraph in text for text in paragraphs) == 1


def test_no_paragraph_is_left_cut_by_a_column_break(stories):
    for article in stories:
        for block in article.body[:-1]:
            if block.type == "paragraph":
                assert block.text[-1] in '。！？!?…”"', block.text[-20:]


def test_source_text_keeps_the_raw_lines(page):
    article = by_headline(page, "党建赋能治理 共建幸福家园")
    assert "编者按" in article.source_text
    assert "人民日报记者/孙超" in article.source_text
    assert article.source_text.rstrip().endswith("▶▶下转08版")


def test_guessed_kicker_splits_are_recorded_as_doubts(page):
    assert by_headline(page, "湘赣边最大独立共享储能电站 并网投运").doubts
    assert not by_headline(page, "我市2村入选省级美丽乡村示范").doubts
