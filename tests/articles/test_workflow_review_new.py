"""A new article an editor (编辑) adds to a published page waits for a desk chief like their
changes to its articles do (issue 18, Rough): readers see nothing of it until the chief approves
it, the chief finds it in the same queue, and sent back it never reaches a page. A desk chief's own
new article goes live at once, and an editor's on a draft page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Revision
from editions.models import Page
from tests.articles import factories
from tests.articles.admin_helpers import HEADLINE, member_of, new_article

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")
REVISIONS = reverse("admin:articles_revision_changelist")


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "编辑", "bian")


@pytest.fixture
def chief(django_user_model):
    return member_of(django_user_model, "值班主任", "chief")


@pytest.fixture
def page():
    edition = factories.edition(published=True, pages=1, articles_per_page=2)
    return Page.objects.get(edition=edition)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def review(client, revision, answer):
    return client.post(reverse("admin:articles_revision_change", args=[revision.pk]), {answer: "1"})


def test_an_editor_s_new_article_on_a_published_page_waits_unseen(editor, page):
    reader = Client()
    public = page.get_absolute_url()
    assert HEADLINE not in reader.get(public).content.decode()  # cached now
    client = logged_in(editor)
    response = client.post(ADD, new_article(page), follow=True)
    assert "等待值班主任审核" in response.content.decode()
    revision = Revision.objects.get()
    assert response.redirect_chain[-1][0] == revision.get_absolute_url()
    assert (revision.article, revision.page, revision.author, revision.status) == (
        None,
        page,
        editor,
        "pending",
    )
    assert revision.proposed["article"]["headline"] == HEADLINE
    assert not Article.objects.filter(headline=HEADLINE).exists()
    assert page.articles.count() == 2
    assert HEADLINE not in reader.get(public).content.decode()
    assert HEADLINE not in reader.get(reverse("articles:search"), {"q": "夜班"}).content.decode()


def test_the_desk_chief_approves_it_in_the_same_queue_and_it_goes_on_the_page(editor, chief, page):
    reader = Client()
    public = page.get_absolute_url()
    reader.get(public)
    logged_in(editor).post(ADD, new_article(page))
    revision = Revision.objects.get()
    desk = logged_in(chief)
    listing = desk.get(REVISIONS)
    assert list(listing.context["cl"].result_list) == [revision]
    assert f"新稿：2023-08-09 01版：要闻《{HEADLINE}》" in listing.content.decode()
    shown = desk.get(revision.get_absolute_url()).content.decode()
    assert HEADLINE in shown and "新稿件的第一段。" in shown and "采用并生效" in shown
    response = review(desk, revision, "_approve")
    article = Article.objects.get(headline=HEADLINE)
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert (article.page, article.position, article.dateline) == (page, 3, "本报讯")
    assert list(article.blocks.values_list("text", flat=True)) == ["新稿件的第一段。"]
    assert list(article.tags.names()) == ["夜班"]
    revision.refresh_from_db()
    assert (revision.status, revision.reviewer, revision.article) == ("approved", chief, article)
    assert article.history.get().history_user == chief
    assert HEADLINE in reader.get(public).content.decode()
    assert "第一段" in article.search_document


def test_sent_back_it_never_reaches_the_page(editor, chief, page):
    logged_in(editor).post(ADD, new_article(page))
    revision = Revision.objects.get()
    desk = logged_in(chief)
    response = review(desk, revision, "_reject")
    assert response.url == REVISIONS
    revision.refresh_from_db()
    assert (revision.status, revision.article) == ("rejected", None)
    review(desk, revision, "_approve")  # answered once: a second answer changes nothing
    assert not Article.objects.filter(headline=HEADLINE).exists()
    assert page.articles.count() == 2
    assert HEADLINE not in Client().get(page.get_absolute_url()).content.decode()


def test_an_editor_cannot_approve_their_own_new_article(editor, page):
    client = logged_in(editor)
    client.post(ADD, new_article(page))
    revision = Revision.objects.get()
    assert "采用并生效" not in client.get(revision.get_absolute_url()).content.decode()
    assert review(client, revision, "_approve").status_code == 403
    assert not Article.objects.filter(headline=HEADLINE).exists()


def test_a_new_article_on_a_draft_page_and_a_desk_chief_s_go_live(editor, chief, page):
    other_day = datetime.date(2023, 8, 10)
    draft = Page.objects.get(
        edition=factories.edition(other_day, pages=1, articles_per_page=1, published=False)
    )
    assert logged_in(editor).post(ADD, new_article(draft)).status_code == 302
    assert Article.objects.filter(headline=HEADLINE, page=draft).exists()
    assert logged_in(chief).post(ADD, new_article(page, headline="值班主任加的")).status_code == 302
    assert Article.objects.filter(headline="值班主任加的", page=page).exists()
    assert not Revision.objects.exists()


def test_the_queue_of_new_articles_speaks_chinese(editor, chief, page):
    from tests.newsroom.test_translations import english_words

    logged_in(editor).post(ADD, new_article(page))
    revision = Revision.objects.get()
    for user in (editor, chief):
        client = logged_in(user)
        for url in (REVISIONS, revision.get_absolute_url()):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code == 200, url
            assert english_words(response.content.decode()) == [], (user, url)


def test_an_editor_s_restore_of_a_deleted_article_into_a_published_edition_waits(editor, chief, page):
    """Issue 14: bringing a deleted article back onto a published page needs a desk chief too."""
    article = page.articles.get(position=1)
    pk, headline, blocks = article.pk, article.headline, list(article.blocks.values_list("text", flat=True))
    desk = logged_in(chief)
    desk.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    record = Article.history.get(id=pk, history_type="-")
    deleted = reverse("admin:articles_article_deleted")
    response = logged_in(editor).post(deleted, {"history_id": record.history_id}, follow=True)
    assert "等待值班主任审核" in response.content.decode()
    assert not Article.objects.filter(pk=pk).exists()
    assert headline not in Client().get(page.get_absolute_url()).content.decode()
    revision = Revision.objects.get()
    assert (revision.page, revision.article, revision.proposed["restores"]) == (page, None, pk)
    review(desk, revision, "_approve")
    restored = Article.objects.get(pk=pk)  # back under its own id, its history continued
    assert (restored.headline, list(restored.blocks.values_list("text", flat=True))) == (headline, blocks)
    assert restored.history.first().history_user == chief
    assert headline in Client().get(page.get_absolute_url()).content.decode()


def test_a_desk_chief_restores_a_deleted_article_at_once(chief, page):
    pk = page.articles.get(position=1).pk
    desk = logged_in(chief)
    desk.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    record = Article.history.get(id=pk, history_type="-")
    desk.post(reverse("admin:articles_article_deleted"), {"history_id": record.history_id})
    assert Article.objects.filter(pk=pk).exists() and not Revision.objects.exists()
