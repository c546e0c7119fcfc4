"""The admin's import page: upload, preview (nothing written), import in one go; bad files refused."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article
from editions.models import Edition
from tests.conftest import CORPUS, SEED
from tests.importer.admin_helpers import IMPORT, confirm_data, upload

pytestmark = pytest.mark.django_db


def seed_upload(name="01.txt"):
    return SimpleUploadedFile(name, SEED.read_bytes(), content_type="text/plain")


def test_upload_shows_a_preview_and_writes_nothing(staff_client):
    assert "导入期次" in staff_client.get(reverse("admin:editions_edition_changelist")).content.decode()
    assert staff_client.get(IMPORT).status_code == 200
    response = upload(staff_client, seed_upload())
    assert response.status_code == 200
    assert not Edition.objects.exists() and not Article.objects.exists()
    content = response.content.decode()
    plan = response.context["plan"]
    assert plan.status == "created"
    assert [page["plan"].label for page in response.context["pages"]] == ["01"]
    rows = response.context["pages"][0]["articles"]
    assert len(rows) >= 3
    assert all(row["action"] == "added" for row in rows)
    assert rows[0]["headline"] in content
    assert "这是新的一期，导入后为草稿。" in content
    assert any(row["bylines"] for row in rows)
    assert any(row["paragraphs"] for row in rows)
    assert [field.value() for field in response.context["label_fields"]] == ["01"]


def test_confirm_imports_the_edition_as_a_draft(staff_client):
    preview = upload(staff_client, seed_upload())
    headlines = [row["headline"] for row in preview.context["pages"][0]["articles"]]
    response = staff_client.post(IMPORT, confirm_data(preview, _import="1"))
    edition = Edition.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:editions_edition_change", args=[edition.pk])
    assert edition.status == Edition.Status.DRAFT
    assert list(Article.objects.filter(page__edition=edition).values_list("headline", flat=True)) == headlines
    # The same upload again changes nothing.
    again = upload(staff_client, seed_upload())
    assert again.context["plan"].status == "unchanged"
    assert "这一期已经存在，内容相同，导入不会改变任何内容。" in again.content.decode()


def test_edited_label_is_used_on_re_preview(staff_client):
    preview = upload(staff_client, seed_upload("page.txt"))
    label_field = preview.context["label_fields"][0]
    response = staff_client.post(IMPORT, confirm_data(preview, **{label_field.html_name: "A1"}))
    assert [page["plan"].label for page in response.context["pages"]] == ["A1"]
    response = staff_client.post(
        IMPORT, confirm_data(preview, **{label_field.html_name: "A1", "_import": "1"})
    )
    assert response.status_code == 302
    assert list(Edition.objects.get().pages.values_list("label", flat=True)) == ["A1"]
    bad = staff_client.post(IMPORT, confirm_data(preview, **{label_field.html_name: "第一版"}))
    assert bad.status_code == 200
    assert "版号应像" in bad.content.decode()


def test_zip_of_a_folder_is_imported(staff_client):
    buffer = io.BytesIO()
    folder = CORPUS / "2019-10-05"
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.glob("*.txt")):
            archive.write(path, f"2019-10-05/{path.name}")
    preview = upload(staff_client, SimpleUploadedFile("2019-10-05.zip", buffer.getvalue()), date="")
    assert preview.status_code == 200, preview.context.get("upload_errors")
    assert [page["plan"].label for page in preview.context["pages"]] == ["01", "02", "03", "04"]
    assert preview.context["label_fields"] == []
    response = staff_client.post(IMPORT, confirm_data(preview, _import="1"))
    assert response.status_code == 302
    assert Edition.objects.get().pages.count() == 4


def test_edited_articles_are_kept_unless_replaced(staff_client):
    staff_client.post(IMPORT, confirm_data(upload(staff_client, seed_upload()), _import="1"))
    article = Article.objects.order_by("position").first()
    article.headline = "编辑改过的标题"
    article.save()
    # A corrected dump: every story's text differs from what was imported.
    corrected = SEED.read_text(encoding="utf-8").replace("株洲", "株洲市").encode()

    def corrected_upload():
        return SimpleUploadedFile("01.txt", corrected)

    preview = upload(staff_client, corrected_upload())
    rows = preview.context["pages"][0]["articles"]
    kept = [row for row in rows if row["action"] == "kept"]
    assert [row["headline"] for row in kept] == ["编辑改过的标题"]
    assert "编辑改过，保留" in preview.content.decode()
    assert "这一期已经存在，导入将更新它：" in preview.content.decode()
    assert "<strong>编辑改过，保留</strong>" in preview.content.decode()
    staff_client.post(IMPORT, confirm_data(preview, _import="1"))
    article.refresh_from_db()
    assert article.headline == "编辑改过的标题"
    preview = upload(staff_client, corrected_upload())
    staff_client.post(IMPORT, confirm_data(preview, replace="on", _import="1"))
    article.refresh_from_db()
    assert article.headline != "编辑改过的标题"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("01.txt", b"\x00\x01\x02\xff\xfe binary garbage \x00" * 50),
        ("01.txt", b""),
        ("2023-08-09.zip", b"PK not really a zip"),
        ("edition.json", b'{"schema": "newsroom.edition/1", "pages": "many"}'),
    ],
    ids=["binary", "empty", "broken-zip", "bad-json"],
)
def test_bad_files_are_a_form_error_and_nothing_is_written(staff_client, name, content):
    response = upload(staff_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert response.context["upload_errors"] or response.context["upload_form"].errors
    assert not Edition.objects.exists()


def test_tampered_preview_is_refused(staff_client):
    preview = upload(staff_client, seed_upload())
    data = confirm_data(preview, _import="1")
    data["payload"] = data["payload"][:-3] + "abc"
    response = staff_client.post(IMPORT, data)
    assert response.status_code == 200
    assert "预览数据无效" in response.content.decode()
    assert not Edition.objects.exists()


def test_missing_date_is_a_form_error(staff_client):
    response = upload(staff_client, SimpleUploadedFile("page.txt", "只有一行正文。\n".encode()), date="")
    assert response.status_code == 200
    assert response.context["upload_errors"]
    assert not Edition.objects.exists()


def test_import_needs_the_import_permission(django_user_model):
    user = django_user_model.objects.create_user("reader", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(IMPORT).status_code == 403
    user.groups.add(Group.objects.get(name="编辑"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(IMPORT).status_code == 200


def test_the_preview_shows_each_article_s_text_and_flags_a_jump_to_a_missing_page(staff_client):
    dump = (CORPUS.parent / "bad/markers-to-missing-pages.txt").read_bytes()
    response = upload(staff_client, SimpleUploadedFile("01.txt", dump))
    rows = response.context["pages"][0]["articles"]
    first = rows[0]
    assert first["first_line"].startswith("记者从市农业农村局获悉")  # the dateline and bylines are apart
    assert first["first_line"].endswith("……")
    assert first["last_line"].endswith("人人共建共享。")  # the marker is not text
    assert first["continued_to"] == "999" and first["continued_to_missing"]
    content = response.content.decode()
    assert first["first_line"] in content and "下转999版（无此版）" in content
    assert 'class="continuation-missing"' in content
