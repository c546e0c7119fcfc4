"""A reader in headless Chromium (Debian's package, driven by Playwright's Python API): front page,
next page, a story, its continuation and back, a search and its hit, on a phone and a desktop.

Skips with the reason printed where Playwright or the browser is missing (`.ci/run` installs both)."""

import datetime

import pytest

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS, import_dumps
from tests.conftest import CORPUS, SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus_paper(settings):
    """The 2019-10-05 People's Daily pages (a story continued from 01 to 02) as the default paper."""
    settings.NEWSROOM_DEFAULT_PUBLICATION = {
        "slug": "peoples-daily",
        "name": "人民日报",
        "dateline": "本报讯",
    }
    folder = CORPUS / "2019-10-05"
    pages = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]
    import_dumps(pages, "peoples-daily", "人民日报", datetime.date(2019, 10, 5))


@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=list(VIEWPORTS))
def test_a_reader_follows_pages_continuations_and_search(browser, live_server, corpus_paper, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport], locale="zh-CN")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text().startswith("01版")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"

    page.get_by_role("link", name="下一版：02版").first.click()
    page.wait_for_url("**/peoples-daily/2019-10-05/02/")
    assert "02版" in page.locator("h1").first.inner_text()

    page.get_by_role("link", name="上一版：01版").first.click()
    page.wait_for_url("**/peoples-daily/2019-10-05/01/")
    page.locator(".card-headline a", has_text="我为祖国自豪").first.click()
    page.wait_for_url("**/peoples-daily/2019-10-05/01/*/")
    first_part = page.url
    assert "我为祖国自豪" in page.locator("h1.headline").inner_text()

    page.get_by_role("link", name="下转02版").click()
    page.wait_for_url("**/peoples-daily/2019-10-05/02/*/")
    assert page.get_by_role("link", name="上接01版").is_visible()
    page.get_by_role("link", name="上接01版").click()
    page.wait_for_url(first_part)

    page.get_by_role("link", name="阅读全文（合并各版）").click()
    assert page.locator(".story-part").count() == 2

    search_box = page.locator("#masthead-q")
    search_box.fill("人民")
    search_box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-results mark").first.inner_text() == "人民"
    page.locator(".search-results .card-headline a").first.click()
    page.wait_for_url("**/peoples-daily/2019-10-05/*/*/")
    assert page.locator("article.story mark").count() == 0
    assert errors == []

    # 放大 / 缩小: the text-size buttons appear (JS loaded under the CSP) and change the size.
    before = page.evaluate("getComputedStyle(document.body).fontSize")
    page.get_by_role("button", name="放大").click()
    assert page.evaluate("getComputedStyle(document.body).fontSize") != before
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"], "the page scrolls sideways"


def test_screenshots_of_the_front_page_and_an_article(browser, live_server):
    """docs/screenshots/front.png and article.png, from the seed front page."""
    import_dumps(
        [("01", SEED.read_text(encoding="utf-8"))], "zhuzhou-daily", "株洲日报", datetime.date(2023, 8, 9)
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=VIEWPORTS["desktop"], locale="zh-CN")
    page.goto(live_server.url + "/")
    page.screenshot(path=str(SCREENSHOTS / "front.png"))
    page.locator(".card-headline a", has_text="党建赋能治理").first.click()
    page.wait_for_url("**/zhuzhou-daily/2023-08-09/01/*/")
    page.screenshot(path=str(SCREENSHOTS / "article.png"))
    phone = browser.new_page(viewport=VIEWPORTS["phone"], locale="zh-CN")
    phone.goto(page.url)
    phone.screenshot(path=str(SCREENSHOTS / "article-phone.png"))
    assert (SCREENSHOTS / "front.png").stat().st_size > 10_000
