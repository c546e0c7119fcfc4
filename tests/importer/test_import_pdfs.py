"""Page PDFs as import_edition and the admin's upload take them: a file, a folder, a zip, alone or
beside the page's dump; the dry run prints their sizes and areas (paths null)."""

import datetime
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from importer.core.draft import EditionImportError
from importer.core.sources import collect_paths, collect_uploads
from tests.conftest import FIXTURES, SEED

pytestmark = pytest.mark.django_db

SEED_PDFS = FIXTURES / "pdf" / "seed"


def dry_run(*args):
    out = StringIO()
    call_command(
        "import_edition", *map(str, args), "--dry-run", "--format", "json", stdout=out, stderr=StringIO()
    )
    return json.loads(out.getvalue())


def test_a_folder_of_page_pdfs_dry_runs_to_areas_and_sizes():
    document = dry_run(SEED_PDFS, "--date", "2023-08-09")
    (page,) = document["pages"]
    assert (page["label"], page["pdf"], page["image"]) == ("01", None, None)
    assert page["size"][0] == 992.0
    assert page["sample"] is True  # the typeset page says it is a sample
    assert len(page["articles"]) == 8
    assert all(a["areas"] and len(a["areas"][0]) >= 4 for a in page["articles"])


def test_a_pdf_beside_its_dump_is_one_page(tmp_path):
    (tmp_path / "01.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "01.pdf").write_bytes((SEED_PDFS / "01.pdf").read_bytes())
    (source,) = collect_paths([tmp_path], date=datetime.date(2023, 8, 9))
    (page,) = source.pages
    assert page.text and page.pdf is not None
    document = dry_run(tmp_path, "--date", "2023-08-09")
    assert len(document["pages"]) == 1 and all(a["areas"] for a in document["pages"][0]["articles"])


def test_a_zip_of_page_pdfs_uploads_with_labels_from_names():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2023-08-09/A2.pdf", (SEED_PDFS / "01.pdf").read_bytes())
    (source,) = collect_uploads([("pages.zip", buffer.getvalue())])
    assert [p.label for p in source.pages] == ["A2"] and str(source.date) == "2023-08-09"


def test_a_file_named_pdf_that_is_not_one_is_refused(tmp_path):
    (tmp_path / "01.pdf").write_text("株洲日报", encoding="utf-8")
    with pytest.raises(CommandError, match=r"01\.pdf: 不是 PDF 文件"):
        dry_run(tmp_path / "01.pdf", "--date", "2023-08-09")
    with pytest.raises(EditionImportError, match="not a PDF file"):
        collect_uploads([("01.pdf", b"plain text")])
