"""A reader's search finds an article by the words an editor gave it, whichever admin path changed
them: the article's form (title lines, editor's note, a paragraph edited, added, deleted or merged,
a photo's caption), the page's list of articles, 拆分标题, a deleted article restored, an earlier
version restored, a held change or new article approved. The services refresh the search text
(articles.services), so an admin path that saved the words without them would fail here."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.filters import ArticleSearchFilter
from articles.models import Article, Block, Photo, Revision
from articles.search import refresh_search_document
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, management, member_of

pytestmark = pytest.mark.django_db


def found(word):
    """The headlines a reader's search for `word` finds."""
    filterset = ArticleSearchFilter({"q": word}, queryset=Article.objects.published())
    assert filterset.is_valid(), filterset.errors
    return sorted(filterset.qs.values_list("headline", flat=True))


@pytest.fixture
def article():
    edition = factories.edition(published=True, pages=2, articles_per_page=2)
    article = Article.objects.get(page__edition=edition, page__number=1, position=1)
    Photo.objects.create(article=article, order=1, caption="航拍城区新貌。", credit="本报记者 摄")
    for stored in Article.objects.all():
        refresh_search_document(stored)  # as the import leaves them
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def saved(client, article, **changes):
    response = client.post(change_url(article), article_post_data(article, **changes))
    assert response.status_code == 302, response.context and response.context["errors"]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        ({"headline": "湘江风光带"}, "湘江"),
        ({"kicker": "炎陵县"}, "炎陵"),
        ({"editor_note": "编者按：黄桃丰收。"}, "黄桃"),
        ({"blocks-0-text": "今年完成十座桥梁维修。"}, "桥梁"),
        ({"photos-0-caption": "醴陵瓷器展。"}, "瓷器"),
    ],
)
def test_the_article_form_s_words_are_found(staff_client, article, changes, word):
    assert found(word) == []
    saved(staff_client, article, **changes)
    article.refresh_from_db()
    assert found(word) == [article.headline]


def test_a_paragraph_added_or_deleted_in_the_form_is_found_or_gone(staff_client, article):
    data = article_post_data(article)
    data.update(management("blocks", 3, 2))
    data.update({"blocks-2-order": "3", "blocks-2-type": "paragraph", "blocks-2-text": "神农城夜景。"})
    data["blocks-0-DELETE"] = "on"  # 人民群众的第1段正文。
    assert staff_client.post(change_url(article), data).status_code == 302
    assert found("神农") == [article.headline]
    assert article.headline not in found("人民")


def test_paragraphs_merged_in_the_form_are_found_by_the_word_they_join(staff_client, article):
    Block.objects.filter(article=article).delete()
    for order, text in enumerate(["业委会主", "任说。"], start=1):
        Block.objects.create(article=article, order=order, text=text)
    article.refresh_from_db()
    assert found("主任") == []
    saved(staff_client, article, **{"blocks-0-merge_with_next": "on"})
    assert list(article.blocks.values_list("text", flat=True)) == ["业委会主任说。"]
    assert found("主任") == [article.headline]


def test_a_headline_changed_in_the_page_s_list_of_articles_is_found(staff_client, article):
    page = article.page
    data = {
        "edition": str(page.edition_id),
        "number": str(page.number),
        "label": page.label,
        "name": page.name,
        "editor": page.editor,
        **management("articles", 2, 2),
    }
    for i, listed in enumerate(page.articles.order_by("position")):
        data.update(
            {
                f"articles-{i}-id": str(listed.pk),
                f"articles-{i}-page": str(page.pk),
                f"articles-{i}-position": str(listed.position),
                f"articles-{i}-kind": listed.kind,
                f"articles-{i}-kicker": listed.kicker,
                f"articles-{i}-headline": listed.headline,
            }
        )
    data["articles-0-headline"] = "湘江风光带"
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert found("湘江") == ["湘江风光带"]
    assert "第1版第1条新闻标题" not in found("新闻")


def test_a_title_split_with_a_new_subheadline_is_found(staff_client, article):
    url = reverse("admin:articles_article_split_title", args=[article.pk])
    split = {"kicker": "", "headline": article.headline, "subheadline": "——记社区治理"}
    response = staff_client.post(url, split)
    assert response.status_code == 302
    assert found("社区") == [article.headline]


def test_a_deleted_article_restored_is_found_again(staff_client, article):
    headline = article.headline
    assert staff_client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert headline not in found("新闻")
    record = Article.history.filter(id=article.pk, history_type="-").get()
    deleted = reverse("admin:articles_article_deleted")
    assert staff_client.post(deleted, {"history_id": record.history_id}).status_code == 302
    assert found("新闻").count(headline) == 1
    assert found("航拍") == [headline]  # its photo's caption, restored with it


def test_an_earlier_version_restored_is_found_by_its_words(staff_client, article):
    first = article.history.get()
    saved(staff_client, article, **{"blocks-0-text": "今年完成十座桥梁维修。"})
    assert found("桥梁") == [article.headline]
    version = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    assert staff_client.post(version, {}).status_code == 302
    assert found("桥梁") == []
    assert article.headline in found("人民")


def test_a_held_change_is_found_once_a_desk_chief_approves_it(django_user_model, article):
    editor = member_of(django_user_model, "编辑", "bian")
    chief = member_of(django_user_model, "值班主任", "zhuren")
    saved(logged_in(editor), article, **{"blocks-0-text": "今年完成十座桥梁维修。"})
    assert found("桥梁") == []  # held: readers find the article as it was
    assert article.headline in found("人民")
    revision = Revision.objects.get()
    url = reverse("admin:articles_revision_change", args=[revision.pk])
    assert logged_in(chief).post(url, {"_approve": "1"}).status_code == 302
    assert found("桥梁") == [article.headline]
    assert article.headline not in found("人民")


def test_a_held_new_article_is_found_once_a_desk_chief_approves_it(django_user_model, article):
    editor = member_of(django_user_model, "编辑", "bian")
    chief = member_of(django_user_model, "值班主任", "zhuren")
    data = {
        **{field: "" for field in ("kicker", "subheadline", "column", "dateline", "editor_note")},
        **{field: "" for field in ("continued_to_label", "continued_to_page", "next_part", "tags")},
        **{field: "" for field in ("continued_from_label", "continued_from_page")},
        "headline": "夜班新加的一条消息",
        "page": str(article.page_id),
        "position": "3",
        "kind": "news",
        **management("bylines", 0),
        **management("photos", 0),
        **management("corrections", 0),
        **management("blocks", 1),
        "blocks-0-order": "1",
        "blocks-0-type": "paragraph",
        "blocks-0-text": "神农城夜景。",
    }
    response = logged_in(editor).post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert found("神农") == []
    revision = Revision.objects.get()
    url = reverse("admin:articles_revision_change", args=[revision.pk])
    assert logged_in(chief).post(url, {"_approve": "1"}).status_code == 302
    assert found("神农") == ["夜班新加的一条消息"]
