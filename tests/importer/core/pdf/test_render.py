"""The page images: rendered once at the largest width and scaled down, every page's images in
the order of its PDF, whatever order the encoders finish in."""

import io

from PIL import Image
from reportlab.pdfgen import canvas

from importer.core.pdf import read_pdf_page
from importer.core.pdf.render import WIDTHS, PageRenderer, render_page, render_pages


def page_with_a_black_half(side: str, size=(600, 800)) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size)
    pdf.rect(0 if side == "left" else size[0] / 2, 0, size[0] / 2, size[1], fill=1, stroke=0)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def darkness(webp: bytes) -> tuple[float, float]:
    """How dark the image's left and right thirds are (0 white, 255 black)."""
    with Image.open(io.BytesIO(webp)) as image:
        grey = image.convert("L")
        third = grey.width // 3
        left = grey.crop((0, 0, third, grey.height)).resize((1, 1), Image.BOX).getpixel((0, 0))
        right = grey.crop((2 * third, 0, grey.width, grey.height)).resize((1, 1), Image.BOX).getpixel((0, 0))
    return 255 - left, 255 - right


def test_each_width_is_the_page_at_that_width_in_its_proportions():
    images = render_page(page_with_a_black_half("right"), widths=(800, 1600, 600))
    assert sorted(images) == [600, 800, 1600]
    for width, data in images.items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "WEBP" and image.width == width
            assert abs(image.height - round(width * 800 / 600)) <= 1
        left, right = darkness(data)
        assert left < 10 and right > 245


def test_pages_come_back_in_order_with_their_own_images():
    sides = ["left", "right", "right", "left", "right"]
    rendered = list(render_pages(page_with_a_black_half(side) for side in sides))
    assert len(rendered) == len(sides)
    for side, images in zip(sides, rendered, strict=True):
        assert sorted(images) == sorted(WIDTHS)
        left, right = darkness(images[max(WIDTHS)])
        assert (left > right) == (side == "left")


def test_a_page_rendered_while_it_is_read_has_the_images_it_would_have_alone():
    data = page_with_a_black_half("left")
    with PageRenderer() as renderer:
        page = read_pdf_page(data, label="03", number=3, renderer=renderer)
        images = renderer.images()
    assert page.size == (600.0, 800.0)
    assert list(images) == ["03"] and images["03"] == render_page(data)
