"""Page PDFs uploaded in the admin are imported by a background job (run at once in the tests,
NEWSROOM_JOBS=immediate), whose page shows its progress; the upload's files are gone after it."""

import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editions.models import Edition, Page, Publication
from importer.jobs import enqueue_upload
from newsroom.models import Job
from tests.conftest import FIXTURES, SEED
from tests.importer.admin_helpers import upload

pytestmark = pytest.mark.django_db

SEED_PDF = FIXTURES / "pdf" / "seed" / "01.pdf"


def test_a_pdf_upload_is_imported_by_a_job_as_a_draft(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = upload(
        staff_client,
        SimpleUploadedFile("01.pdf", SEED_PDF.read_bytes(), content_type="application/pdf"),
        SimpleUploadedFile("01.txt", SEED.read_bytes(), content_type="text/plain"),
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:newsroom_job_change", args=[job.pk])
    assert job.status == Job.Status.DONE, job.error
    edition = Edition.objects.get(pk=job.result["edition"])
    assert edition.status == Edition.Status.DRAFT
    page = Page.objects.get(edition=edition)
    assert page.image and page.pdf and page.articles.count() == 8
    assert all(a.areas for a in page.articles.all())
    assert not (tmp_path / "imports").exists() or not any((tmp_path / "imports").rglob("*.upload"))
    shown = staff_client.get(response["Location"]).content.decode()
    assert "已完成" in shown and job.done == job.total == 4


def test_a_broken_pdf_is_refused_on_the_upload_page_without_a_job(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    broken = SimpleUploadedFile("01.pdf", b"%PDF-1.4 broken", content_type="application/pdf")
    response = upload(staff_client, broken)
    assert response.status_code == 200
    assert "01.pdf：不是可以读取的 PDF 文件" in response.content.decode()
    assert not Job.objects.exists() and not Edition.objects.exists()


def test_a_pdf_that_fails_in_its_job_fails_the_job_with_the_reason(staff_user, settings, tmp_path):
    """What the upload page cannot see (the file gone from the storage before the job ran) fails
    the job with its reason, and nothing is imported."""
    settings.MEDIA_ROOT = tmp_path
    payload = {
        "files": [("01.pdf", SEED_PDF.read_bytes())],
        "publication": Publication.objects.default(),
        "date": datetime.date(2023, 8, 9),
        "encoding": "",
    }
    with mock.patch("importer.jobs.default_storage.open", side_effect=OSError("gone")):
        record = enqueue_upload(payload, user=staff_user)
    record.refresh_from_db()
    assert record.status == Job.Status.FAILED and "gone" in record.error
    assert not Edition.objects.exists()
