"""More families of failure on a second paper (issue 15), each on a small page written for the
test: the names, outlets and stories are made up; only the forms are the papers'."""

from importer.core.draft import BlockType
from importer.core.parser import parse_page


def page(*blocks: str):
    return parse_page("\n\n".join(blocks) + "\n").articles


def test_a_portraits_name_above_an_advertorial_is_its_text_not_its_author():
    """An advertorial under a doctor's portrait prints the doctor's name and career, then the
    reporters' byline: the name is the first paragraph, the byline the reporters'."""
    (article,) = page(
        "62岁王阿姨膝盖疼，走不了路",
        "李某某中医师给她扎了三次针",
        "吴明德",
        "毕业于某某中医药大学，从医三十年，擅长针灸治疗各类痛症。",
        "通讯员 甲乙 记者 丙丁",
        "很多人都有过膝盖疼的经历。62岁的王阿姨就是其中一位。",
    )
    assert article.headline == "李某某中医师给她扎了三次针"
    assert [byline.name for byline in article.bylines] == ["甲乙", "丙丁"]
    assert article.paragraphs[0] == "吴明德"
    assert article.kind == "news"


def test_a_facts_label_without_its_colon_heads_its_values_inside_the_story():
    """坐诊时间 over its values (某某馆：周一上午；) is a box inside the story, not a new story's
    title; each value is a paragraph of its own, even when it ends with a semicolon."""
    (article,) = page(
        "62岁王阿姨膝盖疼，走不了路",
        "李某某中医师给她扎了三次针",
        "毕业于某某中医药大学，从医三十年。",
        "坐诊时间",
        "某某国医馆：周三上午、周五下午；",
        "某某中医馆：周四下午。",
        "通讯员 甲乙 记者 丙丁",
        "很多人都有过膝盖疼的经历。",
    )
    assert article.paragraphs[1:4] == [
        "坐诊时间",
        "某某国医馆：周三上午、周五下午；",
        "某某中医馆：周四下午。",
    ]
    assert [byline.name for byline in article.bylines] == ["甲乙", "丙丁"]


def test_a_line_with_a_telephone_number_is_a_fact_never_a_title():
    articles = page(
        "某某健康热线",
        "咨询、投诉、求医问药0571-88886666",
        "下一篇稿件的标题",
        "记者 张小明",
        "正文的第一段，说完了。",
    )
    assert [a.headline for a in articles] == ["某某健康热线", "下一篇稿件的标题"]
    assert articles[0].paragraphs == ["咨询、投诉、求医问药0571-88886666"]


def test_a_kicker_trailing_off_opens_the_page():
    """A kicker ending with …… (a list left open) over the headline is a kicker, not body text."""
    (article,) = page(
        "赏“山间桃林”、看“湖畔花海”、寻“世外桃源”……",
        "春天，还是去山里更好！本周末去这几处",
        "记者 张小明",
        "春天的周末，最舒服的是找个有花的地方慢慢走。",
    )
    assert article.kicker == "赏“山间桃林”、看“湖畔花海”、寻“世外桃源”……"
    assert article.headline == "春天，还是去山里更好！本周末去这几处"


def test_after_a_boxs_facts_a_title_over_a_byline_opens_a_new_story():
    """导航：某某 closes a part of a guide like a sentence: the next title with its byline is a new
    story, not a subhead."""
    articles = page(
        "本周末去看桃花",
        "记者 张小明",
        "本周末桃花正盛，我们挑了几处。",
        "甲村百亩桃林",
        "桃林就在村口，开得正好。",
        "导航：甲村党群服务中心",
        "4月乙山，门票全免",
        "记者 李小红 某某微融圈 王小刚",
        "你知道吗？乙山景区今年四十岁了。",
    )
    assert [a.headline for a in articles] == ["本周末去看桃花", "4月乙山，门票全免"]
    assert [b.name for b in articles[1].bylines] == ["李小红", "王小刚"]


def test_a_box_with_its_byline_after_its_text_is_not_a_subhead_of_the_story_before():
    """A story prints one byline line: under a story that opened with one, a title run followed by
    a short text and another byline line is a piece of its own (a call for letters)."""
    articles = page(
        "父亲的老自行车",
        "寄思人：张小明",
        "父亲离开我们十年了。他的自行车还在楼下。",
        "写下你的思念",
        "追忆故人",
        "每年清明前后，本报都推出追思服务。",
        "参与方式：下载某某App，点击首页发帖。",
        "记者 李小红",
        "母亲的针线盒",
        "寄思人：王小刚",
        "母亲的针线盒里，有一枚顶针。",
    )
    assert [a.headline for a in articles] == ["父亲的老自行车", "追忆故人", "母亲的针线盒"]
    assert [b.name for b in articles[1].bylines] == ["李小红"]


def test_a_numbered_item_after_a_colon_is_a_paragraph_of_its_own():
    (article,) = page(
        "征集活动开始了",
        "记者 张小明",
        "征集4月1日截止。你可以通过以下方式参与：",
        "1.下载某某客户端，在首页发帖。",
        "2.拨打热线，讲述你的故事。",
    )
    assert article.paragraphs == [
        "征集4月1日截止。你可以通过以下方式参与：",
        "1.下载某某客户端，在首页发帖。",
        "2.拨打热线，讲述你的故事。",
    ]


def test_a_second_title_line_with_a_speakers_colon_is_the_subheadline():
    (article,) = page(
        "你的手机助手犯了错谁该担责？",
        "某某公司安全负责人：谈数字便利和隐私保护",
        "记者 张小明",
        "手机助手越来越聪明了。",
    )
    assert (article.kicker, article.headline) == ("", "你的手机助手犯了错谁该担责？")
    assert article.subheadline == "某某公司安全负责人：谈数字便利和隐私保护"
    assert all(block.type == BlockType.PARAGRAPH for block in article.body)


def test_a_column_under_a_box_of_facts_opens_with_the_byline_after_the_box():
    """楼市问答 over a follow-us box (扫码关注 / “某某” / 微信公众号), then the byline: a new piece,
    the box in its text; the interview's two-line headings stay inside it."""
    articles = page(
        "某地挂牌三宗宅地",
        "记者 张小明",
        "某地昨天挂牌了三宗住宅用地。",
        "楼市问答",
        "扫码关注",
        "“某某房产”",
        "微信公众号",
        "记者 李小红",
        "孩子今年三岁了",
        "现在买学区房可行吗？",
        "问：孩子今年三岁了，想买套学区房，现在可行吗？",
        "答：时间点卡得很好。",
    )
    assert [a.headline for a in articles] == ["某地挂牌三宗宅地", "楼市问答"]
    assert articles[1].paragraphs[:3] == ["扫码关注", "“某某房产”", "微信公众号"]
    assert [b.name for b in articles[1].bylines] == ["李小红"]
    assert [b.text for b in articles[1].body if b.type == BlockType.SUBHEAD] == [
        "孩子今年三岁了",
        "现在买学区房可行吗？",
    ]


def test_the_region_a_story_is_filed_under_closes_it():
    """富阳区 printed alone after a story's text is the story's last line, not the next title's kicker."""
    articles = page(
        "某某包子火了",
        "记者 张小明",
        "期待小小的包子未来能带来更多惊喜。",
        "某阳区",
        "无人机飞上高空洗楼",
        "“机器人员工”上岗啦",
        "记者 李小红",
        "上午8点，无人机飞上了教学楼。",
    )
    assert [a.headline for a in articles] == ["某某包子火了", "“机器人员工”上岗啦"]
    assert articles[0].paragraphs[-1] == "某阳区"
    assert articles[1].kicker == "无人机飞上高空洗楼"


def test_two_questions_over_a_headline_are_one_kicker():
    (article,) = page(
        "骑手进小区要多久？你身边的急救设备在哪里？",
        "汽车充电8分钟能跑多远？",
        "温暖就藏在一件件小事中",
        "年度温暖案例继续征集中",
        "记者 张小明",
        "每一个温暖故事，都值得被记住。",
    )
    assert article.kicker == "骑手进小区要多久？你身边的急救设备在哪里？ 汽车充电8分钟能跑多远？"
    assert (article.headline, article.subheadline) == ("温暖就藏在一件件小事中", "年度温暖案例继续征集中")


def test_an_item_after_a_paragraph_ending_with_a_dash_is_a_paragraph_of_its_own():
    (article,) = page(
        "谁该来担责",
        "记者 张小明",
        "专家认为，应该建立分层责任框架——",
        "第一层：产品设计缺陷责任，由开发者承担。",
    )
    assert article.paragraphs == [
        "专家认为，应该建立分层责任框架——",
        "第一层：产品设计缺陷责任，由开发者承担。",
    ]


def test_a_clause_cut_by_a_column_break_in_a_story_of_two_line_subheads_is_prose():
    """A story printing its subheads as two lines: a single line holding a clause, cut by the
    column break, is the start of the paragraph under it, not a subhead."""
    (article,) = page(
        "某某小区的新变化",
        "记者 张小明",
        "小区最近有了不少新变化。",
        "骑手进小区",
        "从“问东问西”到“3秒进门”",
        "如今骑手碰一下就能进门。",
        "小区建起守护圈",
        "27台设备，还有一群小卫士",
        "守护网正是业主所说的细节之一。",
        "在某某小区，27台设备覆盖",
        "四个区域，分布在园区出入口。",
    )
    assert article.paragraphs[-1] == "在某某小区，27台设备覆盖四个区域，分布在园区出入口。"
    assert [b.text for b in article.body if b.type == BlockType.SUBHEAD] == [
        "骑手进小区",
        "从“问东问西”到“3秒进门”",
        "小区建起守护圈",
        "27台设备，还有一群小卫士",
    ]
