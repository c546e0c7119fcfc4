"""Malformed requests to every public URL answer 200, 301/302, 400 or 404 — never a server error.

A fixed list of nasty values (impossible and extreme dates, long, unicode, NUL and SQL-like labels,
ids and query strings, huge and negative page numbers, repeated keys) goes to every parameter of every
public URL, then hypothesis tries a bounded number of arbitrary ones. A stored edition makes the
lookups real: the valid parts of each URL point at things that exist."""

from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.articles import sitedata

# Keys longer than memcached allows only warn: the production cache is Redis.
pytestmark = pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")

ALLOWED = {200, 301, 302, 400, 404}
PUB, DATE, LABEL = "zhuzhou-daily", "2023-08-09", "01"

NASTY = [
    "",
    "0",
    "-1",
    "2023-02-30",
    "0000-01-01",
    "9999-12-31",
    "2023-13-01",
    "9" * 400,
    str(2**63),
    str(-(2**63) - 1),
    "1e999",
    "x" * 5000,
    "党建" * 500,
    "..",
    "../../etc/passwd",
    "\x00",
    "a\x00b",
    "%00",
    "%",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE articles_article; --",
    "*",
    '"unbalanced',
    "NEAR(a b)",
    "a AND OR NOT",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "\u202e\u200f",
    "\ud7ff\U0001f600",
    "\t\n",
    "/",
    "?#",
]
DATES = [DATE, "2023-02-30", "0000-01-01", "9999-12-31", "1900-01-01", "2023-08-10"]


def segment(value):
    return quote(value, safe="")


def path_urls(value):
    """`value` in each path parameter of each public URL (the others valid)."""
    v = segment(value)
    article = Article.objects.filter(page__edition__date=DATE, page__label=LABEL).first()
    return [
        f"/{v}/{DATE}/",
        f"/{PUB}/{v}/",
        f"/{PUB}/{DATE}/{v}/",
        f"/{PUB}/{DATE}/{LABEL}/{v}/",
        f"/{PUB}/{DATE}/{LABEL}/{v}/whole/",
        f"/{PUB}/{DATE}/{v}/{article.pk}/",
        f"/{PUB}/{v}.json",
        f"/{v}/archive/",
        f"/contributors/{v}/",
        f"/tags/{v}/",
        f"/columns/{v}/",
        f"/feeds/contributors/{v}.rss",
        f"/feeds/contributors/{v}.atom",
        f"/sitemap-{v}.xml",
        f"/{v}",
    ]


# Each URL with the query parameters it reads.
QUERY_PARAMETERS = {
    "/search/": ["q", "page", "start", "end", "publication", "label", "kind", "contributor"],
    f"/{PUB}/archive/": ["date", "month"],
    "/contributors/li-jun/": ["page"],
    "/tags/党建/": ["page"],
    "/columns/聚焦“三微”“六位” 建设幸福株洲/": ["page"],
    "/sitemap-articles.xml": ["p"],
}


def query_urls(value):
    """`value` in each query parameter each URL reads; for search also beside a real word, with
    repeated keys."""
    urls = [f"{path}?{urlencode({key: value})}" for path, keys in QUERY_PARAMETERS.items() for key in keys]
    urls.append(f"/search/?{urlencode({'q': '党建', 'page': value})}")
    urls.append(f"/search/?{urlencode([('q', value), ('q', '党建'), ('page', '1'), ('page', value)])}")
    urls.append(f"/contributors/li-jun/?{urlencode([('page', '1'), ('page', value)])}")
    return urls


@pytest.fixture
def paper(db):
    cache.clear()
    sitedata.continued_edition()
    sitedata.draft_edition()
    yield
    cache.clear()


def check(client, urls):
    client.raise_request_exception = False  # a server error is an answer to report, with its URL
    bad = []
    for url in urls:
        response = client.get(url)
        if response.status_code not in ALLOWED:
            bad.append((response.status_code, url[:160]))
    assert not bad, bad


def test_the_valid_urls_answer(client, paper):
    """The fixed list below would prove nothing if the valid parts of its URLs were wrong."""
    for path in QUERY_PARAMETERS:
        assert client.get(path).status_code == 200, path
    assert "党建" in client.get("/search/?q=党建&page=1").content.decode()
    article = Article.objects.filter(page__edition__date=DATE, page__label=LABEL).first()
    assert client.get(f"/{PUB}/{DATE}/{LABEL}/{article.pk}/").status_code == 200


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_nasty_values_in_every_parameter(client, paper, value):
    check(client, path_urls(value) + query_urls(value))


@pytest.mark.parametrize("date", DATES)
def test_dates_in_every_dated_url(client, paper, date):
    article = Article.objects.filter(page__edition__date=DATE, page__label=LABEL).first()
    check(
        client,
        [
            f"/{PUB}/{date}/",
            f"/{PUB}/{date}/{LABEL}/",
            f"/{PUB}/{date}/{LABEL}/{article.pk}/",
            f"/{PUB}/{date}/{LABEL}/{article.pk}/whole/",
            f"/{PUB}/{date}.json",
            f"/{PUB}/archive/?date={date}",
            f"/{PUB}/archive/?month={date[:7]}",
            f"/search/?q=党建&start={date}&end={date}",
        ],
    )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=st.text(min_size=0, max_size=60) | st.integers().map(str) | st.dates().map(str))
def test_arbitrary_values(client, paper, value):
    # Path parameters, then search and the archive's date picker: where free text reaches queries.
    check(client, path_urls(value) + query_urls(value)[:10])
