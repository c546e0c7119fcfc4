"""Tags go through the policy for outside text like every other text an editor types
(newsroom.textforms; the project's forms are walked in test_admin_text_forms.py): each tag typed in
the article form is cleaned (bidi overrides and control characters dropped as an import drops
them), one longer than its column is refused with the reason, not a database error, and a tag
renamed in taggit's admin is cleaned too (issue 14, "the same classes of input are handled
everywhere")."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, management

pytestmark = pytest.mark.django_db

PASTED = "\u202e反转\x1b[31m文字"
CLEAN = "反转[31m文字"


@pytest.fixture
def article():
    edition = factories.edition(pages=1, articles_per_page=1, published=False)
    return edition.pages.get().articles.get()


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_tags_typed_in_the_article_form_are_cleaned(staff_client, article):
    response = staff_client.post(change_url(article), article_post_data(article, tags=f"{PASTED}, \x01"))
    assert response.status_code == 302
    assert list(article.tags.names()) == [CLEAN]


def test_a_tag_longer_than_its_column_is_refused_with_the_reason(staff_client, article):
    response = staff_client.post(change_url(article), article_post_data(article, tags="标" * 150))
    assert response.status_code == 200
    assert "超过 100 字" in response.content.decode()
    assert not Tag.objects.exists()


def test_a_tag_renamed_in_its_admin_is_cleaned(staff_client, article):
    article.tags.add("民生")
    tag = Tag.objects.get()
    data = {"name": PASTED, "slug": "minsheng", **management("taggit_taggeditem_items", 0)}
    response = staff_client.post(reverse("admin:taggit_tag_change", args=[tag.pk]), data)
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.name == CLEAN
