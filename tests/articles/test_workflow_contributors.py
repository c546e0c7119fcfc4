"""Merging two records of the same person."""

import pytest
from django.urls import reverse

from articles.models import Article, Byline, Contributor
from tests.articles import factories
from tests.articles.admin_helpers import action_post

pytestmark = pytest.mark.django_db

CONTRIBUTORS = reverse("admin:articles_contributor_changelist")


def test_merge_moves_every_byline_and_deletes_the_duplicate(staff_client):
    edition = factories.edition(published=False, pages=1, articles_per_page=3)
    keep = Contributor.objects.get(name="李军")
    duplicate = Contributor.objects.create(name="李军", organization="株洲日报", slug="li-jun-2")
    first, second, third = Article.objects.filter(page__edition=edition).order_by("position")
    # On the first article both records sign as reporter: one byline must go, not clash.
    Byline.objects.create(article=first, contributor=duplicate, role="reporter")
    Byline.objects.create(article=second, contributor=duplicate, role="photographer", label="摄")
    Byline.objects.filter(article=third, contributor=keep).delete()
    Byline.objects.create(article=third, contributor=duplicate, role="reporter", label="全媒体记者")

    response = staff_client.post(CONTRIBUTORS, action_post("merge_contributors", [keep, duplicate]))
    assert response.status_code == 200
    assert set(response.context["form"].fields["keep"].queryset) == {keep, duplicate}

    response = staff_client.post(
        CONTRIBUTORS,
        action_post("merge_contributors", [keep, duplicate], apply="1", keep=str(keep.pk)),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("admin:articles_contributor_change", args=[keep.pk])
    content = response.content.decode()
    assert "移过来 2 条署名，去掉重复署名 1 条，删除作者记录 1 条" in content
    assert not Contributor.objects.filter(pk=duplicate.pk).exists()
    assert sorted(keep.bylines.values_list("article__position", "role")) == [
        (1, "reporter"),
        (2, "photographer"),
        (2, "reporter"),
        (3, "reporter"),
    ]
    assert third.headline in content  # the kept record lists its articles


def test_merge_needs_two_records(staff_client):
    factories.edition(published=False, pages=1, articles_per_page=1)
    only = Contributor.objects.get()
    response = staff_client.post(CONTRIBUTORS, action_post("merge_contributors", [only]), follow=True)
    assert "至少选中两条" in response.content.decode()
    assert Contributor.objects.filter(pk=only.pk).exists()
