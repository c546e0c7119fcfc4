"""Every admin page an editor opens answers, and lists cost the same queries however long they are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Byline, Contributor
from editions.models import Edition, Page, Publication
from tests.articles import factories

pytestmark = pytest.mark.django_db

MODELS = [
    ("editions", "publication", Publication),
    ("editions", "edition", Edition),
    ("editions", "page", Page),
    ("articles", "article", Article),
    ("articles", "byline", Byline),
    ("articles", "contributor", Contributor),
]


@pytest.fixture
def edition():
    return factories.edition()


@pytest.mark.parametrize(("app", "model", "cls"), MODELS)
def test_changelist_add_change_and_history_answer(staff_client, edition, app, model, cls):
    obj = cls.objects.order_by("pk").first()
    urls = [
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_add"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    ]
    if model != "publication":
        urls.append(reverse(f"admin:{app}_{model}_history", args=[obj.pk]))
    for url in urls:
        response = staff_client.get(url)
        assert response.status_code == 200, url


def test_changelist_search_and_filters_answer(staff_client, edition):
    base = reverse("admin:articles_article_changelist")
    for query in ["?q=李军", "?q=新闻标题", "?kind__exact=news", f"?page__edition__date={edition.date}"]:
        assert staff_client.get(base + query).status_code == 200, query
    response = staff_client.get(base + "?q=李军")
    assert response.context["cl"].result_count == 6
    editions = reverse("admin:editions_edition_changelist")
    assert staff_client.get(editions + "?status__exact=published&date__year=2023").status_code == 200


def test_article_list_shows_placement_and_bylines(staff_client, edition):
    response = staff_client.get(reverse("admin:articles_article_changelist"))
    content = response.content.decode()
    assert "第1版第2条新闻标题" in content
    assert "李军" in content
    assert "2023年8月9日" in content or "2023-08-09" in content


def test_edition_list_counts_pages_and_articles(staff_client, edition):
    response = staff_client.get(reverse("admin:editions_edition_changelist"))
    row = response.context["cl"].result_list[0]
    assert (row.page_total, row.article_total) == (2, 6)


def test_dump_text_is_escaped_in_admin(staff_client, edition):
    article = Article.objects.first()
    article.headline = "<script>alert(1)</script>"
    article.save()
    contributor = Contributor.objects.get()
    response = staff_client.get(reverse("admin:articles_article_changelist"))
    assert b"<script>alert(1)</script>" not in response.content
    response = staff_client.get(reverse("admin:articles_contributor_change", args=[contributor.pk]))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:editions_edition_changelist",
        "admin:editions_page_changelist",
        "admin:articles_article_changelist",
        "admin:articles_byline_changelist",
        "admin:articles_contributor_changelist",
        "admin:editions_publication_changelist",
    ],
)
def test_changelist_query_count_does_not_grow_with_rows(staff_client, url_name, django_assert_num_queries):
    url = reverse(url_name)
    factories.edition(date=datetime.date(2023, 8, 1), pages=1, articles_per_page=1)
    staff_client.get(url)  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for day in range(2, 5):
        factories.edition(date=datetime.date(2023, 8, day), pages=3, articles_per_page=4)
    Contributor.objects.create(name="尹照", slug="yin-zhao", organization="通讯员")
    with django_assert_num_queries(len(few)):
        assert staff_client.get(url).status_code == 200
