"""The area editor's (热区) post is outside data like edition JSON: what it cannot read — an
article id in digits int() does not take (², ١), arrays nested thousands deep — is refused with
the editor's message and nothing saved, never a 500 (issue 14, items 1 and 8, through the
newest entry point)."""

import pytest
from django.urls import reverse

from tests.articles import factories

pytestmark = pytest.mark.django_db

POLYGON = [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5]]


@pytest.mark.parametrize("field", ["areas", "base"])
@pytest.mark.parametrize("value", ['{"²": []}', '{"١": []}', "[" * 5000, '{"1": ' + "[" * 5000 + "}"])
def test_a_post_the_editor_cannot_read_is_refused(staff_client, field, value):
    edition = factories.edition(pages=1, articles_per_page=1, published=False)
    page = edition.pages.get()
    article = page.articles.get()
    data = {"areas": f'{{"{article.pk}": [{POLYGON}]}}'.replace("'", '"')} | {field: value}
    response = staff_client.post(reverse("admin:editions_page_areas", args=[page.pk]), data, follow=True)
    assert response.status_code == 200
    assert "区域数据无法读取" in response.content.decode()
    article.refresh_from_db()
    assert not article.areas
