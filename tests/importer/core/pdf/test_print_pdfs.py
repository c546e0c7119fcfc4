"""What the layout system's print PDFs do with text, in small PDFs made here: an embedded subset
font whose text is only in its ToUnicode map (some of it compatibility ideographs), characters
drawn out of reading order, a vertical headline, a page whose text is outlined (no text layer) or
in a font without a Unicode map, text set at 1 pt and scaled by its matrix, bleed, crop marks and
a slug around the page, headlines spaced out, Latin words set apart, and kickers, subheadlines
and leads set a little larger than the body (the graphics: test_print_pdfs_graphics)."""

import io

import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from importer.core.draft import DoubtKind
from importer.core.pdf import read_pdf_page
from importer.core.pdf.render import render_page
from tests.conftest import SEED

SONG = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(SONG))
pdfmetrics.registerFont(TTFont("Subset", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))

# What the subset font's glyphs (Latin letters) are said to be in its ToUnicode map, as a layout
# system's subset CJK font says it: codes that are not Unicode, mapped to the characters. A and B
# are mapped to a compatibility ideograph (U+F90A 金) and a Kangxi radical (U+2F08 人), as
# subset fonts' maps often give them for ordinary characters; E, F and G to full-width
# punctuation and a full-width digit, which must stay as printed.
TO_UNICODE = {
    "A": "F90A",
    "B": "2F08",
    "C": "5E02",  # 市
    "D": "573A",  # 场
    "E": "FF0C",  # ，
    "F": "3002",  # 。
    "G": "FF11",  # １
    "H": "65E5",  # 日
    "I": "62A5",  # 报
    "J": "8BAF",  # 讯
    "K": "8BB0",  # 记
    "L": "8005",  # 者
}


def pdf_of(draw, size=(600, 800), compress=1) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size, pageCompression=compress)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def subset_font_page() -> bytes:
    def draw(pdf):
        pdf.setFont("Subset", 30)
        pdf.drawString(60, 700, "ABCD")
        pdf.setFont("Subset", 10)
        for row in range(6):
            pdf.drawString(60, 650 - 14 * row, "HIJKLABCDECDABGHF" if row == 0 else "CDABCDABECDABCDAB")

    data = pdf_of(draw, compress=0)
    for letter, code in TO_UNICODE.items():
        entry = f"<{ord(letter):02X}> <{ord(letter):04X}>".encode()
        assert data.count(entry) == 1  # reportlab's map, rewritten in place (the same length)
        data = data.replace(entry, f"<{ord(letter):02X}> <{code}>".encode())
    return data


def test_text_comes_from_the_subset_fonts_map_with_compatibility_ideographs_unified():
    page = read_pdf_page(subset_font_page(), label="01", number=1)
    (article,) = page.articles
    assert article.headline == "金人市场"  # U+F90A and U+2F08 read as 金 and 人
    text = article.dateline + "".join(block.text for block in article.body)
    assert "\uf90a" not in text and "\u2f08" not in text
    assert "金人市场，市场金人１日。" in text  # full-width punctuation and digit as printed, not NFKC's
    assert "," not in text and "1" not in text


def test_a_pdf_s_bidi_marks_are_dropped_from_titles_and_text_as_a_dump_s_are():
    """The text policy (newsroom.text.clean_value) holds for a PDF's text layer too: a glyph its
    map calls U+202E or U+200F is no character, in the headline (read by sizes) or the text."""
    data = subset_font_page()
    for letter, code in (("A", "202E"), ("B", "200F")):
        data = data.replace(
            f"<{ord(letter):02X}> <{TO_UNICODE[letter]}>".encode(), f"<{ord(letter):02X}> <{code}>".encode()
        )
    (article,) = read_pdf_page(data, label="01", number=1).articles
    assert article.headline == "市场"
    text = article.headline + article.dateline + "".join(block.text for block in article.body)
    assert "\u202e" not in text and "\u200f" not in text and "市场，市场１日。" in text


def test_characters_drawn_backwards_and_lines_bottom_up_read_in_order():
    body = ["株洲日报讯记者从市里获悉，", "今年全市新建了一批口袋公园，", "市民出门就能走进绿地。"]

    def draw(pdf):
        pdf.setFont(SONG, 10)
        # The body first, bottom line first, each line's characters right to left ...
        for row in reversed(range(len(body))):
            for i in reversed(range(len(body[row]))):
                pdf.drawString(60 + 10 * i, 640 - 14 * row, body[row][i])
        # ... and the headline last, its characters in any order.
        pdf.setFont(SONG, 28)
        for i in (3, 0, 4, 1, 2, 5):
            pdf.drawString(60 + 28 * i, 690, "口袋公园多了"[i])

    (article,) = read_pdf_page(pdf_of(draw), label="01", number=1).articles
    assert article.headline == "口袋公园多了"
    text = article.dateline + "".join(block.text for block in article.body)
    assert text.replace("株洲日报讯", "", 1).startswith("记者从市里获悉，今年全市新建了一批口袋公园，")
    assert text.endswith("市民出门就能走进绿地。")


def test_a_vertical_headline_heads_the_story_beside_it():
    def draw(pdf):
        pdf.setFont(SONG, 36)
        for i, char in enumerate("竖排标题"):
            pdf.drawString(60, 700 - 40 * i, char)
        pdf.setFont(SONG, 10)
        for row in range(8):
            pdf.drawString(
                120,
                720 - 14 * row,
                "本报讯这是竖排标题旁边的正文，" if row == 0 else "正文继续排在标题的右边一栏里，",
            )

    (article,) = read_pdf_page(pdf_of(draw), label="01", number=1).articles
    assert article.headline == "竖排标题"
    assert len(article.areas) == 1


def test_outlined_text_imports_from_the_dump_without_areas_and_says_so():
    def outlined(pdf):
        # Glyphs converted to curves: paths where the text was, no text layer.
        for row in range(40):
            path = pdf.beginPath()
            for i in range(30):
                path.rect(60 + 16 * i, 740 - 16 * row, 9, 10)
            pdf.drawPath(path, fill=1, stroke=0)

    page = read_pdf_page(pdf_of(outlined), label="01", number=1, dump=SEED.read_text(encoding="utf-8"))
    assert len(page.articles) == 8 and page.size == (600.0, 800.0)
    for article in page.articles:
        assert article.areas == []
        (doubt,) = [d for d in article.doubts if d.kind == DoubtKind.MISMATCH]
        assert "没有可读的文字层" in doubt.message


def story(pdf, x, y, matrix=False):
    """A headline and six body lines with their top left corner at (x, y); with `matrix`, set at
    1 pt and scaled by the text matrix, as InDesign and Founder write text."""
    lines = [(28, "口袋公园多了")] + [(10, "株洲日报讯今年全市新建了一批口袋公园，")] * 6
    for row, (size, text) in enumerate(lines):
        baseline = y - 28 - (0 if row == 0 else 14 + 14 * row)
        if matrix:
            obj = pdf.beginText()
            obj.setFont(SONG, 1)
            obj.setTextTransform(size, 0, 0, size, x, baseline)
            obj.textOut(text)
            pdf.drawText(obj)
        else:
            pdf.setFont(SONG, size)
            pdf.drawString(x, baseline, text)


def test_text_set_at_one_point_and_scaled_by_its_matrix_has_its_printed_size():
    (article,) = read_pdf_page(
        pdf_of(lambda pdf: story(pdf, 60, 740, matrix=True)), label="01", number=1
    ).articles
    assert article.headline == "口袋公园多了"
    assert article.dateline == "株洲日报讯"


def test_a_print_pdf_with_bleed_crop_marks_and_slug_is_the_page_as_cut():
    bleed, width, height = 36, 600, 800

    def draw(pdf):
        pdf.setTrimBox((bleed, bleed, bleed + width, bleed + height))
        # Crop marks at the corners, pointing away from the page.
        for x, across in ((bleed, -1), (bleed + width, 1)):
            for y, up in ((bleed, -1), (bleed + height, 1)):
                pdf.line(x + across * 6, y, x + across * 30, y)
                pdf.line(x, y + up * 6, x, y + up * 30)
        pdf.setFont(SONG, 8)
        pdf.drawString(bleed, 8, "A01版 2026年3月28日 14:02 青版 印刷")  # the slug
        story(pdf, bleed + 60, bleed + 740)

    data = pdf_of(draw, size=(width + 2 * bleed, height + 2 * bleed))
    page = read_pdf_page(data, label="01", number=1)
    assert page.size == (600.0, 800.0)
    (article,) = page.articles
    assert "印刷" not in "".join(block.text for block in article.body)
    ((x, y), *_rest) = article.areas[0]
    assert abs(x - 60 / width) < 0.02 and abs(y - 60 / height) < 0.03
    images = render_page(data, widths=(600,))
    with Image.open(io.BytesIO(images[600])) as image:
        assert image.size == (600, 800)
        corner = image.convert("L").crop((0, 0, 40, 40))
        assert corner.getextrema()[0] > 240  # no crop mark drawn on the page image


@pytest.mark.parametrize("spacing", [0.5, 1.0, 1.5])
def test_a_headline_spaced_out_is_one_headline_without_spaces(spacing):
    def draw(pdf):
        pdf.setFont(SONG, 36)
        for i, char in enumerate("我的祖国"):
            pdf.drawString(40 + i * 36 * (1 + spacing), 740, char)
        pdf.setFont(SONG, 10)
        for row in range(8):
            pdf.drawString(40, 700 - 14 * row, "株洲日报讯这是标题下面的正文，正文继续排在标题下面")
        story(pdf, 40, 560)

    page = read_pdf_page(pdf_of(draw), label="01", number=1)
    assert [a.headline for a in page.articles] == ["我的祖国", "口袋公园多了"]


def test_a_font_without_a_unicode_map_is_no_text_layer():
    """Glyphs a font maps to the private use area (no real ToUnicode): not text to store."""
    data = subset_font_page()
    for letter, code in TO_UNICODE.items():
        data = data.replace(
            f"<{ord(letter):02X}> <{code}>".encode(), f"<{ord(letter):02X}> <E0{ord(letter):02X}>".encode()
        )
    page = read_pdf_page(data, label="01", number=1, dump=SEED.read_text(encoding="utf-8"))
    assert len(page.articles) == 8 and all(a.areas == [] for a in page.articles)
    assert all("没有可读的文字层" in " ".join(d.message for d in a.doubts) for a in page.articles)
    assert read_pdf_page(data, label="01", number=1).articles == []


def test_latin_words_set_apart_without_a_space_character_keep_their_space():
    def draw(pdf):
        story(pdf, 40, 760)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(40, 560, "Hello")  # the words placed apart, as layout systems set them
        pdf.drawString(40 + pdf.stringWidth("Hello ", "Helvetica", 10), 560, "World")

    (article,) = read_pdf_page(pdf_of(draw), label="01", number=1).articles
    assert "Hello World" in "".join(block.text for block in article.body)


def test_a_kicker_and_subheadline_set_a_little_larger_than_the_body_are_title_parts():
    """12 pt over a 10.5 pt body: under the 1.3 × of a headline, but right above and below one."""

    def draw(pdf):
        pdf.setFont(SONG, 12)
        pdf.drawString(40, 770, "全市城市更新行动")
        pdf.setFont(SONG, 28)
        pdf.drawString(40, 740, "口袋公园多了")
        pdf.setFont(SONG, 12)
        pdf.drawString(40, 718, "——今年新建一百多个")
        pdf.setFont(SONG, 10.5)
        for row in range(8):
            pdf.drawString(40, 696 - 16 * row, "株洲日报讯今年全市新建了一批口袋公园，市民出门就能走进绿地。")
        pdf.setFont(SONG, 12)
        pdf.drawString(40, 560, "绿地就在家门口")  # a subhead in the text, far from the title
        pdf.setFont(SONG, 10.5)
        for row in range(4):
            pdf.drawString(40, 540 - 16 * row, "家住荷塘区的市民说，现在下楼走几步就有地方散步了。")

    (article,) = read_pdf_page(pdf_of(draw), label="01", number=1).articles
    assert (article.kicker, article.headline, article.subheadline) == (
        "全市城市更新行动",
        "口袋公园多了",
        "今年新建一百多个",
    )
    assert "绿地就在家门口" in [block.text for block in article.body]


def test_a_lead_set_larger_under_the_headline_stays_the_storys_text():
    def draw(pdf):
        pdf.setFont(SONG, 28)
        pdf.drawString(40, 740, "口袋公园多了")
        pdf.setFont(SONG, 12)  # the lead, four lines in a larger size
        for row in range(4):
            pdf.drawString(40, 716 - 16 * row, "今年以来，全市新建口袋公园一百多个，市民出门就能走进绿地。")
        pdf.setFont(SONG, 10.5)
        for row in range(6):
            pdf.drawString(40, 640 - 16 * row, "株洲日报讯今年全市新建了一批口袋公园，市民出门就能走进绿地。")

    (article,) = read_pdf_page(pdf_of(draw), label="01", number=1).articles
    assert (article.kicker, article.headline, article.subheadline) == ("", "口袋公园多了", "")
    assert article.body[0].text.startswith("今年以来，全市新建口袋公园一百多个")
