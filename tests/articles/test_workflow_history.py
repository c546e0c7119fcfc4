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
