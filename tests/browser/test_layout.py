"""The reading site's layout in headless Chromium at 320, 390 and 1280 px, with and without
JavaScript: nothing scrolls sideways, a story's headline and the first search hit stand high on
a phone, headlines keep no one-character last line, the page and edition steps read as buttons,
the whole story is a readable column with a way on at its end, and the text-size buttons show
only where they work (issue 18)."""

import datetime

import pytest

from tests.browser.conftest import import_dumps
from tests.conftest import CORPUS, SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 1280)
# How far down a phone's screen (844 px tall) the story's headline and the first hit may start.
PHONE_HEADLINE_TOP = 240
PHONE_FIRST_HIT_TOP = 420

LINES = """(element) => {
  // Characters per rendered line of the element's text, from the boxes of its characters.
  const lines = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node, lastTop = null;
  while ((node = walker.nextNode())) {
    for (let i = 0; i < node.length; i++) {
      if (/\\s/.test(node.data[i])) continue;
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (lastTop === null || rect.top > lastTop + rect.height / 2) { lines.push(0); lastTop = rect.top; }
      lines[lines.length - 1] += 1;
    }
  }
  return lines;
}"""


@pytest.fixture
def two_editions(settings):
    """The seed front page (2023-08-09, with an advertisement) and the 2019-10-05 People's Daily
    pages (a story continued from 01 to 02), as one paper's editions four years apart."""
    seed = [("01", SEED.read_text(encoding="utf-8"))]
    import_dumps(seed, "zhuzhou-daily", "株洲日报", datetime.date(2023, 8, 9))
    folder = CORPUS / "2019-10-05"
    pages = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]
    import_dumps(pages, "zhuzhou-daily", "株洲日报", datetime.date(2019, 10, 5))
    from articles.models import Article

    continued = Article.objects.filter(page__edition__date="2019-10-05", next_part__isnull=False).first()
    advertisement = Article.objects.get(kind="advertisement")
    return {
        "front": "/",
        "page": "/zhuzhou-daily/2019-10-05/01/",
        "contents": "/zhuzhou-daily/2019-10-05/",
        "article": continued.get_absolute_url(),
        "whole": continued.get_absolute_url() + "whole/",
        "advertisement": advertisement.get_absolute_url(),
        "search": "/search/?q=%E5%82%A8%E8%83%BD",  # 储能
        "archive": "/zhuzhou-daily/archive/?month=2019-10",
    }


def _no_sideways_scroll(page, width, name):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll} px wide)"


def _every_page(page, base, urls, width, javascript):
    for name, url in urls.items():
        page.goto(base + url)
        _no_sideways_scroll(page, width, name)
        assert page.locator("html").get_attribute("lang") == "zh-Hans", name
        # 字号: the buttons show only where JavaScript makes them work.
        assert page.locator(".textsize").is_visible() is javascript, name
        # No headline ends in a line of a single character.
        for headline in page.locator("h1.headline, .card-headline").all():
            lines = headline.evaluate(LINES)
            assert len(lines) == 1 or lines[-1] > 1, f"{name}: {headline.inner_text()!r} breaks as {lines}"


def _story_first_on_a_phone(page, url, phone):
    """The story's headline first under the masthead on a phone; the page list beside it on a desk."""
    page.goto(url)
    headline_top = page.locator("h1.headline").bounding_box()["y"]
    page_list = page.locator(".page-list").bounding_box()
    story = page.locator("article.story").bounding_box()
    if phone:
        assert headline_top < PHONE_HEADLINE_TOP, headline_top
        assert page_list["y"] > story["y"] + story["height"] - 1  # after the story
    else:
        assert page_list["x"] + page_list["width"] <= story["x"] and page_list["y"] < story["y"] + 100


def _steps_read_as_buttons(page, url):
    """上一版 / 下一版, 上一期 / 下一期: two buttons a row, back on the left; a missing one dashed."""
    page.goto(url)
    for steps in page.locator(".edition-nav .steps").all():
        back, on = steps.locator("li").all()
        back_box, on_box = back.bounding_box(), on.bounding_box()
        assert abs(back_box["y"] - on_box["y"]) < 1 and back_box["x"] < on_box["x"]
    missing = page.locator(".edition-nav .disabled").first
    assert missing.inner_text() == "已是第一版"
    assert missing.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    assert page.locator(".edition-nav a", has_text="下一期：2023年8月9日").count() >= 1  # with the year


def _whole_story_reads_as_one(page, url):
    """Its title once, a column as wide as the article page's, a way on at the end."""
    page.goto(url)
    assert page.locator(".headline").count() == 1
    body_width = page.locator(".story-body").first.bounding_box()["width"]
    assert body_width <= 700, body_width
    assert page.locator(".story-part").count() == 2
    ending = page.locator(".article-nav").last
    assert ending.get_by_role("link", name="返回01版").is_visible()
    assert ending.get_by_role("link", name="本期目录").is_visible()


def _advertisement_says_so(page, url):
    """Its English line is not justified; it says it is an advertisement."""
    page.goto(url)
    latin = page.locator(".story-body p.latin").first
    assert latin.evaluate("e => getComputedStyle(e).textAlign") == "start"
    assert page.locator("main .kind-label").inner_text() == "广告"


def _search_hit_high(page, url, phone):
    """The first hit high on a phone, its headline whole with the word marked; the other
    conditions fold away, and open without JavaScript too."""
    page.goto(url)
    hit = page.locator(".search-results .card").first
    if phone:
        assert hit.bounding_box()["y"] < PHONE_FIRST_HIT_TOP, hit.bounding_box()["y"]
    assert hit.locator(".card-headline").inner_text() == "湘赣边最大独立共享储能电站 并网投运"
    assert hit.locator(".card-headline mark").inner_text() == "储能"
    assert not page.locator("#id_kind").is_visible()
    page.locator(".search-more summary").click()
    assert page.locator("#id_kind").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", WIDTHS)
def test_reading_pages_fit_and_read_well(browser, live_server, two_editions, width, javascript):
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 800 else 900},
        java_script_enabled=javascript,
        locale="en-US",  # an English browser still gets the Chinese pages, marked as Chinese
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    phone, base = width < 800, live_server.url
    _every_page(page, base, two_editions, width, javascript)
    _story_first_on_a_phone(page, base + two_editions["article"], phone)
    _steps_read_as_buttons(page, base + two_editions["page"])
    _whole_story_reads_as_one(page, base + two_editions["whole"])
    _advertisement_says_so(page, base + two_editions["advertisement"])
    _search_hit_high(page, base + two_editions["search"], phone)
    if javascript:
        before = page.evaluate("getComputedStyle(document.body).fontSize")
        page.get_by_role("button", name="放大").click()
        assert page.evaluate("getComputedStyle(document.body).fontSize") != before
    assert errors == []
    context.close()
