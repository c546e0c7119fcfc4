"""A page PDF rendered as web images: WebP at the widths readers' screens want. Pure Python
(pypdfium2 renders, Pillow scales and encodes).

Each page is rendered once, at the largest width, and scaled down for the others. PDFium is not
thread-safe, so pages are rendered one after another in the caller's thread; the WebP encoding,
half the time and free of the GIL in Pillow, runs in a thread beside it (the next page renders
while the last one is encoded), with at most one page's bitmap waiting: memory stays flat in the
number of pages.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

from .chars import open_pdf, printed_page

WIDTHS = (800, 1600)
# WebP's fastest method at quality 60 is as faithful to the page (PSNR 40.9 dB at 1600 px, 39.3 at
# 800 on the typeset pages) as method 2 at quality 72, its files 4-8 % larger, in 60 % of the time
# (a broadsheet page at 1600 px: 73 ms of CPU, not 120).
QUALITY = 60
METHOD = 0
ENCODERS = 1  # with the rendering thread, the machine's two cores
WAITING = 1  # pages rendered ahead of their encoding


def rasterise(data: bytes, width: int) -> Image.Image:
    """The PDF's first page, as printed (cut to its TrimBox), as an RGB image `width` pixels wide."""
    document = open_pdf(data)
    try:
        page = printed_page(document)
        # RGB in PDFium's byte order as Pillow wants it: no conversion, no copy.
        bitmap = page.render(scale=width / page.get_width(), rev_byteorder=True, may_draw_forms=True)
        image = bitmap.to_pil()
        return image if image.mode == "RGB" else image.convert("RGB")
    finally:
        document.close()


def scaled(image: Image.Image, width: int) -> Image.Image:
    if width == image.width:
        return image
    if image.width % width == 0:
        # An exact fraction (1600 to 800): a box filter over whole pixels, the fastest and sharpest.
        return image.reduce(image.width // width)
    return image.resize((width, round(image.height * width / image.width)), reducing_gap=2.0)


def encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=QUALITY, method=METHOD)
    return buffer.getvalue()


def render_page(data: bytes, widths=WIDTHS) -> dict[int, bytes]:
    """{width: WebP bytes} of the PDF's first page."""
    image = rasterise(data, max(widths))
    return {width: encode(scaled(image, width)) for width in sorted(widths, reverse=True)}


def render_pages(pdfs: Iterable[bytes], widths=WIDTHS) -> Iterator[dict[int, bytes]]:
    """render_page of each PDF, in order: rendered here, encoded in the encoders' threads."""
    widths = sorted(widths, reverse=True)
    with ThreadPoolExecutor(ENCODERS, thread_name_prefix="webp") as pool:
        waiting: deque = deque()
        for data in pdfs:
            image = rasterise(data, widths[0])
            waiting.append({width: pool.submit(encode, scaled(image, width)) for width in widths})
            del image
            while len(waiting) > WAITING:
                yield {width: job.result() for width, job in waiting.popleft().items()}
        while waiting:
            yield {width: job.result() for width, job in waiting.popleft().items()}
