"""Photos and page images: checked, stripped of metadata, given web renditions; bad files refused."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, Photo
from newsroom import images
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, jpeg_with_gps, management, png_upload

pytestmark = pytest.mark.django_db


def bomb_png(width=30000, height=30000):
    """A tiny PNG whose header claims 900 million pixels."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bomb.png", b"\x89PNG\r\n\x1a\n" + body, content_type="image/png")


@pytest.fixture
def article():
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    return Article.objects.get(page__edition=edition)


def upload_photo(client, article, upload, caption="航拍共享储能电站。", credit="企业供图"):
    data = article_post_data(
        article,
        **{
            **management("photos", 1),
            "photos-0-order": "1",
            "photos-0-image": upload,
            "photos-0-caption": caption,
            "photos-0-credit": credit,
        },
    )
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def test_upload_strips_metadata_and_makes_renditions(staff_client, article):
    response = upload_photo(staff_client, article, jpeg_with_gps())
    assert response.status_code == 302, response.context["errors"]
    photo = Photo.objects.get(article=article)
    with photo.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "exif" not in stored.info
    widths = {}
    for width in images.RENDITION_WIDTHS:
        name = images.rendition_name(photo.image.name, width)
        assert default_storage.exists(name)
        with default_storage.open(name, "rb") as handle:
            rendition = Image.open(io.BytesIO(handle.read()))
            assert rendition.format == "WEBP"
            widths[width] = rendition.width
    assert widths == {400: 400, 1200: 1200}
    assert photo.srcset == (f"{photo.rendition_url(400)} 400w, {photo.rendition_url(1200)} 1200w")
    assert photo.rendition_url(400).endswith(".w400.webp")
    change = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert photo.rendition_url(400) in change.content.decode()
    # Readers get the renditions, not the original upload.
    public = staff_client.get(article.get_absolute_url()).content.decode()
    assert f'srcset="{photo.srcset}"' in public
    assert f'src="{photo.rendition_url(1200)}"' in public


def test_small_image_is_not_upscaled(staff_client, article):
    assert upload_photo(staff_client, article, png_upload(size=(300, 200))).status_code == 302
    photo = Photo.objects.get(article=article)
    assert photo.image.name.endswith(".png")
    with default_storage.open(images.rendition_name(photo.image.name, 1200), "rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (300, 200)


def test_photo_without_renditions_has_empty_srcset(article):
    photo = Photo.objects.create(article=article, image="photos/imported.jpg", caption="图", credit="供图")
    assert photo.srcset == ""
    assert photo.rendition_url(400) is None


def test_a_page_with_photos_never_asks_the_storage_whether_renditions_exist(
    staff_client, client, article, monkeypatch
):
    """On S3 each lookup would be a request to the storage, per photo, per page built."""
    assert upload_photo(staff_client, article, jpeg_with_gps()).status_code == 302
    article.page.edition.publish()
    article.page.edition.save()
    photo = Photo.objects.get(article=article)
    asked = []
    monkeypatch.setattr(FileSystemStorage, "exists", lambda storage, name: asked.append(name) or True)
    public = client.get(article.get_absolute_url()).content.decode()
    assert f'srcset="{photo.srcset}"' in public
    assert asked == []


def test_a_replaced_image_shows_no_renditions_of_the_old_one(staff_client, article):
    assert upload_photo(staff_client, article, jpeg_with_gps()).status_code == 302
    photo = Photo.objects.get(article=article)
    assert photo.has_renditions
    photo.image = "photos/another.jpg"
    photo.save()
    assert photo.srcset == ""
    assert photo.rendition_url(1200) is None
    assert Photo.history.filter(id=photo.pk).count() == 2  # the upload and the replacement only


def test_the_migration_notes_renditions_already_in_the_storage(article, settings):
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    name = "photos/2023/08/09/older.jpg"
    default_storage.save(name, png_upload(size=(500, 300)))
    with_renditions = Photo.objects.create(article=article, image=name, order=1)
    images.make_renditions(with_renditions.image)
    without = Photo.objects.create(article=article, image="photos/lost.jpg", order=2)
    migration = import_module("articles.migrations.0006_photo_renditions_of")
    migration.note_existing_renditions(apps, SimpleNamespace(connection=connection))
    with_renditions.refresh_from_db()
    without.refresh_from_db()
    assert with_renditions.renditions_of == name
    assert without.renditions_of == ""


@pytest.mark.parametrize(
    "upload",
    [SimpleUploadedFile("notes.jpg", b"this is not an image", content_type="image/jpeg"), bomb_png()],
    ids=["not-an-image", "decompression-bomb"],
)
def test_bad_uploads_are_form_errors(staff_client, article, upload):
    response = upload_photo(staff_client, article, upload)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.errors
    assert errors[0]["image"]
    assert not Photo.objects.filter(article=article).exists()


def test_clean_upload_refuses_what_pillow_opens_but_we_do_not_take():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    with pytest.raises(ValidationError) as bmp:
        images.clean_upload(SimpleUploadedFile("a.bmp", buffer.getvalue()))
    assert bmp.value.code == "bad_type"
    with pytest.raises(ValidationError) as bomb:
        images.clean_upload(bomb_png())
    assert bomb.value.code in {"bomb", "too_big"}
    with pytest.raises(ValidationError) as wide:
        images.clean_upload(bomb_png(width=images.MAX_SIDE + 1, height=10))
    assert wide.value.code == "too_big"


def test_clean_upload_refuses_large_files(settings):
    upload = png_upload()
    upload.size = images.MAX_BYTES + 1
    with pytest.raises(ValidationError) as large:
        images.clean_upload(upload)
    assert large.value.code == "too_large"


def test_photo_of_a_published_edition_needs_caption_and_credit(staff_client):
    edition = factories.edition(published=True, pages=1, articles_per_page=1)
    article = Article.objects.get(page__edition=edition)
    response = upload_photo(staff_client, article, png_upload(), credit="")
    assert response.status_code == 200
    assert not Photo.objects.exists()
    assert upload_photo(staff_client, article, png_upload()).status_code == 302


def test_page_image_upload(staff_client, article):
    page = article.page
    data = {
        "edition": str(page.edition_id),
        "number": "1",
        "label": "01",
        "name": "要闻",
        "editor": "",
        "image": jpeg_with_gps("page01.jpg"),
        **management("articles", 1, 1),
        "articles-0-id": str(article.pk),
        "articles-0-page": str(page.pk),
        "articles-0-position": "1",
        "articles-0-kind": "news",
        "articles-0-headline": article.headline,
    }
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.image.name.endswith(".jpg")
    renditions = [images.rendition_name(page.image.name, width) for width in images.RENDITION_WIDTHS]
    assert all(default_storage.exists(name) for name in renditions)
