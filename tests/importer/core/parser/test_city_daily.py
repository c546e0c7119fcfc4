"""Boxes for readers, portraits' captions, column names and partner outlets around the stories of
a city daily (newspaper.md, "Other papers"): one test per family, each on a small page written
for the test. The names,
numbers and stories are made up; only the forms are the papers'."""

from importer.core.parser import parse_page
from importer.core.profile import Profile
from importer.core.rules import DEFAULT_RULES, is_named_portrait, parse_bylines


def page(*blocks: str):
    return parse_page("\n\n".join(blocks) + "\n").articles


def test_a_hotline_box_between_two_advertorials_is_a_piece_of_its_own():
    """A short head over a telephone number and the hours to call is a box, not a subhead of the
    story above it; its hours line is the box's, not the kicker of the next title."""
    articles = page(
        "62岁王阿姨腰疼多年",
        "李明中医师用针灸帮她缓解了",
        "通讯员 小林 记者 赵大海",
        "王阿姨腰疼多年，走路都困难。李明给她做了针灸，一周后明显好转。",
        "“现在能下楼买菜了。”王阿姨说。",
        "健康热线",
        "求医问药0571-12345678",
        "欢迎周一至周五9时-17时来电",
        "70岁孙大伯咳嗽不止",
        "周红中医师开出一张方子",
        "通讯员 小林 记者 赵大海",
        "孙大伯咳嗽了半年，吃了周红开的中药，一个月后基本不咳了。",
    )
    assert [a.headline for a in articles] == [
        "李明中医师用针灸帮她缓解了",
        "健康热线",
        "周红中医师开出一张方子",
    ]
    assert articles[1].paragraphs == ["求医问药0571-12345678", "欢迎周一至周五9时-17时来电"]
    assert articles[2].kicker == "70岁孙大伯咳嗽不止"
    assert "健康热线" not in [block.text for block in articles[0].body]


def test_a_call_for_stories_after_a_story_with_two_line_subheads_is_its_own_box():
    """The last pair of lines of such a story heads a box when the text under it gives a
    telephone number and the story's own text gave none; the story's subheads stay its own."""
    articles = page(
        "城市里的温暖小事",
        "记者 钱小雨",
        "每一件小事，都值得被记住。活动推出后，很多市民推荐了身边的故事。",
        "小区门口的变化",
        "从排队登记到刷码进门",
        "以前进小区要登记半天，现在刷一下就能进门，门岗说纠纷少了很多。",
        "公园里的急救设备",
        "十台设备守护大家",
        "公园里新装了十台急救设备，分布在各个出入口，志愿者每月检查一次。",
        "征集还在继续",
        "等你来讲故事",
        "征集活动4月1日截止。你可以通过以下方式参与：",
        "1.在客户端发帖，带上活动话题。",
        "2.拨打热线0571-87654321，讲述你身边的温暖瞬间。",
        "评选结束后，获奖故事将在报纸上刊登。",
    )
    assert len(articles) == 2
    story, box = articles
    assert story.headline == "城市里的温暖小事"
    assert box.kicker + box.headline == "征集还在继续等你来讲故事"
    assert [block.text for block in story.body if block.type == "subhead"] == [
        "小区门口的变化",
        "从排队登记到刷码进门",
        "公园里的急救设备",
        "十台设备守护大家",
    ]
    assert box.paragraphs[-1] == "评选结束后，获奖故事将在报纸上刊登。"


def test_a_subhead_over_a_telephone_number_stays_in_a_story_that_gave_one():
    """A story that already printed a telephone number in its text prints more under its
    subheads: those are its sections, not boxes."""
    articles = page(
        "春季招聘会本周末举行",
        "记者 钱小雨",
        "本周末全市将举办春季招聘会，三百家企业将带来五千个岗位，求职者可以带上简历到现场投递。",
        "求职咨询0571-11112222",
        "现场有三百家企业",
        "企业报名还在进行",
        "还没有报名的企业也可以报名参加，展位免费，主办方还将为参会企业提供免费的午餐。",
        "企业报名0571-33334444",
    )
    assert [a.headline for a in articles] == ["春季招聘会本周末举行"]
    assert [block.text for block in articles[0].body if block.type == "subhead"] == [
        "现场有三百家企业",
        "企业报名还在进行",
    ]


def test_a_short_line_giving_opening_hours_is_a_fact_of_a_box():
    assert DEFAULT_RULES.is_fact("欢迎周一至周五9时-17时致电本报健康部")
    assert DEFAULT_RULES.is_fact("开放时间 8:30～17:00")
    assert DEFAULT_RULES.is_fact("周一至周五")
    assert not DEFAULT_RULES.is_fact("周一上午")
    # Prose a column break cut: it ends with a comma, or runs on past a box's line.
    assert not DEFAULT_RULES.is_fact("景区每天8:30至17:30开放，")
    assert not DEFAULT_RULES.is_fact("据介绍，景区每天8:30至17:30开放，游客可以在网上预约门票")
    long = (
        "景区今年起延长开放时间，每天8:30至17:30开放，周一至周五还推出了夜游项目，"
        "吸引了很多游客前来打卡拍照，周边的民宿也跟着热闹了起来。"
    )
    assert not DEFAULT_RULES.is_fact(long)


def test_a_portraits_name_and_title_under_the_headline_is_the_texts_first_paragraph():
    """``某某 主任中医师`` under an advertorial's title names the doctor in the portrait: neither a
    title line nor the author; the paragraph after it stays a paragraph of its own."""
    (article,) = page(
        "咳嗽半年的孙大伯",
        "吃了一个月中药好了",
        "周红 主任中医师",
        "毕业于某某中医学院，从医三十年，擅长治疗呼吸病",
        "通讯员 小林 记者 赵大海",
        "孙大伯咳嗽了半年，吃了周红开的中药，一个月后基本不咳了。",
    )
    assert (article.kicker, article.headline, article.subheadline) == (
        "咳嗽半年的孙大伯",
        "吃了一个月中药好了",
        "",
    )
    assert article.paragraphs[:2] == [
        "周红 主任中医师",
        "毕业于某某中医学院，从医三十年，擅长治疗呼吸病",
    ]
    assert [byline.name for byline in article.bylines] == ["小林", "赵大海"]


def test_a_name_and_title_is_a_portrait_but_two_names_are_not():
    assert is_named_portrait("周红 主任中医师")
    assert is_named_portrait("王大伟 教授")
    assert not is_named_portrait("王大伟 李小红")
    assert not is_named_portrait("记者 王大伟")


def test_a_columns_name_closing_the_title_block_is_the_column_not_a_subheadline():
    """A city daily prints its column's name (栏目) between the title and the byline. It names
    the column, not the story, so it shares no character pair with the story's text: the
    column, while a third title line that tells the story stays in the title."""
    column, story = page(
        "老城区地块集中上市",
        "本市昨挂牌三宗宅地，均靠近地铁站",
        "地产观察台",
        "记者 孙小明",
        "本市昨天挂牌了三宗住宅用地，分别位于老城区和新区，三宗宅地都靠近地铁站。",
        "其中老城区的地块容积率较低，起始楼面价每平方米两万元。",
        "东站附近新开公交专线",
        "乘客坐专线车",
        "二十分钟到体育中心",
        "记者 孙小明",
        "为方便乘客前往体育中心，东站附近新开了一条公交专线，坐专线车二十分钟就能到。",
    )
    assert (
        column.kicker + column.headline + column.subheadline
        == "老城区地块集中上市本市昨挂牌三宗宅地，均靠近地铁站"
    )
    assert column.column == "地产观察台"
    assert column.paragraphs[0].startswith("本市昨天挂牌")
    assert (
        story.kicker + story.headline + story.subheadline
        == "东站附近新开公交专线乘客坐专线车二十分钟到体育中心"
    )
    assert story.column == ""


def test_a_papers_column_names_in_its_profile_are_columns_wherever_they_stand_in_the_title():
    """A column's name the paper's profile lists (栏目名, extended in the admin) is the column, even
    where it shares words with the story; without the profile it is read as a title line."""
    blocks = (
        "开店十年没想过赚快钱",
        "老街这家糕点店凭啥能火十年",
        "寻找城市 主理人",
        "记者 孙小明",
        "老街上有家糕点店开了十年，店里的主理人说，开店以来从没想过要赚快钱，只想把糕点做好。",
    )
    text = "\n\n".join(blocks) + "\n"
    profile = Profile.from_dict({"conventions": {"column_labels": ["寻找城市主理人"]}})
    (article,) = parse_page(text, profile=profile).articles
    assert (
        article.kicker + article.headline + article.subheadline
        == "开店十年没想过赚快钱老街这家糕点店凭啥能火十年"
    )
    assert article.column == "寻找城市 主理人"
    (default,) = parse_page(text).articles
    assert default.column == ""
    assert "主理人" in default.subheadline


def test_a_partner_outlet_among_the_names_is_read_by_its_length_not_its_name():
    """``记者 甲 某某区融媒站 乙 丙``: between a byline's names, a word too long for a person's name
    is the outlet of the names after it, whatever the outlet calls itself; an outlet no name
    follows makes the line no byline."""
    bylines = parse_bylines("记者 王大伟 西湖区新闻站 李小红 赵小刚", standalone=True)
    assert [(b.name, b.role, b.organization) for b in bylines] == [
        ("王大伟", "reporter", ""),
        ("李小红", "reporter", "西湖区新闻站"),
        ("赵小刚", "reporter", "西湖区新闻站"),
    ]
    assert parse_bylines("记者 王大伟 西湖区新闻站", standalone=True) is None
    assert parse_bylines("记者 西湖区新闻站 李小红", standalone=True) is None


def test_a_label_naming_a_person_by_what_they_did_names_the_author_but_a_contact_does_not():
    """``讲述人：某某`` (寄思人, 推荐人 …: two characters and 人) names a piece's author without the
    profile listing the label; ``联系人：某某`` is a box's fact, never an author."""
    (author,) = parse_bylines("讲述人：王小明", standalone=True)
    assert (author.name, author.role, author.label) == ("王小明", "author", "讲述人")
    assert parse_bylines("联系人：王小明", standalone=True) is None
    assert parse_bylines("讲述人：今天我们聊聊春天", standalone=True) is None
