"""An editor's change to a published article waits for a desk chief (值班主任); readers see the
article unchanged until the chief approves it. The chief's own edits go live and are recorded."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import approvals
from articles.models import Article, Revision
from tests.articles import factories
from tests.articles.admin_helpers import action_post, article_post_data, member_of

pytestmark = pytest.mark.django_db

REVISIONS = reverse("admin:articles_revision_changelist")


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "编辑", "bian")


@pytest.fixture
def chief(django_user_model):
    return member_of(django_user_model, "值班主任", "chief")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article():
    edition = factories.edition(published=True, pages=1, articles_per_page=2)
    return Article.objects.get(page__edition=edition, position=1)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def proposed_change(article):
    return article_post_data(
        article,
        headline="编辑改过的标题",
        **{"blocks-0-text": "编辑改过的第一段。", "bylines-0-label": "本报记者"},
    )


def _live(article):
    article.refresh_from_db()
    return (article.headline, article.blocks.first().text, article.bylines.get().label)


def test_only_desk_chiefs_approve(editor, chief):
    assert chief.has_perm("articles.approve_article")
    assert not editor.has_perm("articles.approve_article")
    assert editor.has_perm("articles.view_revision")


def test_an_editor_s_change_to_a_published_article_waits(editor, article):
    reader = Client()
    public = article.get_absolute_url()
    assert "第1版第1条新闻标题" in reader.get(public).content.decode()  # cached now
    before = _live(article)
    client = logged_in(editor)
    response = client.post(change_url(article), proposed_change(article), follow=True)
    assert response.redirect_chain[-1][0] == change_url(article)
    content = response.content.decode()
    assert "等待值班主任审核" in content
    assert "bian 于" in content  # the form says a change of theirs is waiting
    assert _live(article) == before
    assert "编辑改过的标题" not in reader.get(public).content.decode()
    assert "编辑改过" not in Article.objects.get(pk=article.pk).search_document
    revision = Revision.objects.get()
    assert (revision.author, revision.status) == (editor, "pending")
    assert revision.proposed["article"]["headline"] == "编辑改过的标题"
    assert article.history.count() == 1  # nothing of it in the history yet
    # The editor sees where it stands, and cannot approve it.
    assert client.get(REVISIONS).status_code == 200
    url = reverse("admin:articles_revision_change", args=[revision.pk])
    assert "采用并生效" not in client.get(url).content.decode()
    assert client.post(url, {"_approve": "1"}).status_code == 403
    assert _live(article) == before


def test_a_desk_chief_approves_and_the_change_goes_live(editor, chief, article):
    reader = Client()
    public = article.get_absolute_url()
    reader.get(public)
    logged_in(editor).post(change_url(article), proposed_change(article))
    revision = Revision.objects.get()
    client = logged_in(chief)
    listing = client.get(REVISIONS)
    assert list(listing.context["cl"].result_list) == [revision]
    assert "2023-08-09 01版 第1篇：第1版第1条新闻标题" in listing.content.decode()
    page = client.get(reverse("admin:articles_revision_change", args=[revision.pk])).content.decode()
    for text in ("第1版第1条新闻标题", "编辑改过的标题", "编辑改过的第一段。", "本报记者 李军", "采用并生效"):
        assert text in page
    response = client.post(reverse("admin:articles_revision_change", args=[revision.pk]), {"_approve": "1"})
    assert response.url == change_url(article)
    assert _live(article) == ("编辑改过的标题", "编辑改过的第一段。", "本报记者")
    revision.refresh_from_db()
    assert (revision.status, revision.reviewer) == ("approved", chief)
    version = article.history.first()
    assert version.history_user == chief and "bian" in version.history_change_reason
    assert "编辑改过的标题" in reader.get(public).content.decode()
    article.refresh_from_db()
    assert "第一段" in article.search_document
    assert list(client.get(REVISIONS).context["cl"].result_list) == []  # none waiting


def test_a_desk_chief_rejects_and_the_article_stays(editor, chief, article):
    before = _live(article)
    logged_in(editor).post(change_url(article), proposed_change(article))
    revision = Revision.objects.get()
    client = logged_in(chief)
    client.post(reverse("admin:articles_revision_change", args=[revision.pk]), {"_reject": "1"})
    revision.refresh_from_db()
    assert revision.status == "rejected" and revision.reviewer == chief
    assert _live(article) == before
    # Reviewed once: a second answer is refused.
    client.post(reverse("admin:articles_revision_change", args=[revision.pk]), {"_approve": "1"})
    assert _live(article) == before


def test_a_desk_chief_s_own_edit_goes_live_and_is_recorded(chief, article):
    response = logged_in(chief).post(change_url(article), proposed_change(article))
    assert response.status_code == 302
    assert _live(article) == ("编辑改过的标题", "编辑改过的第一段。", "本报记者")
    assert article.history.first().history_user == chief
    assert not Revision.objects.exists()


def test_an_editor_s_change_to_a_draft_goes_live(editor):
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    article = Article.objects.get(page__edition=edition)
    assert logged_in(editor).post(change_url(article), proposed_change(article)).status_code == 302
    assert _live(article)[0] == "编辑改过的标题"
    assert not Revision.objects.exists()


def test_an_added_paragraph_is_added_on_approval(editor, chief, article):
    data = article_post_data(article)
    data.update(
        {
            "blocks-TOTAL_FORMS": "3",
            "blocks-2-order": "3",
            "blocks-2-type": "paragraph",
            "blocks-2-text": "补上的第三段。",
        }
    )
    logged_in(editor).post(change_url(article), data)
    assert article.blocks.count() == 2
    revision = Revision.objects.get()
    logged_in(chief).post(reverse("admin:articles_revision_change", args=[revision.pk]), {"_approve": "1"})
    assert list(article.blocks.values_list("order", "text"))[-1] == (3, "补上的第三段。")


def test_bulk_fixes_leave_published_articles_to_their_forms(editor, article):
    client = logged_in(editor)
    articles = reverse("admin:articles_article_changelist")
    response = client.post(articles, action_post("set_kind_commentary", [article]), follow=True)
    assert "已发布的稿件未改" in response.content.decode()
    article.refresh_from_db()
    assert article.kind == "news"
    page = reverse("admin:editions_page_change", args=[article.page_id])
    formset = next(f for f in client.get(page).context["inline_admin_formsets"] if f.opts.model is Article)
    assert not formset.has_change_permission and not formset.has_add_permission


def test_an_editor_s_restore_of_a_published_article_waits(editor, chief, article):
    logged_in(chief).post(change_url(article), proposed_change(article))
    first = article.history.earliest()
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    logged_in(editor).post(url, {})
    assert _live(article)[0] == "编辑改过的标题"
    revision = Revision.objects.get()
    assert revision.proposed["article"]["headline"] == "第1版第1条新闻标题"
    logged_in(chief).post(reverse("admin:articles_revision_change", args=[revision.pk]), {"_approve": "1"})
    assert _live(article) == ("第1版第1条新闻标题", "人民群众的第1段正文。", "全媒体记者")


def test_the_review_pages_speak_chinese(editor, chief, article):
    from tests.newsroom.test_translations import english_words

    logged_in(editor).post(change_url(article), proposed_change(article))
    revision = Revision.objects.get()
    pages = [
        REVISIONS,
        f"{REVISIONS}?status=all",
        reverse("admin:articles_revision_change", args=[revision.pk]),
        change_url(article),
    ]
    for user in (editor, chief):
        client = logged_in(user)
        for url in pages:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code == 200, url
            assert english_words(response.content.decode()) == [], (user, url)


def test_two_held_changes_each_bring_only_their_own(editor, chief, article):
    client = logged_in(editor)
    client.post(change_url(article), article_post_data(article, headline="只改了标题"))
    article.refresh_from_db()
    client.post(change_url(article), article_post_data(article, **{"blocks-0-text": "只改了第一段。"}))
    first, second = Revision.objects.order_by("created", "pk")
    desk = logged_in(chief)
    desk.post(reverse("admin:articles_revision_change", args=[first.pk]), {"_approve": "1"})
    page = desk.get(reverse("admin:articles_revision_change", args=[second.pk])).content.decode()
    assert "只改了第一段。" in page and "只改了标题" not in page.split("revision-changes")[1]
    desk.post(reverse("admin:articles_revision_change", args=[second.pk]), {"_approve": "1"})
    assert _live(article)[:2] == ("只改了标题", "只改了第一段。")


def _held_edits(count, editor):
    date = datetime.date(2023, 8, count)
    edition = factories.edition(date=date, published=True, pages=1, articles_per_page=count)
    for article in Article.objects.filter(page__edition=edition):

        def change(article=article):
            article.headline = f"{article.headline}（改）"
            article.save()

        approvals.propose(article, change, user=editor)


def test_the_waiting_list_costs_the_same_queries_for_one_change_or_many(editor, chief):
    client = logged_in(chief)
    costs = []
    for count in (1, 4):
        Revision.objects.all().delete()
        _held_edits(count, editor)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(REVISIONS)
        assert response.status_code == 200 and len(response.context["cl"].result_list) == count
        costs.append(len(queries))
    assert costs[0] == costs[1]
