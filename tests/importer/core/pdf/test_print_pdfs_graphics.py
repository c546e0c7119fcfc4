"""What the layout system's print PDFs draw besides text, in small PDFs made here: backgrounds
painted behind the page, a photo cropped by its clipping path, dotted rules drawn dot by dot,
boxes framed by four lines, a caption printed over its photo, a page stored turned and a page
header on a tinted band."""

import io

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader

from importer.core.pdf import read_pdf_page
from importer.core.pdf.render import render_page
from tests.importer.core.pdf.test_print_pdfs import SONG, pdf_of, story


@pytest.mark.parametrize("background", [(1, 1, 1), (0.98, 0.95, 0.88)], ids=["white", "tinted"])
def test_a_background_painted_behind_the_page_frames_no_story(background):
    def draw(pdf):
        pdf.setFillColorRGB(*background)
        pdf.rect(0, 0, 600, 800, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.rect(300, 380, 280, 200, fill=1, stroke=0)  # a white knockout under the third story
        pdf.setFillColorRGB(0, 0, 0)
        story(pdf, 40, 760)
        story(pdf, 320, 760)
        story(pdf, 320, 560)

    page = read_pdf_page(pdf_of(draw), label="01", number=1)
    assert [a.headline for a in page.articles] == ["口袋公园多了"] * 3
    assert all(a.kind == "news" and len(a.areas) == 1 for a in page.articles)


def test_a_photo_cropped_in_the_layout_takes_only_what_the_page_shows():
    picture = io.BytesIO()
    Image.new("RGB", (50, 30), (90, 120, 80)).save(picture, "PNG")

    def draw(pdf):
        story(pdf, 40, 760)
        story(pdf, 320, 760)
        # The left story's photo, placed at more than twice its shown width and clipped.
        pdf.saveState()
        path = pdf.beginPath()
        path.rect(40, 430, 240, 180)
        pdf.clipPath(path, stroke=0, fill=0)
        picture.seek(0)
        pdf.drawImage(ImageReader(picture), 40, 330, 520, 300)
        pdf.restoreState()

    left, right = read_pdf_page(pdf_of(draw), label="01", number=1).articles
    assert max(x for x, _y in left.areas[0]) < 0.5 < min(x for x, _y in right.areas[0])
    assert max(y for _x, y in left.areas[0]) > 0.45  # the photo, under the left story, is its


def test_a_dotted_rule_drawn_dot_by_dot_parts_two_stories():
    def draw(pdf):
        pdf.setFont(SONG, 28)
        pdf.drawString(40, 732, "全市口袋公园今年新增一百多个")  # across the page
        pdf.setFont(SONG, 10)
        for row in range(6):
            pdf.drawString(40, 704 - 14 * row, "株洲日报讯今年全市新建了一批口袋公园，市民出门就能走进绿地。")
        for i in range(130):  # the rule under the story, drawn one dot at a time
            pdf.rect(40 + 4 * i, 618, 1.5, 1.5, fill=1, stroke=0)
        # Under the rule, a story whose text reaches up beside its headline, under the one above.
        story(pdf, 40, 612)
        for row in range(3):
            pdf.drawString(330, 588 - 14 * row, "这一栏是下面稿件的正文，在标题右边")

    upper, lower = read_pdf_page(pdf_of(draw), label="01", number=1).articles
    assert upper.headline == "全市口袋公园今年新增一百多个"
    assert "这一栏是下面稿件的正文" not in "".join(block.text for block in upper.body)
    assert "这一栏是下面稿件的正文" in "".join(block.text for block in lower.body)


def test_a_box_framed_by_four_lines_is_a_box():
    def draw(pdf):
        story(pdf, 40, 760)
        for x0, y0, x1, y1 in (
            (300, 540, 560, 540),
            (300, 760, 560, 760),
            (300, 540, 300, 760),
            (560, 540, 560, 760),
        ):
            pdf.line(x0, y0, x1, y1)
        pdf.setFont(SONG, 14)
        pdf.drawString(320, 730, "招聘启事")
        pdf.setFont(SONG, 10)
        for row in range(6):
            pdf.drawString(320, 700 - 14 * row, "本公司因业务发展需要招聘编辑若干名")

    page = read_pdf_page(pdf_of(draw), label="01", number=1)
    boxed = next(a for a in page.articles if a.headline == "招聘启事")
    ((x0, y0), *_rest) = boxed.areas[0]
    assert abs(x0 - 0.5) < 0.003 and abs(y0 - 0.05) < 0.003  # the frame's corner (300, 40 from the top)


def test_a_caption_printed_over_its_photo_is_the_photos():
    picture = io.BytesIO()
    Image.new("RGB", (50, 30), (90, 120, 80)).save(picture, "PNG")

    def draw(pdf):
        story(pdf, 40, 760)
        picture.seek(0)
        pdf.drawImage(ImageReader(picture), 40, 430, 240, 180)
        pdf.setFillColorRGB(1, 1, 1)  # white, on the picture
        pdf.setFont(SONG, 8)
        pdf.drawString(48, 440, "市民在新建的口袋公园里散步。记者 李军 摄")
        pdf.setFillColorRGB(0, 0, 0)
        story(pdf, 320, 760)

    with_photo, beside = read_pdf_page(pdf_of(draw), label="01", number=1).articles
    assert [(p.caption, p.credit) for p in with_photo.photos] == [
        ("市民在新建的口袋公园里散步", "记者 李军 摄")
    ]
    assert "散步" not in "".join(block.text for block in with_photo.body) and not beside.photos


def test_a_page_stored_turned_reads_as_it_shows():
    """A portrait page stored landscape with /Rotate 90 (its content drawn turned back): read,
    measured and rendered as the page shown, as if it had been stored upright."""

    def upright(pdf):
        story(pdf, 40, 760)

    def turned(pdf):
        pdf.setPageRotation(90)
        pdf.translate(800, 0)
        pdf.rotate(90)
        story(pdf, 40, 760)

    stored = pdf_of(turned)
    page, expected = (read_pdf_page(data, label="01", number=1) for data in (stored, pdf_of(upright)))
    assert page.size == expected.size == (600.0, 800.0)
    ((article,), (same,)) = page.articles, expected.articles
    assert (article.headline, article.dateline, article.body) == (same.headline, same.dateline, same.body)
    for (x, y), (x2, y2) in zip(article.areas[0], same.areas[0], strict=True):
        assert abs(x - x2) < 0.01 and abs(y - y2) < 0.01  # a glyph's box turned is a little other
    with Image.open(io.BytesIO(render_page(stored, widths=(300,))[300])) as image:
        assert image.size == (300, 400)


def test_a_page_header_printed_on_a_tinted_band_is_furniture():
    def draw(pdf):
        pdf.setFillColorRGB(0.1, 0.3, 0.6)
        pdf.rect(20, 740, 560, 50, fill=1, stroke=0)  # the band across the page's top
        pdf.setFillColorRGB(1, 1, 1)
        pdf.setFont(SONG, 12)
        pdf.drawString(40, 760, "A01 要闻 2026年3月28日 星期六 责任编辑 张三")
        pdf.setFillColorRGB(0, 0, 0)
        story(pdf, 40, 720)

    page = read_pdf_page(pdf_of(draw), label="01", number=1)
    assert [a.headline for a in page.articles] == ["口袋公园多了"]
