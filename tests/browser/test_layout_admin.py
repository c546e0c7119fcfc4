"""The night desk's admin pages in headless Chromium at 320, 390 and 1280 px: the edition list
keeps every column (to 读者页面) in view with 已发布 on one line, the edition form and the
import preview never scroll sideways, the preview's columns are readable, title and paragraph
boxes fit their text; and docs/screenshots/admin-*.png are taken from them.

Launches Chromium as every browser test does (conftest.py) and skips, with the reason printed,
where Playwright or the browser is missing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editions.models import Edition
from tests.browser.conftest import SCREENSHOTS, import_dumps
from tests.conftest import CORPUS, SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1"
WIDTHS = [320, 390, 1280]
PAGES = sorted((CORPUS / "2019-10-05").glob("*.txt"))


@pytest.fixture
def desk(django_user_model):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    import_dumps(
        [("01", SEED.read_text(encoding="utf-8"))], "zhuzhou-daily", "株洲日报", datetime.date(2023, 8, 9)
    )
    pages = [(path.stem, path.read_text(encoding="utf-8")) for path in PAGES]
    import_dumps(pages, "zhuzhou-daily", "株洲日报", datetime.date(2019, 10, 5))
    Edition.objects.update(status=Edition.Status.PUBLISHED, published_at=timezone.now())
    django_user_model.objects.create_superuser("desk", password=PASSWORD)
    edition = Edition.objects.get(date="2019-10-05")
    return {"edition": edition, "article": Article.objects.filter(page__edition=edition).first()}


def logged_in(browser, live_server, width):
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "desk")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    return page


def _no_sideways_scroll(page, width, name):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll} px wide)"


# The lines an element's text takes: the distinct tops of its text's boxes.
LINE_COUNT = """el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map(box => Math.round(box.top))).size;
}"""


def _edition_list_fits(page, width):
    _no_sideways_scroll(page, width, "the edition list")
    status = page.locator("#result_list td.field-state").first
    assert status.inner_text().strip() == "已发布"
    assert status.evaluate(LINE_COUNT) == 1, "已发布 wraps"
    if width >= 1280:
        # Every column, to the last (读者页面), inside the list's box: nothing to scroll to.
        box = page.locator("#changelist .results")
        widths = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert widths[0] <= widths[1], f"the list is cut ({widths[0]} px in {widths[1]})"
        link = page.locator("#result_list td.field-public_page a").first
        right = "el => el.getBoundingClientRect().right"
        assert link.is_visible() and link.evaluate(right) <= box.evaluate(right)


def _preview_reads(page, width):
    _no_sideways_scroll(page, width, "the import preview")
    headline = page.locator(".import-preview td.title-cell").first
    assert headline.evaluate("el => el.getBoundingClientRect().width") >= min(200, width - 60)
    lines = page.locator(".import-preview td.title-cell .lines").first
    assert lines.is_visible() and len(lines.inner_text()) > 10
    for cell in page.locator(".import-preview tbody tr:first-child td.nowrap").all():
        if cell.inner_text().strip():
            assert cell.evaluate(LINE_COUNT) == 1, cell.inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_desk_s_admin_pages_fit(browser, live_server, desk, width):
    page = logged_in(browser, live_server, width)
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

    page.goto(live_server.url + reverse("admin:editions_edition_changelist"))
    _edition_list_fits(page, width)

    page.goto(live_server.url + reverse("admin:editions_edition_change", args=[desk["edition"].pk]))
    _no_sideways_scroll(page, width, "the edition form")

    page.goto(live_server.url + reverse("admin:editions_edition_import"))
    _no_sideways_scroll(page, width, "the import page")
    assert page.locator(".field-date .date-icon, .field-date .datetimeshortcuts a").count() >= 1, (
        "no calendar"
    )
    page.set_input_files("input[name=files]", [str(path) for path in PAGES])
    page.fill("input[name=date]", "2019-10-05")
    with page.expect_navigation():
        page.get_by_role("button", name="预览").click()
    _preview_reads(page, width)
    assert errors == []


def test_title_and_paragraph_boxes_fit_their_text(browser, live_server, desk):
    page = logged_in(browser, live_server, 1280)
    article = desk["article"]
    article.kicker = "就中几建交60周年暨全面战略合作伙伴关系确立十周年之际发来的贺电"
    article.save()
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    kicker = page.locator("input[name=kicker]")
    assert kicker.evaluate("el => el.scrollWidth <= el.clientWidth"), "the kicker is cut"
    for area in page.locator("#blocks-group textarea").all():
        assert area.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), "a paragraph box scrolls"
    first = page.locator("#blocks-group textarea").first
    before = first.evaluate("el => el.clientHeight")
    first.fill("长" * 600)
    assert first.evaluate("el => el.clientHeight") > before and first.evaluate(
        "el => el.scrollHeight <= el.clientHeight + 1"
    )


def test_screenshots_of_the_desk_s_admin_pages(browser, live_server, desk):
    """docs/screenshots/admin-*.png: the edition list, the edition form, the import preview (on a
    desktop and a phone) and an article."""
    page = logged_in(browser, live_server, 1280)
    page.goto(live_server.url + reverse("admin:editions_edition_changelist"))
    page.screenshot(path=str(SCREENSHOTS / "admin-editions.png"))
    page.goto(live_server.url + reverse("admin:editions_edition_change", args=[desk["edition"].pk]))
    page.screenshot(path=str(SCREENSHOTS / "admin-edition.png"), full_page=True)
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[desk["article"].pk]))
    page.screenshot(path=str(SCREENSHOTS / "admin-article.png"))
    for width, name in ((1280, "admin-import-preview.png"), (390, "admin-import-preview-phone.png")):
        page = logged_in(browser, live_server, width) if width != 1280 else page
        page.goto(live_server.url + reverse("admin:editions_edition_import"))
        page.set_input_files("input[name=files]", [str(path) for path in PAGES])
        page.fill("input[name=date]", "2019-10-05")
        with page.expect_navigation():
            page.get_by_role("button", name="预览").click()
        page.screenshot(path=str(SCREENSHOTS / name))
