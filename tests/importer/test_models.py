"""The importer's own rows: a publication's profile with its history, page dumps, doubts, and the
newsroom's groups' permissions on them."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from importer.core.draft import DoubtKind
from importer.core.profile import Profile
from importer.models import ArticleDoubt, PageDump, PublicationProfile
from tests.articles import factories
from tests.articles.admin_helpers import member_of

pytestmark = pytest.mark.django_db


def test_the_doubt_kinds_are_the_core_s():
    assert ArticleDoubt.Kind.values == [kind.value for kind in DoubtKind]
    (check,) = [c for c in ArticleDoubt._meta.constraints if c.name == "articledoubt_kind_valid"]
    assert dict(check.condition.children)["kind__in"] == ArticleDoubt.Kind.values


def test_an_empty_profile_is_the_default_and_a_stored_one_reads_back():
    row = PublicationProfile.objects.create(publication=factories.publication())
    assert row.profile == Profile()
    data = Profile().to_dict()
    data["conventions"]["dateline_agencies"] = ["本报", "快报"]
    row.data = data
    row.save()
    row.refresh_from_db()
    assert row.profile.conventions.dateline_agencies == ("本报", "快报")
    assert row.history.count() == 2


def test_a_doubt_is_open_or_cleared_with_how():
    article = factories.edition(pages=1, articles_per_page=1).pages.get().articles.get()
    doubt = ArticleDoubt.objects.create(article=article, kind=DoubtKind.NO_TITLE, message="无标题")
    assert list(ArticleDoubt.objects.open()) == [doubt]
    with transaction.atomic(), pytest.raises(IntegrityError):
        ArticleDoubt.objects.filter(pk=doubt.pk).update(cleared_at=timezone.now())
    with transaction.atomic(), pytest.raises(IntegrityError):
        ArticleDoubt.objects.create(article=article, kind="made_up", message="?")
    ArticleDoubt.objects.filter(pk=doubt.pk).update(cleared_at=timezone.now(), cleared_how="accepted")
    assert not ArticleDoubt.objects.open().exists()


def test_one_dump_per_page_label_of_an_edition():
    edition = factories.edition()
    PageDump.objects.create(edition=edition, label="01", text="甲", fingerprint="x")
    with transaction.atomic(), pytest.raises(IntegrityError):
        PageDump.objects.create(edition=edition, label="01", text="乙", fingerprint="y")


def test_the_groups_permissions_on_the_importer_s_rows(django_user_model):
    editor = member_of(django_user_model, "编辑", "editor")
    chief = member_of(django_user_model, "值班主任", "desk-chief")
    assert editor.has_perm("importer.change_articledoubt")
    assert editor.has_perm("importer.view_publicationprofile")
    assert not editor.has_perm("importer.change_publicationprofile")
    assert not editor.has_perm("importer.confirm_doubts")
    assert chief.has_perm("importer.change_publicationprofile")
    assert chief.has_perm("importer.confirm_doubts")
