"""An editor and a desk chief in headless Chromium: the editor changes a published article (its
continuation picker offering only the edition's parts on other pages, by place), reads that the
change waits, and the reader still sees the old headline; the desk chief opens 待审修改, approves,
and the reader sees the new one."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles import factories
from tests.browser.conftest import logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_s_change_waits_for_the_desk_chief(browser, live_server, users):
    edition = factories.edition(published=True, pages=2, articles_per_page=2)
    article = Article.objects.get(page__edition=edition, page__number=1, position=1)
    change = live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    reader = browser.new_context(locale="zh-CN").new_page()
    public = live_server.url + article.get_absolute_url()

    editor = logged_in_page(browser, live_server, "bian")
    errors = []
    editor.on("pageerror", lambda error: errors.append(f"{editor.url}: {error}"))
    editor.goto(change)
    options = editor.locator("select[name=next_part] option").all_inner_texts()
    assert [o for o in options if o.strip("-")] == [
        "2023-08-09 02版 第1篇：第2版第1条新闻标题",
        "2023-08-09 02版 第2篇：第2版第2条新闻标题",
    ]
    editor.fill("input[name=headline]", "编辑改过的标题")
    with editor.expect_navigation():
        editor.locator("input[name=_save]").click()
    assert editor.url == change
    assert "等待值班主任审核" in editor.locator("ul.messagelist").first.inner_text()
    assert editor.locator("#pending-revisions").is_visible()
    reader.goto(public)
    assert reader.locator("h1.headline").inner_text().strip() == "第1版第1条新闻标题"

    chief = logged_in_page(browser, live_server, "desk")
    chief.goto(live_server.url + reverse("admin:articles_revision_changelist"))
    with chief.expect_navigation():
        chief.locator("#result_list tbody a").first.click()
    assert "编辑改过的标题" in chief.locator(".revision-changes").inner_text()
    with chief.expect_navigation():
        chief.get_by_role("button", name="采用并生效").click()
    assert chief.url == change
    reader = browser.new_context(locale="zh-CN").new_page()  # the first one's browser cache holds the page
    reader.goto(public)
    assert reader.locator("h1.headline").inner_text().strip() == "编辑改过的标题"
    assert not errors, errors
