"""Uploads through the admin's own pages are limited in size and type and end in a form error, never
a server error; in production Django serves no uploaded file at all (the web server serves MEDIA_ROOT
as static files, executing nothing)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Photo
from editions.models import Edition, Publication
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, management, png_upload
from tests.conftest import ROOT, SEED


def import_upload(client, *files):
    publication = Publication.objects.default()
    data = {"files": list(files), "publication": str(publication.pk), "date": "2023-08-09", "encoding": ""}
    return client.post(reverse("admin:editions_edition_import"), data)


@pytest.fixture
def article(db):
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    return Article.objects.get(page__edition=edition)


def photo_post(client, article, upload):
    data = article_post_data(
        article,
        **{
            **management("photos", 1),
            "photos-0-order": "1",
            "photos-0-image": upload,
            "photos-0-caption": "航拍。",
            "photos-0-credit": "企业供图",
        },
    )
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


@pytest.mark.django_db
def test_import_page_refuses_an_oversize_upload_with_a_form_error(staff_client, monkeypatch):
    monkeypatch.setattr("importer.forms.MAX_IMPORT_UPLOAD", 4096)
    response = import_upload(staff_client, SimpleUploadedFile("01.txt", SEED.read_bytes()))
    assert response.status_code == 200
    assert response.context["upload_form"].errors["files"]
    assert not Edition.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("01.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 20),
        ("01.txt", png_upload().read()),
        ("2023-08-09.docx", b"PK\x03\x04" + bytes(range(256)) * 8),
    ],
    ids=["pdf", "png-named-txt", "docx"],
)
def test_import_page_refuses_what_is_not_a_page_dump(staff_client, name, content):
    """A page dump is judged by its content: text that reads as a page (whatever its name) goes to
    the preview, escaped; anything else is a form error."""
    response = import_upload(staff_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert response.context.get("upload_form") is not None  # still the upload page, not a preview
    assert response.context.get("upload_errors") or response.context["upload_form"].errors
    assert not Edition.objects.exists()


def test_photo_upload_refuses_oversize_with_a_form_error(staff_client, article, monkeypatch):
    monkeypatch.setattr("newsroom.images.MAX_BYTES", 1024)
    response = photo_post(staff_client, article, png_upload(size=(800, 600)))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.errors
    assert errors[0]["image"]
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("shell.php", b"<?php system($_GET['c']); ?>"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("vector.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("shell.php.png", b"\x89PNG\r\n\x1a\n<?php system($_GET['c']); ?>"),
    ],
    ids=["php", "html", "svg", "png-header-php"],
)
def test_photo_upload_refuses_what_is_not_a_raster_image(staff_client, article, name, content):
    response = photo_post(staff_client, article, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.errors
    assert errors[0]["image"]
    assert not Photo.objects.exists()


def test_stored_uploads_get_a_raster_extension_and_no_execute_bit(staff_client, article, settings):
    response = photo_post(staff_client, article, png_upload(name="photo.php.png"))
    assert response.status_code == 302
    stored = Path(settings.MEDIA_ROOT) / Photo.objects.get().image.name
    assert stored.suffix.lower() in {".png", ".jpg", ".jpeg", ".webp"}
    assert not stored.stat().st_mode & 0o111


def test_production_urls_do_not_serve_media():
    """With DEBUG off no URL maps MEDIA_URL to files: the web server serves them (see the report)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k" * 20 + "-production-secret-from-the-environment-0123456789",
        DJANGO_ALLOWED_HOSTS="news.example",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.urls import resolve, Resolver404\n"
        "for path in [settings.MEDIA_URL + 'photos/x.jpg', settings.MEDIA_URL + 'shell.php']:\n"
        "    try:\n"
        "        match = resolve(path)\n"
        "    except Resolver404:\n"
        "        print('404', path)\n"
        "    else:\n"
        "        print('SERVED', path, match.view_name)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "SERVED" not in result.stdout and result.stdout.count("404") == 2
