"""What an editor saves imports again (issue 14), beside the page counts (test_page_counts): an
article's position is held in the admin to the import's bound (newsroom.text.MAX_POSITION, where
the column would take 32,767), in its form and in the page's list of articles; and neither a
deleted article restored, an earlier version restored onto the page it was moved from, nor a held
new article approved puts a page past its count of articles (MAX_PAGE_ARTICLES), refused in Chinese
with nothing changed."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Revision
from editions.models import Page
from newsroom.text import MAX_PAGE_ARTICLES, MAX_POSITION
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, member_of, new_article
from tests.security.test_page_counts import page_post_data, post, stored

pytestmark = pytest.mark.django_db

TOO_HIGH = f"版内顺序 {MAX_POSITION + 1} 超过上限 {MAX_POSITION}：请改小一些。"


@pytest.fixture
def page():
    return factories.edition(pages=1, articles_per_page=0, published=False).pages.get()


def test_a_position_past_the_import_s_bound_is_refused_in_the_article_form(staff_client, page):
    article = stored(page, 1)[0]
    data = article_post_data(article, position=str(MAX_POSITION + 1))
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["position"] == [TOO_HIGH]
    article.refresh_from_db()
    assert article.position == 1


def test_a_position_past_the_import_s_bound_is_refused_in_the_page_s_list(staff_client, page):
    articles = stored(page, 2)
    data = page_post_data(page, articles) | {"articles-1-position": str(MAX_POSITION + 1)}
    response = post(staff_client, page, data)
    assert response.status_code == 200
    assert TOO_HIGH in response.content.decode()
    assert list(page.articles.values_list("position", flat=True)) == [1, 2]


def test_a_position_at_the_bound_saves(staff_client, page):
    article = stored(page, 1)[0]
    data = article_post_data(article, position=str(MAX_POSITION))
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.position == MAX_POSITION


# -- a page's count held by a restore and an approval ---------------------------------------------


def full_message(page):
    return (
        f"{page}已有 {MAX_PAGE_ARTICLES} 篇稿件，再放 1 篇就超过一个版面的上限 {MAX_PAGE_ARTICLES} 篇："
        "请先删去或移走一篇。"
    )


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def chief(django_user_model):
    return logged_in(member_of(django_user_model, "值班主任", "chief"))


@pytest.fixture
def editor(django_user_model):
    return logged_in(member_of(django_user_model, "编辑", "bian"))


def deleted_then_filled(chief, page):
    """An article deleted from `page`, whose place other articles then took to the count."""
    pk = Article.objects.create(page=page, position=MAX_PAGE_ARTICLES + 1, headline="删掉的稿件").pk
    chief.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    stored(page, MAX_PAGE_ARTICLES)
    return Article.history.get(id=pk, history_type="-")


def test_a_deleted_article_restored_onto_a_full_page_is_refused(chief, page):
    record = deleted_then_filled(chief, page)
    response = chief.post(
        reverse("admin:articles_article_deleted"), {"history_id": record.history_id}, follow=True
    )
    assert full_message(page) in response.content.decode()
    assert not Article.objects.filter(pk=record.id).exists()
    assert page.articles.count() == MAX_PAGE_ARTICLES


def test_an_editor_s_restore_onto_a_full_published_page_is_refused_not_held(chief, editor):
    page = factories.edition(published=True, pages=1, articles_per_page=0).pages.get()
    record = deleted_then_filled(chief, page)
    response = editor.post(
        reverse("admin:articles_article_deleted"), {"history_id": record.history_id}, follow=True
    )
    assert full_message(page) in response.content.decode()
    assert not Revision.objects.exists() and not Article.objects.filter(pk=record.id).exists()


def test_a_held_new_article_approved_onto_a_page_filled_since_is_refused(chief, editor):
    edition = factories.edition(published=True, pages=1, articles_per_page=2)
    page = Page.objects.get(edition=edition)
    editor.post(reverse("admin:articles_article_add"), new_article(page, position="300"))
    revision = Revision.objects.get()
    Article.objects.bulk_create(
        Article(page=page, position=p, headline=f"后来的第{p}条") for p in range(3, MAX_PAGE_ARTICLES + 1)
    )
    response = chief.post(
        reverse("admin:articles_revision_change", args=[revision.pk]), {"_approve": "1"}, follow=True
    )
    assert full_message(page) in response.content.decode()
    revision.refresh_from_db()
    assert (revision.status, revision.article) == ("pending", None)
    assert page.articles.count() == MAX_PAGE_ARTICLES


def moved_then_filled(client, page):
    """An article moved from `page` to a second page in its form, `page` then filled to the count:
    its version from before the move is on `page`."""
    article = Article.objects.create(page=page, position=MAX_PAGE_ARTICLES + 1, headline="移走的稿件")
    other = Page.objects.create(edition=page.edition, number=2, label="02")
    data = article_post_data(article, page=str(other.pk), position="1")
    assert client.post(reverse("admin:articles_article_change", args=[article.pk]), data).status_code == 302
    stored(page, MAX_PAGE_ARTICLES)
    return article, article.history.filter(page_id=page.pk).earliest(), other


def test_a_version_restored_back_onto_a_full_page_is_refused(chief, page):
    article, before_the_move, other = moved_then_filled(chief, page)
    url = reverse("admin:articles_article_simple_history", args=[article.pk, before_the_move.history_id])
    response = chief.post(url, {}, follow=True)
    assert full_message(page) in response.content.decode()
    article.refresh_from_db()
    assert article.page == other
    assert page.articles.count() == MAX_PAGE_ARTICLES


def test_an_editor_s_version_restored_onto_a_full_published_page_is_refused_not_held(chief, editor):
    page = factories.edition(published=True, pages=1, articles_per_page=0).pages.get()
    article, before_the_move, other = moved_then_filled(chief, page)
    url = reverse("admin:articles_article_simple_history", args=[article.pk, before_the_move.history_id])
    response = editor.post(url, {}, follow=True)
    assert full_message(page) in response.content.decode()
    assert not Revision.objects.exists()
    article.refresh_from_db()
    assert article.page == other
