"""Roles and publishing: who may publish, publish now / at a time / unpublish, and what readers see."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Photo
from editions import services, signals
from editions.models import Edition
from newsroom.pagecache import tokens
from tests.articles import factories
from tests.articles.admin_helpers import action_post, member_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:editions_edition_changelist")


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


def test_groups_exist_with_their_permissions(editor, chief):
    assert set(Group.objects.values_list("name", flat=True)) >= {"编辑", "值班主任", "网站管理员"}
    assert editor.has_perm("articles.change_article")
    assert editor.has_perm("articles.change_contributor")
    assert editor.has_perm("editions.import_edition")
    assert not editor.has_perm("editions.publish_edition")
    assert not editor.has_perm("articles.delete_article")
    assert not editor.has_perm("auth.change_user")
    assert chief.has_perm("editions.publish_edition")
    assert chief.has_perm("articles.delete_article")
    assert chief.has_perm("editions.delete_edition")
    assert not chief.has_perm("auth.change_user")
    admin_group = Group.objects.get(name="网站管理员")
    assert admin_group.permissions.filter(codename="change_user").exists()


def test_editor_cannot_publish(editor):
    edition = factories.edition(published=False)
    client = logged_in(editor)
    response = client.get(CHANGELIST)
    action_form = response.context["action_form"]  # None when no action is allowed
    actions = dict(action_form.fields["action"].choices) if action_form else {}
    assert "publish_now" not in actions
    assert "unpublish" not in actions
    client.post(CHANGELIST, action_post("publish_now", [edition]))
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    # status and published_at are read-only on the form: posting them changes nothing.
    change = reverse("admin:editions_edition_change", args=[edition.pk])
    form = client.get(change).context["adminform"].form
    assert "status" not in form.fields and "published_at" not in form.fields
    data = {
        "publication": edition.publication_id,
        "date": "2023-08-09",
        "number": "12",
        "status": "published",
        "published_at_0": "2023-08-09",
        "published_at_1": "06:00:00",
        "pages-TOTAL_FORMS": "0",
        "pages-INITIAL_FORMS": "0",
    }
    assert client.post(change, data).status_code == 302
    edition.refresh_from_db()
    assert (edition.number, edition.status, edition.published_at) == (12, "draft", None)


def test_editor_cannot_manage_users_or_escalate(editor):
    client = logged_in(editor)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    own = reverse("admin:auth_user_change", args=[editor.pk])
    response = client.post(own, {"username": "editor", "is_superuser": "on", "is_staff": "on"})
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert not editor.has_perm("editions.publish_edition")


def test_editor_cannot_delete_articles_but_chief_can(editor, chief):
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    article = edition.pages.get().articles.get()
    url = reverse("admin:articles_article_delete", args=[article.pk])
    assert logged_in(editor).get(url).status_code == 403
    assert logged_in(chief).post(url, {"post": "yes"}).status_code == 302
    assert not edition.pages.get().articles.exists()


def test_chief_publishes_now_and_readers_see_it(chief):
    edition = factories.edition(published=False)
    assert not Edition.objects.published().exists()
    response = logged_in(chief).post(CHANGELIST, action_post("publish_now", [edition]), follow=True)
    assert "已发布 1 期" in response.content.decode()
    edition.refresh_from_db()
    assert edition.is_visible
    assert list(Edition.objects.published()) == [edition]
    assert edition.history.first().history_user == chief


def test_scheduled_edition_becomes_visible_at_its_time(chief):
    edition = factories.edition(published=False)
    client = logged_in(chief)
    # The intermediate page asks for the time.
    response = client.post(CHANGELIST, action_post("schedule_publication", [edition]))
    assert response.status_code == 200
    assert "publish_at" in response.context["form"].fields
    at = timezone.localtime() + datetime.timedelta(hours=8)
    response = client.post(
        CHANGELIST,
        action_post(
            "schedule_publication",
            [edition],
            apply="1",
            publish_at_0=at.strftime("%Y-%m-%d"),
            publish_at_1=at.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.is_scheduled and not edition.is_visible
    publish_at = edition.published_at
    assert not Edition.objects.published().exists()
    assert not Edition.objects.published(now=publish_at - datetime.timedelta(seconds=1)).exists()
    assert list(Edition.objects.published(now=publish_at)) == [edition]
    assert list(Edition.objects.published(now=publish_at + datetime.timedelta(minutes=1))) == [edition]


def test_schedule_in_the_past_is_refused(chief):
    edition = factories.edition(published=False)
    at = timezone.localtime() - datetime.timedelta(hours=1)
    response = logged_in(chief).post(
        CHANGELIST,
        action_post(
            "schedule_publication",
            [edition],
            apply="1",
            publish_at_0=at.strftime("%Y-%m-%d"),
            publish_at_1=at.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["publish_at"]
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT


def test_unpublish_hides_the_edition(chief):
    edition = factories.edition(published=True)
    logged_in(chief).post(CHANGELIST, action_post("unpublish", [edition]))
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT and edition.published_at is None
    assert not Edition.objects.published().exists()


def test_photos_need_caption_and_credit_before_publishing(chief):
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    article = edition.pages.get().articles.get()
    photo = Photo.objects.create(article=article, caption="航拍共享储能电站。", credit="")
    response = logged_in(chief).post(CHANGELIST, action_post("publish_now", [edition]), follow=True)
    assert "来源署名" in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    photo.credit = "企业供图"
    photo.save()
    logged_in(chief).post(CHANGELIST, action_post("publish_now", [edition]))
    edition.refresh_from_db()
    assert edition.is_visible


def test_publishing_invalidates_the_cached_edition(chief):
    edition = factories.edition(published=False)
    scope = tokens.edition_scope(edition.publication.slug, edition.date)
    before = tokens.versions([scope])
    logged_in(chief).post(CHANGELIST, action_post("publish_now", [edition]))
    assert tokens.versions([scope]) != before


@pytest.fixture
def published_signals():
    """The editions `signals.published` is sent for (the importer scores each one's import)."""
    sent = []

    def receiver(sender, edition, **kwargs):
        sent.append(edition.pk)

    signals.published.connect(receiver, dispatch_uid="test_published_signals")
    yield sent
    signals.published.disconnect(dispatch_uid="test_published_signals")


def edition_form(edition, **changes):
    at = timezone.localtime(edition.published_at or timezone.now())
    return {
        "publication": edition.publication_id,
        "date": edition.date.isoformat(),
        "number": edition.number or "",
        "status": edition.status,
        "published_at_0": at.date().isoformat() if edition.published_at else "",
        "published_at_1": at.strftime("%H:%M:%S") if edition.published_at else "",
        "pages-TOTAL_FORMS": "0",
        "pages-INITIAL_FORMS": "0",
        **changes,
    }


def test_publishing_in_the_edition_s_form_is_publishing_as_the_action_is(chief, published_signals):
    """The form's 状态 set to 已发布 by a desk chief publishes as 立即发布 does: the publication
    checks asked, `signals.published` sent (so its import is scored); a later save of its number
    publishes nothing again."""
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    change = reverse("admin:editions_edition_change", args=[edition.pk])
    client = logged_in(chief)
    assert client.post(change, edition_form(edition, status="published")).status_code == 302
    edition.refresh_from_db()
    assert edition.is_visible and published_signals == [edition.pk]
    assert client.post(change, edition_form(edition, number="12")).status_code == 302
    edition.refresh_from_db()
    assert edition.number == 12 and published_signals == [edition.pk]
    client.post(CHANGELIST, action_post("publish_now", [edition]))
    assert published_signals == [edition.pk, edition.pk]


def test_a_save_that_publishes_is_refused_while_a_publication_check_fails(chief, published_signals):
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    Photo.objects.create(article=edition.pages.get().articles.get(), caption="航拍。", credit="")
    edition.publish()
    with pytest.raises(ValidationError, match="来源署名"):
        services.save_edition(edition, user=chief)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT and published_signals == []
