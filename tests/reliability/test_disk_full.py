"""The disk fills up while a photo, a page image or a portrait is saved: the editor gets the form
back with their changes and one clear error, the database keeps no row without its files and the
disk no file (whole or partial) without its row (issue 14, item 12)."""

import errno
import logging
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Contributor, Photo
from editions.models import Page
from newsroom import images
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, management, png_upload

pytestmark = pytest.mark.django_db

_fdopen = os.fdopen


class FullDisk:
    """Files opened for writing take `budget` bytes in all, then fail as a full disk does."""

    def __init__(self, budget):
        self.left = budget

    def fdopen(self, fd, mode="r", *args, **kwargs):
        stream = _fdopen(fd, mode, *args, **kwargs)
        return _Filling(stream, self) if "w" in mode else stream


class _Filling:
    def __init__(self, stream, disk):
        self.stream, self.disk = stream, disk

    def write(self, data):
        if len(data) > self.disk.left:
            self.stream.write(data[: self.disk.left])
            self.stream.flush()
            self.disk.left = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.disk.left -= len(data)
        return self.stream.write(data)

    def __getattr__(self, name):
        return getattr(self.stream, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def cleaned_size(upload):
    size = len(images.clean_upload(upload).read())
    upload.seek(0)
    return size


@pytest.fixture
def article():
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    return Article.objects.get(page__edition=edition)


def photo_post(article, upload, **changes):
    return article_post_data(
        article,
        **{
            **management("photos", 1),
            "photos-0-order": "1",
            "photos-0-image": upload,
            "photos-0-caption": "航拍。",
            "photos-0-credit": "企业供图",
            **changes,
        },
    )


# Room for nothing; for the original but not its renditions.
WHERE_IT_FILLS = ["original", "renditions"]


@pytest.mark.parametrize("fills", WHERE_IT_FILLS)
def test_a_photo_upload_on_a_full_disk_is_a_form_error_and_leaves_nothing(
    staff_client, article, settings, monkeypatch, caplog, fills
):
    upload = png_upload(size=(1600, 1200))
    budget = 0 if fills == "original" else cleaned_size(upload) + 10
    monkeypatch.setattr(os, "fdopen", FullDisk(budget).fdopen)
    url = reverse("admin:articles_article_change", args=[article.pk])
    with caplog.at_level(logging.ERROR, logger="newsroom.uploads"):
        response = staff_client.post(url, photo_post(article, upload, headline="改过的标题"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1 and "存储空间已满" in errors[0]
    assert "改过的标题" in response.content.decode()  # the editor's change is in the form
    assert not Photo.objects.exists()
    article.refresh_from_db()
    assert article.headline != "改过的标题"
    assert media_files(settings) == []
    assert any("No space left on device" in record.getMessage() for record in caplog.records)

    # Space freed: the same post saves the photo and its renditions.
    monkeypatch.setattr(os, "fdopen", _fdopen)
    upload.seek(0)
    response = staff_client.post(url, photo_post(article, upload))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert media_files(settings) == sorted(
        [photo.image.name, *(images.rendition_name(photo.image.name, w) for w in images.RENDITION_WIDTHS)]
    )


@pytest.mark.parametrize("fills", WHERE_IT_FILLS)
def test_a_page_image_on_a_full_disk_is_a_form_error_and_leaves_nothing(
    staff_client, settings, monkeypatch, fills
):
    edition = factories.edition(published=False, pages=1, articles_per_page=0)
    page = Page.objects.get(edition=edition)
    upload = png_upload(size=(1600, 2400))
    budget = 0 if fills == "original" else cleaned_size(upload) + 10
    monkeypatch.setattr(os, "fdopen", FullDisk(budget).fdopen)
    data = {
        "edition": str(edition.pk),
        "number": "1",
        "label": page.label,
        "name": "新版名",
        "editor": "",
        "image": upload,
        **management("articles", 0),
    }
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 200
    assert "存储空间已满" in response.context["adminform"].form.non_field_errors()[0]
    page.refresh_from_db()
    assert not page.image and page.name != "新版名"
    assert media_files(settings) == []


def test_a_portrait_on_a_full_disk_is_a_form_error_and_leaves_nothing(staff_client, settings, monkeypatch):
    contributor = Contributor.objects.create(name="李军", slug="li-jun")
    monkeypatch.setattr(os, "fdopen", FullDisk(100).fdopen)
    data = {"name": "李军", "slug": "li-jun", "organization": "", "bio": "", "portrait": png_upload()}
    response = staff_client.post(reverse("admin:articles_contributor_change", args=[contributor.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    contributor.refresh_from_db()
    assert not contributor.portrait
    assert media_files(settings) == []


def test_a_storage_that_refuses_for_another_reason_says_so(staff_client, article, settings, monkeypatch):
    def refuse(fd, mode="r", *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "fdopen", refuse)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = staff_client.post(url, photo_post(article, png_upload()))
    assert response.status_code == 200
    assert "Permission denied" in response.context["adminform"].form.non_field_errors()[0]
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_a_whole_upload_is_never_visible_half_written(settings):
    """The storage writes a hidden temporary file and links only a complete one into place."""
    from django.core.files.storage import default_storage

    disk = FullDisk(1000)
    original = os.fdopen
    os.fdopen = disk.fdopen
    try:
        with pytest.raises(OSError):
            default_storage.save("photos/a.bin", SimpleUploadedFile("a.bin", b"x" * 5000))
    finally:
        os.fdopen = original
    assert media_files(settings) == []


@pytest.mark.parametrize("fills", WHERE_IT_FILLS)
def test_a_page_image_uploaded_in_the_area_editor_on_a_full_disk_leaves_nothing(
    staff_client, settings, monkeypatch, fills
):
    page = Page.objects.get(edition=factories.edition(published=False, pages=1, articles_per_page=1))
    upload = png_upload(size=(1600, 2400))
    budget = 0 if fills == "original" else cleaned_size(upload) + 10
    monkeypatch.setattr(os, "fdopen", FullDisk(budget).fdopen)
    url = reverse("admin:editions_page_areas", args=[page.pk])
    response = staff_client.post(url, {"_upload": "1", "image": upload})
    assert response.status_code == 200
    assert "存储空间已满" in response.context["upload_form"].non_field_errors()[0]
    page.refresh_from_db()
    assert not page.image and media_files(settings) == []

    monkeypatch.setattr(os, "fdopen", _fdopen)  # space freed: the upload is drawn on
    upload.seek(0)
    assert staff_client.post(url, {"_upload": "1", "image": upload}).status_code == 302
    page.refresh_from_db()
    assert media_files(settings) == sorted(
        [page.image.name, *(images.rendition_name(page.image.name, w) for w in images.RENDITION_WIDTHS)]
    )
