"""Only a user with `editions.publish_edition` changes whether or when readers see an edition,
whichever path they take (issue 14, item 2): the history's revert to a published version, the
change form, the actions, the services themselves."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editions import services
from editions.models import Edition
from tests.articles import factories
from tests.articles.admin_helpers import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "编辑", "editor")


@pytest.fixture
def chief(django_user_model):
    return member_of(django_user_model, "值班主任", "desk-chief")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def withdrawn_edition(chief):
    """An edition that was published, then withdrawn by the desk chief: its history holds both."""
    edition = factories.edition(published=False)
    services.publish(Edition.objects.filter(pk=edition.pk), user=chief)
    services.unpublish(Edition.objects.filter(pk=edition.pk), user=chief)
    published = edition.history.filter(status=Edition.Status.PUBLISHED).first()
    assert published is not None
    return edition, published


def revert_data(edition):
    return {
        "publication": edition.publication_id,
        "date": edition.date.isoformat(),
        "number": "",
        "pages-TOTAL_FORMS": "0",
        "pages-INITIAL_FORMS": "0",
    }


def test_an_editor_reverting_to_a_published_version_does_not_publish(editor, chief, client):
    edition, published = withdrawn_edition(chief)
    url = reverse("admin:editions_edition_simple_history", args=[edition.pk, published.history_id])
    editor_client = logged_in(editor)
    assert editor_client.get(url).status_code == 200  # editors may look at the history
    response = editor_client.post(url, revert_data(edition), follow=True)
    edition.refresh_from_db()
    assert (edition.status, edition.published_at) == (Edition.Status.DRAFT, None)
    assert "只有值班主任可以发布" in response.content.decode()
    assert client.get(edition.get_absolute_url()).status_code == 404


def test_a_desk_chief_may_revert_to_a_published_version(chief):
    edition, published = withdrawn_edition(chief)
    url = reverse("admin:editions_edition_simple_history", args=[edition.pk, published.history_id])
    at = timezone.localtime(published.published_at)
    data = {
        **revert_data(edition),
        "status": "published",
        "published_at_0": at.date().isoformat(),
        "published_at_1": at.strftime("%H:%M:%S"),
    }
    assert logged_in(chief).post(url, data).status_code == 302
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED


def test_an_editor_may_still_revert_what_does_not_change_publication(editor):
    edition = factories.edition(published=False)
    edition.number = 7
    edition.save()
    first = edition.history.order_by("history_date").first()
    url = reverse("admin:editions_edition_simple_history", args=[edition.pk, first.history_id])
    assert logged_in(editor).post(url, revert_data(edition)).status_code == 302
    edition.refresh_from_db()
    assert edition.number is None


@pytest.mark.parametrize(
    "call",
    [
        lambda editions, user: services.publish(editions, user=user),
        lambda editions, user: services.schedule(
            editions, timezone.now() + datetime.timedelta(hours=1), user=user
        ),
        lambda editions, user: services.unpublish(editions, user=user),
    ],
)
def test_the_services_refuse_a_user_who_may_not_publish(editor, call):
    draft = factories.edition(published=False)
    live = factories.edition(date=datetime.date(2023, 8, 10))
    with pytest.raises(PermissionDenied):
        call(Edition.objects.filter(pk__in=[draft.pk, live.pk]), editor)
    assert Edition.objects.get(pk=draft.pk).status == Edition.Status.DRAFT
    assert Edition.objects.get(pk=live.pk).status == Edition.Status.PUBLISHED


def test_saving_an_edition_checks_its_publication_state(editor, chief):
    edition = factories.edition(published=False)
    edition.publish()
    with pytest.raises(PermissionDenied):
        services.save_edition(edition, user=editor)
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.DRAFT
    services.save_edition(edition, user=chief)
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.PUBLISHED


def test_an_editor_cannot_move_a_draft_article_into_a_published_edition(editor, chief):
    from articles import services as article_services
    from articles.models import Article

    live = factories.edition(date=datetime.date(2023, 8, 10))
    draft = factories.edition(published=False)
    article = Article.objects.filter(page__edition=draft).first()
    target = live.pages.first()
    with pytest.raises(PermissionDenied):
        article_services.move_to_page(Article.objects.filter(pk=article.pk), target, user=editor)
    assert Article.objects.get(pk=article.pk).page.edition_id == draft.pk
    within = draft.pages.order_by("-number").first()
    assert article_services.move_to_page(Article.objects.filter(pk=article.pk), within, user=editor) in (0, 1)
    assert article_services.move_to_page(Article.objects.filter(pk=article.pk), target, user=chief) == 1


def test_an_editor_cannot_move_a_page_into_a_published_edition(editor, chief):
    from editions.models import Page

    live = factories.edition(date=datetime.date(2023, 8, 10))
    draft = factories.edition(published=False)
    page = draft.pages.order_by("number").last()
    page.edition, page.label, page.number = live, "09", 9
    with pytest.raises(PermissionDenied):
        services.check_page_move(page, user=editor)
    services.check_page_move(page, user=chief)
    url = reverse("admin:editions_page_change", args=[page.pk])
    data = {"edition": live.pk, "number": "9", "label": "09", "name": "", "editor": ""}
    data.update({"articles-TOTAL_FORMS": "0", "articles-INITIAL_FORMS": "0"})
    assert logged_in(editor).post(url, data).status_code == 403
    assert Page.objects.get(pk=page.pk).edition_id == draft.pk


def test_an_editor_s_restore_of_a_version_that_stood_in_a_published_edition_waits(editor, chief):
    """A desk chief moved the article out of the published edition; an editor restoring the
    version from before puts nothing back on the readers' page: the restore waits for review."""
    from articles import services as article_services
    from articles.models import Article, Revision
    from tests.articles.admin_helpers import article_post_data

    live = factories.edition(date=datetime.date(2023, 8, 10))
    draft = factories.edition(published=False)
    article = Article.objects.filter(page__edition=live).first()
    live_page = article.page_id
    article_services.move_to_page(Article.objects.filter(pk=article.pk), draft.pages.first(), user=chief)
    article.refresh_from_db()
    on_live = article.history.filter(page_id=live_page).earliest("history_date")
    url = reverse("admin:articles_article_simple_history", args=[article.pk, on_live.history_id])
    assert logged_in(editor).post(url, article_post_data(article)).status_code == 302
    assert Article.objects.get(pk=article.pk).page.edition_id == draft.pk
    assert Revision.objects.filter(article=article, status=Revision.Status.PENDING).exists()
    assert logged_in(chief).post(url, article_post_data(article)).status_code == 302
    assert Article.objects.get(pk=article.pk).page_id == live_page
