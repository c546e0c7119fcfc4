"""Page PDFs uploaded in the admin are imported by a background job (run at once in the tests,
NEWSROOM_JOBS=immediate), whose page shows its progress; the upload's files are gone after it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editions.models import Edition, Page
from newsroom.models import Job
from tests.conftest import FIXTURES, SEED
from tests.importer.test_admin_import import upload

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


def test_a_broken_pdf_fails_its_job_with_the_reason(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload(staff_client, SimpleUploadedFile("01.pdf", b"%PDF-1.4 broken", content_type="application/pdf"))
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "not a readable PDF" in job.error
    assert not Edition.objects.exists()
