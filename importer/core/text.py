"""Bytes of a page dump to clean text, and the page facts printed at its top.

Pure Python: no Django import. The policy for what text keeps is `newsroom.text` (shared with
edition JSON and the search tokenizer).

Decoding (`decode_dump`)
    * An explicit ``encoding`` wins; the bytes must decode with it cleanly.
    * A byte-order mark decides next: UTF-8 (EF BB BF), UTF-16 LE/BE (FF FE / FE FF).
    * Otherwise UTF-8 is tried, then GB18030 (a superset of GBK and GB2312).
    * Invalid UTF-8 in the middle of a page: when the text before the first bad byte already holds
      multi-byte UTF-8 characters, the file is UTF-8 and damaged, so it is refused with the byte
      offset ("not valid UTF-8 at byte N"). A GBK page read as UTF-8 fails at its first Chinese
      character, with nothing but ASCII before it; only then GB18030 is tried, and it must decode
      the whole file cleanly. Guessing past a damaged byte would silently print mojibake.
    * Binary data is refused before decoding: known magic numbers (PNG, JPEG, GIF, PDF, ZIP,
      gzip ...), NUL bytes outside UTF-16, and after decoding too many control characters.
    * The result has LF line ends (CRLF, CR, U+2028/2029 and NEL become LF), is NFC, and carries
      no stray control characters, bidi overrides or byte-order marks (`clean_text`): they are
      invisible, and a right-to-left override would garble every page that shows the text.

Page facts (`read_header`)
    Page furniture lines name the edition's date (``2023年8月9日 星期三``, ``2023-08-09``), the page
    (``第01版：要闻``, ``01版:要闻``, ``A2版：经济``) and its editor (``责任编辑：王三``, ``本版责编/李四``).
    A line counts as furniture only when nothing but such items (and separators) stands on it, so a
    body sentence that mentions a date is never taken for the masthead.
"""

from __future__ import annotations

import codecs
import datetime
import re
from dataclasses import dataclass

from newsroom.text import clean_text, normalise_label

from .errors import EditionImportError, gettext_noop

MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", gettext_noop("a PNG image")),
    (b"\xff\xd8\xff", gettext_noop("a JPEG image")),
    (b"GIF87a", gettext_noop("a GIF image")),
    (b"GIF89a", gettext_noop("a GIF image")),
    (b"%PDF-", gettext_noop("a PDF document")),
    (b"PK\x03\x04", gettext_noop("a ZIP archive (or an Office document)")),
    (b"\x1f\x8b", gettext_noop("a gzip archive")),
    (b"BZh", gettext_noop("a bzip2 archive")),
    (b"\xfd7zXZ\x00", gettext_noop("an xz archive")),
    (b"7z\xbc\xaf\x27\x1c", gettext_noop("a 7-Zip archive")),
    (b"Rar!\x1a\x07", gettext_noop("a RAR archive")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", gettext_noop("an old Office document")),
    (b"\x7fELF", gettext_noop("an executable")),
    (b"MZ\x90\x00", gettext_noop("an executable")),
    (b"RIFF", gettext_noop("a RIFF media file")),
    (b"II*\x00", gettext_noop("a TIFF image")),
    (b"MM\x00*", gettext_noop("a TIFF image")),
)

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters counted to tell binary data from text (tab, LF, CR and NEL are text).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _refuse_binary(data: bytes) -> None:
    for magic, what in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise EditionImportError(gettext_noop("binary data, not a page dump (%(what)s)"), what=what)


def _decode_forced(data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise EditionImportError(gettext_noop("unknown encoding '%(encoding)s'"), encoding=encoding) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EditionImportError(
            gettext_noop("not valid %(encoding)s at byte %(byte)d"), encoding=encoding, byte=error.start
        ) from None


def _decode_guessed(data: bytes) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise EditionImportError(
                    gettext_noop("not valid %(encoding)s at byte %(byte)d"), encoding=codec, byte=error.start
                ) from None
    if b"\x00" in data:
        raise EditionImportError(gettext_noop("binary data, not a page dump (NUL bytes)"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
        if not data[:bad].isascii():
            raise EditionImportError(gettext_noop("not valid UTF-8 at byte %(byte)d"), byte=bad) from None
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise EditionImportError(
            gettext_noop("undecodable text: neither UTF-8 nor GB18030 (byte %(byte)d)"), byte=error.start
        ) from None


def decode_dump(data: bytes, encoding: str | None = None) -> str:
    """Decode a page dump (see the module docstring for the rules); raise EditionImportError."""
    if not data or not data.strip(b" \t\r\n\x0b\x0c"):
        raise EditionImportError(gettext_noop("empty page dump"))
    _refuse_binary(data)
    text = _decode_forced(data, encoding) if encoding else _decode_guessed(data)
    controls = len(CONTROL.findall(text))
    if controls > max(4, len(text) // 100):
        raise EditionImportError(gettext_noop("binary data, not a page dump (control characters)"))
    text = clean_text(text)
    if not text.strip():
        raise EditionImportError(gettext_noop("empty page dump (only blank lines)"))
    return text


@dataclass
class DumpHeader:
    """What the page furniture of a dump says about the page."""

    date: datetime.date | None = None
    label: str | None = None
    name: str = ""
    editor: str = ""


CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
WEEKDAY = re.compile(r"(?:星期|礼拜|周)[一二三四五六日天]")
ISSUE_NUMBER = re.compile(r"第\s*\d{1,6}\s*期")
LUNAR_DATE = re.compile(r"农历\S{1,12}")
# 第01版：要闻 / 01版:要闻 / A2版：经济 / 第A2版. The page name is one short word group.
PAGE_HEADER = re.compile(r"第?\s*([A-Za-z]?\d{1,3})\s*版(?:\s*[:：]\s*([^\s:：|｜]{1,12}))?")
# 责任编辑：王三 / 本版责编/李四 / 版式设计：赵五. Names: a few CJK characters (or ·-joined ones).
EDITOR_ROLES = (
    "责任编辑",
    "本版责编",
    "本版编辑",
    "责编",
    "版式设计",
    "美术编辑",
    "图片编辑",
    "校对",
    "编辑",
)
_ROLES = "|".join(EDITOR_ROLES)
_NAME = r"[\u4e00-\u9fff·]{2,5}(?![\u4e00-\u9fff])"
STAFF_CREDIT = re.compile(rf"({_ROLES})\s*[:：/／\s]\s*({_NAME}(?:[、，,\s]+(?!{_ROLES}){_NAME})*)")
PAGE_EDITOR_ROLES = ("责任编辑", "本版责编", "本版编辑", "责编", "编辑")
SEPARATORS = re.compile(r"[\s|｜·•/／\-—]*")
# Every furniture line holds one of these; most lines are ruled out by this one search.
FURNITURE_HINT = re.compile(r"年|版|编|设计|校对|\d[-/.]\d")
# A character of every word of the hint (`rules.Rules.cues` looks for them with the rules' own).
FURNITURE_CHARACTERS = "年版编设校-/."
# Only the first lines of a dump and short lines anywhere can be furniture.
HEADER_LINES = 12
MAX_FURNITURE_LENGTH = 60


def make_date(year: str, month: str, day: str, printed: str) -> datetime.date:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise EditionImportError(
            gettext_noop("impossible date in the dump: %(date)s"), date=printed
        ) from None


@dataclass
class FurnitureLine:
    """One line of page furniture, split into the facts it prints."""

    date: datetime.date | None = None
    label: str | None = None
    name: str = ""
    editor: str = ""


def _only_separators(rest: str) -> bool:
    return SEPARATORS.fullmatch(rest) is not None


def read_furniture(line: str) -> FurnitureLine | None:
    """The facts of a furniture line, or None when the line is anything else (prose, titles)."""
    line = line.strip()
    if not line or len(line) > MAX_FURNITURE_LENGTH or not FURNITURE_HINT.search(line):
        return None
    found = FurnitureLine()
    rest = line
    date = CN_DATE.search(rest) or ISO_DATE.search(rest)
    if date:
        rest = rest[: date.start()] + " " + rest[date.end() :]
        rest = WEEKDAY.sub(" ", rest)
        rest = LUNAR_DATE.sub(" ", rest)
        rest = ISSUE_NUMBER.sub(" ", rest)
    page = PAGE_HEADER.search(rest)
    if page and (page.group(2) or date or "第" in page.group(0) or _only_separators(rest[page.end() :])):
        found.label = normalise_label(page.group(1))
        found.name = page.group(2) or ""
        rest = rest[: page.start()] + " " + rest[page.end() :]
    credits = list(STAFF_CREDIT.finditer(rest))
    for credit in credits:
        if credit.group(1) in PAGE_EDITOR_ROLES and not found.editor:
            found.editor = credit.group(2).strip()
    rest = STAFF_CREDIT.sub(" ", rest)
    if not _only_separators(rest) or not (date or found.label or credits):
        return None
    if date:
        found.date = make_date(*date.groups(), printed=date.group(0))
    return found


def read_header(text: str) -> DumpHeader:
    """The date, page label and name, and page editor that the dump's furniture prints.

    The masthead date and the page header are looked for in the first lines; the editor's line is
    looked for anywhere (it is often printed at the foot of the page). An impossible date raises
    EditionImportError.
    """
    header = DumpHeader()
    for number, line in enumerate(text.split("\n")):
        if number >= HEADER_LINES and "编" not in line:
            continue
        found = read_furniture(line)
        if found is None:
            continue
        if number < HEADER_LINES:
            if header.date is None and found.date is not None:
                header.date = found.date
            if header.label is None and found.label is not None:
                header.label = found.label
                header.name = found.name
        if not header.editor and found.editor:
            header.editor = found.editor
    return header
