"""The edition list and page say what readers see: 草稿, 定时 with its time, 已发布, 已撤回; and the
list filters by it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editions import services
from editions.admin import ReaderState
from editions.models import Edition
from tests.articles import factories

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:editions_edition_changelist")


@pytest.fixture
def editions(staff_user):
    draft = factories.edition(date=datetime.date(2023, 8, 7), published=False)
    published = factories.edition(date=datetime.date(2023, 8, 8), published=True)
    scheduled = factories.edition(date=datetime.date(2023, 8, 9), published=False)
    at = (timezone.now() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)
    services.schedule(Edition.objects.filter(pk=scheduled.pk), at, user=staff_user)
    withdrawn = factories.edition(date=datetime.date(2023, 8, 10), published=True)
    services.unpublish(Edition.objects.filter(pk=withdrawn.pk), user=staff_user)
    return {"draft": draft, "published": published, "scheduled": scheduled, "withdrawn": withdrawn, "at": at}


def _states(response):
    admin = response.context["cl"].model_admin
    return {str(edition.date): str(admin.state(edition)) for edition in response.context["cl"].result_list}


def test_the_list_shows_a_scheduled_edition_as_scheduled_with_its_time(staff_client, editions):
    response = staff_client.get(CHANGELIST)
    when = timezone.localtime(editions["at"]).strftime("%Y-%m-%d %H:%M")
    assert _states(response) == {
        "2023-08-07": "草稿",
        "2023-08-08": "已发布",
        "2023-08-09": f"定时：{when}",
        "2023-08-10": "已撤回",
    }
    assert f"定时：{when}" in response.content.decode()


@pytest.mark.parametrize(
    ("state", "dates"),
    [
        ("draft", {"2023-08-07"}),
        ("scheduled", {"2023-08-09"}),
        ("published", {"2023-08-08"}),
        ("withdrawn", {"2023-08-10"}),
    ],
)
def test_the_list_filters_by_state(staff_client, editions, state, dates):
    response = staff_client.get(CHANGELIST, {"state": state})
    assert set(_states(response)) == dates


def test_the_filter_offers_the_four_states(staff_client, editions):
    specs = staff_client.get(CHANGELIST).context["cl"].filter_specs
    state = next(spec for spec in specs if spec.parameter_name == "state")
    assert [str(label) for _, label in state.lookup_choices] == ["草稿", "定时", "已发布", "已撤回"]


def test_the_stored_states_the_filter_offers_are_the_edition_s():
    # ?state=draft and ?state=published name the stored states, as the edition's status does.
    assert (ReaderState.DRAFT, ReaderState.DRAFT.label) == (Edition.Status.DRAFT, Edition.Status.DRAFT.label)
    assert (ReaderState.PUBLISHED, ReaderState.PUBLISHED.label) == (
        Edition.Status.PUBLISHED,
        Edition.Status.PUBLISHED.label,
    )
    assert set(Edition.Status.values) < set(ReaderState.values)


def test_the_change_page_shows_scheduled_with_its_time(staff_client, editions):
    url = reverse("admin:editions_edition_change", args=[editions["scheduled"].pk])
    content = staff_client.get(url).content.decode()
    when = timezone.localtime(editions["at"]).strftime("%Y-%m-%d %H:%M")
    assert f"定时：{when}" in content
    url = reverse("admin:editions_edition_change", args=[editions["withdrawn"].pk])
    assert "已撤回" in staff_client.get(url).content.decode()


def test_the_state_column_costs_no_query_per_edition(staff_client, editions):
    with CaptureQueriesContext(connection) as few:
        staff_client.get(CHANGELIST)
    for day in range(11, 21):
        factories.edition(date=datetime.date(2023, 8, day), published=False, pages=1, articles_per_page=1)
    with CaptureQueriesContext(connection) as more:
        staff_client.get(CHANGELIST)
    assert len(more) == len(few)
