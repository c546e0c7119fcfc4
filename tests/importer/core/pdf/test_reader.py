"""What real page PDFs do, read right: compatibility ideographs, a page without a text layer,
a page's dump beside its PDF, and files that are not one page PDF."""

import io
from types import SimpleNamespace

import pytest
from reportlab.pdfgen import canvas

from importer.core.draft import EditionImportError
from importer.core.pdf import read_pdf_page
from importer.core.pdf.chars import Char, unified
from importer.core.pdf.lines import read_lines
from importer.core.pdf.page import page_name
from tests.conftest import FIXTURES, SEED

SEED_PDF = FIXTURES / "pdf" / "seed" / "01.pdf"


def pdf_of(draw, pages=1) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(600, 800))
    for _ in range(pages):
        draw(pdf)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_compatibility_ideographs_become_unified_and_punctuation_stays():
    assert unified("\uf90a") == "金"  # CJK COMPATIBILITY IDEOGRAPH-F90A
    assert unified("\u2f08") == "人"  # KANGXI RADICAL MAN
    for char in "，。：；！？（）“”、—１Ａ":
        assert unified(char) == char  # NFKC would make these ASCII


def test_characters_drawn_in_any_order_make_lines_left_to_right():
    text = "株洲日报讯记者"
    chars = [Char(c, 10 + 10 * i, 100, 20 + 10 * i, 110, 10.0) for i, c in enumerate(text)]
    (line,) = read_lines(list(reversed(chars)), 10.0)
    assert line.text == text and not line.vertical


def test_large_characters_one_under_another_are_a_vertical_headline():
    chars = [Char(c, 50, 100 + 40 * i, 86, 136 + 40 * i, 36.0) for i, c in enumerate("竖排标题")]
    body = [Char("正", 100 + 10 * i, 100, 110 + 10 * i, 110, 10.0) for i in range(8)]
    lines = read_lines(body + chars[::-1], 10.0)
    vertical = [line for line in lines if line.vertical]
    assert [line.text for line in vertical] == ["竖排标题"]


def test_a_page_without_a_text_layer_gives_no_articles_but_its_size():
    def outlined(pdf):
        pdf.rect(50, 50, 500, 700, fill=1)

    page = read_pdf_page(pdf_of(outlined), label="03", number=3)
    assert page.articles == [] and page.size == (600.0, 800.0)
    with_dump = read_pdf_page(pdf_of(outlined), label="01", number=1, dump=SEED.read_text(encoding="utf-8"))
    assert len(with_dump.articles) == 8 and all(a.areas == [] for a in with_dump.articles)


def test_the_dump_beside_the_pdf_gives_the_text_and_the_pdf_the_areas():
    dump = SEED.read_text(encoding="utf-8")
    page = read_pdf_page(SEED_PDF.read_bytes(), label="01", number=1, dump=dump)
    assert len(page.articles) == 8 and all(a.areas for a in page.articles)
    assert not any(d.kind == "mismatch" for a in page.articles for d in a.doubts)
    # The dump's text: the dump prints "有的小区" with a comma the typeset page does not change.
    assert page.articles[0].dateline == "株洲日报讯"
    assert page.name == "要闻"


def test_where_the_dump_and_the_pdf_disagree_the_article_says_so():
    dump = SEED.read_text(encoding="utf-8")
    extra = (
        "另有一篇只在文本里的消息\n\n"
        "株洲日报讯 这段文字在版面 PDF 上找不到，它只在页面文本中出现，编辑需要核对它是否见报。"
    )
    start, end = dump.index("干到极致"), dump.index("服务送到村口")
    cut = dump[:start] + dump[end:]  # the commentary is not in the dump
    page = read_pdf_page(SEED_PDF.read_bytes(), label="01", number=1, dump=cut + "\n\n" + extra)
    doubts = {a.headline: [d.message for d in a.doubts if d.kind == "mismatch"] for a in page.articles}
    assert "这篇稿件只在版面 PDF 中" in " ".join(doubts["干到极致"])
    only_in_dump = [h for h, m in doubts.items() if "只在文本中" in " ".join(m)]
    assert only_in_dump == ["另有一篇只在文本里的消息"]
    assert next(a for a in page.articles if a.headline == only_in_dump[0]).areas == []


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.4 not really", "not a readable PDF"),
        (pdf_of(lambda pdf: pdf.drawString(50, 700, "x"), pages=2), "holds 2 pages"),
    ],
)
def test_what_is_not_one_page_pdf_is_refused_with_one_line(data, says):
    with pytest.raises(EditionImportError, match=says):
        read_pdf_page(data, label="01", number=1)


def test_the_page_s_name_is_read_from_the_furniture_naming_its_label():
    layout = SimpleNamespace(
        furniture=[SimpleNamespace(text="第A1版：经济"), SimpleNamespace(text="02版：要闻")]
    )
    assert [page_name(layout, label) for label in ("2", "02", "A1", "a1", "A2", "12")] == [
        "要闻",
        "要闻",
        "经济",
        "经济",
        "",
        "",
    ]
