"""A page PDF is rendered at a fixed width, so its shape sets the bitmap's size: a page 10 pt wide
and 2,000 pt tall (or a TrimBox cutting such a sliver out of a page) would render to 1600 × 320,000
pixels, a gigabyte and a half from a file of a few hundred bytes. Such a page is refused when it is
read, with one line, before anything is rendered (issue 14, items 7 and 11, through the PDFs)."""

import io

import pytest
from django.core.management import CommandError, call_command
from reportlab.pdfgen import canvas

from importer.core.draft import EditionImportError
from importer.core.pdf import read_pdf_page


def page(size, trim=None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size)
    if trim:
        pdf.setTrimBox(trim)
    pdf.drawString(2, 2, "A")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("size", "trim"),
    [((10, 2000), None), ((2000, 10), None), ((842, 1191), (100, 100, 105, 1100))],
)
def test_a_page_no_paper_prints_is_refused_before_it_is_rendered(size, trim):
    with pytest.raises(EditionImportError, match=r"page 01: is \d+ × \d+ pt, no page.s shape"):
        read_pdf_page(page(size, trim), label="01", number=1)


@pytest.mark.parametrize("size", [(842, 1191), (1684, 1191), (300, 1191)])
def test_pages_spreads_and_strips_are_read(size):
    assert read_pdf_page(page(size), label="01", number=1).size == size


@pytest.mark.django_db
def test_the_command_refuses_the_sliver_in_one_line_and_renders_nothing(tmp_path, monkeypatch):
    def render(*args):
        raise AssertionError("rendered")

    monkeypatch.setattr("importer.core.pdf.render.PageRenderer.add", render)
    (tmp_path / "01.pdf").write_bytes(page((10, 2000)))
    with pytest.raises(CommandError) as raised:
        call_command("import_edition", str(tmp_path / "01.pdf"), "--date", "2023-08-09")
    assert "不是版面的形状" in str(raised.value) and "\n" not in str(raised.value)
