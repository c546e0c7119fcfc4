"""A continuation (转版后续) links two parts of one story printed in one edition on two pages, and
every article picker shows date, page and position beside the headline."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import services
from articles.models import Article, Byline
from tests.articles import factories
from tests.articles.admin_helpers import action_post, article_post_data

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")


@pytest.fixture
def edition():
    return factories.edition(published=False, pages=2, articles_per_page=2)


@pytest.fixture
def other_day():
    return factories.edition(date=datetime.date(2023, 8, 10), published=False, pages=2, articles_per_page=2)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_a_part_on_the_same_page_or_in_another_edition_is_refused(edition, other_day):
    first = Article.objects.get(page__edition=edition, page__number=1, position=1)
    same_page = Article.objects.get(page__edition=edition, page__number=1, position=2)
    elsewhere = Article.objects.get(page__edition=other_day, page__number=2, position=1)
    fine = Article.objects.get(page__edition=edition, page__number=2, position=1)
    for wrong, message in ((same_page, "另一个版面"), (elsewhere, "同一期")):
        first.next_part = wrong
        with pytest.raises(ValidationError, match=message):
            first.full_clean()
    first.next_part = fine
    first.full_clean()


def test_the_form_offers_only_free_parts_of_its_edition_on_other_pages(staff_client, edition, other_day):
    first = Article.objects.get(page__edition=edition, page__number=1, position=1)
    taken = Article.objects.get(page__edition=edition, page__number=2, position=2)
    Article.objects.filter(page__edition=edition, page__number=1, position=2).update(next_part=taken)
    free = Article.objects.get(page__edition=edition, page__number=2, position=1)
    field = staff_client.get(change_url(first)).context["adminform"].form.fields["next_part"]
    assert list(field.queryset) == [free]
    labels = [label for _, label in field.choices if label != "---------"]
    assert labels == ["2023-08-09 02版 第1篇：第2版第1条新闻标题"]

    data = article_post_data(first, next_part=str(taken.pk))
    assert staff_client.post(change_url(first), data).status_code == 200
    other = Article.objects.get(page__edition=other_day, page__number=2, position=1)
    data = article_post_data(first, next_part=str(other.pk))
    assert staff_client.post(change_url(first), data).status_code == 200
    first.refresh_from_db()
    assert first.next_part is None


def test_the_link_action_refuses_two_parts_on_one_page(staff_client, edition):
    first, second = Article.objects.filter(page__edition=edition, page__number=1)
    response = staff_client.post(ARTICLES, action_post("link_continuation", [first, second]), follow=True)
    assert "另一个版面" in response.content.decode()
    first.refresh_from_db()
    assert first.next_part is None


@pytest.mark.parametrize("where", ["same page", "other day"])
def test_the_link_service_refuses_what_the_action_refuses(staff_user, edition, other_day, where):
    """Whoever calls it (the admin's action, a command, a test): both parts in one edition, on
    two pages, or nothing is linked."""
    first = Article.objects.get(page__edition=edition, page__number=1, position=1)
    days = {"same page": edition, "other day": other_day}
    second = Article.objects.get(
        page__edition=days[where], page__number=1 if where == "same page" else 2, position=2
    )
    with pytest.raises(ValidationError):
        services.link_parts(first, second, user=staff_user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.next_part_id, first.continued_to_label, second.continued_from_label) == (None, "", "")


def test_the_previous_part_is_shown_with_its_place(staff_client, edition):
    first = Article.objects.get(page__edition=edition, page__number=1, position=2)
    second = Article.objects.get(page__edition=edition, page__number=2, position=1)
    first.next_part = second
    first.save()
    content = staff_client.get(change_url(second)).content.decode()
    assert "2023-08-09 01版 第2篇：第1版第2条新闻标题" in content


def test_a_byline_s_article_is_picked_by_its_place(staff_client, edition, other_day):
    byline = Byline.objects.filter(article__page__edition=other_day).first()
    url = reverse("admin:articles_byline_change", args=[byline.pk])
    content = staff_client.get(url).content.decode()
    article = byline.article
    assert f"2023-08-10 {article.page.label}版 第{article.position}篇：{article.headline}" in content
    picker = reverse("admin:articles_article_autocomplete")
    response = staff_client.get(
        picker,
        {"term": "第2版第1条", "app_label": "articles", "model_name": "byline", "field_name": "article"},
    )
    texts = sorted(result["text"] for result in json.loads(response.content)["results"])
    assert texts == [
        "2023-08-09 02版 第1篇：第2版第1条新闻标题",
        "2023-08-10 02版 第1篇：第2版第1条新闻标题",
    ]
    listing = staff_client.get(reverse("admin:articles_byline_changelist")).content.decode()
    assert "2023-08-10 01版 第1篇：第1版第1条新闻标题" in listing


def test_the_move_confirmation_lists_articles_with_their_places(staff_client, edition):
    article = Article.objects.get(page__edition=edition, page__number=1, position=2)
    response = staff_client.post(ARTICLES, action_post("move_to_page", [article]))
    assert "2023-08-09 01版 第2篇：" in response.content.decode()


def test_the_pages_an_editor_types_for_a_continuation_are_labels_as_the_import_writes_them(
    staff_client, edition
):
    article = Article.objects.get(page__number=1, position=1)
    data = article_post_data(article, continued_to_label="2", continued_from_label=" a3 ")
    assert staff_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.continued_to_label, article.continued_from_label) == ("02", "A3")
