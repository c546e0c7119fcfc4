"""A page PDF import that fails leaves no file behind that nothing links to: the PDFs and images it
stored before the database refused the edition are removed; files an earlier import stored (and
its pages link) stay; an edition PDF that cannot be merged costs only itself."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from editions.models import Page
from editions.pdfs import edition_pdf_name
from importer.services import importing
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

SEED_PDF = FIXTURES / "pdf" / "seed" / "01.pdf"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "2023-08-09"
    path.mkdir()
    (path / "01.pdf").write_bytes(SEED_PDF.read_bytes())
    return path


def files_in(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def fail_at_the_dumps(monkeypatch):
    def refused(*_args, **_kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(importing, "store_dumps", refused)


def run(folder, *args):
    call_command("import_edition", str(folder), *args, stdout=StringIO(), stderr=StringIO())


def test_a_failed_import_removes_the_files_it_stored(media, folder, monkeypatch):
    stored = []
    real_store = importing.PageFiles.store

    def store_and_see(self, *args, **kwargs):
        real_store(self, *args, **kwargs)
        stored.extend(files_in(media))

    monkeypatch.setattr(importing.PageFiles, "store", store_and_see)
    fail_at_the_dumps(monkeypatch)
    with pytest.raises(CommandError, match="disk full"):
        run(folder)
    assert len(stored) == 3  # the PDF and its two images were written ...
    assert files_in(media) == []  # ... and are gone with the edition that would have linked them
    assert not Page.objects.exists()


def test_a_failed_reimport_keeps_the_files_the_stored_edition_links(media, folder, monkeypatch):
    run(folder)
    page = Page.objects.get()
    linked = files_in(media)
    assert page.pdf.name in linked and page.image.name in linked
    # A corrected page: a new PDF, new names; the import fails after storing them.
    (folder / "01.pdf").write_bytes(SEED_PDF.read_bytes() + b"\n% corrected\n")
    fail_at_the_dumps(monkeypatch)
    with pytest.raises(CommandError):
        run(folder, "--replace")
    assert files_in(media) == linked
    assert Page.objects.get().pdf.name == page.pdf.name


def test_an_edition_whose_merged_pdf_cannot_be_made_is_imported_without_it(media, folder, monkeypatch):
    """pypdf refusing a page PDF that PDFium read (after the edition was written) costs readers
    the edition's merged PDF only: the import stands, the page keeps its own PDF."""
    from pypdf import PdfWriter
    from pypdf.errors import PdfReadError

    def refused(*_args, **_kwargs):
        raise PdfReadError("broken xref")

    monkeypatch.setattr(PdfWriter, "append", refused)
    run(folder)
    page = Page.objects.get()
    assert page.pdf.name in files_in(media)
    assert edition_pdf_name(page.edition, [page]) not in files_in(media)
