"""Everything an editor reads in the admin is Chinese (the admin is zh-hans), and every catalogue
the project keeps is complete: locale/zh_Hans holds what Django's, django-simple-history's and
django-axes' own zh_Hans catalogues leave in English, locale/en the English interface of the site."""

import json
import re
from pathlib import Path

import django
import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from tests.articles import factories
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
DJANGO_ADMIN_JS = Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
# Words an admin page may show in Latin letters: names, formats and the paper's own content.
ALLOWED = {
    "newsroom", "json", "utf", "gb18030", "gbk", "zip", "txt", "atom", "rss", "url", "http", "https",
    "sha256", "get", "post", "pdf", "png", "jpeg", "jpg", "gif", "webp", "ip", "id", "csv", "html",
    "chief", "bian",  # the test users
    "ldap", "control", "command", "mac", "pbkdf2", "unknown",  # in Django's Chinese, and data
}  # fmt: skip


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_catalogue_entry_is_translated_and_compiled(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.untranslated_entries() == [], "untranslated: " + ", ".join(
        repr(entry.msgid) for entry in catalogue.untranslated_entries()
    )
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert fuzzy == [], f"fuzzy: {fuzzy}"
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(path.with_suffix(".mo")))}
    for entry in catalogue.translated_entries():
        stored = compiled.get((entry.msgctxt, entry.msgid))
        assert stored is not None, f"{entry.msgid!r} is not in the .mo: run compilemessages"
        assert (stored.msgstr or stored.msgstr_plural) == (entry.msgstr or entry.msgstr_plural)


def test_the_zh_hans_catalogue_holds_no_chinese_source_strings():
    """The project's own strings are Chinese already: the zh_Hans catalogue is for the rest."""
    for path in (ROOT / "locale/zh_Hans/LC_MESSAGES").glob("*.po"):
        for entry in polib.pofile(str(path)):
            assert not re.search(r"[\u4e00-\u9fff]", entry.msgid), entry.msgid


def test_the_admin_s_javascript_speaks_chinese(staff_client):
    """The admin's widgets (the two-box picker of a user's groups, the calendar, the actions
    counter) translate every string Django's admin JavaScript has."""
    script = staff_client.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    missing = []
    for entry in polib.pofile(str(DJANGO_ADMIN_JS)):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in catalog:
            missing.append(entry.msgid)
    assert missing == []
    picker = 'Choose %s by selecting them and then select the "Choose" arrow button.'
    assert catalog[picker].startswith("选中")


def english_words(html):
    """Latin-letter words an editor would read on the page: its text and the labels of its
    buttons, not markup, scripts, addresses or the paper's own content."""
    html = re.sub(r"(?s)<(script|style|textarea|bdi)\b.*?</\1>", " ", html)  # bdi: a password hash
    buttons = " ".join(re.findall(r'<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"', html))
    text = re.sub(r"(?s)<[^>]+>", " ", html) + " " + buttons
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z’']{2,}", text)
    return sorted({word for word in words if word.lower().strip("’'") not in ALLOWED})


@pytest.fixture
def editor_pages(django_user_model):
    """An edition with an article that has a history, and the admin pages an editor opens."""
    edition = factories.edition(pages=1, articles_per_page=2)
    article = Article.objects.filter(page__edition=edition).first()
    article.headline = "改过的标题"
    article.save()
    article.history.update(history_change_reason=None)
    record = article.history.order_by("history_date").first()
    user = django_user_model.objects.create_user("bian", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    admin = "admin:"
    return [
        reverse(f"{admin}index"),
        reverse(f"{admin}app_list", args=["articles"]),
        reverse(f"{admin}editions_edition_changelist"),
        reverse(f"{admin}editions_edition_change", args=[edition.pk]),
        reverse(f"{admin}articles_article_changelist"),
        reverse(f"{admin}articles_article_change", args=[article.pk]),
        reverse(f"{admin}articles_article_history", args=[article.pk]),
        reverse(f"{admin}articles_article_simple_history", args=[article.pk, record.history_id]),
        reverse(f"{admin}articles_article_split_title", args=[article.pk]),
        reverse(f"{admin}articles_article_deleted"),
        reverse(f"{admin}articles_contributor_changelist"),
        reverse(f"{admin}auth_user_add"),
        reverse(f"{admin}auth_user_change", args=[user.pk]),
        reverse(f"{admin}auth_group_changelist"),
        reverse(f"{admin}axes_accessattempt_changelist"),
        reverse(f"{admin}axes_accesslog_changelist"),
        reverse(f"{admin}password_change"),
    ]


def test_admin_pages_show_no_english(staff_client, editor_pages):
    found = {}
    for url in editor_pages:
        response = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en")  # an English browser too
        assert response.status_code == 200, url
        words = english_words(response.content.decode())
        if words:
            found[url] = words
    assert found == {}


def test_the_history_of_a_version_names_its_place_in_chinese(staff_client, editor_pages):
    version = next(url for url in editor_pages if "/history/" in url and url.rstrip("/")[-1].isdigit())
    body = staff_client.get(version).content.decode()
    breadcrumbs = body.split('class="breadcrumbs"')[1].split("</div>")[0]
    assert "稿件</a>" in breadcrumbs and "historical" not in breadcrumbs.lower()
    listing = staff_client.get(version.rsplit("/", 2)[0] + "/").content.decode()
    assert ">改动</th>" in listing and ">None<" not in listing and "条记录" in listing


def test_a_locked_out_editor_reads_why_in_chinese(client, django_user_model, settings):
    django_user_model.objects.create_user("bian", password="a-long-test-password-1", is_staff=True)
    login = reverse("admin:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "bian", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")
    locked = client.post(login, {"username": "bian", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "账号已锁定" in locked.content.decode()


def _import_pages_words(client, upload, content_words):
    """English words on a page of the import flow, less those of the uploaded dumps themselves."""
    return [word for word in english_words(upload.content.decode()) if word not in content_words]


def test_the_import_flow_shows_no_english(staff_client):
    """The upload form, a refused upload, the preview with its doubts, and the summary after the
    import: all in Chinese, for an English browser too."""
    from tests.importer.admin_helpers import IMPORT, confirm_data, upload

    page = (ROOT / "tests/fixtures/bad/markers-to-missing-pages.txt").read_bytes()
    content_words = set(re.findall(r"[A-Za-z][A-Za-z’']{2,}", page.decode()))
    form = staff_client.get(IMPORT, HTTP_ACCEPT_LANGUAGE="en")
    assert _import_pages_words(staff_client, form, set()) == []

    png = (ROOT / "tests/fixtures/bad/png-renamed.txt").read_bytes()
    refused = upload(staff_client, SimpleUploadedFile("01.txt", png), HTTP_ACCEPT_LANGUAGE="en")
    assert "二进制数据，不是版面文本（PNG 图片）" in refused.content.decode()
    assert _import_pages_words(staff_client, refused, set()) == []

    preview = upload(staff_client, SimpleUploadedFile("01.txt", page), HTTP_ACCEPT_LANGUAGE="en")
    doubts = [
        doubt for page in preview.context["pages"] for row in page["articles"] for doubt in row["doubts"]
    ]
    assert doubts and all(str(doubt) in preview.content.decode() for doubt in doubts)
    assert _import_pages_words(staff_client, preview, content_words) == []

    done = staff_client.post(
        IMPORT, confirm_data(preview, _import="1"), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = done.content.decode()
    assert "导入完成：" in body and "：新建；1 个版面，" in body and "草稿" in body
    assert _import_pages_words(staff_client, done, content_words) == []
