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
from collections.abc import Iterable
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


def bitmap(page, width: int) -> Image.Image:
    """A pypdfium2 page (as `printed_page` gives it) as an RGB image `width` pixels wide."""
    # RGB in PDFium's byte order as Pillow wants it: no conversion, no copy.
    rendered = page.render(scale=width / page.get_width(), rev_byteorder=True, may_draw_forms=True)
    image = rendered.to_pil()
    return image if image.mode == "RGB" else image.convert("RGB")


def rasterise(data: bytes, width: int) -> Image.Image:
    """The PDF's first page, as printed (cut to its TrimBox), as an RGB image `width` pixels wide."""
    document = open_pdf(data)
    try:
        return bitmap(printed_page(document), width)
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


class PageRenderer:
    """Page images made while the pages are read: `add` renders a page whose document is open
    (in the caller's thread, PDFium's only one), the encoder thread encodes it while the caller
    reads on, and `images()` gives {key: {width: WebP bytes}} in the order added. At most
    WAITING pages' bitmaps wait for the encoder: `add` waits for it beyond that."""

    def __init__(self, widths=WIDTHS):
        self.widths = sorted(widths, reverse=True)
        self._pool = ThreadPoolExecutor(ENCODERS, thread_name_prefix="webp")
        self._jobs: dict = {}
        self._pending: deque = deque()

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self._pool.shutdown(cancel_futures=True)

    def add(self, key, page):
        image = bitmap(page, self.widths[0])
        while len(self._pending) >= WAITING:
            for job in self._pending.popleft():
                job.result()
        jobs = {width: self._pool.submit(encode, scaled(image, width)) for width in self.widths}
        self._jobs[key] = jobs
        self._pending.append(list(jobs.values()))

    def add_pdf(self, key, data: bytes):
        document = open_pdf(data)
        try:
            self.add(key, printed_page(document))
        finally:
            document.close()

    def __contains__(self, key) -> bool:
        return key in self._jobs

    def images(self) -> dict:
        return {key: {width: job.result() for width, job in jobs.items()} for key, jobs in self._jobs.items()}


def render_pages(pdfs: Iterable[bytes], widths=WIDTHS) -> list[dict[int, bytes]]:
    """render_page of each PDF, in order: rendered here, encoded in the encoder's thread."""
    with PageRenderer(widths) as renderer:
        for index, data in enumerate(pdfs):
            renderer.add_pdf(index, data)
        return list(renderer.images().values())
