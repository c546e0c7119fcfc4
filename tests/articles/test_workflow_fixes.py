"""The one-step fixes an editor makes after an import, and the concurrent-edit check."""

import pytest
from django.urls import reverse

from articles.forms import split_title
from articles.models import Article, Block, Byline, Contributor, Correction
from tests.articles import factories
from tests.articles.admin_helpers import action_post, article_post_data, management

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")


@pytest.fixture
def edition():
    return factories.edition(published=False, pages=2, articles_per_page=3)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("奋力谱写新格局—— 党建赋能治理 共建幸福家园", ("奋力谱写新格局——", "党建赋能治理 共建幸福家园", "")),
        (
            "坚定信心 实干争先——以“四个努力”推动作风持续转变系列评论之一",
            ("坚定信心 实干争先——", "以“四个努力”推动作风持续转变系列评论之一", ""),
        ),
        ("引题——主题——写在开幕之际", ("引题——", "主题", "——写在开幕之际")),
        ("习近平在会见时强调  携手构建命运共同体", ("习近平在会见时强调", "携手构建命运共同体", "")),
        ("引题  主题  副题", ("引题", "主题", "副题")),
        ("株洲启动城市更新行动", ("", "株洲启动城市更新行动", "")),
        ("——写在开幕之际", ("", "——写在开幕之际", "")),
        # One plain space, as a page dump prints a two-line title: kicker and headline proposed.
        ("湘赣边最大独立共享储能电站 并网投运", ("湘赣边最大独立共享储能电站", "并网投运", "")),
        ("“十四五”开局 之年 谋新篇", ("“十四五”开局", "之年", "谋新篇")),
        # A space beside Latin letters or digits belongs to the headline.
        ("株洲建成5G 基站3000个", ("", "株洲建成5G 基站3000个", "")),
    ],
)
def test_split_title_proposals(line, parts):
    assert split_title(line) == parts


def test_split_title_in_one_step(staff_client, edition):
    article = Article.objects.get(page__number=1, position=1)
    article.headline = "奋力谱写新格局—— 党建赋能治理 共建幸福家园"
    article.save()
    url = reverse("admin:articles_article_split_title", args=[article.pk])
    assert "拆分标题" in staff_client.get(change_url(article)).content.decode()
    form = staff_client.get(url).context["form"]
    assert form.initial == {
        "kicker": "奋力谱写新格局——",
        "headline": "党建赋能治理 共建幸福家园",
        "subheadline": "",
    }
    response = staff_client.post(url, {**form.initial, "subheadline": "——记社区治理"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.kicker, article.headline, article.subheadline) == (
        "奋力谱写新格局——",
        "党建赋能治理 共建幸福家园",
        "——记社区治理",
    )
    assert staff_client.post(url, {"kicker": "x", "headline": ""}).status_code == 200


def test_paragraph_becomes_subhead_and_back(staff_client, edition):
    article = Article.objects.get(page__number=1, position=1)
    data = article_post_data(article, **{"blocks-1-type": "subhead"})
    assert staff_client.post(change_url(article), data).status_code == 302
    assert article.blocks.get(order=2).type == "subhead"
    article.refresh_from_db()
    data = article_post_data(article, **{"blocks-1-type": "paragraph"})
    assert staff_client.post(change_url(article), data).status_code == 302
    assert article.blocks.get(order=2).type == "paragraph"


def test_merge_paragraphs_split_by_a_column_break(staff_client, edition):
    article = Article.objects.get(page__number=1, position=1)
    Block.objects.filter(article=article).delete()
    for order, text in enumerate(
        ["但相比过去,", "淞亿小区着实打了一场翻身仗。", "业委会主", "任说。", "末段。"], 1
    ):
        Block.objects.create(article=article, order=order, text=text)
    data = article_post_data(article, **{"blocks-0-merge_with_next": "on", "blocks-2-merge_with_next": "on"})
    assert staff_client.post(change_url(article), data).status_code == 302
    assert list(article.blocks.values_list("text", flat=True)) == [
        "但相比过去,淞亿小区着实打了一场翻身仗。",
        "业委会主任说。",
        "末段。",
    ]


def test_reorder_blocks_by_swapping_orders(staff_client, edition):
    article = Article.objects.get(page__number=1, position=1)
    data = article_post_data(article, **{"blocks-0-order": "2", "blocks-1-order": "1"})
    assert staff_client.post(change_url(article), data).status_code == 302
    assert list(article.blocks.values_list("text", flat=True)) == ["第二段正文。", "人民群众的第1段正文。"]


def test_move_and_reassign_a_byline(staff_client, edition):
    article = Article.objects.get(page__number=1, position=1)
    other = Contributor.objects.create(name="尹照", slug="yin-zhao")
    Byline.objects.create(article=article, contributor=other, role="correspondent", label="通讯员", order=1)
    someone = Contributor.objects.create(name="温琳", slug="wen-lin")
    data = article_post_data(article)
    assert data["bylines-1-contributor"] == str(other.pk)
    # Put the correspondent first, and credit the reporter's byline to someone else.
    data.update({"bylines-1-order": "0", "bylines-0-order": "5", "bylines-0-contributor": str(someone.pk)})
    assert staff_client.post(change_url(article), data).status_code == 302
    assert list(article.bylines.order_by("order").values_list("contributor__name", flat=True)) == [
        "尹照",
        "温琳",
    ]


def test_set_kind_from_the_list(staff_client, edition):
    articles = list(Article.objects.filter(page__number=2))
    staff_client.post(ARTICLES, action_post("set_kind_advertisement", articles))
    assert set(Article.objects.filter(page__number=2).values_list("kind", flat=True)) == {"advertisement"}
    assert set(Article.objects.filter(page__number=1).values_list("kind", flat=True)) == {"news"}


def test_reorder_articles_on_a_page_swaps_positions(staff_client, edition):
    page = edition.pages.get(number=1)
    articles = list(page.articles.order_by("position"))
    data = {
        "edition": str(edition.pk),
        "number": "1",
        "label": "01",
        "name": "要闻",
        "editor": "",
        **management("articles", 3, 3),
    }
    new_positions = {0: 3, 1: 1, 2: 2}  # the first story goes last
    for i, article in enumerate(articles):
        data.update(
            {
                f"articles-{i}-id": str(article.pk),
                f"articles-{i}-page": str(page.pk),
                f"articles-{i}-position": str(new_positions[i]),
                f"articles-{i}-kind": article.kind,
                f"articles-{i}-headline": article.headline,
            }
        )
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 302
    assert list(page.articles.order_by("position").values_list("pk", flat=True)) == [
        articles[1].pk,
        articles[2].pk,
        articles[0].pk,
    ]


def test_duplicate_positions_on_a_page_are_a_form_error(staff_client, edition):
    page = edition.pages.get(number=1)
    articles = list(page.articles.order_by("position"))
    data = {"edition": str(edition.pk), "number": "1", "label": "01", **management("articles", 3, 3)}
    for i, article in enumerate(articles):
        data.update(
            {
                f"articles-{i}-id": str(article.pk),
                f"articles-{i}-page": str(page.pk),
                f"articles-{i}-position": "1",
                f"articles-{i}-kind": "news",
                f"articles-{i}-headline": article.headline,
            }
        )
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 200
    assert list(page.articles.order_by("position").values_list("position", flat=True)) == [1, 2, 3]


def test_move_an_article_to_another_page(staff_client, edition):
    article = Article.objects.get(page__number=1, position=2)
    target = edition.pages.get(number=2)
    response = staff_client.post(ARTICLES, action_post("move_to_page", [article]))
    assert list(response.context["form"].fields["page"].queryset) == list(edition.pages.all())
    staff_client.post(ARTICLES, action_post("move_to_page", [article], apply="1", page=str(target.pk)))
    article.refresh_from_db()
    assert (article.page_id, article.position) == (target.pk, 4)


def test_move_an_article_in_its_form_refuses_a_taken_position(staff_client, edition):
    article = Article.objects.get(page__number=1, position=2)
    target = edition.pages.get(number=2)
    data = article_post_data(article, page=str(target.pk), position="1")
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    data = article_post_data(article, page=str(target.pk), position="7")
    assert staff_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.page_id, article.position) == (target.pk, 7)


def test_link_and_unlink_the_parts_of_a_continued_story(staff_client, edition):
    first = Article.objects.get(page__number=1, position=3)
    second = Article.objects.get(page__number=2, position=1)
    staff_client.post(ARTICLES, action_post("link_continuation", [second, first]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.next_part == second
    assert (first.continued_to_label, second.continued_from_label) == ("02", "01")
    staff_client.post(ARTICLES, action_post("unlink_continuation", [first]))
    first.refresh_from_db()
    assert first.next_part is None
    # The form links through next_part too, and unlinks by clearing it.
    data = article_post_data(first, next_part=str(second.pk))
    assert staff_client.post(change_url(first), data).status_code == 302
    first.refresh_from_db()
    assert first.next_part == second
    assert "上接自" in staff_client.get(change_url(second)).content.decode()


def test_correction_on_an_article_is_dated(staff_client, edition):
    article = Article.objects.get(page__number=1, position=1)
    data = article_post_data(
        article,
        **{
            **management("corrections", 1),
            "corrections-0-kind": "correction",
            "corrections-0-text": "原稿人名有误。",
        },
    )
    assert staff_client.post(change_url(article), data).status_code == 302
    correction = Correction.objects.get(article=article)
    assert correction.created is not None and correction.kind == "correction"


def test_second_editor_does_not_silently_overwrite_the_first(staff_client, edition):
    article = Article.objects.get(page__number=1, position=1)
    opened_by_both = article_post_data(article)
    first = {**opened_by_both, "headline": "第一位编辑改的标题"}
    assert staff_client.post(change_url(article), first).status_code == 302
    second = {**opened_by_both, "headline": "第二位编辑改的标题"}
    response = staff_client.post(change_url(article), second)
    assert response.status_code == 200
    assert "已被别人修改" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "第一位编辑改的标题"
    # Reopened, the second editor's save goes through.
    again = article_post_data(article, headline="第二位编辑改的标题")
    assert staff_client.post(change_url(article), again).status_code == 302


def test_edits_refresh_the_search_text(staff_client, edition):
    article = Article.objects.get(page__number=1, position=1)
    data = article_post_data(article, headline="湘江风光带", **{"blocks-0-text": "炎陵黄桃丰收。"})
    assert staff_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert "湘江" in article.search_document.split()
    assert "黄桃" in article.search_document.split()
