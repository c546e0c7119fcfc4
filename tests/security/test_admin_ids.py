"""Ids in an admin address or query are outside values too: digits str.isdigit() takes but int()
does not ("²"), and numbers no id column holds, answer a page or a redirect, never a 500 (issue
14, item 9, in the admin's own views: the article form's ?page=, an article's and a page's
change view)."""

import pytest
from django.urls import reverse

from tests.articles import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["²", "١", str(10**23)])
def test_an_id_that_is_none_is_answered(staff_client, value):
    factories.edition(pages=1, articles_per_page=1)
    for url in (
        reverse("admin:articles_article_add") + f"?page={value}",
        reverse("admin:articles_article_change", args=[value]),
        reverse("admin:editions_page_change", args=[value]),
    ):
        assert staff_client.get(url).status_code in (200, 302, 404), url


@pytest.mark.parametrize("value", ["²", "x", "1.5"])
def test_a_history_page_for_an_id_that_is_none_is_missing(staff_client, value):
    edition = factories.edition(pages=1, articles_per_page=1)
    article = edition.pages.get().articles.get()
    version = article.history.latest().history_id
    for url in (
        reverse("admin:articles_article_history", args=[value]),
        reverse("admin:editions_edition_history", args=[value]),
        reverse("admin:editions_page_history", args=[value]),
        reverse("admin:articles_contributor_history", args=[value]),
        reverse("admin:importer_publicationprofile_history", args=[value]),
        reverse("admin:articles_article_simple_history", args=[value, version]),
        reverse("admin:articles_article_simple_history", args=[article.pk, value]),
    ):
        assert staff_client.get(url).status_code == 404, url
    assert staff_client.get(reverse("admin:articles_article_history", args=[article.pk])).status_code == 200
