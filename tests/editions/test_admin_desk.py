"""The edition list and forms as the night desk uses them: a date or a headline typed into the
search finds the edition, the scheduling form has its date-time picker and says the time zone."""

import datetime

import pytest
from django.urls import reverse

from tests.articles import factories
from tests.articles.admin_helpers import action_post

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:editions_edition_changelist")


@pytest.fixture
def editions():
    return {
        "2023": factories.edition(date=datetime.date(2023, 8, 9), pages=1, articles_per_page=2),
        "2019": factories.edition(date=datetime.date(2019, 8, 9), pages=1, articles_per_page=1),
        "other": factories.edition(date=datetime.date(2023, 8, 10), pages=1, articles_per_page=1),
    }


def found(client, term):
    response = client.get(CHANGELIST, {"q": term})
    assert response.status_code == 200
    return sorted(edition.date.isoformat() for edition in response.context["cl"].result_list)


@pytest.mark.parametrize(
    "term", ["2023-08-09", "2023/8/9", "2023.8.9", "2023年8月9日", "2023 年 8 月 9 日", "20230809"]
)
def test_a_date_however_typed_finds_its_edition(staff_client, editions, term):
    assert found(staff_client, term) == ["2023-08-09"]


def test_a_day_finds_it_in_every_year_and_a_month_its_editions(staff_client, editions):
    assert found(staff_client, "8月9日") == ["2019-08-09", "2023-08-09"]
    assert found(staff_client, "2023年8月") == ["2023-08-09", "2023-08-10"]
    assert found(staff_client, "2023-02-30") == []


def test_a_headline_finds_its_edition_once(staff_client, editions):
    # Both articles of the 2023-08-09 page start 第1版第…; the edition is listed once.
    article = editions["2023"].pages.get().articles.first()
    article.kicker = "湘赣边最大独立共享储能电站"
    article.save()
    assert found(staff_client, "第1版第2条") == ["2023-08-09"]
    assert found(staff_client, "共享储能") == ["2023-08-09"]
    assert found(staff_client, "第1版") == ["2019-08-09", "2023-08-09", "2023-08-10"]


def test_the_schedule_form_has_its_picker_and_says_the_time_zone(staff_client, editions):
    response = staff_client.post(CHANGELIST, action_post("schedule_publication", [editions["2023"]]))
    body = response.content.decode()
    assert reverse("admin:jsi18n") in body  # the calendar and clock need the admin's gettext
    assert "admin/js/admin/DateTimeShortcuts.js" in body and "admin/css/forms.css" in body
    assert "Asia/Shanghai" in body and "UTC+08:00" in body
