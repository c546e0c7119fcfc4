"""An editor adding a contributor in headless Chromium: the form fills in the contributor's
网址标识 from the name and the organisation as they are typed, the slug the import would make for
the same person (Contributor.slug_base)."""

import pytest
from django.urls import reverse

from articles.models import Contributor
from tests.browser.conftest import logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_contributor_s_slug_is_made_from_name_and_organisation(browser, live_server, users):
    editor = logged_in_page(browser, live_server, "bian")
    errors = []
    editor.on("pageerror", lambda error: errors.append(f"{editor.url}: {error}"))
    editor.goto(live_server.url + reverse("admin:articles_contributor_add"))
    editor.fill("#id_name", "王晓明")
    editor.fill("#id_organization", "人民日报")
    editor.locator("#id_organization").press("Tab")  # on to the next field, as an editor goes
    assert editor.input_value("#id_slug") == Contributor.slug_base("王晓明", "人民日报") == "王晓明-人民日报"
    assert errors == []
