"""What the browser tests share: headless Chromium (Debian's package, driven by Playwright's Python
API), skipped with the reason printed where Playwright or the browser is missing (`.ci/run`
installs both); an empty page cache for each test; the seed page typeset with its image; the
editor's and the desk chief's logins; and the helpers that import editions and open pages."""

import mimetypes
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from importer.core.draft import PublicationDraft
from importer.core.parser import parse_edition
from importer.services import import_edition
from tests.conftest import FIXTURES
from tests.importer import helpers as h
from tests.roles import newsroom_group

CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PASSWORD = "a-long-test-password-1"


def _why_no_browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture
def browser(monkeypatch):
    reason = _why_no_browser()
    if reason:
        print(f"skipping browser test: {reason}")
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls happen
    # before it starts and the live server answers in its own thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            # While Playwright runs its event loop in this thread, Django keeps the test's
            # database connections apart from the thread's own; close them here, or one would
            # still hold the test database when pytest-django drops it.
            connections.close_all()


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def import_dumps(pages, slug, name, date):
    draft = parse_edition(pages, publication=PublicationDraft(slug=slug, name=name), date=date)
    h.published_as_readers_saw([import_edition(draft).edition])


@pytest.fixture
def typeset_seed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command(
        "import_edition", str(FIXTURES / "pdf" / "seed"), "--date", "2023-08-09", *h.publishing(),
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip
    return tmp_path


def open_page(browser, live_server, media: Path, viewport: str):
    page = browser.new_page(viewport=VIEWPORTS[viewport], locale="zh-CN")

    def serve(route):
        name = route.request.url.split("/media/", 1)[1]
        path = media / name
        if not path.is_file():
            return route.fulfill(status=404)
        kind = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        return route.fulfill(status=200, body=path.read_bytes(), content_type=kind)

    page.route("**/media/**", serve)
    page.goto(live_server.url + "/")
    page.wait_for_function("document.querySelector('.page-map img').complete")
    return page


@pytest.fixture
def users(django_user_model):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    made = {}
    for username, group in (("bian", "编辑"), ("desk", "值班主任")):
        user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(newsroom_group(group))
        made[username] = user
    return made


def logged_in_page(browser, live_server, username):
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    return page
