"""The archive's calendar steps a month and a year (issue 18)."""

import datetime

import pytest

from tests.articles import factories, sitedata
from tests.articles.sitedata import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def continued():
    return sitedata.continued_edition()


def test_archive_steps_a_year_as_well_as_a_month(client, continued):
    """From 2023年8月 a month back is 2023年7月 and a year back 2022年8月, or the nearest month
    before it with a paper (2022年7月); from 2022年6月 a year on is 2023年6月 or the nearest
    after it (2023年7月)."""
    for day in (datetime.date(2023, 7, 3), datetime.date(2022, 7, 15), datetime.date(2022, 6, 30)):
        factories.edition(date=day, pages=1)
    august = text(client.get("/zhuzhou-daily/archive/?month=2023-08"))
    assert "更早：2023年7月" in august
    assert 'href="/zhuzhou-daily/archive/?month=2022-07" class="year-step">前一年：2022年7月' in august
    assert "后一年" not in august
    june = text(client.get("/zhuzhou-daily/archive/?month=2022-06"))
    assert "较新：2022年7月" in june and "后一年：2023年7月" in june and "前一年" not in june
    # A year link that would lead where the month link leads is left out.
    july = text(client.get("/zhuzhou-daily/archive/?month=2022-07"))
    assert "更早：2022年6月" in july and "前一年" not in july and "后一年：2023年7月" not in july
