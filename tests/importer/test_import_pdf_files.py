"""A page PDF imported for real: the PDF kept, the page rendered to WebP at 800 and 1600 px, the
edition's pages merged into one PDF once; readers' pages show the image with the areas, the PDFs
to download, and cost the queries they cost without an image."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from pypdf import PdfReader

from articles.models import Article
from editions.models import Edition, Page
from editions.pdfs import edition_pdf_name
from tests.conftest import FIXTURES, SEED
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db

RMRB = FIXTURES / "pdf" / "rmrb-2019-10-05"
DAY = "/zhuzhou-daily/2019-10-05"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_edition", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def rmrb(media, tmp_path):
    """Two of the typeset People's Daily pages (rendering costs: two pages show it all)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for label in ("01", "04"):
        (folder / f"{label}.pdf").write_bytes((RMRB / f"{label}.pdf").read_bytes())
    done = run(folder, "--date", "2019-10-05")
    h.published_as_readers_saw()
    return done


def test_each_page_keeps_its_pdf_and_images_at_web_sizes(rmrb, media):
    _out, err = rmrb
    assert err.count("PDF and 2 images stored") == 2
    pages = list(Page.objects.order_by("number"))
    for page in pages:
        assert page.pdf.name.endswith(".pdf") and page.size[0] == 992.0
        assert sorted(page.renditions) == ["1600", "800"]
        assert page.image.name == page.renditions["1600"]
        with Image.open(media / page.renditions["800"]) as image:
            assert image.format == "WEBP" and image.width == 800
            assert abs(image.height / image.width - page.height / page.width) < 0.01
    edition = Edition.objects.get()
    merged = PdfReader(media / edition_pdf_name(edition, pages))
    assert len(merged.pages) == 2


def test_the_same_pdfs_again_change_nothing(rmrb, media):
    before = {p.label: (p.pdf.name, p.image.name) for p in Page.objects.all()}
    files = sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file())
    out, _err = run(media.parent / "in", "--date", "2019-10-05")
    assert "：内容不变；" in out
    assert {p.label: (p.pdf.name, p.image.name) for p in Page.objects.all()} == before
    assert sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file()) == files


def test_a_dump_imported_after_its_pdf_keeps_the_image_and_areas(rmrb):
    run(FIXTURES / "corpus" / "2019-10-05" / "01.txt", "--date", "2019-10-05", "--page", "01")
    page = Page.objects.get(label="01")
    assert page.image and page.pdf
    assert all(a.areas for a in Article.objects.filter(page=page))


def test_the_page_shows_its_image_with_a_link_per_area(client, rmrb):
    body = client.get(f"{DAY}/01/").content.decode()
    page = Page.objects.get(label="01")
    assert f'src="/media/{page.renditions["800"]}"' in body and "1600w" in body
    for article in Article.objects.filter(page=page):
        assert f'id="area-{article.pk}"' in body and f'aria-label="{article.headline}"' in body
    assert f'href="/media/{page.pdf.name}" download' in body
    assert "下载本期 PDF" in body
    assert "此版面图由排版样张生成" in body  # the typeset page says what it is


def test_a_page_with_an_image_costs_the_queries_one_without_does(client, rmrb, media):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    with_image = queries(f"{DAY}/04/")
    Page.objects.update(image="", renditions={}, pdf="")
    from django.core.cache import cache

    cache.clear()
    assert queries(f"{DAY}/04/") == with_image


def test_an_article_shows_its_page_with_its_area_marked(client, rmrb):
    article = Article.objects.filter(page__label="04", headline="巩立姣夺得世锦赛女子铅球金牌").get()
    body = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{article.page.get_absolute_url()}#area-{article.pk}"' in body
    assert body.count('class="marked"') == len(article.areas)


def test_a_search_hit_opens_its_page_at_its_area(client, rmrb):
    body = client.get("/search/", {"q": "巩立姣"}).content.decode()
    article = Article.objects.get(headline="巩立姣夺得世锦赛女子铅球金牌")
    assert f"{article.page.get_absolute_url()}#area-{article.pk}" in body


def test_a_page_without_a_text_layer_imports_with_its_image_only(media, tmp_path):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(600, 800))
    pdf.rect(40, 40, 520, 720, fill=1)
    pdf.showPage()
    pdf.save()
    folder = tmp_path / "2023-08-09"
    folder.mkdir()
    (folder / "01.pdf").write_bytes(buffer.getvalue())
    (folder / "01.txt").write_bytes(SEED.read_bytes())
    run(folder, *h.publishing())
    page = Page.objects.get()
    assert page.image and page.articles.count() == 8
    assert not any(a.areas for a in page.articles.all())


def test_a_page_image_uploaded_by_hand_replaces_the_rendered_one(client, rmrb, media):
    page = Page.objects.get(label="01")
    assert page.sample  # the typeset page's image
    page.image = "pages/by-hand.jpg"
    page.save()
    page.refresh_from_db()
    assert page.renditions == {} and page.rendition_url(800) == "/media/pages/by-hand.jpg"
    assert not page.sample  # the editor's image is no typeset sample
    body = client.get(f"{DAY}/01/").content.decode()
    assert (
        'src="/media/pages/by-hand.jpg"' in body and "srcset" not in body.split('class="page-map"')[1][:600]
    )
