"""The page form an editor fills in (editions.forms.PageForm)."""

import pytest

from editions.forms import PageForm
from tests.articles import factories

pytestmark = pytest.mark.django_db


def test_a_page_label_is_stored_as_the_import_writes_it_so_it_is_one_page():
    edition = factories.edition(published=False, pages=1, articles_per_page=1)  # page 01
    data = {"edition": edition.pk, "number": 2, "label": "a2", "name": "经济", "editor": ""}
    form = PageForm(data=data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["label"] == "A2"
    again = PageForm(data={**data, "label": "1"})  # page 01 again, not a page 1 beside it
    assert not again.is_valid()
    assert again.errors["__all__"] == ["包含 期次 和 版号 的 版面 已经存在。"]
