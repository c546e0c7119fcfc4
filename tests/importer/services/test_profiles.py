"""A publication's profile is what the importer reads its pages with: the defaults until one is
stored, the stored one from then on, an earlier version again once restored."""

import pytest
from django.core.management import call_command

from articles.models import Article
from importer.core.profile import Profile
from importer.models import PageDump, PublicationProfile
from importer.services.profiles import profile_for, save_profile
from tests.articles import factories

pytestmark = pytest.mark.django_db

PAGE = """城市新闻

公交新线今天开通

晨光讯（记者 张三）今天起，城区新开一条公交线路，方便市民出行。

沿线居民表示很方便。
"""


def with_agency(word):
    data = Profile().to_dict()
    data["conventions"]["dateline_agencies"] = [*data["conventions"]["dateline_agencies"], word]
    return Profile.from_dict(data)


def import_page(tmp_path, slug):
    dump = tmp_path / "01.txt"
    dump.write_text(PAGE, encoding="utf-8")
    call_command("import_edition", str(dump), "--date", "2026-03-28", "--publication", slug, "--replace")
    return Article.objects.get(page__edition__publication__slug=slug, headline="公交新线今天开通")


def test_without_a_stored_profile_the_defaults_read_the_pages():
    assert profile_for("nowhere") == Profile()
    factories.publication()
    assert profile_for("zhuzhou-daily") == Profile()


def test_a_profile_change_alters_the_next_import(tmp_path, django_user_model):
    publication = factories.publication("morning", "晨光报")
    before = import_page(tmp_path, "morning")
    assert before.dateline == "" and before.bylines.count() == 0
    user = django_user_model.objects.create_user("chief")
    save_profile(publication, with_agency("晨光"), user=user, note="加电头“晨光讯”")
    after = import_page(tmp_path, "morning")
    assert after.dateline == "晨光讯"
    assert [b.contributor.name for b in after.bylines.all()] == ["张三"]
    # The page's text is kept with the edition, as the import read it.
    assert PageDump.objects.get(edition=after.page.edition).text.startswith("城市新闻")
    # Another paper's pages are read as before.
    factories.publication("other", "别的报")
    assert import_page(tmp_path, "other").dateline == ""


def test_every_version_is_kept_and_an_earlier_one_restored(django_user_model):
    publication = factories.publication()
    user = django_user_model.objects.create_user("chief")
    save_profile(publication, with_agency("晨光"), user=user, note="第一版")
    row = save_profile(publication, with_agency("快报"), user=user, note="第二版", scores={"holdout": 0.9})
    versions = list(row.history.order_by("history_date"))
    assert [v.note for v in versions] == ["第一版", "第二版"]
    assert [v.history_change_reason for v in versions] == ["第一版", "第二版"]
    assert versions[1].scores == {"holdout": 0.9}
    versions[0].instance.save()
    assert "晨光" in profile_for(publication.slug).conventions.dateline_agencies
    assert "快报" not in PublicationProfile.objects.get().profile.conventions.dateline_agencies
