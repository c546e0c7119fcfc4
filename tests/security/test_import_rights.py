"""An import does only what the acting user's role does by hand (issue 14, item 3): an editor
cannot create a publication by importing edition JSON that names a new one, nor delete articles
or change a published edition by importing over it; the admin's preview and import both refuse,
in Chinese, and write nothing. The command runs as the operator."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article
from editions import services as edition_services
from editions.models import Edition, Publication
from importer.core.draft import EditionDraft, PublicationDraft
from importer.core.jsonio import edition_to_json
from importer.forms import sign_import
from importer.services import ImportNotAllowed, import_edition, plan_import
from tests.articles.admin_helpers import member_of
from tests.importer.helpers import edition, page_only

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:editions_edition_import")


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "编辑", "editor")


@pytest.fixture
def chief(django_user_model):
    return member_of(django_user_model, "值班主任", "desk-chief")


@pytest.fixture
def site_admin(django_user_model):
    return member_of(django_user_model, "网站管理员", "webmaster")


def elsewhere(draft):
    """The same edition, of a paper the site does not have."""
    return EditionDraft(
        publication=PublicationDraft(slug="evening-news", name="晚报"), date=draft.date, pages=draft.pages
    )


def one_article(draft):
    single = page_only(draft, "01")
    single.pages[0].articles = single.pages[0].articles[:1]
    return single


def published_edition(chief):
    import_edition(edition(), user=chief)
    stored = Edition.objects.get()
    edition_services.publish(Edition.objects.filter(pk=stored.pk), user=chief)
    return stored


def test_an_editor_cannot_create_a_publication_by_importing(editor, site_admin):
    Publication.objects.default()
    with pytest.raises(ImportNotAllowed, match="没有新建报纸的权限"):
        import_edition(elsewhere(edition()), user=editor)
    with pytest.raises(ImportNotAllowed):
        plan_import(elsewhere(edition()), user=editor)
    assert not Publication.objects.filter(slug="evening-news").exists()
    assert not Edition.objects.exists()
    import_edition(elsewhere(edition()), user=site_admin)
    assert Publication.objects.filter(slug="evening-news").exists()


def test_an_editor_cannot_delete_articles_by_importing_one_over_a_published_edition(editor, chief):
    stored = published_edition(chief)
    count = Article.objects.count()
    with pytest.raises(ImportNotAllowed) as refused:
        import_edition(one_article(edition()), user=editor)
    assert "没有删除稿件的权限" in str(refused.value)
    assert "已经发布" in str(refused.value)
    assert Article.objects.count() == count
    assert Edition.objects.get(pk=stored.pk).status == Edition.Status.PUBLISHED


def test_an_editor_cannot_delete_articles_of_a_draft_by_importing_either(editor):
    import_edition(edition(), user=editor)  # an editor's daily work: the pages into a draft
    count = Article.objects.count()
    with pytest.raises(ImportNotAllowed, match="会删除"):
        import_edition(one_article(edition()), user=editor)
    assert Article.objects.count() == count
    assert import_edition(edition(), user=editor).status == "unchanged"


def test_a_desk_chief_may_import_over_a_published_edition(chief):
    published_edition(chief)
    import_edition(one_article(edition()), user=chief)
    assert Article.objects.filter(page__label="01").count() == 1


def test_an_editor_cannot_publish_with_an_import(editor):
    with pytest.raises(ImportNotAllowed, match="不能在导入后立即发布"):
        import_edition(edition(), user=editor, publish=True)
    assert not Edition.objects.exists()


def test_the_operator_may_do_everything(chief):
    published_edition(chief)
    import_edition(elsewhere(one_article(edition())), publish=True)  # user=None: the command
    assert Edition.objects.filter(publication__slug="evening-news", status="published").exists()


def json_upload(draft):
    document = json.dumps(edition_to_json(draft), ensure_ascii=False).encode()
    return SimpleUploadedFile("edition.json", document, content_type="application/json")


def test_the_admin_refuses_an_editor_a_new_publication_at_the_preview(editor):
    client = Client()
    client.force_login(editor)
    publication = Publication.objects.default()
    data = {"files": [json_upload(elsewhere(edition()))], "publication": str(publication.pk), "encoding": ""}
    response = client.post(IMPORT, data)
    assert response.status_code == 200
    assert any("没有新建报纸的权限" in error for error in response.context["upload_errors"])
    assert not Publication.objects.filter(slug="evening-news").exists()


def test_the_admin_import_refuses_what_the_preview_would_have(editor, chief):
    published_edition(chief)
    count = Article.objects.count()
    client = Client()
    client.force_login(editor)
    publication = Publication.objects.default()
    files = [json_upload(one_article(edition()))]
    preview = client.post(IMPORT, {"files": files, "publication": str(publication.pk), "encoding": ""})
    assert any("没有删除稿件的权限" in error for error in preview.context["upload_errors"])
    # The import button posted anyway (a signed payload from an earlier preview): refused too.
    payload = {
        "files": [("edition.json", json.dumps(edition_to_json(one_article(edition()))).encode())],
        "publication": publication,
        "date": None,
        "encoding": "",
    }
    response = client.post(IMPORT, {"payload": sign_import(payload), "_import": "1"})
    assert response.status_code == 200
    assert "没有删除稿件的权限" in response.content.decode()
    assert Article.objects.count() == count


def test_an_editor_may_read_a_paper_s_profile_but_not_change_or_restore_it(editor, chief):
    """Editors may only view profiles: the profile's page opened for them (it failed with a 500:
    its form's fields were left to the form, which Django excludes for a viewer), and a restore of
    an older version refused."""
    from importer.core.profile import DEFAULT
    from importer.models import PublicationProfile
    from importer.services.profiles import save_profile

    publication = Publication.objects.default()
    save_profile(publication, DEFAULT, user=chief, note="第一版")
    row = save_profile(publication, DEFAULT, user=chief, note="第二版")
    first = row.history.earliest("history_date")
    client = Client()
    client.force_login(editor)
    response = client.get(reverse("admin:importer_publicationprofile_change", args=[row.pk]))
    assert response.status_code == 200
    assert "第二版" in response.content.decode()
    url = reverse("admin:importer_publicationprofile_simple_history", args=[row.pk, first.history_id])
    assert client.get(url).status_code == 200
    client.post(url, {"note": "编辑恢复"})
    assert PublicationProfile.objects.get(pk=row.pk).note == "第二版"
