"""Every public view costs a fixed number of queries, whatever the size of the page, the edition
or the archive (measured uncached: the page cache would make every count zero)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Byline, Contributor
from tests.articles import factories, sitedata

pytestmark = pytest.mark.django_db

DAY = "/zhuzhou-daily/2023-08-09"

# Queries per view, for an anonymous reader. The figures are documented in the site's report.
# The first story has a photo and tags but no correction: its article and whole-story pages each
# fetch those two (see test_an_article_fetches_only_the_parts_it_has).
EXPECTED = {
    "front": 4,
    "edition": 3,
    "page": 4,
    "article": 8,
    "whole story": 6,
    "edition json": 7,
    "archive": 3,
    "archive date picker": 2,
    "contributor": 4,
    "tag": 4,
    "column": 3,
    "search": 6,
    "feed atom": 3,
    "feed rss": 3,
    "contributor feed": 4,
    "sitemap index": 6,
    "sitemap articles": 2,
    "news sitemap": 1,
    "robots": 0,
}


def urls():
    first = Article.objects.get(page__edition__date="2023-08-09", page__number=1, position=1)
    return {
        "front": "/",
        "edition": f"{DAY}/",
        "page": f"{DAY}/01/",
        "article": first.get_absolute_url(),
        "whole story": f"{first.get_absolute_url()}whole/",
        "edition json": f"{DAY}.json",
        "archive": "/zhuzhou-daily/archive/?month=2023-08",
        "archive date picker": "/zhuzhou-daily/archive/?date=2023-08-09",
        "contributor": "/contributors/li-jun/?page=2",
        "tag": "/tags/党建/",
        "column": "/columns/聚焦“三微”“六位” 建设幸福株洲/",
        "search": "/search/?q=人民群众&kind=news&start=2023-01-01",
        "feed atom": "/feeds/latest.atom",
        "feed rss": "/feeds/latest.rss",
        "contributor feed": "/feeds/contributors/li-jun.atom",
        "sitemap index": "/sitemap.xml",
        "sitemap articles": "/sitemap-articles.xml",
        "news sitemap": "/sitemap-news.xml",
        "robots": "/robots.txt",
    }


def small_site():
    sitedata.continued_edition(pages=2, articles_per_page=1)


def large_site():
    """Eight full pages, many bylines and tags per story, and a month of other editions."""
    edition = sitedata.continued_edition(pages=8, articles_per_page=10)
    extra = [Contributor.objects.create(name=f"通讯员{i}", slug=f"tongxunyuan-{i}") for i in range(3)]
    for article in Article.objects.filter(page__edition=edition):
        for contributor in extra:
            Byline.objects.create(article=article, contributor=contributor, role="correspondent")
        article.tags.add("党建", "民生", "株洲")
        article.column = "聚焦“三微”“六位” 建设幸福株洲"
        article.save()
    for day in (1, 2, 3, 5, 6, 7, 8, 10, 11):
        factories.edition(date=datetime.date(2023, 8, day), pages=2, articles_per_page=2)
    factories.edition(date=datetime.date(2023, 6, 30), pages=1, articles_per_page=1)
    factories.edition(date=datetime.date(2023, 9, 1), pages=1, articles_per_page=1)


def counts(client):
    found = {}
    for name, url in urls().items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 302), (name, url, response.status_code)
        found[name] = len(queries)
    return found


@pytest.mark.parametrize("build", [small_site, large_site], ids=["small", "large"])
def test_each_public_view_costs_a_fixed_number_of_queries(client, build):
    build()
    assert counts(client) == EXPECTED


def test_an_article_fetches_only_the_parts_it_has(client, django_assert_num_queries):
    """Photos, tags and corrections cost a query each, and only for an article that has some:
    most printed stories have none."""
    small_site()
    first = Article.objects.get(page__number=1, position=1)
    first_url = first.get_absolute_url()
    second_url = Article.objects.get(page__number=2, position=1).get_absolute_url()
    with django_assert_num_queries(EXPECTED["article"] - 2):  # no photo, no tag, no correction
        response = client.get(second_url)
    assert response.status_code == 200
    assert b'class="tags"' not in response.content and b"<figure" not in response.content

    first.corrections.create(text="本文第二段的日期有误，已更正。")
    cache.clear()
    with django_assert_num_queries(EXPECTED["article"] + 1):
        response = client.get(first_url)
    page = response.content.decode()
    assert "本文第二段的日期有误，已更正。" in page
    assert "航拍淞亿小区。" in page and 'rel="tag">党建</a>' in page


def test_a_cached_page_costs_no_query(client, django_assert_num_queries):
    small_site()
    addresses = urls()
    cached = ("front", "edition", "page", "article", "whole story", "edition json", "archive")
    for name in cached:
        client.get(addresses[name])
    for name in cached:
        with django_assert_num_queries(0):
            assert client.get(addresses[name]).status_code == 200


def test_a_cached_page_costs_one_cache_round_trip(client, monkeypatch):
    """The version tokens and the stored page are fetched together."""
    small_site()
    url = urls()["page"]
    client.get(url)
    calls = []

    def counted(name, call):
        def wrapper(*args, **kwargs):
            calls.append(name)
            depth = len(calls)
            result = call(*args, **kwargs)
            del calls[depth:]  # the local-memory backend's get_many calls get: one round trip
            return result

        return wrapper

    for name in ("get", "get_many", "add", "set", "set_many"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    assert client.get(url).status_code == 200
    assert calls == ["get_many"]


def test_public_pages_never_load_the_stored_dump_or_search_text(client):
    # Several kilobytes an article (and again for each continuation part joined in) that no
    # reader sees: loading them made every uncached page slower.
    large_site()
    readers = ("front", "edition", "page", "article", "whole story", "contributor", "tag", "column", "search")
    addresses = urls()
    for name in readers:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(addresses[name]).status_code == 200, name
        for query in queries:
            for column in Article.STORED_TEXT_FIELDS:
                assert f'."{column}"' not in query["sql"], (name, column, query["sql"][:200])
