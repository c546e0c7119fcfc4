"""Nothing an editor did is lost to an import, and a backup restores the same site.

An editor's save and a re-import of the same edition are interleaved step by step through the
admin and the import service (both orders): the editor's change survives and the import reports
the article it kept. Backup and restore: `export_edition` of every edition, every edition removed,
`import_edition` of the exports, and every page and article reads as before."""

import datetime
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Contributor
from editions.models import Edition, Publication
from importer.core.draft import PublicationDraft
from importer.core.parser import parse_edition
from importer.services import import_edition, plan_import
from importer.services.plan import KEPT
from tests.articles.admin_helpers import article_post_data
from tests.conftest import CORPUS, SEED
from tests.importer import helpers as h

DATE = datetime.date(2023, 8, 9)
PAPER = PublicationDraft(slug="zhuzhou-daily", name="株洲日报")
OLD = "可缓解30万用户夏季高峰用电压力。"
NEW = "可缓解35万用户夏季高峰用电压力。"  # the print desk's correction in the next dump


def seed_draft(corrected=False):
    text = SEED.read_text(encoding="utf-8")
    if corrected:
        assert OLD in text
        text = text.replace(OLD, NEW)
    return parse_edition([("01", text)], publication=PAPER, date=DATE)


def storage_article():
    return Article.objects.get(page__edition__date=DATE, headline__contains="储能电站")


def body(article):
    return "".join(article.blocks.values_list("text", flat=True))


@pytest.fixture
def seed(db):
    cache.clear()
    import_edition(seed_draft(), publish=True, confirmed_by=h.desk_chief())
    return storage_article()


def editor_saves_headline(client, article, headline, data=None):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, data or article_post_data(article, headline=headline))


def test_editor_saves_then_a_corrected_dump_is_imported(staff_client, seed):
    response = editor_saves_headline(staff_client, seed, "湘赣边最大独立共享储能电站并网")
    assert response.status_code == 302, response.content.decode()[:2000]

    plan = plan_import(seed_draft(corrected=True))
    assert [(a.article_id, a.action) for a in plan.kept] == [(seed.pk, KEPT)]
    result = import_edition(seed_draft(corrected=True))
    assert [a.article_id for a in result.kept] == [seed.pk]
    article = storage_article()
    assert article.pk == seed.pk and article.headline == "湘赣边最大独立共享储能电站并网"
    assert OLD in body(article)  # the editor's version stands whole until someone chooses to replace it

    public = staff_client.get(article.get_absolute_url()).content.decode()
    assert "湘赣边最大独立共享储能电站并网" in public

    # The other articles of the page took the import normally; asking to replace takes the dump's.
    result = import_edition(seed_draft(corrected=True), replace=True)
    assert not result.kept and NEW in body(storage_article())


def test_editor_form_opened_before_an_import_and_saved_after_is_not_lost_silently(staff_client, seed):
    opened = article_post_data(seed, headline="湘赣边最大独立共享储能电站并网")  # the form as opened
    result = import_edition(seed_draft(corrected=True))  # the import lands while the form is open
    assert result.status == "updated" and NEW in body(storage_article())

    response = editor_saves_headline(staff_client, seed, None, data=opened)
    # Neither side silently overwrites the other: the editor is told and keeps the text to re-apply.
    assert response.status_code == 200
    assert "已被别人修改" in response.content.decode()
    assert storage_article().headline == seed.headline

    fresh = storage_article()
    response = editor_saves_headline(staff_client, fresh, "湘赣边最大独立共享储能电站并网")
    assert response.status_code == 302
    result = import_edition(seed_draft(corrected=True))  # the same dump again: nothing to report
    assert [a.action for a in result.plan.articles if a.article_id == seed.pk] == ["unchanged"]
    assert storage_article().headline == "湘赣边最大独立共享储能电站并网"
    result = import_edition(seed_draft())  # a different dump: kept, and reported
    assert [a.article_id for a in result.kept] == [seed.pk]
    assert storage_article().headline == "湘赣边最大独立共享储能电站并网"


# ---------------------------------------------------------------------------------------------
# Backup and restore
# ---------------------------------------------------------------------------------------------


class VisibleText(HTMLParser):
    """The text a reader sees in <main>, with link targets (ids normalised) kept in order."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.parts, self.depth = [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif self.depth and tag == "a":
            self.parts.append(normalise(dict(attrs).get("href") or ""))

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and data.strip():
            self.parts.append(data.strip())


ARTICLE_ID = re.compile(r"(/\d{4}-\d{2}-\d{2}/[^/]+/)\d+/")


def normalise(url):
    """Article and contributor URLs carry database ids and slugs chosen at import: keep only their
    place (publication, date, page)."""
    return ARTICLE_ID.sub(r"\1ID/", url)


def site_pages(client):
    """Every edition, page and article view, as seen by a reader, keyed by normalised URL."""
    urls = [(reverse("editions:front"), None)]
    for edition in Edition.objects.select_related("publication"):
        urls.append((edition.get_absolute_url(), None))
        urls += [(page.get_absolute_url(), None) for page in edition.pages.all()]
    for article in Article.objects.select_related("page__edition__publication"):
        urls.append((article.get_absolute_url(), article))
        if article.next_part_id:
            urls.append((article.get_absolute_url() + "whole/", article))
    seen = {}
    for url, article in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        # Position on its page identifies an article across databases.
        key = normalise(url) + (f"#{article.position}" if article else "")
        seen[key] = VisibleText(response.content.decode()).parts
    return seen


@pytest.fixture
def archive(db, settings):
    """The seed and the three corpus editions (the People's Daily as a second paper), published."""
    cache.clear()
    import_edition(seed_draft(), publish=True, confirmed_by=h.desk_chief())
    people = PublicationDraft(slug="peoples-daily", name="人民日报")
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        pages = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]
        draft = parse_edition(pages, publication=people, date=datetime.date.fromisoformat(folder.name))
        h.published_as_readers_saw([import_edition(draft).edition])
    assert Edition.objects.count() == 4


def test_backup_and_restore_gives_the_same_site(client, archive, tmp_path):
    before = site_pages(client)
    assert (
        sum("#" in key for key in before)
        == Article.objects.count() + Article.objects.exclude(next_part=None).count()
    )
    backup = tmp_path / "backup"
    backup.mkdir()
    for edition in Edition.objects.select_related("publication"):
        call_command(
            "export_edition",
            edition.date.isoformat(),
            "--publication",
            edition.publication.slug,
            "--output",
            str(backup),
            stdout=io.StringIO(),
        )
    files = sorted(backup.glob("*.json"))
    assert len(files) == 4

    # A fresh database: every edition, article, contributor and paper gone.
    Edition.objects.all().delete()
    Contributor.objects.all().delete()
    Publication.objects.all().delete()
    cache.clear()
    assert not Article.objects.exists()

    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        call_command("import_edition", str(path), stdout=io.StringIO())
        assert Edition.objects.filter(date=document["date"]).exists()
    h.published_as_readers_saw()
    cache.clear()
    after = site_pages(client)
    assert sorted(after) == sorted(before)
    for key in before:
        assert after[key] == before[key], key
