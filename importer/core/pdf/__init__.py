"""Page PDFs read as pages: the layout system's PDF of a printed page into a `PageDraft` with its
articles, their title parts by size, their areas, and the page's size. Pure Python (pypdfium2,
PDFium's text layer and renderer, Apache/BSD).

- `chars`: characters, rules, boxes and images from the PDF;
- `lines`: characters into horizontal and vertical lines;
- `layout`: furniture, the column grid, title groups and the blocks (articles) in reading order;
- `areas`: each block's polygons;
- `page`: blocks into articles (the dump parser reads their text);
- `dump`: the same with the page's text dump beside the PDF (the dump's text stored);
- `render`: the page as images at web sizes.
"""

from __future__ import annotations

from ..draft import DoubtKind, PageDraft
from ..errors import EditionImportError, gettext_noop
from ..parser import parse_page
from .chars import open_pdf, printed_page, read_page
from .dump import dump_and_layout
from .layout import read_layout
from .page import layout_page

MAX_PAGES = 1
# A printed page, a spread of two or a strip is at most this many times as long as it is wide.
# Pages are rendered at a fixed width: a sliver 1 pt wide and 1000 pt tall (or a TrimBox cutting
# one out of a page) would render to a bitmap of gigabytes.
MAX_ASPECT = 4
# A PDF whose Subject or Keywords say this is a typeset sample (as tests/fixtures/typeset writes
# them), not the printed page: readers are told so.
SAMPLE_MARKS = ("typeset sample", "排版样张")
NO_TEXT_LAYER = (
    "版面 PDF 没有可读的文字层（文字转成了曲线、是扫描图，或字体没有 Unicode 映射）："
    "文字取自文本，版面区域请在版面图上画出"
)


def read_pdf_page(
    data: bytes, *, label: str, number: int, dump: str | None = None, profile=None, renderer=None
) -> PageDraft:
    """One page PDF (with the page's dump, when there is one) as a page draft. A page without a
    text layer (outlined fonts, a scan, fonts without a Unicode map) gives no articles of its own:
    its dump's, or none. A `renderer` (render.PageRenderer) renders the page while its document
    is open, under `label`."""
    where = gettext_noop("page %(page)s", page=label)
    try:
        document = open_pdf(data)
    except EditionImportError as error:
        raise error.at(where) from None
    try:
        if len(document) != MAX_PAGES:
            raise EditionImportError(
                gettext_noop("holds %(count)d pages; import one PDF per page (01.pdf, 02.pdf …)"),
                where=(where,),
                count=len(document),
            )
        printed = printed_page(document)
        width, height = printed.get_width(), printed.get_height()
        if max(width, height) > MAX_ASPECT * min(width, height):
            raise EditionImportError(
                gettext_noop(
                    "is %(width)d × %(height)d pt, no page's shape "
                    "(one side more than %(aspect)d times the other)"
                ),
                where=(where,),
                width=round(width),
                height=round(height),
                aspect=MAX_ASPECT,
            )
        content = read_page(printed)
        if renderer is not None:
            renderer.add(label, printed)
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    described = f"{metadata.get('Subject', '')} {metadata.get('Keywords', '')}".lower()
    page = _read(content, dump, label, number, profile)
    page.sample = any(mark in described for mark in SAMPLE_MARKS)
    return page


def _read(content, dump, label, number, profile) -> PageDraft:
    if not content.chars:
        page = (
            parse_page(dump, label=label, number=number, profile=profile)
            if dump
            else PageDraft(number, label)
        )
        for article in page.articles:
            article.doubt(DoubtKind.MISMATCH, NO_TEXT_LAYER, [article.headline])
        page.size = (round(content.width, 2), round(content.height, 2))
        return page
    layout = read_layout(content)
    if dump is not None:
        return dump_and_layout(layout, dump, label=label, number=number, profile=profile)
    return layout_page(layout, label=label, number=number, profile=profile)


__all__ = ["read_pdf_page"]
