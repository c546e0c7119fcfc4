"""Values readers put in a query string or an address are answered (a page, a notice, a 404),
never a 500: numbers past any integer, negative or not digits, NUL and undecodable bytes, in the
archive's month and date, the search's filters and pages, the list pages' ?page= (issue 14,
item 9, from the readers' side)."""

import pytest
from django.core.cache import cache

from tests.articles import factories

pytestmark = pytest.mark.django_db

HUGE = str(10**30)
VALUES = [HUGE, f"-{HUGE}", "-1", "abc", "%00", "%ED%A0%80"]
URLS = [
    "/zhuzhou-daily/archive/?month=",
    "/zhuzhou-daily/archive/?month=2023-",
    "/zhuzhou-daily/archive/?month=-",
    "/zhuzhou-daily/archive/?date=",
    "/zhuzhou-daily/archive/?date=2023-08-",
    "/search/?q=新闻&page=",
    "/search/?q=新闻&start=",
    "/search/?q=新闻&kind=",
    "/search/?q=新闻&label=",
    "/search/?q=新闻&contributor=",
    "/contributors/li-jun/?page=",
    "/sitemap-articles.xml?p=",
]


@pytest.fixture(autouse=True)
def _published():
    cache.clear()
    factories.edition()
    yield
    cache.clear()


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("url", URLS)
def test_a_hostile_query_value_is_answered_not_a_500(client, url, value):
    assert client.get(url + value).status_code in (200, 404)


def test_a_month_past_any_integer_shows_the_archive_with_its_notice(client):
    response = client.get(f"/zhuzhou-daily/archive/?month=2023-{HUGE}")
    assert response.status_code == 200
    assert "没有这个月份" in response.content.decode()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_an_edition_dated_past_the_calendar_s_years_leaves_the_archive_readable(client, day):
    import datetime

    factories.edition(date=datetime.date.fromisoformat(day))
    response = client.get("/zhuzhou-daily/archive/")
    assert response.status_code == 200
    assert "2023-08-09" in response.content.decode()  # the latest month a calendar shows
