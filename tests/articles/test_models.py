"""The articles' rules: positions on a page, bylines, contributors, continuation links, addresses."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Byline, Contributor
from editions.models import Page
from tests.articles import factories

pytestmark = pytest.mark.django_db


def test_two_articles_cannot_share_a_position_on_a_page():
    page = factories.edition(pages=1, articles_per_page=1).pages.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(page=page, position=1, headline="另一条")


def test_a_contributor_has_one_byline_per_role_on_an_article():
    article = (
        Article.objects.select_related("page").first() or factories.edition().pages.first().articles.first()
    )
    reporter = article.bylines.get().contributor
    with pytest.raises(IntegrityError), transaction.atomic():
        Byline.objects.create(article=article, contributor=reporter, role="reporter")
    Byline.objects.create(article=article, contributor=reporter, role="photographer")


def test_same_name_in_two_organisations_is_two_contributors():
    Contributor.objects.create(name="孙超", organization="人民日报", slug="sun-chao-rmrb")
    Contributor.objects.create(name="孙超", organization="", slug="sun-chao")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contributor.objects.create(name="孙超", organization="人民日报", slug="sun-chao-2")


def test_str_touches_no_relation(django_assert_num_queries):
    ed = factories.edition(pages=1, articles_per_page=1)
    page = Page.objects.get(edition=ed)
    article = Article.objects.get(page=page)
    byline = Byline.objects.get(article=article)
    with django_assert_num_queries(0):
        assert str(ed) == "2023-08-09"
        assert str(page) == "01版：要闻"
        assert str(article) == article.headline
        assert str(byline)


def test_continuation_links_from_columns_match_the_parts_own_addresses():
    from tests.articles import sitedata

    edition = sitedata.continued_edition()
    first = Article.objects.get(page__edition=edition, page__number=1, position=1)
    second = Article.objects.get(page__edition=edition, page__number=2, position=1)
    lone = Article.objects.get(page__edition=edition, page__number=1, position=2)
    linked = {a.pk: a for a in Article.objects.with_continuation_links()}
    assert linked[first.pk].next_part_url == second.get_absolute_url()
    assert linked[second.pk].previous_part_url == first.get_absolute_url()
    assert linked[first.pk].previous_part_url is None
    assert linked[lone.pk].next_part_url is None and linked[lone.pk].previous_part_url is None
    # Without the columns, the relation gives the same addresses.
    assert first.next_part_url == second.get_absolute_url()
    assert Article.objects.get(pk=second.pk).previous_part_url == first.get_absolute_url()
    assert lone.next_part_url is None and lone.previous_part_url is None


def test_addresses_follow_the_urlconf_and_a_changed_label():
    from django.urls import reverse

    edition = factories.edition(pages=1, articles_per_page=1)
    article = Article.objects.select_related("page__edition__publication").get(page__edition=edition)
    page = article.page
    assert page.get_absolute_url() == reverse(
        "editions:page", kwargs={"publication": "zhuzhou-daily", "date": edition.date, "label": page.label}
    )
    assert article.get_absolute_url() == reverse(
        "articles:article",
        kwargs={"publication": "zhuzhou-daily", "date": edition.date, "label": page.label, "pk": article.pk},
    )
    page.label = "A1"  # an editor renames the page: the same object gives the new address at once
    assert page.get_absolute_url().endswith("/A1/")
    assert article.get_absolute_url().endswith(f"/A1/{article.pk}/")
