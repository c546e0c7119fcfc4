"""A frame bomb (an animation whose frames decode to billions of pixels in a small file) is refused
from its headers wherever an image is uploaded, and only the first frame of any animation is ever
decoded and kept (issue 14, item 11)."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, Contributor, Photo
from editions.models import Page
from newsroom import images
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, jpeg_with_gps, management
from tests.security.images import gif_frames

pytestmark = pytest.mark.django_db

# 60 frames of 2000×2000: 240 million pixels in 235 kB. Decoding them all took 27 s.
BOMB = (2000, 2000, 60)


def bomb_upload(name="bomb.gif"):
    return SimpleUploadedFile(name, gif_frames(*BOMB), content_type="image/gif")


def animated(kind, frames=8, size=(120, 90)):
    stills = [Image.new("RGB", size, (10 * i, 80, 160)) for i in range(frames)]
    out = io.BytesIO()
    stills[0].save(out, kind, save_all=True, append_images=stills[1:], duration=100)
    return out.getvalue()


def test_a_frame_bomb_is_refused_before_its_frames_are_decoded():
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        images.clean_upload(bomb_upload())
    assert refused.value.code == "frame_bomb"
    assert "60" in refused.value.messages[0]
    assert time.monotonic() - started < 5  # headers only: decoding the frames took 27 s


@pytest.mark.parametrize("kind", ["GIF", "PNG", "WEBP"])
def test_only_the_first_frame_of_an_animation_is_kept(kind):
    cleaned = images.clean_upload(SimpleUploadedFile(f"a.{kind.lower()}", animated(kind)))
    stored = Image.open(io.BytesIO(cleaned.read()))
    assert stored.format == kind
    assert getattr(stored, "n_frames", 1) == 1
    assert stored.size == (120, 90)


def test_an_animation_of_many_small_frames_within_bounds_is_taken():
    cleaned = images.clean_upload(SimpleUploadedFile("a.gif", gif_frames(400, 300, 200)))
    assert Image.open(io.BytesIO(cleaned.read())).size == (400, 300)


def test_the_photo_form_refuses_a_frame_bomb(staff_client):
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    article = Article.objects.get(page__edition=edition)
    data = article_post_data(
        article,
        **{
            **management("photos", 1),
            "photos-0-order": "1",
            "photos-0-image": bomb_upload(),
            "photos-0-caption": "航拍。",
            "photos-0-credit": "企业供图",
        },
    )
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][2].formset.errors[0]["image"]
    assert not Photo.objects.exists()


def test_the_page_form_refuses_a_frame_bomb(staff_client):
    edition = factories.edition(published=False, pages=1, articles_per_page=0)
    page = Page.objects.get(edition=edition)
    data = {
        "edition": str(edition.pk),
        "number": "1",
        "label": page.label,
        "name": page.name,
        "editor": "",
        "image": bomb_upload(),
        **management("articles", 0),
    }
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    page.refresh_from_db()
    assert not page.image


def contributor_post(client, contributor, upload):
    data = {
        "name": contributor.name,
        "slug": contributor.slug,
        "organization": "",
        "bio": "",
        "portrait": upload,
    }
    return client.post(reverse("admin:articles_contributor_change", args=[contributor.pk]), data)


def test_a_contributor_portrait_is_checked_like_a_photo(staff_client):
    contributor = Contributor.objects.create(name="李军", slug="li-jun")
    response = contributor_post(staff_client, contributor, bomb_upload())
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["portrait"]
    contributor.refresh_from_db()
    assert not contributor.portrait


def test_a_contributor_portrait_is_stored_without_its_gps_position(staff_client):
    contributor = Contributor.objects.create(name="李军", slug="li-jun")
    response = contributor_post(staff_client, contributor, jpeg_with_gps())
    assert response.status_code == 302
    contributor.refresh_from_db()
    with contributor.portrait.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG"
    assert not stored.getexif()
