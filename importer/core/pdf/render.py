"""A page PDF rendered as web images: WebP at the widths readers' screens want. Pure Python
(pypdfium2 renders, Pillow encodes)."""

from __future__ import annotations

import io

from .chars import open_pdf

WIDTHS = (800, 1600)
QUALITY = 72
# WebP's fastest method: a broadsheet page at 1600 px in a fraction of a second, a little larger.
METHOD = 2


def render_page(data: bytes, widths=WIDTHS) -> dict[int, bytes]:
    """{width: WebP bytes} of the PDF's first page, rendered once at the largest width."""
    document = open_pdf(data)
    try:
        page = document[0]
        width, _height = page.get_size()
        largest = max(widths)
        bitmap = page.render(scale=largest / width, may_draw_forms=True)
        image = bitmap.to_pil().convert("RGB")
    finally:
        document.close()
    out = {}
    for target in sorted(widths, reverse=True):
        sized = (
            image
            if target == image.width
            else image.resize((target, round(image.height * target / image.width)), reducing_gap=2.0)
        )
        buffer = io.BytesIO()
        sized.save(buffer, "WEBP", quality=QUALITY, method=METHOD)
        out[target] = buffer.getvalue()
    return out
