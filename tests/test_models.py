import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Byline, Contributor
from editions.models import Edition, Page, Publication
from tests import factories

pytestmark = pytest.mark.django_db


def test_second_edition_for_same_publication_and_date_is_refused():
    pub = factories.publication()
    Edition.objects.create(publication=pub, date=datetime.date(2023, 8, 9))
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.create(publication=pub, date=datetime.date(2023, 8, 9))


def test_same_date_in_another_publication_is_fine():
    Edition.objects.create(publication=factories.publication(), date=datetime.date(2023, 8, 9))
    other = factories.publication(slug="peoples-daily", name="人民日报")
    Edition.objects.create(publication=other, date=datetime.date(2023, 8, 9))
    assert Edition.objects.count() == 2


def test_duplicate_page_number_and_label_are_refused():
    ed = Edition.objects.create(publication=factories.publication(), date=datetime.date(2023, 8, 9))
    Page.objects.create(edition=ed, number=1, label="01")
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(edition=ed, number=1, label="02")
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(edition=ed, number=2, label="01")


def test_published_edition_needs_a_publication_time():
    ed = Edition(publication=factories.publication(), date=datetime.date(2023, 8, 9), status="published")
    with pytest.raises(IntegrityError), transaction.atomic():
        ed.save()


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


def test_scheduled_edition_becomes_visible_at_its_time():
    ed = Edition.objects.create(publication=factories.publication(), date=datetime.date(2023, 8, 10))
    at = timezone.now() + datetime.timedelta(hours=6)
    ed.publish(at=at)
    ed.save()
    assert ed.is_scheduled and not ed.is_visible
    assert not Edition.objects.published().exists()
    assert Edition.objects.published(now=at + datetime.timedelta(seconds=1)).get() == ed


def test_default_publication_is_created_once():
    first = Publication.objects.default()
    assert (first.slug, first.name) == ("zhuzhou-daily", "株洲日报")
    assert Publication.objects.default() == first
    assert Publication.objects.count() == 1


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
    from tests import sitedata

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
