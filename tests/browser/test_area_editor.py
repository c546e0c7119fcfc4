"""The area editor (热区) in headless Chromium: an editor opens it from the page's form, drags a
corner of an article's area and saves; on a published page the change waits for the desk chief,
who approves it, and the reader's page shows the area's polygon moved. The screenshot
docs/screenshots/admin-areas.png is taken here."""

import pytest
from django.urls import reverse

from articles.models import Article
from editions.models import Page
from tests.articles import factories
from tests.articles.admin_helpers import png_upload
from tests.browser.conftest import SCREENSHOTS, logged_in_page, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serve_media(page, media):
    """The page image from MEDIA_ROOT, as the web server would serve it (see conftest.open_page)."""

    def serve(route):
        path = media / route.request.url.split("/media/", 1)[1]
        if not path.is_file():
            return route.fulfill(status=404)
        return route.fulfill(status=200, body=path.read_bytes(), content_type="image/webp")

    page.route("**/media/**", serve)


def flat(points):
    return [value for point in points for value in point]


def reader_corner(browser, live_server, media, article):
    """The first corner of the article's first polygon on the reader's page, in page fractions."""
    reader = open_page(browser, live_server, media, "desktop")
    polygon = reader.locator(f'.page-areas a[data-article="{article.pk}"] polygon').first
    points = polygon.get_attribute("points")
    reader.context.close()
    return tuple(float(value) for value in points.split()[0].split(","))


def test_an_editor_drags_a_corner_and_the_reader_sees_it_moved(browser, live_server, typeset_seed, users):
    page = Page.objects.get(label="01")
    article = Article.objects.filter(page=page).exclude(areas=[]).order_by("position").first()
    x, y = article.areas[0][0]
    assert reader_corner(browser, live_server, typeset_seed, article) == pytest.approx((x, y), abs=1e-4)

    editor = logged_in_page(browser, live_server, "bian")
    editor.set_viewport_size({"width": 1280, "height": 900})
    errors = []
    editor.on("pageerror", lambda error: errors.append(str(error)))
    serve_media(editor, typeset_seed)
    editor.goto(live_server.url + reverse("admin:editions_page_change", args=[page.pk]))
    assert editor.locator("#page-areas-preview polygon").count() == sum(
        len(a.areas) for a in Article.objects.filter(page=page)
    )
    with editor.expect_navigation():
        editor.locator("#page-areas-link").click()
    editor.wait_for_function("document.getElementById('area-image').complete")
    labels = editor.locator("#area-canvas g.area text").all_text_contents()

    # Select the article's area from the keyboard, then drag its first corner with the mouse.
    name = f"第{article.position}篇：{article.headline}"
    assert name in labels
    editor.locator(f'#area-canvas g.area[aria-label="{name}"]').first.focus()
    handle = editor.locator('#area-canvas circle.handle[data-vertex="0"]')
    box = handle.bounding_box()
    image = editor.locator("#area-image").bounding_box()
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    target = (start[0] + 0.05 * image["width"], start[1] + 0.02 * image["height"])
    editor.mouse.move(*start)
    editor.mouse.down()
    editor.mouse.move(*target, steps=5)
    editor.mouse.up()
    moved = (x + 0.05, y + 0.02)
    editor.screenshot(path=str(SCREENSHOTS / "admin-areas.png"))
    with editor.expect_navigation():
        editor.get_by_role("button", name="保存区域").click()
    assert "等待值班主任审核" in editor.locator("ul.messagelist").inner_text()
    # Readers see the page as it was until the desk chief approves.
    assert reader_corner(browser, live_server, typeset_seed, article) == pytest.approx((x, y), abs=1e-4)

    chief = logged_in_page(browser, live_server, "desk")
    chief.goto(live_server.url + reverse("admin:articles_revision_changelist"))
    with chief.expect_navigation():
        chief.locator("#result_list tbody a").first.click()
    assert "版面区域" in chief.locator(".revision-changes").inner_text()
    with chief.expect_navigation():
        chief.get_by_role("button", name="采用并生效").click()

    assert reader_corner(browser, live_server, typeset_seed, article) == pytest.approx(moved, abs=0.004)
    assert article.history.latest().history_change_reason.startswith("审核通过")
    assert not errors, errors


def test_the_keyboard_draws_gives_moves_and_reshapes_an_area(browser, live_server, settings, tmp_path, users):
    """Without a mouse: a rectangle from the toolbar, given to an article, moved with the arrows,
    two corners added (an L's six) and one removed, saved. A draft: the editor's change is saved
    at once."""
    settings.MEDIA_ROOT = tmp_path
    page = factories.edition(published=False, pages=1, articles_per_page=2).pages.get()
    upload = png_upload("01.png", size=(300, 420))
    page.image.save(upload.name, upload)
    second = Article.objects.get(page=page, position=2)

    editor = logged_in_page(browser, live_server, "bian")
    errors = []
    editor.on("pageerror", lambda error: errors.append(str(error)))
    serve_media(editor, tmp_path)
    editor.goto(live_server.url + reverse("admin:editions_page_areas", args=[page.pk]))
    editor.wait_for_function("document.getElementById('area-image').complete")
    editor.locator("#area-article").select_option(str(second.pk))
    editor.get_by_role("button", name="画矩形").focus()
    editor.keyboard.press("Enter")
    assert editor.evaluate("document.activeElement.getAttribute('aria-label')") == "第2篇：第1版第2条新闻标题"
    for key in ("ArrowRight", "ArrowRight", "ArrowDown", "Shift+ArrowDown"):
        editor.keyboard.press(key)
    editor.keyboard.press("Tab")  # the area's corners come next
    assert editor.evaluate("document.activeElement.getAttribute('aria-label')") == "顶点 1"
    editor.keyboard.press("Shift+Tab")
    editor.keyboard.press("Insert")  # a corner after the first, and it has the focus
    assert editor.evaluate("document.activeElement.getAttribute('aria-label')") == "顶点 2"
    editor.keyboard.press("Insert")
    editor.keyboard.press("Delete")
    assert editor.locator("#area-canvas circle.handle").count() == 5
    with editor.expect_navigation():
        editor.get_by_role("button", name="保存区域").click()
    assert "已保存 1 篇稿件的区域。" in editor.locator("ul.messagelist").inner_text()
    second.refresh_from_db()
    (polygon,) = second.areas
    assert polygon[0] == pytest.approx([0.41, 0.456]) and polygon[-1] == pytest.approx([0.41, 0.556])
    assert len(polygon) == 5
    assert Article.objects.get(page=page, position=1).areas == []
    assert not errors, errors


def test_the_mouse_draws_and_deletes_areas(browser, live_server, settings, tmp_path, users):
    """A rectangle dragged out, a polygon clicked corner by corner, each given to an article; an
    area deleted; an area left without an article stops the save until it has one."""
    settings.MEDIA_ROOT = tmp_path
    page = factories.edition(published=False, pages=1, articles_per_page=2).pages.get()
    upload = png_upload("01.png", size=(300, 420))
    page.image.save(upload.name, upload)
    one, two = Article.objects.filter(page=page).order_by("position")
    Article.objects.filter(pk=one.pk).update(areas=[[[0.5, 0.5], [0.9, 0.5], [0.9, 0.9], [0.5, 0.9]]])

    editor = logged_in_page(browser, live_server, "bian")
    editor.set_viewport_size({"width": 1280, "height": 1600})  # the whole page image in view
    errors = []
    editor.on("pageerror", lambda error: errors.append(str(error)))
    editor.on("dialog", lambda dialog: dialog.accept())  # 删除这个区域？
    serve_media(editor, tmp_path)
    editor.goto(live_server.url + reverse("admin:editions_page_areas", args=[page.pk]))
    editor.wait_for_function("document.getElementById('area-image').complete")
    box = editor.locator("#area-image").bounding_box()
    assert box["y"] + box["height"] <= 1600

    def at(x, y):
        return box["x"] + x * box["width"], box["y"] + y * box["height"]

    # The stored area: selected by a click inside it, then deleted.
    editor.mouse.click(*at(0.7, 0.7))
    editor.get_by_role("button", name="删除区域").click()
    assert editor.locator("#area-canvas g.area").count() == 0

    # A rectangle, dragged out with 画矩形, for the second article.
    editor.locator("#area-article").select_option(str(two.pk))
    editor.get_by_role("button", name="画矩形").click()
    editor.mouse.move(*at(0.1, 0.1))
    editor.mouse.down()
    editor.mouse.move(*at(0.3, 0.2), steps=4)
    editor.mouse.up()

    # A polygon of five corners, not yet given to an article.
    editor.mouse.click(*at(0.95, 0.95))  # nothing there: nothing selected
    editor.locator("#area-article").select_option("")
    editor.get_by_role("button", name="画多边形").click()
    for x, y in ((0.1, 0.5), (0.4, 0.5), (0.4, 0.6), (0.25, 0.7), (0.1, 0.6)):
        editor.mouse.click(*at(x, y))
    editor.keyboard.press("Enter")
    assert editor.locator("#area-canvas g.area").count() == 2
    editor.get_by_role("button", name="保存区域").click()
    assert "1 个区域没有指定稿件" in editor.locator("#area-status").inner_text()
    editor.locator("#area-article").select_option(str(one.pk))  # the polygon is still selected
    with editor.expect_navigation():
        editor.get_by_role("button", name="保存区域").click()
    assert "已保存 2 篇稿件的区域。" in editor.locator("ul.messagelist").inner_text()

    one.refresh_from_db()
    two.refresh_from_db()
    (rectangle,) = two.areas
    assert flat(rectangle) == pytest.approx(flat([[0.1, 0.1], [0.3, 0.1], [0.3, 0.2], [0.1, 0.2]]), abs=0.005)
    (polygon,) = one.areas
    corners = [[0.1, 0.5], [0.4, 0.5], [0.4, 0.6], [0.25, 0.7], [0.1, 0.6]]
    assert flat(polygon) == pytest.approx(flat(corners), abs=0.005)
    assert not errors, errors
