"""A page with its image in headless Chromium: the areas over the image are links to their
articles, keyboard focus walks through them and lights up the headline list, and the overlay
covers the image exactly on a phone and a desktop.

The media files are served to the browser from MEDIA_ROOT by Playwright's routing (the live
server serves static files only, as production leaves media to the web server)."""

import pytest

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clicking_an_area_opens_its_article(browser, live_server, typeset_seed):
    page = open_page(browser, live_server, typeset_seed, "desktop")
    page.get_by_role("link", name="党建赋能治理 共建幸福家园").first.click()
    page.wait_for_url("**/zhuzhou-daily/2023-08-09/01/*/")
    assert "党建赋能治理" in page.locator("h1.headline").inner_text()
    # The article shows its page with its area marked, linking back to that area.
    thumbnail = page.locator(".page-thumbnail a")
    assert thumbnail.get_attribute("href").endswith("#area-" + page.url.rstrip("/").rsplit("/", 1)[1])
    assert page.locator(".page-thumbnail polygon.marked").count() == 1
    assert "排版样张" in page.locator(".page-thumbnail figcaption").inner_text()


def test_keyboard_focus_walks_through_the_areas_and_lights_the_list(browser, live_server, typeset_seed):
    page = open_page(browser, live_server, typeset_seed, "desktop")
    areas = page.locator(".page-areas a")
    names = areas.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    assert len(names) == 8
    page.locator(".page-areas a").first.focus()
    seen = []
    for _ in names:
        seen.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        article = page.evaluate("document.activeElement.getAttribute('data-article')")
        card = page.locator(f'.headlines .card[data-article="{article}"]')
        assert "active" in card.get_attribute("class")
        page.keyboard.press("Tab")
    assert seen == names
    assert "此版面图由排版样张生成" in page.locator(".page-map figcaption").inner_text()


@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=list(VIEWPORTS))
def test_the_overlay_covers_the_image_exactly(browser, live_server, typeset_seed, viewport):
    page = open_page(browser, live_server, typeset_seed, viewport)
    image = page.locator(".page-map img").bounding_box()
    overlay = page.locator(".page-areas").bounding_box()
    for key in ("x", "y", "width", "height"):
        assert abs(image[key] - overlay[key]) <= 1.5, (key, image, overlay)
    assert image["width"] <= VIEWPORTS[viewport]["width"]
    # The first area's box on screen is where its polygon's fractions put it on the image.
    box = page.evaluate("document.querySelector('.page-areas polygon').getBoundingClientRect().toJSON()")
    assert abs(box["x"] - (image["x"] + 0.0302 * image["width"])) <= 1
    assert abs(box["y"] - (image["y"] + 0.0485 * image["height"])) <= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.locator(".page-areas a").nth(1).hover()
    page.screenshot(path=str(SCREENSHOTS / f"page-image-{viewport}.png"))
    if viewport == "phone":
        # The headline list comes after the image.
        headlines = page.locator(".headlines").bounding_box()
        assert headlines["y"] >= image["y"] + image["height"] - 1
