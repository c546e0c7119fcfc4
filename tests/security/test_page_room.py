"""What an editor saves imports again (issue 14), beside the page counts (test_page_counts): an
article's position is held in the admin to the import's bound (newsroom.text.MAX_POSITION, where
the column would take 32,767), in its form and in the page's list of articles."""

import pytest
from django.urls import reverse

from newsroom.text import MAX_POSITION
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data
from tests.security.test_page_counts import page_post_data, post, stored

pytestmark = pytest.mark.django_db

TOO_HIGH = f"版内顺序 {MAX_POSITION + 1} 超过上限 {MAX_POSITION}：请改小一些。"


@pytest.fixture
def page():
    return factories.edition(pages=1, articles_per_page=0, published=False).pages.get()


def test_a_position_past_the_import_s_bound_is_refused_in_the_article_form(staff_client, page):
    article = stored(page, 1)[0]
    data = article_post_data(article, position=str(MAX_POSITION + 1))
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["position"] == [TOO_HIGH]
    article.refresh_from_db()
    assert article.position == 1


def test_a_position_past_the_import_s_bound_is_refused_in_the_page_s_list(staff_client, page):
    articles = stored(page, 2)
    data = page_post_data(page, articles) | {"articles-1-position": str(MAX_POSITION + 1)}
    response = post(staff_client, page, data)
    assert response.status_code == 200
    assert TOO_HIGH in response.content.decode()
    assert list(page.articles.values_list("position", flat=True)) == [1, 2]


def test_a_position_at_the_bound_saves(staff_client, page):
    article = stored(page, 1)[0]
    data = article_post_data(article, position=str(MAX_POSITION))
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.position == MAX_POSITION
