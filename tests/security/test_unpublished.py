"""Unpublished work never reaches a reader: not a contributor's name who appears only in drafts,
scheduled or withdrawn editions (their feeds), not a paper that has only drafts (the search form,
its archive), not a continued story's other part in another edition (issue 14, item 13)."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline, Contributor
from editions.models import Edition, Page
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data

pytestmark = pytest.mark.django_db

SECRET_NAME = "未刊作者"
SECRET_PAPER = "未刊周报"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def draft():
    return factories.edition(date=datetime.date(2023, 8, 10), pages=1, articles_per_page=1, published=False)


def scheduled():
    edition = draft()
    edition.publish(at=timezone.now() + datetime.timedelta(days=1))
    edition.save()
    return edition


def withdrawn():
    edition = factories.edition(date=datetime.date(2023, 8, 10), pages=1, articles_per_page=1)
    edition.unpublish()
    edition.save()
    return edition


def signed_in(edition, name=SECRET_NAME):
    contributor = Contributor.objects.create(name=name, slug="wei-kan")
    for article in Article.objects.filter(page__edition=edition):
        Byline.objects.create(article=article, contributor=contributor, role="reporter")
    return contributor


@pytest.mark.parametrize("unpublished", [draft, scheduled, withdrawn])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_contributor_only_in_unpublished_editions_has_no_feed(client, unpublished, kind):
    factories.edition()  # something published, so the site has feeds at all
    contributor = signed_in(unpublished())
    response = client.get(reverse(f"articles:contributor_feed_{kind}", kwargs={"slug": contributor.slug}))
    assert response.status_code == 404
    assert SECRET_NAME not in response.content.decode()
    assert client.get(reverse("articles:contributor", kwargs={"slug": contributor.slug})).status_code == 404


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_published_contributors_feed_lists_published_stories_only(client, kind):
    published = factories.edition()
    contributor = signed_in(draft())
    article = Article.objects.filter(page__edition=published).first()
    article.headline = "已见报的稿件"
    article.save()
    Byline.objects.create(article=article, contributor=contributor, role="author")
    response = client.get(reverse(f"articles:contributor_feed_{kind}", kwargs={"slug": contributor.slug}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "已见报的稿件" in body
    assert body.count("<item>" if kind == "rss" else "<entry>") == 1


def draft_paper():
    paper = factories.publication(slug="weekly", name=SECRET_PAPER)
    factories.edition(
        date=datetime.date(2023, 8, 12), pages=1, articles_per_page=1, published=False, pub=paper
    )
    return paper


def test_a_paper_with_drafts_only_is_not_in_the_search_form(client):
    factories.edition()
    draft_paper()
    response = client.get(reverse("articles:search"))
    assert SECRET_PAPER not in response.content.decode()
    assert "株洲日报" in response.content.decode()
    # Asked for by its slug, it is not a choice (the form says so; nothing is searched).
    response = client.get(reverse("articles:search"), {"q": "新闻", "publication": "weekly"})
    assert SECRET_PAPER not in response.content.decode()
    assert response.context["hits"] == []


@pytest.mark.parametrize("query", ["", "?month=2023-08", "?date=2023-08-12", "?date=2023-08-13"])
def test_a_paper_with_drafts_only_has_no_archive_for_readers(client, staff_user, query):
    factories.edition()
    paper = draft_paper()
    url = reverse("editions:archive", kwargs={"publication": paper.slug}) + query
    response = client.get(url)
    assert response.status_code == 404
    assert SECRET_PAPER not in response.content.decode()
    client.force_login(staff_user)
    assert client.get(url).status_code in (200, 302)  # editors see their drafts


def test_a_published_paper_keeps_its_archive_in_a_month_without_editions(client):
    factories.edition()
    url = reverse("editions:archive", kwargs={"publication": "zhuzhou-daily"}) + "?month=2021-01"
    assert client.get(url).status_code == 200


def two_editions():
    published = factories.edition(pages=1, articles_per_page=2)
    other = draft()
    first = Article.objects.filter(page__edition=published).order_by("position").first()
    return published, first, Article.objects.get(page__edition=other)


def test_the_admin_refuses_a_continuation_into_another_edition(staff_client):
    _published, first, elsewhere = two_editions()
    data = article_post_data(first, next_part=str(elsewhere.pk), continued_to_label="01")
    response = staff_client.post(reverse("admin:articles_article_change", args=[first.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["next_part"]
    first.refresh_from_db()
    assert first.next_part_id is None


def test_the_admin_takes_a_continuation_within_the_edition(staff_client):
    published, first, _elsewhere = two_editions()
    second = Article.objects.filter(page__edition=published).order_by("position").last()
    # On another page of the edition: a story does not go on on its own page.
    page = Page.objects.create(edition=published, number=2, label="02")
    Article.objects.filter(pk=second.pk).update(page=page)
    data = article_post_data(first, next_part=str(second.pk), continued_to_label="02")
    response = staff_client.post(reverse("admin:articles_article_change", args=[first.pk]), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.next_part_id == second.pk


def test_a_stored_link_into_another_edition_is_never_shown(client):
    """A link stored before the rule (or written around it) does not reach the published page."""
    published, first, elsewhere = two_editions()
    Article.objects.filter(pk=first.pk).update(next_part=elsewhere, continued_to_label="01")
    draft_url = elsewhere.get_absolute_url()
    for url in (first.get_absolute_url(), first.page.get_absolute_url()):
        body = client.get(url).content.decode()
        assert "下转01版" in body
        assert draft_url not in body
    # The draft's side does not link back to the published page either (editors preview it).
    first.refresh_from_db()
    assert first.next_part_url is None
    assert Article.objects.with_continuation_links().get(pk=elsewhere.pk).previous_part_url is None
    assert Edition.objects.get(pk=published.pk).is_visible


def test_an_image_uploaded_for_a_draft_is_not_found_by_guessing_its_name(staff_client):
    """Media are served to anyone who asks: a draft's page image stored as A01.png under the day's
    folder would be read by guessing; stored under its digest, it cannot be."""
    import re

    from tests.articles.admin_helpers import management, png_upload

    edition = draft()
    page = edition.pages.get()
    data = {"edition": str(edition.pk), "number": "1", "label": "01", "name": "", "editor": ""}
    data |= management("articles", 0) | {"image": png_upload("A01.png", size=(800, 1100))}
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert re.fullmatch(r"pages/\d{4}/\d\d/\d\d/A01-[0-9a-f]{12}\.png", page.image.name), page.image.name
