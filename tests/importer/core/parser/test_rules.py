"""The line rules the parser weighs, and page-level reading of small made-up dumps."""

import pytest

from importer.core import rules
from importer.core.draft import BylineDraft, EditionImportError, PageRef
from importer.core.parser import parse_page


@pytest.mark.parametrize(
    ("line", "to", "from_", "rest"),
    [
        ("▶▶下转08版", "08", None, ""),
        ("（下转第二版）", "02", None, ""),
        ("(下转A2版)", "A2", None, ""),
        ("(下转第2版)", "02", None, ""),
        ("上接01版", None, "01", ""),
        ("（上接第一版）", None, "01", ""),
        ("（上接第十二版）", None, "12", ""),
        ("▶▶上接01版古城墙上人头攒动。", None, "01", "古城墙上人头攒动。"),
        ("拔地而起, ▶▶下转02版", "02", None, "拔地而起,"),
        ("发出了新征程上接续奋斗的伟大号召", None, None, "发出了新征程上接续奋斗的伟大号召"),
        ("下转第0版", None, None, "下转第0版"),
    ],
)
def test_continuation_markers(line, to, from_, rest):
    found = rules.take_markers(line)
    assert (found.continued_to and found.continued_to.label) == to
    assert (found.continued_from and found.continued_from.label) == from_
    assert found.text == rest


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("人民日报记者/孙超", [("孙超", "reporter", "记者", "人民日报")]),
        ("株洲日报全媒体记者/温琳", [("温琳", "reporter", "全媒体记者", "株洲日报")]),
        (
            "通讯员/彭梦笔 吴明",
            [("彭梦笔", "correspondent", "通讯员", ""), ("吴明", "correspondent", "通讯员", "")],
        ),
        (
            "本报记者  杨明方  阿尔达克",
            [("杨明方", "reporter", "本报记者", ""), ("阿尔达克", "reporter", "本报记者", "")],
        ),
        ("实习生/李四", [("李四", "intern", "实习生", "")]),
        ("本报评论员 张三", [("张三", "author", "本报评论员", "")]),
        (
            "记者/王迪 新华社记者/李四",
            [("王迪", "reporter", "记者", ""), ("李四", "reporter", "记者", "新华社")],
        ),
    ],
)
def test_standalone_bylines(line, expected):
    bylines = rules.parse_bylines(line, standalone=True)
    assert [(b.name, b.role, b.label, b.organization) for b in bylines] == expected


@pytest.mark.parametrize("line", ["记者手记", "通讯员", "记者从市农业农村局获悉", "人民日报评论员文章发表"])
def test_titles_and_prose_are_not_bylines(line):
    assert rules.parse_bylines(line, standalone=True) is None


@pytest.mark.parametrize(
    ("paragraph", "dateline", "bylines", "rest"),
    [
        (
            "株洲日报讯(全媒体记者/李军 通讯员/尹照) 记者从市农业农村局获悉。",
            "株洲日报讯",
            [BylineDraft("李军", "reporter", "全媒体记者"), BylineDraft("尹照", "correspondent", "通讯员")],
            "记者从市农业农村局获悉。",
        ),
        (
            "本报北京1月18日电  （记者葛孟超）今天。",
            "本报北京1月18日电",
            [BylineDraft("葛孟超", "reporter", "记者")],
            "今天。",
        ),
        ("新华社北京1月18日电  国家主席。", "新华社北京1月18日电", [], "国家主席。"),
        (
            "本报北京10月18日电  （金歆、王迪）记者获悉。",
            "本报北京10月18日电",
            [BylineDraft("金歆"), BylineDraft("王迪")],
            "记者获悉。",
        ),
        ("新华社北京10月23日电\xa0国务院总理。", "新华社北京10月23日电", [], "国务院总理。"),
        ("本报金边电  近日。", "本报金边电", [], "近日。"),
    ],
)
def test_datelines(paragraph, dateline, bylines, rest):
    lead = rules.take_dateline(paragraph)
    assert (lead.dateline, lead.bylines, lead.rest) == (dateline, bylines, rest)


@pytest.mark.parametrize(
    "paragraph", ["麻园社区党总支书记杨汉平说。", "据新华社北京10月4日电 记者", "本报记者近日获悉。"]
)
def test_prose_is_not_a_dateline(paragraph):
    assert rules.take_dateline(paragraph) is None


@pytest.mark.parametrize(
    "line",
    [
        "企业供图",
        "新华社记者 张金加摄",
        "翟慧勇摄(影像中国)",
        "方  圆  吴树江摄影报道",
        "株洲日报全媒体记者/刘平 摄",
        "新华社发",
    ],
)
def test_photo_credits(line):
    assert rules.is_credit(line)


@pytest.mark.parametrize("line", ["互动", "水上摄影展", "梦想再出发", "大家来拍摄", "秋收，出发"])
def test_titles_are_not_photo_credits(line):
    assert not rules.is_credit(line)


def test_caption_and_credit_on_one_line():
    assert rules.split_caption("航拍共享储能电站。企业供图") == ("航拍共享储能电站", "企业供图")
    assert rules.split_caption("图为新建成的大桥。 新华社记者 张金加摄") == (
        "图为新建成的大桥",
        "新华社记者 张金加摄",
    )


def test_kicker_split_ignores_dashes_inside_book_titles():
    assert rules.kicker_split("《光阴的故事——万里为邻》首播仪式在匈牙利举行") is None
    assert rules.kicker_split("……新格局—— 党建赋能治理 共建幸福家园") == (
        "……新格局",
        "党建赋能治理 共建幸福家园",
    )


def page_of(*blocks):
    return parse_page("\n\n".join(blocks))


def titles(page):
    return [(a.kicker, a.headline, a.subheadline) for a in page.articles]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # A bracketed column label marks the headline.
        (
            "首部法规出台（权威发布）",
            "更加重视保护外商投资合法权益",
            ("", "首部法规出台（权威发布）", "更加重视保护外商投资合法权益"),
        ),
        (
            "前三季度GDP同比增长6.2%",
            "经济平稳运行（权威发布）",
            ("前三季度GDP同比增长6.2%", "经济平稳运行（权威发布）", ""),
        ),
        # A second line that explains (leader's presence, figures, enumerations) is the subheadline.
        (
            "第七届世界军人运动会在武汉隆重开幕",
            "习近平出席开幕式并宣布运动会开幕",
            ("", "第七届世界军人运动会在武汉隆重开幕", "习近平出席开幕式并宣布运动会开幕"),
        ),
        (
            "香港特区政府订立《禁止蒙面规例》",
            "5日起开始生效",
            ("", "香港特区政府订立《禁止蒙面规例》", "5日起开始生效"),
        ),
        # Otherwise the first line is the kicker.
        (
            "就中几建交60周年",
            "习近平同几内亚总统孔戴互致贺电",
            ("就中几建交60周年", "习近平同几内亚总统孔戴互致贺电", ""),
        ),
        ("调查显示——", "中国表现受海外受访者认可", ("调查显示——", "中国表现受海外受访者认可", "")),
        (
            "携手构建中缅命运共同体",
            "——写在中缅建交70周年之际",
            ("", "携手构建中缅命运共同体", "写在中缅建交70周年之际"),
        ),
    ],
)
def test_two_title_lines(first, second, expected):
    page = page_of(first, second, "新华社北京10月4日电  正文第一段。")
    assert titles(page) == [expected]


def test_a_default_kicker_split_is_a_doubt():
    page = page_of("就中几建交60周年", "习近平同几内亚总统孔戴互致贺电", "新华社北京10月4日电  正文。")
    assert page.articles[0].doubts


def test_three_title_lines_are_kicker_headline_subheadline():
    page = page_of("引题一行", "主题一行", "副题一行", "本报讯 正文。")
    assert titles(page) == [("引题一行", "主题一行", "副题一行")]


def test_a_subhead_after_a_finished_paragraph_stays_in_the_story():
    page = page_of("标题", "本报讯 第一段。", "小标题在这里", "第二段。")
    assert len(page.articles) == 1
    assert [(b.type, b.text) for b in page.articles[0].body] == [
        ("paragraph", "第一段。"),
        ("subhead", "小标题在这里"),
        ("paragraph", "第二段。"),
    ]


def test_a_title_followed_by_a_dateline_opens_a_story():
    page = page_of("标题一", "本报讯 第一段。", "标题二", "新华社电 第二篇。")
    assert [a.headline for a in page.articles] == ["标题一", "标题二"]


def test_numbered_lines_are_subheads_even_after_a_closing_credit():
    page = page_of("标题", "本报讯 第一段。", "一、构建命运共同体", "第二段。")
    assert [b.type for b in page.articles[0].body] == ["paragraph", "subhead", "paragraph"]


def test_a_closing_credit_ends_the_story_and_stays_its_last_paragraph():
    page = page_of("标题一", "第一段。", "（本报布鲁塞尔10月4日电）", "“为比中友好添佳话”", "第二篇第一段。")
    assert [a.headline for a in page.articles] == ["标题一", "“为比中友好添佳话”"]
    assert page.articles[0].body[-1].text == "（本报布鲁塞尔10月4日电）"


def test_photo_news_title_caption_and_credit():
    page = page_of(
        "标题一", "本报讯 第一段。", "互动", "10月16日，小学生与机器人互动。", "翟慧勇摄(影像中国)"
    )
    photo = page.articles[1]
    assert (photo.kind, photo.headline) == ("photo", "互动")
    assert [b.text for b in photo.body] == ["10月16日，小学生与机器人互动。"]
    assert photo.photos[0].credit == "翟慧勇摄(影像中国)"


def test_column_break_joins_but_never_glues_a_subhead():
    page = page_of("标题", "本报讯 这一段在分栏处", "断开了。", "小标题", "下一段。")
    assert [b.text for b in page.articles[0].body] == ["这一段在分栏处断开了。", "小标题", "下一段。"]


def test_latin_words_cut_by_a_column_break_keep_their_space():
    page = page_of("标题", "本报讯 引用了 BUILD A", "GROUP 的说法。")
    assert page.articles[0].body[0].text == "引用了 BUILD A GROUP 的说法。"


def test_editor_note_without_a_byline_takes_one_paragraph():
    page = page_of("标题", "编者按：这是编者按。", "正文第一段。", "正文第二段。")
    article = page.articles[0]
    assert article.editor_note == ["这是编者按。"]
    assert [b.text for b in article.body] == ["正文第一段。", "正文第二段。"]


def test_page_furniture_goes_to_the_page():
    page = parse_page("2023年8月9日 星期三\n第03版：经济\n\n标题\n\n本报讯 正文。\n\n本版责编：王三\n")
    assert (page.name, page.editor) == ("经济", "王三")
    assert [a.headline for a in page.articles] == ["标题"]
    assert "王三" not in page.articles[0].source_text


def test_continuation_marker_as_the_only_text():
    page = parse_page("（下转第二版）\n")
    assert page.articles[0].continued_to == PageRef(label="02")
    assert not page.articles[0].body


def test_markup_is_kept_as_text():
    page = page_of("<script>alert(1)</script>", "本报讯 <b>正文</b>。")
    assert page.articles[0].headline == "<script>alert(1)</script>"
    assert page.articles[0].body[0].text == "<b>正文</b>。"


@pytest.mark.parametrize("text", ["", "\n\n\n", "   "])
def test_blank_page_has_no_articles(text):
    assert parse_page(text).articles == []


def test_non_text_is_refused():
    with pytest.raises(EditionImportError, match="must be text"):
        parse_page(b"bytes")


def test_a_title_like_half_of_a_cut_paragraph_is_joined_back():
    page = page_of(
        "标题",
        "本报讯 第一段。",
        "肯尼亚总统肯雅塔在内马铁路5个车站分别进行剪彩和揭牌仪式并发表讲",
        "话。肯雅塔说。",
    )
    assert [(b.type, b.text) for b in page.articles[0].body] == [
        ("paragraph", "第一段。"),
        ("paragraph", "肯尼亚总统肯雅塔在内马铁路5个车站分别进行剪彩和揭牌仪式并发表讲话。肯雅塔说。"),
    ]


def test_an_advertisement_printed_with_blank_lines_between_its_lines():
    page = page_of(
        "标题",
        "本报讯 正文。",
        "建设全球一流现代银行集团",
        "BUILD A FIRST-CLASS GLOBAL BANKING GROUP",
        "干到极致",
        "朱理平",
        "评论正文。",
    )
    assert [(a.kind, a.headline) for a in page.articles] == [
        ("news", "标题"),
        ("advertisement", "建设全球一流现代银行集团"),
        ("commentary", "干到极致"),
    ]


def test_a_column_label_in_black_brackets():
    page = page_of(
        "标题一",
        "本报讯 正文。",
        "【聚焦“三微”“六位” 建设幸福株洲】",
        "服务送到村口 文化“种”到门前",
        "正文。",
    )
    article = page.articles[1]
    assert (article.column, article.kicker, article.headline) == (
        "聚焦“三微”“六位” 建设幸福株洲",
        "",
        "服务送到村口 文化“种”到门前",
    )
