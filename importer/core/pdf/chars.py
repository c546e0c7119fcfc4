"""What a page PDF holds, read with pypdfium2 (PDFium's text layer: characters through the fonts'
ToUnicode maps, with their boxes, sizes, weights and render modes): characters, rules, images and
boxes in points, origin top left. Pure Python.

CJK compatibility ideographs (U+F900–U+FAFF) and Kangxi radicals (U+2F00–U+2FDF), which subset
fonts' ToUnicode maps give for glyphs of ordinary characters, are mapped back to the unified
ideographs, and only those: NFKC would also turn the full-width punctuation a Chinese page prints
into ASCII. Glyphs without a Unicode value (the private use area) are no text, nor are the
characters the text policy drops (`newsroom.text.clean_value`: controls, bidi marks).

The page is the printed one: cut to its TrimBox (no bleed, crop marks or slug), turned upright
by its /Rotate; sizes are as printed (the font's size times the text matrix's scale); photos are
cut to their clipping paths; paths not seen on paper (white) and backgrounds over most of the
page are neither rules nor boxes; dotted rules drawn dot by dot are one rule and four lines
framing a box a box.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from newsroom.text import INVISIBLE

from ..errors import EditionImportError, gettext_noop

# A face is bold by its weight, its name, or fake bold (filled and stroked, as layout systems set
# a face that has none).
BOLD_WEIGHT = 600
BOLD_NAMES = ("bold", "heavy", "black", "demi", "hei", "黑", "粗")
FILL_STROKE = (raw.FPDF_TEXTRENDERMODE_FILL_STROKE, raw.FPDF_TEXTRENDERMODE_STROKE)
# A drawn line thinner than this is a rule; a filled or stroked rectangle bigger than this a box.
RULE_THICKNESS = 3.0
RULE_LENGTH = 24.0
BOX_SIDE = 40.0
DOT_GAP = 4.0  # points between the dots or dashes of one rule
# A box over more of the page than this is the page's background or frame, not a story's.
BOX_MOST = 0.8
WHITE = 245  # of 255, each of red, green and blue: a path so light is not seen on paper
BLANK = (0xA0, 0x3000, 0xFFFE, 0xFFFF)
SPACES = (0x20, 0xA0, 0x3000)


class Char(NamedTuple):
    """One printed character (a named tuple: a broadsheet page has thousands)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    space: bool = False  # a space was printed before it


@dataclass(frozen=True)
class Rect:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class PageContent:
    width: float
    height: float
    chars: list[Char]
    rules: list[Rect]  # horizontal rules (and vertical ones: height > width)
    boxes: list[Rect]  # framed or tinted rectangles (advertisements, sidebars)
    images: list[Rect]


def unified(char: str) -> str:
    """A compatibility ideograph or Kangxi radical as its unified ideograph; other text as it is."""
    code = ord(char) if len(char) == 1 else 0
    if 0xF900 <= code <= 0xFAFF or 0x2F00 <= code <= 0x2FDF:
        return unicodedata.normalize("NFKC", char)
    return char


# The text object a character was drawn by, as an address: the font, size and render mode are the
# object's, read once for all its characters (pypdfium2's binding returns a pointer, unhashable).
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
)


def _style(textpage, index: int) -> tuple[float, bool]:
    """(size, bold) of the character's text object. The size as printed: the font's size times
    the scale of the text and page matrices (layout systems often set text at 1 pt and scale it
    with the text matrix: "/F1 1 Tf 9.5 0 0 9.5 x y Tm")."""
    matrix = raw.FS_MATRIX()
    scale = math.hypot(matrix.c, matrix.d) if raw.FPDFText_GetMatrix(textpage, index, matrix) else 1.0
    size = raw.FPDFText_GetFontSize(textpage, index) * scale
    buffer = ctypes.create_string_buffer(128)
    length = raw.FPDFText_GetFontInfo(textpage, index, buffer, 128, None)
    name = buffer.raw[: max(0, length - 1)].decode("utf-8", "replace").lower()
    if raw.FPDFText_GetFontWeight(textpage, index) >= BOLD_WEIGHT or any(w in name for w in BOLD_NAMES):
        return size, True
    obj = raw.FPDFText_GetTextObject(textpage, index)
    return size, bool(obj) and raw.FPDFTextObj_GetTextRenderMode(obj) in FILL_STROKE


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def read_chars(page, frame: tuple[float, float, float, float]) -> list[Char]:
    """The characters printed inside `frame` (left, bottom, right, top in PDF space), in points
    from its top left corner (what lies outside, a print PDF's slug, is not the page)."""
    left, bottom, right, top = frame
    textpage = page.get_textpage()
    handle = textpage.raw
    chars, styles, space = [], {}, False
    box = raw.FS_RECTF()
    guessed = False
    try:
        for index in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(handle, index)
            generated = raw.FPDFText_IsGenerated(handle, index)
            if code <= 0x20 or code in BLANK or generated:
                space = space or (code in SPACES and not generated)
                guessed = guessed or (generated and code == 0x20)
                continue
            if guessed and chars and _latin(chars[-1].text) and _latin(chr(code)):
                # PDFium's guess from a gap is a word space between Latin words (layout systems
                # set words apart without a space character); between Chinese characters it is a
                # headline's letter-spacing, which the lines weigh themselves.
                space = True
            guessed = False
            if 0xE000 <= code <= 0xF8FF or code == 0xFFFD:
                # A glyph of a font without a Unicode map (the private use area, or none): no
                # text anyone can read; a page of only these has no text layer.
                continue
            if INVISIBLE.match(chr(code)):
                # What the text policy drops from a dump or edition JSON (a bidi override, a
                # control character) is no character of the page either, title or text.
                continue
            # The loose box: the font's ascent to descent, the same for every character of a line.
            raw.FPDFText_GetLooseCharBox(handle, index, box)
            if not (left <= (box.left + box.right) / 2 <= right and bottom <= box.bottom <= top):
                continue
            key = _text_object(handle, index)
            style = styles.get(key) if key else None
            if style is None:
                style = styles[key] = _style(handle, index)
            size, bold = style
            # The em box above the descent line: the same top for every character of a line.
            below = top - box.bottom
            x0, x1 = box.left - left, box.right - left
            chars.append(Char(unified(chr(code)), x0, below - size, x1, below, round(size, 1), bold, space))
            space = False
    finally:
        textpage.close()
    return chars


def _seen(path) -> bool:
    """A path shows on paper: stroked, or filled, in a colour darker than white (layout systems
    paint white rectangles behind the page and under photos' text)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(path, fill, stroke):
        return True
    rgba = [ctypes.c_uint() for _ in range(4)]
    for painted, colour in (
        (stroke.value, raw.FPDFPageObj_GetStrokeColor),
        (fill.value, raw.FPDFPageObj_GetFillColor),
    ):
        if painted and colour(path, *rgba) and rgba[3].value and min(c.value for c in rgba[:3]) < WHITE:
            return True
    return False


def _clipped(obj, bounds):
    """An object's bounds within its clipping paths (page space): a photo cropped in the layout
    is the whole picture, clipped to what the page shows of it."""
    x0, y0, x1, y1 = bounds
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return bounds
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        points = []
        for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and raw.FPDFPathSegment_GetPoint(segment, x, y):
                points.append((x.value, y.value))
        if points:
            x0, x1 = max(x0, min(p[0] for p in points)), min(x1, max(p[0] for p in points))
            y0, y1 = max(y0, min(p[1] for p in points)), min(y1, max(p[1] for p in points))
    return x0, y0, x1, y1


def read_objects(page, frame) -> tuple[list[Rect], list[Rect], list[Rect]]:
    """Rules, boxes and images inside `frame`, cut to it (a photo bleeding off the page)."""
    left, bottom, right, top = frame
    most = BOX_MOST * (right - left) * (top - bottom)
    pieces, boxes, images = [], [], []
    for obj in page.get_objects(max_depth=4):
        if obj.type not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
            continue
        if obj.type == raw.FPDF_PAGEOBJ_PATH and not _seen(obj.raw):
            continue
        x0, y0, x1, y1 = _clipped(obj.raw, obj.get_bounds())
        x0, y0, x1, y1 = max(x0, left), max(y0, bottom), min(x1, right), min(y1, top)
        if x0 > x1 or y0 > y1:
            continue  # crop marks, registration marks, colour bars; what a clip hides
        rect = Rect(x0 - left, top - y1, x1 - left, top - y0)
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            images.append(rect)
        elif min(rect.width, rect.height) <= RULE_THICKNESS:
            pieces.append(rect)
        elif rect.width >= BOX_SIDE and rect.height >= BOX_SIDE and rect.width * rect.height <= most:
            boxes.append(rect)
    rules = [r for r in _joined(pieces) if max(r.width, r.height) >= RULE_LENGTH]
    framed, rules = _frames(rules)
    return rules, boxes + [b for b in framed if b.width * b.height <= most], images


def _joined(pieces: list[Rect]) -> list[Rect]:
    """Thin pieces one after another on one line as one rule: a dotted or dashed rule drawn dot
    by dot, a rule drawn in lengths."""
    out: list[Rect] = []
    for across in (True, False):
        line = sorted(
            (r for r in pieces if (r.width >= r.height) == across),
            key=lambda r: (round(r.top), r.x0) if across else (round(r.x0), r.top),
        )
        for rect in line:
            last = out[-1] if out and (out[-1].width >= out[-1].height) == across else None
            if across and last and abs(rect.top - last.top) <= 1 and rect.x0 - last.x1 <= DOT_GAP:
                out[-1] = Rect(
                    last.x0, min(last.top, rect.top), max(last.x1, rect.x1), max(last.bottom, rect.bottom)
                )
            elif not across and last and abs(rect.x0 - last.x0) <= 1 and rect.top - last.bottom <= DOT_GAP:
                out[-1] = Rect(
                    min(last.x0, rect.x0), last.top, max(last.x1, rect.x1), max(last.bottom, rect.bottom)
                )
            else:
                out.append(rect)
    return out


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 2


def _frame_under(upper: Rect, across: list[Rect], down: list[Rect]):
    """The frame `upper` is the top of: the nearest rule below as wide, and a rule down each side
    between them; (box, its four rules), or None."""
    for lower in across:
        if lower.top - upper.top < BOX_SIDE or not (_near(lower.x0, upper.x0) and _near(lower.x1, upper.x1)):
            continue
        spans = [r for r in down if _near(r.top, upper.top) and _near(r.bottom, lower.bottom)]
        left = next((r for r in spans if _near(r.x0, upper.x0)), None)
        right = next((r for r in spans if _near(r.x1, upper.x1) and r is not left), None)
        if left is None or right is None:
            return None  # only the nearest can close it (a table's rows: a frame per row, none)
        return Rect(upper.x0, upper.top, upper.x1, lower.bottom), (upper, lower, left, right)
    return None


def _frames(rules: list[Rect]) -> tuple[list[Rect], list[Rect]]:
    """Boxes drawn as four rules (a frame of lines, not one rectangle), and the other rules."""
    across = sorted((r for r in rules if r.width >= r.height), key=lambda r: r.top)
    down = [r for r in rules if r.width < r.height]
    frames, used = [], set()
    for upper in across:
        found = _frame_under(upper, across, down) if upper.width >= BOX_SIDE else None
        if found is not None:
            frames.append(found[0])
            used.update(map(id, found[1]))
    return frames, [r for r in rules if id(r) not in used]


def printed_page(document):
    """The document's first page cut to its TrimBox, when it has one inside what the page shows:
    the page as printed, without the bleed, crop marks and slug a print PDF carries around it."""
    page = document[0]
    left, bottom, right, top = page.get_bbox()
    trim = page.get_trimbox(fallback_ok=False)
    if trim is not None:
        x0, y0, x1, y1 = trim
        inside = left - 0.5 <= x0 < x1 <= right + 0.5 and bottom - 0.5 <= y0 < y1 <= top + 0.5
        if inside and (x0, y0, x1, y1) != (left, bottom, right, top):
            page.set_cropbox(x0, y0, x1, y1)
    return page


def _turned(rotation: int, width: float, height: float):
    """(x0, top, x1, bottom) on the page as stored to the same on the page as shown, turned
    clockwise by its /Rotate."""

    def turn(x0, top, x1, bottom):
        if rotation == 90:
            return height - bottom, x0, height - top, x1
        if rotation == 180:
            return width - x1, height - bottom, width - x0, height - top
        return top, width - x1, bottom, width - x0  # 270

    return turn


def read_page(page) -> PageContent:
    """One pypdfium2 page (as `printed_page` gives it) as its characters, rules, boxes and images,
    as the page is shown: a page stored turned (/Rotate) is read turned upright, as it renders."""
    frame = page.get_bbox()
    left, bottom, right, top = frame
    width, height = right - left, top - bottom
    rules, boxes, images = read_objects(page, frame)
    chars = read_chars(page, frame)
    rotation = page.get_rotation() % 360
    if rotation not in (90, 180, 270):
        return PageContent(width, height, chars, rules, boxes, images)
    turn = _turned(rotation, width, height)
    chars = [
        c._replace(**dict(zip(("x0", "top", "x1", "bottom"), turn(*c[1:5]), strict=True))) for c in chars
    ]
    rules, boxes, images = (
        [Rect(*turn(r.x0, r.top, r.x1, r.bottom)) for r in rects] for rects in (rules, boxes, images)
    )
    shown = (height, width) if rotation in (90, 270) else (width, height)
    return PageContent(*shown, chars, rules, boxes, images)


def open_pdf(data: bytes):
    """A pypdfium2 document of `data`, or EditionImportError (a ValueError) for what is not one."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise EditionImportError(gettext_noop("not a readable PDF (%(reason)s)"), reason=str(error)) from None
