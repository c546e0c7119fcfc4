"""History: who changed what and when, shown in the admin; a deleted article comes back whole."""

import pytest
from django.urls import reverse

from articles.models import Article, Block, Byline, Correction, Photo
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    edition = factories.edition(published=False, pages=1, articles_per_page=2)
    return Article.objects.get(page__edition=edition, position=1)


def test_article_change_is_recorded_with_user_and_diff(staff_client, staff_user, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post_data(article, headline="株洲启动城市更新行动", kind="commentary")
    assert staff_client.post(url, data).status_code == 302
    latest = article.history.first()
    assert latest.history_user == staff_user
    delta = latest.diff_against(latest.prev_record)
    assert {change.field for change in delta.changes} == {"headline", "kind"}
    history = staff_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200
    content = history.content.decode()
    assert "chief" in content
    assert "株洲启动城市更新行动" in content


def test_byline_and_edition_changes_are_recorded(staff_client, staff_user, article):
    byline = article.bylines.get()
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert (
        staff_client.post(url, article_post_data(article, **{"bylines-0-label": "本报记者"})).status_code
        == 302
    )
    assert byline.history.first().label == "本报记者"
    assert byline.history.first().history_user == staff_user
    edition = article.page.edition
    response = staff_client.get(reverse("admin:editions_edition_history", args=[edition.pk]))
    assert response.status_code == 200


def test_deleted_article_is_restored_whole(staff_client, article):
    Photo.objects.create(article=article, caption="图片说明", credit="企业供图", order=1)
    Correction.objects.create(article=article, text="原稿人名有误。")
    pk, headline = article.pk, article.headline
    blocks = list(article.blocks.values_list("order", "type", "text"))
    bylines = list(article.bylines.values_list("contributor_id", "role", "label"))
    delete = reverse("admin:articles_article_delete", args=[pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=pk).exists()

    deleted = reverse("admin:articles_article_deleted")
    response = staff_client.get(deleted)
    assert headline in response.content.decode()
    record = response.context["records"][0]
    response = staff_client.post(deleted, {"history_id": record.history_id})
    assert response.status_code == 302
    restored = Article.objects.get(pk=pk)
    assert restored.headline == headline
    assert list(Block.objects.filter(article=restored).values_list("order", "type", "text")) == blocks
    assert (
        list(Byline.objects.filter(article=restored).values_list("contributor_id", "role", "label"))
        == bylines
    )
    assert restored.photos.get().credit == "企业供图"
    assert restored.corrections.get().text == "原稿人名有误。"
    assert not staff_client.get(deleted).context["records"]


def test_restore_takes_the_next_free_position(staff_client, article):
    page = article.page
    pk = article.pk
    staff_client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    Article.objects.create(page=page, position=1, headline="补上的稿件")
    record = Article.history.filter(id=pk, history_type="-").get()
    staff_client.post(reverse("admin:articles_article_deleted"), {"history_id": record.history_id})
    assert Article.objects.get(pk=pk).position == 3


# A version from the history restored whole.


@pytest.fixture
def imported():
    """An imported edition: its articles' first versions are the import's."""
    from importer.services import import_edition
    from tests.importer import helpers

    import_edition(helpers.edition(pages=2, articles_per_page=3))
    return Article.objects.get(page__number=1, position=2)  # with a photo and two bylines


def _state(article):
    return {
        "title": Article.objects.values_list("kicker", "headline", "position").get(pk=article.pk),
        "blocks": list(Block.objects.filter(article=article).values_list("order", "type", "text")),
        "bylines": list(
            Byline.objects.filter(article=article)
            .order_by("order")
            .values_list("contributor_id", "role", "label")
        ),
        "photos": list(Photo.objects.filter(article=article).values_list("image", "caption", "credit")),
    }


def version_page(article, record):
    return reverse("admin:articles_article_simple_history", args=[article.pk, record.history_id])


def _edit_everything(client, article):
    """An editor's first fix: the headline, a paragraph, a byline gone, the photo's caption."""
    data = article_post_data(
        article,
        headline="改过的标题",
        **{"blocks-0-text": "改过的第一段。", "bylines-1-DELETE": "on", "photos-0-caption": "改过的图片说明"},
    )
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response


def test_an_imported_article_has_its_import_as_first_version(imported):
    first = imported.history.get()
    assert (first.history_type, first.history_change_reason, first.history_user) == ("+", "导入", None)
    assert first.headline == imported.headline
    for model in (Block, Byline, Photo):
        assert model.history.filter(article_id=imported.pk, history_type="+").count() == (
            model.objects.filter(article=imported).count()
        )
    linked = Article.objects.get(page__number=1, position=1)
    assert linked.next_part_id and linked.history.get().next_part_id == linked.next_part_id


def test_the_first_edit_after_an_import_is_undone_whole(staff_client, staff_user, imported):
    before = _state(imported)
    _edit_everything(staff_client, imported)
    assert _state(imported) != before
    history = reverse("admin:articles_article_history", args=[imported.pk])
    assert staff_client.get(history).status_code == 200
    imported_version = imported.history.earliest()
    version_url = version_page(imported, imported_version)
    page = staff_client.get(version_url).content.decode()
    assert "这个版本的署名" in page and before["blocks"][0][2] in page and "图1-2" in page

    response = staff_client.post(version_url, article_post_data(imported))
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[imported.pk])
    assert _state(imported) == before
    restored = imported.history.first()
    assert restored.history_user == staff_user and restored.history_change_reason.startswith("恢复到")
    imported.refresh_from_db()
    assert "改过" not in imported.search_document
    # The restore is a version too: the edit can be brought back in its turn.
    edited = imported.history.all()[1]
    staff_client.post(version_page(imported, edited), {})
    assert _state(imported)["title"][1] == "改过的标题"
    assert _state(imported)["blocks"][0][2] == "改过的第一段。"


def test_a_restore_brings_back_the_version_s_corrections_and_tags(staff_client, article):
    """Issue 18, item 2: a version holds the article's whole state, its corrections and tags too."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post_data(article, tags="防汛, 民生")
    data.update({"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction"})
    data["corrections-0-text"] = "原稿人名有误。"
    assert staff_client.post(url, data).status_code == 302
    corrected = article.history.first()
    article.refresh_from_db()
    later = article_post_data(article, tags="别的")
    correction = article.corrections.get()
    later.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "1",
            "corrections-0-id": str(correction.pk),
            "corrections-0-article": str(article.pk),
            "corrections-0-kind": "correction",
            "corrections-0-text": correction.text,
            "corrections-0-DELETE": "on",
        }
    )
    assert staff_client.post(url, later).status_code == 302
    assert (sorted(article.tags.names()), article.corrections.count()) == (["别的"], 0)
    page = staff_client.get(version_page(article, corrected)).content.decode()
    assert "原稿人名有误。" in page.split('id="version-corrections"')[1].split("</div></div></div>")[0]
    assert "民生、防汛" in page.split('id="version-tags"')[1].split("</div></div></div>")[0]
    assert staff_client.post(version_page(article, corrected), {}).status_code == 302
    assert sorted(article.tags.names()) == ["民生", "防汛"]
    assert list(article.corrections.values_list("kind", "text")) == [("correction", "原稿人名有误。")]
    # and the version before it: no correction yet
    assert staff_client.post(version_page(article, article.history.earliest()), {}).status_code == 302
    assert article.corrections.count() == 0


def test_a_version_from_before_tags_were_recorded_leaves_the_tags(staff_client, article):
    first = article.history.earliest()
    article.history.update(history_tags=None)
    article.tags.set(["后加的"])
    assert staff_client.post(version_page(article, first), {}).status_code == 302
    assert list(article.tags.names()) == ["后加的"]
    page = staff_client.get(version_page(article, first)).content.decode()
    assert "没有记下标签" in page


def test_the_imported_version_holds_the_import_s_tags(staff_client):
    from importer.services import import_edition
    from tests.importer import helpers

    draft = helpers.edition(pages=1, articles_per_page=2)
    draft.pages[0].articles[0].tags = ["乡村振兴"]
    import_edition(draft)
    article = Article.objects.get(page__number=1, position=1)
    assert article.history.get().history_tags == ["乡村振兴"]
    assert Article.objects.get(page__number=1, position=2).history.get().history_tags == []
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert staff_client.post(url, article_post_data(article, tags="别的")).status_code == 302
    assert staff_client.post(version_page(article, article.history.earliest()), {}).status_code == 302
    assert list(article.tags.names()) == ["乡村振兴"]


def test_a_deleted_article_comes_back_with_its_tags(staff_client, article):
    article.tags.set(["防汛"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    staff_client.post(url, article_post_data(article))  # a version with its tags
    pk = article.pk
    staff_client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    record = Article.history.filter(id=pk, history_type="-").get()
    staff_client.post(reverse("admin:articles_article_deleted"), {"history_id": record.history_id})
    assert list(Article.objects.get(pk=pk).tags.names()) == ["防汛"]


def test_a_deleted_article_s_version_is_shown_and_restored_from_the_deleted_page(staff_client, article):
    pk = article.pk
    record = article.history.earliest()
    staff_client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert staff_client.get(version_page(article, record)).status_code == 200
    response = staff_client.post(version_page(article, record), {})
    assert response.url == reverse("admin:articles_article_deleted")
    assert not Article.objects.filter(pk=pk).exists()


def test_a_version_shows_its_subheads_as_subheads(staff_client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post_data(article, **{"blocks-1-type": "subhead"})
    assert staff_client.post(url, data).status_code == 302
    page = staff_client.get(version_page(article, article.history.first())).content.decode()
    shown = page.split('id="version-parts"')[1]
    assert '<p class="subhead">第二段正文。</p>' in shown
    assert "<p>人民群众的第1段正文。</p>" in shown
