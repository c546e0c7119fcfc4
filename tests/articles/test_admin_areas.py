"""The area editor (热区) in the admin: the page form shows the page image with the articles' areas
and links to the editor; the editor page carries every article and its areas to its script, in a
fixed number of queries; its form saves through articles.areas, and a refused save keeps what the
editor drew."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Revision
from tests.articles import factories
from tests.articles.admin_helpers import member_of, png_upload
from tests.newsroom.test_translations import english_words

pytestmark = pytest.mark.django_db

SQUARE = [[0.1, 0.1], [0.4, 0.1], [0.4, 0.3], [0.1, 0.3]]


def page_with_image(published=False, articles=2, date=datetime.date(2023, 8, 9)):
    edition = factories.edition(date=date, published=published, pages=1, articles_per_page=articles)
    page = edition.pages.get()
    upload = png_upload("01.png", size=(300, 420))
    page.image.save(upload.name, upload)
    Article.objects.filter(page=page, position=1).update(areas=[SQUARE])
    return page


def editor_url(page):
    return reverse("admin:editions_page_areas", args=[page.pk])


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def editor_data(response):
    body = response.content.decode()
    script = re.search(r'<script id="area-data" type="application/json">(.*?)</script>', body, re.S)
    return json.loads(script.group(1))


def test_the_page_form_shows_the_areas_and_links_to_the_editor(staff_client):
    page = page_with_image()
    body = staff_client.get(reverse("admin:editions_page_change", args=[page.pk])).content.decode()
    assert f'href="{editor_url(page)}"' in body and "编辑热区" in body
    preview = body.split('id="page-areas-preview"')[1].split("</fieldset>")[0]
    assert preview.count("<polygon ") == 1 and page.image.url in preview
    assert "第1篇：第1版第1条新闻标题（1 个区域）" in preview
    assert "第2篇：第1版第2条新闻标题（0 个区域）" in preview


def test_a_page_without_an_image_says_how_to_get_one(staff_client):
    page = factories.edition(pages=1, articles_per_page=1).pages.get()
    form = staff_client.get(reverse("admin:editions_page_change", args=[page.pk])).content.decode()
    assert 'id="page-areas-no-image"' in form and 'name="image"' in form
    editor = staff_client.get(editor_url(page)).content.decode()
    assert 'id="no-page-image"' in editor and 'id="area-form"' not in editor
    upload = editor.split('id="page-image-upload"')[1].split("</form>")[0]
    assert 'type="file" name="image"' in upload and 'name="_upload"' in upload
    assert english_words(editor) == []


def test_a_page_image_uploaded_in_the_editor_is_drawn_on(django_user_model, settings):
    editor = logged_in(member_of(django_user_model, "编辑", "bian"))
    page = factories.edition(pages=1, articles_per_page=1, published=False).pages.get()
    response = editor.post(editor_url(page), {"_upload": "1", "image": png_upload("01.png")}, follow=True)
    assert "版面图已上传，现在可以画热区了。" in response.content.decode()
    page.refresh_from_db()
    assert page.image and page.image.storage.exists(page.image.name)
    assert 'id="area-form"' in response.content.decode() and page.image.url in response.content.decode()
    assert page.history.latest().image == page.image.name


def test_a_file_that_is_no_image_is_refused(staff_client):
    page = factories.edition(pages=1, articles_per_page=1).pages.get()
    fake = SimpleUploadedFile("01.png", b"not an image", content_type="image/png")
    response = staff_client.post(editor_url(page), {"_upload": "1", "image": fake})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    page.refresh_from_db()
    assert not page.image


def test_a_full_disk_leaves_no_image_and_no_file(staff_client, settings, monkeypatch):
    import errno

    from newsroom import images

    page = factories.edition(pages=1, articles_per_page=1).pages.get()

    def full(fieldfile):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(images, "make_renditions", full)
    response = staff_client.post(editor_url(page), {"_upload": "1", "image": png_upload("01.png")})
    assert "服务器的存储空间已满" in response.content.decode()
    page.refresh_from_db()
    assert not page.image
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_the_editor_hands_every_article_and_its_areas_to_its_script(staff_client):
    page = page_with_image()
    response = staff_client.get(editor_url(page))
    assert response.status_code == 200
    data = editor_data(response)
    assert [(row["position"], row["headline"], row["areas"]) for row in data] == [
        (1, "第1版第1条新闻标题", [SQUARE]),
        (2, "第1版第2条新闻标题", []),
    ]
    body = response.content.decode()
    assert 'src="/static/js/area_editor.js"' in body and page.image.url in body
    assert "第2篇：第1版第2条新闻标题</option>" in body
    # Keys are named as their caps print them.
    assert re.findall(r"<kbd>(\w+)</kbd>", body) and english_words(re.sub(r"<kbd>\w+</kbd>", "", body)) == []


def test_the_editor_links_the_reader_s_page_of_a_published_edition_only(staff_client):
    reader_link = 'class="button" target="_blank" rel="noopener">读者页面</a>'
    draft = page_with_image()
    assert reader_link not in staff_client.get(editor_url(draft)).content.decode()
    published = page_with_image(published=True, date=datetime.date(2023, 8, 10))
    body = staff_client.get(editor_url(published)).content.decode()
    assert f'<a href="{published.get_absolute_url()}" {reader_link}' in body


def test_the_editor_s_queries_do_not_grow_with_its_articles(staff_client, django_assert_num_queries):
    few = page_with_image(articles=1)
    staff_client.get(editor_url(few))  # the session and content types
    with CaptureQueriesContext(connection) as counted:
        staff_client.get(editor_url(few))
    many = page_with_image(articles=12, date=datetime.date(2023, 8, 10))
    Article.objects.filter(page=many).update(areas=[SQUARE, SQUARE])
    article = Article.objects.filter(page=many).first()
    Revision.objects.create(article=article, base={}, proposed={})
    with django_assert_num_queries(len(counted)):
        response = staff_client.get(editor_url(many))
    assert len(editor_data(response)) == 12 and editor_data(response)[0]["pending"] is True


def test_saving_the_form_saves_the_areas(staff_client):
    page = page_with_image()
    one, two = Article.objects.filter(page=page).order_by("position")
    posted = {str(one.pk): [], str(two.pk): [SQUARE]}
    base = {str(one.pk): [SQUARE], str(two.pk): []}
    response = staff_client.post(
        editor_url(page), {"areas": json.dumps(posted), "base": json.dumps(base)}, follow=True
    )
    assert response.redirect_chain[-1][0] == editor_url(page)
    assert "已保存 2 篇稿件的区域。" in response.content.decode()
    assert Article.objects.get(pk=one.pk).areas == [] and Article.objects.get(pk=two.pk).areas == [SQUARE]


def test_a_refused_save_shows_why_and_keeps_what_was_drawn(staff_client):
    page = page_with_image()
    one = Article.objects.get(page=page, position=1)
    outside = [[0.1, 0.1], [1.5, 0.1], [0.1, 0.5]]
    response = staff_client.post(
        editor_url(page), {"areas": json.dumps({str(one.pk): [SQUARE, outside]}), "base": "{}"}
    )
    assert response.status_code == 200
    assert "《第1版第1条新闻标题》的区域超出了版面" in response.content.decode()
    assert editor_data(response)[0]["areas"] == [SQUARE, outside]
    assert Article.objects.get(pk=one.pk).areas == [SQUARE]


def test_an_editor_s_save_on_a_published_page_waits(django_user_model):
    editor = logged_in(member_of(django_user_model, "编辑", "bian"))
    page = page_with_image(published=True)
    one = Article.objects.get(page=page, position=1)
    body = editor.get(editor_url(page)).content.decode()
    assert 'id="areas-held"' in body
    response = editor.post(
        editor_url(page),
        {"areas": json.dumps({str(one.pk): []}), "base": json.dumps({str(one.pk): [SQUARE]})},
        follow=True,
    )
    assert "1 篇已发布稿件的区域修改已提交，等待值班主任审核" in response.content.decode()
    assert Article.objects.get(pk=one.pk).areas == [SQUARE]
    assert Revision.objects.get().proposed["article"]["areas"] == []


def test_who_may_not_see_articles_cannot_open_the_editor(django_user_model):
    page = page_with_image()
    nobody = logged_in(django_user_model.objects.create_user("kan", is_staff=True))
    assert nobody.get(editor_url(page)).status_code == 403


def test_the_article_s_history_shows_the_area_change_and_its_version_s_areas(staff_client):
    page = page_with_image()
    one = Article.objects.get(page=page, position=1)
    ell = [[0.1, 0.1], [0.6, 0.1], [0.6, 0.2], [0.3, 0.2], [0.3, 0.5], [0.1, 0.5]]
    staff_client.post(editor_url(page), {"areas": json.dumps({str(one.pk): [ell]})})
    history = staff_client.get(reverse("admin:articles_article_history", args=[one.pk])).content.decode()
    assert "修改版面区域" in history and "版面区域" in history
    record = one.history.latest()
    version = reverse("admin:articles_article_simple_history", args=[one.pk, record.history_id])
    shown = staff_client.get(version).content.decode().split('id="version-areas"')[1].split("</fieldset>")[0]
    assert "区域1：6 个顶点，横 10.0%–60.0%，纵 10.0%–50.0%" in shown
