"""The disk fills up (or the media folder cannot be written) while an edition's page PDFs are
imported: their PDFs and rendered page images stored, the merged edition PDF written (issue 14).
The operator gets one Chinese line, the editor a form error or a failed job saying why; no page
image file is left without its row nor a row naming a missing file, the edition stays as it was
before the import, and no temporary file stays behind."""

import errno
import os
import tempfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from editions.models import Edition, Page
from editions.pdfs import edition_pdf_name
from tests.conftest import FIXTURES, SEED
from tests.reliability.test_disk_full import FullDisk, _fdopen, media_files

pytestmark = pytest.mark.django_db

SEED_PDF = FIXTURES / "pdf" / "seed" / "01.pdf"


class FullAfter(FullDisk):
    """Room for `whole` files, then for a few bytes only: the next file is written in part."""

    def __init__(self, whole):
        super().__init__(10**12)
        self.whole = whole

    def fdopen(self, fd, mode="r", *args, **kwargs):
        if "w" in mode:
            if self.whole <= 0:
                self.left = min(self.left, 100)
            self.whole -= 1
        return super().fdopen(fd, mode, *args, **kwargs)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "2023-08-09"
    path.mkdir()
    (path / "01.pdf").write_bytes(SEED_PDF.read_bytes())
    (path / "01.txt").write_bytes(SEED.read_bytes())
    return path


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The system's temporary folder, watched: an import must leave nothing in it."""
    path = tmp_path / "tmp"
    path.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(path))
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_edition", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    return [
        (p.label, p.pdf.name, p.image.name, dict(p.renditions), p.articles.count())
        for p in Page.objects.order_by("edition", "number")
    ]


# The page's PDF, its 800 px image, its 1600 px image: the first file that does not fit.
PAGE_FILES = [0, 1, 2]


@pytest.mark.parametrize("whole", PAGE_FILES)
def test_a_full_disk_while_the_page_files_are_stored_imports_nothing(
    folder, settings, monkeypatch, temp_folder, whole
):
    monkeypatch.setattr(os, "fdopen", FullAfter(whole).fdopen)
    with pytest.raises(CommandError) as refused:
        run(folder)
    line = str(refused.value)
    assert "\n" not in line and "存储空间已满" in line and "没有导入" in line
    assert not Edition.objects.exists() and not Page.objects.exists()
    assert media_files(settings) == []
    assert list(temp_folder.iterdir()) == []

    monkeypatch.setattr(os, "fdopen", _fdopen)  # space freed: the same import goes through
    run(folder)
    page = Page.objects.get()
    assert sorted(media_files(settings)) == sorted(
        [page.pdf.name, *page.renditions.values(), edition_pdf_name(page.edition, [page])]
    )


def test_a_corrected_page_on_a_full_disk_leaves_the_edition_as_it_was(folder, settings, monkeypatch):
    run(folder)
    before, files = snapshot(), media_files(settings)
    (folder / "01.pdf").write_bytes(SEED_PDF.read_bytes() + b"\n% corrected\n")
    monkeypatch.setattr(os, "fdopen", FullAfter(1).fdopen)
    with pytest.raises(CommandError, match="存储空间已满"):
        run(folder, "--replace")
    assert snapshot() == before and media_files(settings) == files


def test_an_unwritable_media_folder_says_so(folder, settings, monkeypatch):
    def refuse(fd, mode="r", *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "fdopen", refuse)
    with pytest.raises(CommandError, match="Permission denied") as refused:
        run(folder)
    assert "无法写入" in str(refused.value)
    assert not Edition.objects.exists() and media_files(settings) == []


def test_a_full_disk_at_the_edition_pdf_keeps_the_import_and_says_so(folder, settings, monkeypatch):
    """The merged PDF is written after the edition: the import stands, the operator is told the
    edition PDF is missing and how to make it, and no part of it is left on the disk."""
    monkeypatch.setattr(os, "fdopen", FullAfter(3).fdopen)
    out, _err = run(folder, "--publish", "--operator-confirms", "测试")
    page = Page.objects.get()
    merged = edition_pdf_name(page.edition, [page])
    assert "本期 PDF 未能生成" in out and "存储空间已满" in out
    assert merged not in media_files(settings)
    assert sorted(media_files(settings)) == sorted([page.pdf.name, *page.renditions.values()])

    monkeypatch.setattr(os, "fdopen", _fdopen)  # space freed: the same import again makes it
    out, _err = run(folder)
    assert "本期 PDF 未能生成" not in out and merged in media_files(settings)


def pdf_upload(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.importer.admin_helpers import upload

    return upload(
        staff_client,
        SimpleUploadedFile("01.pdf", SEED_PDF.read_bytes(), content_type="application/pdf"),
        SimpleUploadedFile("01.txt", SEED.read_bytes(), content_type="text/plain"),
    )


# The uploaded PDF, the uploaded dump: the first that does not fit.
UPLOADED_FILES = [0, 1]


@pytest.mark.parametrize("whole", UPLOADED_FILES)
def test_page_pdfs_uploaded_on_a_full_disk_are_a_form_error_and_leave_nothing(
    staff_client, settings, monkeypatch, whole
):
    from newsroom.models import Job

    monkeypatch.setattr(os, "fdopen", FullAfter(whole).fdopen)
    response = pdf_upload(staff_client)
    assert response.status_code == 200
    assert response.context["upload_errors"] == [
        "上传的文件未能保存：服务器的存储空间已满。没有导入任何内容；请通知技术人员处理后再上传。"
    ]
    assert not Job.objects.exists() and not Edition.objects.exists()
    assert media_files(settings) == []


def test_a_pdf_import_job_on_a_full_disk_fails_saying_why_in_chinese(staff_client, settings, monkeypatch):
    """The upload is kept; the disk fills up as the job stores the page's PDF and images."""
    from newsroom.models import Job

    monkeypatch.setattr(os, "fdopen", FullAfter(len(UPLOADED_FILES) + 1).fdopen)
    response = pdf_upload(staff_client)
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "版面 PDF 和版面图未能保存，这一期没有导入：服务器的存储空间已满" in job.error
    assert not Edition.objects.exists()
    assert media_files(settings) == []  # neither the page's files nor the upload's
