"""The parser's doubts in the admin: in the import preview, on the article's page, counted in the
lists of editions, pages and articles, the 需核对 filter, cleared when fixed or accepted; and
确认核对 for desk chiefs before an edition with open doubts is published."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from editions.models import Edition
from importer.core.draft import DoubtKind
from importer.models import ArticleDoubt
from tests.articles import factories
from tests.articles.admin_helpers import action_post, article_post_data, member_of
from tests.importer.admin_helpers import IMPORT, confirm_data, upload

pytestmark = pytest.mark.django_db

PAGE = """城市新闻

公交新线今天开通

本报讯（记者 张三）今天起，城区新开一条公交线路，方便市民出行。

沿线居民表示很方便。
"""


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "编辑", "editor")


@pytest.fixture
def chief(django_user_model):
    return member_of(django_user_model, "值班主任", "desk-chief")


def import_page(client, text=PAGE):
    dump = SimpleUploadedFile("01.txt", text.encode("utf-8"), content_type="text/plain")
    preview = upload(client, dump)
    response = client.post(IMPORT, confirm_data(preview, _import="1"))
    return preview, response


def test_a_doubt_shows_in_the_preview_and_on_the_article_s_page(editor):
    client = logged_in(editor)
    preview, response = import_page(client)
    doubt = ArticleDoubt.objects.get()
    assert doubt.kind == DoubtKind.TITLE_SPLIT and doubt.lines
    assert doubt.message in preview.content.decode()
    # The summary tells the editor how many doubts are open.
    assert "待核对 1 处" in next(str(m) for m in client.get(response.url).context["messages"])
    page = client.get(reverse("admin:articles_article_change", args=[doubt.article_id])).content.decode()
    assert doubt.message in page and "已核对" in page and doubt.lines[0] in page


def test_doubts_are_counted_and_filtered_in_the_lists(editor):
    client = logged_in(editor)
    import_page(client)
    factories.edition(date=datetime.date(2023, 8, 1), pages=1, articles_per_page=2)
    editions = client.get(reverse("admin:editions_edition_changelist")).context["cl"].result_list
    assert sorted(e.open_doubts for e in editions) == [0, 1]
    pages = client.get(reverse("admin:editions_page_changelist")).context["cl"].result_list
    assert sorted(p.open_doubts for p in pages) == [0, 1]
    articles = client.get(reverse("admin:articles_article_changelist"), {"doubts": "open"})
    assert [a.headline for a in articles.context["cl"].result_list] == ["公交新线今天开通"]
    others = client.get(reverse("admin:articles_article_changelist"), {"doubts": "none"})
    assert len(others.context["cl"].result_list) == 2
    doubts = client.get(reverse("admin:importer_articledoubt_changelist"), {"open": "1"})
    assert len(doubts.context["cl"].result_list) == 1
    opened = client.get(reverse("admin:editions_edition_changelist"), {"doubts": "open"})
    assert [e.date for e in opened.context["cl"].result_list] == [datetime.date(2023, 8, 9)]


def test_a_doubt_clears_when_the_editor_fixes_the_title(editor):
    client = logged_in(editor)
    import_page(client)
    article = Article.objects.get()
    url = reverse("admin:articles_article_change", args=[article.pk])
    # Saved as it is (another field changed), the title's doubt stays open.
    assert client.post(url, article_post_data(article, tags="公交")).status_code == 302
    assert ArticleDoubt.objects.get().is_open
    article.refresh_from_db()
    response = client.post(url, article_post_data(article, kicker="", headline="城市新闻：公交新线今天开通"))
    assert response.status_code == 302
    doubt = ArticleDoubt.objects.get()
    assert (doubt.cleared_how, doubt.cleared_by) == ("fixed", editor)


def test_a_doubt_clears_when_the_editor_accepts_it(editor):
    client = logged_in(editor)
    import_page(client)
    article = Article.objects.get()
    accept = reverse("admin:articles_article_accept_doubts", args=[article.pk])
    assert client.get(accept).status_code == 403
    assert client.post(accept).status_code == 302
    assert ArticleDoubt.objects.get().cleared_how == "accepted"
    assert (
        client.get(reverse("admin:editions_edition_changelist")).context["cl"].result_list[0].open_doubts == 0
    )


def test_publishing_waits_for_the_desk_chief_s_confirmation(editor, chief):
    import_page(logged_in(editor))
    edition = Edition.objects.get()
    changelist = reverse("admin:editions_edition_changelist")
    editor_actions = logged_in(editor).get(changelist).context["action_form"]
    assert editor_actions is None or "confirm_doubts" not in dict(editor_actions.fields["action"].choices)
    client = logged_in(chief)
    response = client.post(changelist, action_post("publish_now", [edition]), follow=True)
    assert "有 1 个待核对问题" in response.content.decode()
    assert Edition.objects.get().status == Edition.Status.DRAFT
    change = reverse("admin:editions_edition_change", args=[edition.pk])
    assert "发布前需值班主任确认核对" in client.get(change).content.decode()
    client.post(changelist, action_post("confirm_doubts", [edition]))
    assert edition.doubt_confirmation.confirmed_by == chief
    page = client.get(change).content.decode()
    assert "确认核对（当时 1 处）" in page and "发布前需" not in page
    client.post(changelist, action_post("publish_now", [edition]))
    assert Edition.objects.get().status == Edition.Status.PUBLISHED


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:editions_edition_changelist",
        "admin:editions_page_changelist",
        "admin:articles_article_changelist",
        "admin:importer_articledoubt_changelist",
    ],
)
def test_lists_with_doubts_cost_a_fixed_number_of_queries(staff_client, url_name):
    def with_doubts(day):
        edition = factories.edition(date=datetime.date(2023, 8, day), pages=2, articles_per_page=2)
        for article in Article.objects.filter(page__edition=edition):
            ArticleDoubt.objects.create(article=article, kind=DoubtKind.BOUNDARY, message="分界不确定")

    url = reverse(url_name)
    with_doubts(1)
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for day in range(2, 5):
        with_doubts(day)
    with CaptureQueriesContext(connection) as many:
        assert staff_client.get(url).status_code == 200
    assert len(many) == len(few)


def test_splitting_the_title_fixes_a_doubt_about_it(editor):
    client = logged_in(editor)
    import_page(client)
    article = Article.objects.get()
    url = reverse("admin:articles_article_split_title", args=[article.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(kicker="", headline=f"{article.kicker}：{article.headline}")
    assert client.post(url, data).status_code == 302
    assert ArticleDoubt.objects.get().cleared_how == "fixed"


def test_a_title_changed_in_the_page_s_list_of_articles_fixes_its_doubt(staff_client):
    import_page(staff_client)
    article = Article.objects.get()
    url = reverse("admin:editions_page_change", args=[article.page_id])
    form = staff_client.get(url).context["adminform"].form
    inline = staff_client.get(url).context["inline_admin_formsets"]
    data = {name: form[name].value() or "" for name in form.fields}
    for formset in inline:
        management = formset.formset.management_form
        data.update({f"{management.prefix}-{k}": v or "" for k, v in management.initial.items()})
        for sub in formset.formset.forms:
            data.update({sub.add_prefix(k): sub[k].value() or "" for k in sub.fields})
    prefix = next(f.formset.prefix for f in inline if f.formset.model is Article)
    data[f"{prefix}-0-kicker"] = ""
    data[f"{prefix}-0-headline"] = "城市新闻：公交新线今天开通"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert ArticleDoubt.objects.get().cleared_how == "fixed"
