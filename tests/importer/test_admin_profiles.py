"""The import profile in the admin: its conventions as lists, a preview of a change on the last
edition's page dumps, the next import reading with it, and an earlier version restored."""

import pytest
from django.urls import reverse

from articles.models import Article
from importer.core.profile import Profile
from importer.models import PublicationProfile
from importer.services.profiles import profile_for, save_profile
from tests.articles import factories
from tests.importer.test_admin_doubts import import_page

pytestmark = pytest.mark.django_db

PAGE = """城市新闻

公交新线今天开通

晨光讯（记者 张三）今天起，城区新开一条公交线路，方便市民出行。

沿线居民表示很方便。
"""


def form_data(response, **changes):
    form = response.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["publication"] = str(data["publication"])
    data.update(changes)
    return data


def test_a_convention_added_in_the_admin_is_previewed_then_read_by_the_next_import(staff_client):
    import_page(staff_client, PAGE)
    publication = Article.objects.get().page.edition.publication
    assert Article.objects.get().dateline == ""
    add = reverse("admin:importer_publicationprofile_add")
    blank = staff_client.get(add)
    assert "本报" in blank.context["adminform"].form["dateline_agencies"].value()
    data = form_data(blank, publication=str(publication.pk), note="加电头“晨光讯”")
    data["dateline_agencies"] += "\n晨光"
    preview = staff_client.post(add, {**data, "_preview": "1"})
    assert preview.status_code == 200 and not PublicationProfile.objects.exists()
    (change,) = preview.context["preview"].changes
    assert change.page == "01" and "晨光讯" in change.after and "晨光讯" not in change.before
    assert "改动预览" in preview.content.decode()
    saved = staff_client.post(add, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert "晨光" in profile_for(publication.slug).conventions.dateline_agencies
    import_page(staff_client, PAGE)
    assert Article.objects.get().dateline == "晨光讯"


def test_bad_entries_are_refused_with_the_reason(staff_client):
    publication = factories.publication()
    add = reverse("admin:importer_publicationprofile_add")
    data = form_data(staff_client.get(add), publication=str(publication.pk))
    response = staff_client.post(add, {**data, "role_labels": "记者"})
    assert "这一行看不懂" in response.content.decode()
    response = staff_client.post(add, {**data, "rest": "{"})
    assert "不是有效的 JSON" in response.content.decode()
    response = staff_client.post(add, {**data, "rest": '{"weights": {"opening": "many"}}'})
    assert "规则有误" in response.content.decode()
    assert not PublicationProfile.objects.exists()


def test_an_earlier_version_is_restored_from_the_history(staff_client):
    publication = factories.publication()
    add = reverse("admin:importer_publicationprofile_add")
    data = form_data(staff_client.get(add), publication=str(publication.pk), note="第一版")
    staff_client.post(add, {**data, "source_forms": data["source_forms"] + "\n据{}客户端"})
    row = PublicationProfile.objects.get()
    change = reverse("admin:importer_publicationprofile_change", args=[row.pk])
    staff_client.post(
        change, {**form_data(staff_client.get(change)), "source_forms": "据{}", "note": "第二版"}
    )
    assert profile_for(publication.slug).conventions.source_forms == ("据{}",)
    first = row.history.get(note="第一版")
    url = reverse("admin:importer_publicationprofile_simple_history", args=[row.pk, first.history_id])
    restored = staff_client.post(url, form_data(staff_client.get(url)))
    assert restored.status_code == 302
    assert "据{}客户端" in profile_for(publication.slug).conventions.source_forms
    assert row.history.count() == 3
    assert Profile.from_dict(row.history.latest().data) == profile_for(publication.slug)


def test_a_change_in_the_admin_keeps_the_scores_of_the_version_it_changes(staff_client, staff_user):
    """The scores are the tuning's, shown read-only: an editor's change is a version by them, for
    their note, with the scores it had (a tuning's save_profile writes its own)."""
    publication = factories.publication()
    row = save_profile(publication, Profile(), user=None, note="调优", scores={"holdout": 0.9})
    change = reverse("admin:importer_publicationprofile_change", args=[row.pk])
    staff_client.post(change, {**form_data(staff_client.get(change)), "source_forms": "据{}", "note": "手改"})
    row.refresh_from_db()
    assert profile_for(publication.slug).conventions.source_forms == ("据{}",)
    assert (row.note, row.scores, row.updated_by) == ("手改", {"holdout": 0.9}, staff_user)
    version = row.history.latest()
    assert (version.history_change_reason, version.history_user) == ("手改", staff_user)


def test_the_importer_s_admin_pages_show_no_english(staff_client):
    from tests.newsroom.test_translations import english_words

    import_page(staff_client, PAGE)
    article = Article.objects.get()
    add = reverse("admin:importer_publicationprofile_add")
    data = form_data(staff_client.get(add), publication=str(article.page.edition.publication_id), note="一")
    staff_client.post(add, data)
    row = PublicationProfile.objects.get()
    version = row.history.get()
    dump = article.page.edition.page_dumps.get()
    doubt = article.doubts.get()
    urls = [
        reverse("admin:app_list", args=["importer"]),
        add,
        reverse("admin:importer_publicationprofile_changelist"),
        reverse("admin:importer_publicationprofile_change", args=[row.pk]),
        reverse("admin:importer_publicationprofile_history", args=[row.pk]),
        reverse("admin:importer_publicationprofile_simple_history", args=[row.pk, version.history_id]),
        reverse("admin:importer_articledoubt_changelist"),
        reverse("admin:importer_articledoubt_change", args=[doubt.pk]),
        reverse("admin:importer_pagedump_changelist"),
        reverse("admin:importer_pagedump_change", args=[dump.pk]),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:editions_edition_change", args=[article.page.edition_id]),
        reverse("admin:editions_page_changelist"),
    ]
    found = {}
    for url in urls:
        response = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        if words := english_words(response.content.decode()):
            found[url] = words
    preview = staff_client.post(
        reverse("admin:importer_publicationprofile_change", args=[row.pk]),
        {
            **form_data(staff_client.get(reverse("admin:importer_publicationprofile_change", args=[row.pk]))),
            "_preview": "1",
        },
    )
    if words := english_words(preview.content.decode()):
        found["preview"] = words
    assert found == {}
