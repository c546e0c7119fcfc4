"""The editions' own rules: one edition per publication and date, pages, publishing times."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from editions.models import Edition, Page, Publication
from tests.articles import factories

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
