"""Papers that print differently from People's Daily (newspaper.md, "Other papers"): one test per
family of convention, each on a small page written for the test. The names, outlets and stories
are made up; only the forms are the papers'."""

from importer.core.parser import parse_page


def page(*blocks: str):
    return parse_page("\n\n".join(blocks) + "\n").articles


def titles(articles):
    return [(a.kicker, a.headline, a.subheadline) for a in articles]


def test_a_wire_source_line_closes_its_story_and_is_not_a_title():
    """据新华社 / 综合新华社等报道 end a story without a dateline, on their own line or glued to
    its last sentence; the next title lines are the next story's, not a kicker or a subhead."""
    articles = page(
        "甲地出台新规",
        "甲地日前出台新规，明年起试行。新规共有十条。",
        "乙地也出台类似规定，细则下月公布。据新华社",
        "丙市地铁新线开通",
        "丙市地铁新线昨日开通，全长20公里。",
        "综合新华社等报道",
        "丁县举办赛事",
        "丁县昨天举办了一场赛事，吸引了很多人。据央视新闻",
    )
    assert [a.headline for a in articles] == ["甲地出台新规", "丙市地铁新线开通", "丁县举办赛事"]
    assert articles[0].paragraphs[-1].endswith("据新华社")
    assert articles[1].paragraphs[-1] == "综合新华社等报道"


def test_a_source_glued_to_a_cut_sentence_does_not_end_the_story():
    """A column break may cut a paragraph right after 据 and a few words: prose that goes on
    joins it, as any cut paragraph."""
    (article,) = page(
        "某地的稿件",
        "记者 张小明",
        "会议指出，今年以来全市经济稳中有进。据市统计局",
        "统计，前三季度全市生产总值同比增长6%。",
    )
    assert article.paragraphs == [
        "会议指出，今年以来全市经济稳中有进。据市统计局统计，前三季度全市生产总值同比增长6%。"
    ]


def test_two_line_subheads_inside_a_story_stay_in_it():
    """A paper printing its bylines on their own line prints two-line subheads inside its
    stories: without a lead of their own they are subheads, not new stories."""
    articles = page(
        "海港集团承诺不加价",
        "记者 王大伟 通讯员 李小红",
        "这两天，海港集团火了。集团负责人说，所有货物不加价。",
        "在巨头掌控的行业里",
        "“不涨价”是一种承诺",
        "实际上，集团负责人很清醒，他看的是长远的事情。",
        "绕行千里、保费翻倍",
        "单次转运花了30万元",
        "船只被迫绕行，航程多走上千海里，燃油多烧近百吨。",
        "另一家企业的稿件",
        "记者 赵一鸣",
        "另一家企业昨天发布了新产品。",
    )
    assert [a.headline for a in articles] == ["海港集团承诺不加价", "另一家企业的稿件"]
    assert [b.text for b in articles[0].body if b.type == "subhead"] == [
        "在巨头掌控的行业里",
        "“不涨价”是一种承诺",
        "绕行千里、保费翻倍",
        "单次转运花了30万元",
    ]


def test_a_labelled_subhead_keeps_its_second_line_with_a_comma():
    """``退休人员：`` over ``假设退休金5000元，则缴7.5元，单位不缴费``: the second line is the
    heading's, not the start of a paragraph the next one is glued to."""
    (article,) = page(
        "一文讲清各类人群缴多少",
        "记者 孙小林",
        "实施方案明确了不同人群的缴费标准。",
        "退休人员：",
        "假设退休金5000元，则缴7.5元，单位不缴费",
        "对于退休人员，参加长护险由个人缴费，原用人单位不缴费。",
    )
    assert [(b.type, b.text) for b in article.body[1:]] == [
        ("subhead", "退休人员："),
        ("subhead", "假设退休金5000元，则缴7.5元，单位不缴费"),
        ("paragraph", "对于退休人员，参加长护险由个人缴费，原用人单位不缴费。"),
    ]


def test_quote_and_question_kickers_are_title_lines():
    """A kicker may be a quote (“……”) or a question (……？): above the headline it is a title
    line, not the text of the story before it."""
    articles = page(
        "“我心里发慌，开不了车……”",
        "货车司机突发急病",
        "记者 钱小东",
        "司机在高速上停车求助。",
        "骑手进小区要多久？",
        "温暖藏在一件件小事中",
        "记者 周小青",
        "每一个温暖故事，都值得被记住。",
    )
    assert titles(articles) == [
        ("“我心里发慌，开不了车……”", "货车司机突发急病", ""),
        ("骑手进小区要多久？", "温暖藏在一件件小事中", ""),
    ]


def test_title_lines_after_a_story_that_ended_are_a_title_even_with_commas():
    """After a source line the next lines up to the text are the next story's title, even
    shaped like prose (commas, no final stop)."""
    articles = page(
        "第一条短讯",
        "第一条短讯的正文，说完了。据某某新闻",
        "唯一的女儿去世后，八旬老人疯狂网购",
        "快递箱在家堆积如山，30余人清了12小时",
        "年近八旬的老人家住城东，女儿因病去世后，她陷入偏执网购状态。",
    )
    assert titles(articles)[1] == (
        "",
        "唯一的女儿去世后，八旬老人疯狂网购",
        "快递箱在家堆积如山，30余人清了12小时",
    )


def test_title_blocks_keep_out_credits_graphics_lines_and_boxes():
    """Photo credits (a reader's nickname in quotes), a 制图 line and the lines of the paper's
    address box are never title lines; the box is an article of its own."""
    articles = page(
        "周末好天气，抓紧赏樱花",
        "今年首场强对流天气即将来袭",
        "滨江樱花大道  橙友“小樱桃” 摄",
        "橙友“abc老兵” 摄",
        "制图 孙大圣",
        "记者 朱小珍",
        "这段时间雨水说来就来，说走就走。",
        "本报地址",
        "2026年订价396元",
        "邮发代号：31—81",
        "本报地址：某市某路1号 邮编：310000",
    )
    first, box = articles
    assert (first.kicker, first.headline) == ("周末好天气，抓紧赏樱花", "今年首场强对流天气即将来袭")
    assert [p.credit for p in first.photos] == ["橙友“小樱桃” 摄", "橙友“abc老兵” 摄"]
    assert [(b.name, b.role, b.label) for b in first.bylines] == [
        ("孙大圣", "photographer", "制图"),
        ("朱小珍", "reporter", "记者"),
    ]
    assert box.headline == "本报地址"
    assert box.paragraphs == ["2026年订价396元", "邮发代号：31—81", "本报地址：某市某路1号 邮编：310000"]


def test_facts_of_a_box_are_paragraphs_of_their_own():
    """时间：/ 地点：/ 导航：… lines are facts, never titles, and never glued to the prose around
    them."""
    (article,) = page(
        "梦想小镇半程马拉松即将开跑",
        "记者 沈小慧",
        "今年的比赛有不少新变化，",
        "导航：崂山村党群服务中心",
        "时间：",
        "3月29日8:00",
    )
    assert article.paragraphs == [
        "今年的比赛有不少新变化，",
        "导航：崂山村党群服务中心",
        "时间：",
        "3月29日8:00",
    ]


def test_standalone_bylines_with_several_names_roles_and_partner_outlets():
    """Bylines on their own line after the title or the captions: several names per role,
    roles mixed, a partner outlet among the names, 见习记者 / 培训生 / 本版摄影 roles."""
    articles = page(
        "包子里的土特产",
        "掰开包子，鲜香诱人。 记者 宣小涛 摄",
        "记者 宣小涛 某某微融圈 陆小军 俞小华",
        "包子的正文。",
        "第二篇稿件",
        "见习记者 张小三 培训生 李小四 通讯员 王小五 赵小六",
        "第二篇的正文。",
        "第三篇稿件",
        "本版摄影 记者 钱小七",
        "第三篇的正文。",
    )
    assert [(b.name, b.role, b.organization) for b in articles[0].bylines] == [
        ("宣小涛", "reporter", ""),
        ("陆小军", "reporter", "某某微融圈"),
        ("俞小华", "reporter", "某某微融圈"),
    ]
    assert articles[0].photos[0].credit == "记者 宣小涛 摄"
    assert [(b.name, b.role, b.label) for b in articles[1].bylines] == [
        ("张小三", "reporter", "见习记者"),
        ("李小四", "intern", "培训生"),
        ("王小五", "correspondent", "通讯员"),
        ("赵小六", "correspondent", "通讯员"),
    ]
    assert [(b.name, b.role) for b in articles[2].bylines] == [("钱小七", "photographer")]


def test_an_obituary_column_is_one_article_per_remembrance():
    """A column of short pieces, each a title, a 寄思人：某某 line and its text."""
    articles = page(
        "父亲和他的老手表",
        "寄思人：陶小芸",
        "父亲离开我们时，刚满九十岁。",
        "他一生节俭，却从不吝啬。",
        "母亲，我们好想你",
        "寄思人：陈小鸣",
        "漫漫时光里，最难忘的，是慈母的恩情。",
        "思念绵绵忆父亲",
        "寄思人：赵小浩",
        "深爱的父亲离开我们已经两年了。",
    )
    assert [a.headline for a in articles] == ["父亲和他的老手表", "母亲，我们好想你", "思念绵绵忆父亲"]
    assert [(b.name, b.role, b.label) for b in articles[1].bylines] == [("陈小鸣", "author", "寄思人")]


def test_pupils_essays_are_one_article_each_with_school_and_teacher():
    """Pupils' essays: a title, the school, class and pupil's name, the teacher's line, the text."""
    articles = page(
        "我的妈妈",
        "某某市实验小学三（2）班 王小明",
        "我的妈妈是一名医生，她每天都很忙。",
        "指导老师：李小红",
        "春天来了",
        "某某市第一中学初一（5）班 张小丽",
        "春天来了，小草从地里钻了出来。",
        "指导老师 赵小强",
    )
    assert [a.headline for a in articles] == ["我的妈妈", "春天来了"]
    assert [(b.name, b.role, b.organization) for b in articles[0].bylines] == [
        ("王小明", "author", "某某市实验小学三（2）班"),
        ("李小红", "editor", ""),
    ]
    assert articles[1].paragraphs == ["春天来了，小草从地里钻了出来。"]
