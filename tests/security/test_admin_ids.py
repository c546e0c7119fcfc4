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
