"""A desk chief in headless Chromium: logs in through the admin's login form, imports the seed page
through the import page (preview, then import), splits a title in the article (which fixes the
parser's doubt about it), confirms the doubts left open (确认核对), publishes the
edition from the list, and reads the change on the public page as an anonymous reader.

Launches Chromium as every browser test does (conftest.py) and skips, with the reason printed,
where Playwright or the browser is missing."""

import pytest
from django.urls import reverse

from articles.models import Article
from editions.models import Edition, Publication
from importer.models import ArticleDoubt
from tests.conftest import SEED
from tests.roles import newsroom_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1"
HEADLINE = "湘赣边最大独立共享储能电站 并网投运"


@pytest.fixture
def desk_chief(django_user_model):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    Publication.objects.default()
    user = django_user_model.objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.groups.add(newsroom_group("值班主任"))
    return user


def test_an_editor_imports_fixes_publishes_and_reads(browser, live_server, desk_chief):
    admin = live_server.url + reverse("admin:index")
    page = browser.new_page(locale="zh-CN")
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

    page.goto(admin)
    page.fill("#id_username", "desk")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    assert page.url == admin

    page.goto(live_server.url + reverse("admin:editions_edition_import"))
    page.set_input_files("input[name=files]", str(SEED))
    page.select_option("select[name=publication]", label=Publication.objects.default().name)
    page.fill("input[name=date]", "2023-08-09")
    with page.expect_navigation():
        page.get_by_role("button", name="预览").click()
    page.get_by_text(HEADLINE).first.wait_for()  # the preview shows the parsed article
    assert not Edition.objects.exists()  # the preview writes nothing
    with page.expect_navigation():
        page.get_by_role("button", name="导入", exact=True).click()
    edition = Edition.objects.get(date="2023-08-09")
    assert edition.status == Edition.Status.DRAFT
    article = Article.objects.get(page__edition=edition, headline=HEADLINE)

    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.get_by_role("link", name="拆分标题").click()
    page.fill("input[name=kicker]", "湘赣边最大独立共享储能电站")
    page.fill("input[name=headline]", "并网投运")
    page.fill("input[name=subheadline]", "")
    page.locator(".submit-row input[type=submit]").click()
    page.wait_for_url(f"**{reverse('admin:articles_article_change', args=[article.pk])}")
    article.refresh_from_db()
    assert (article.kicker, article.headline) == ("湘赣边最大独立共享储能电站", "并网投运")

    # The parser's doubts left open: the desk chief confirms the edition may go out, then publishes.
    assert article.doubts.open().count() == 0
    assert ArticleDoubt.objects.open().filter(article__page__edition=edition).exists()
    page.goto(live_server.url + reverse("admin:editions_edition_changelist"))
    for action in ("confirm_doubts", "publish_now"):
        page.locator(f"input[name=_selected_action][value='{edition.pk}']").check()
        page.select_option("select[name=action]", action)
        with page.expect_navigation():
            page.locator("button[name=index], .actions button[type=submit]").first.click()
    edition.refresh_from_db()
    assert edition.is_visible

    reader = browser.new_context(locale="zh-CN").new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.locator("h1.headline").inner_text().strip() == "并网投运"
    assert "湘赣边最大独立共享储能电站" in reader.locator("main").inner_text()
    reader.goto(live_server.url + edition.pages.get(label="01").get_absolute_url())
    assert "并网投运" in reader.locator("main").inner_text()
    assert not errors, errors
