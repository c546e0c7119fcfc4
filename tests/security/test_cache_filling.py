"""Cached pages are keyed only by the query parameters their view reads (issue 14, item 15):
`?x=1`, `?x=2`, … make no new copies in the cache, and do not show in the page they get."""

import pytest
from django.core.cache import cache

from tests.articles.sitedata import DAY, continued_edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def stored_keys():
    """How many keys the cache holds: files of the file cache, keys of Redis under our prefix."""
    if hasattr(cache, "_list_cache_files"):
        return len(cache._list_cache_files())
    client = cache._cache.get_client()
    return sum(1 for _ in client.scan_iter(match=f"{cache.key_prefix}*"))


@pytest.mark.parametrize(
    "url",
    [f"{DAY}/01/", f"{DAY}/", "/", "/zhuzhou-daily/archive/", "/search/?q=%E6%B2%BB%E7%90%86", f"{DAY}.json"],
)
def test_query_strings_a_view_does_not_read_store_no_new_copies(client, url):
    continued_edition()
    joiner = "&" if "?" in url else "?"
    first = client.get(url)
    assert first.status_code == 200
    before = stored_keys()
    for n in range(30):
        response = client.get(f"{url}{joiner}x={n}&utm_source=s{n}")
        assert response.status_code == 200
        assert f"x={n}" not in response.content.decode()
        assert response.content == first.content
    assert stored_keys() == before


def test_the_parameters_a_view_reads_still_make_their_own_pages(client):
    continued_edition()
    found = client.get("/search/", {"q": "治理"}).content.decode()
    other = client.get("/search/", {"q": "幸福", "x": "1"}).content.decode()
    assert found != other
    assert "x=1" not in other
    month = client.get("/zhuzhou-daily/archive/", {"month": "2023-07"}).content.decode()
    assert month != client.get("/zhuzhou-daily/archive/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/zhuzhou-daily/archive/?month=x",
        "/zhuzhou-daily/archive/?date=2023-08-",
        "/search/?q=%E6%B2%BB%E7%90%86&page=x",
        "/search/?q=%E6%B2%BB%E7%90%86&page=9999",
        "/search/?q=%E6%B2%BB%E7%90%86&page=0",
        "/search/?q=%E6%B2%BB%E7%90%86&start=x",
        "/search/?q=%E6%B2%BB%E7%90%86&kind=x",
    ],
)
def test_values_a_view_refuses_store_no_copies_either(client, url):
    """A month, date, page or filter that is none is answered (the page with its notice), each
    distinct typo by a page built again, never another copy in the cache."""
    continued_edition()
    assert client.get(url).status_code == 200
    before = stored_keys()
    for n in range(20):
        assert client.get(f"{url}{n}").status_code == 200
    assert stored_keys() == before
