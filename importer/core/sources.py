"""What an import reads: paths or uploaded files turned into editions (`EditionDraft`).

An input is a page dump or a page PDF, a folder of them (one edition; `01.txt`, `A2.txt`,
`01.pdf`, or any name ending in the page label; a page's dump and PDF of one label are one page,
the dump's text stored and the PDF's layout used; other files are ignored), a folder of such
folders named by date (an archive), an edition JSON file (the round trip), or, when uploaded, a
.zip of any of these.
Inputs are grouped by date: the pages of one date are one edition.

The date comes from the `date` argument, else the file or folder name (`2023-08-09`, `20230809`),
else the masthead line of the dump; the page label from the `page` argument (one dump only), the
file name, or the page header line, else `01` for a lone dump. Everything is read, decoded and
checked before anything is parsed, so a bad file is refused before any edition is written.
Every refusal is an `EditionImportError` with one line naming the file.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .budget import UploadBudget
from .draft import EditionDraft
from .edition_source import EditionSource, PageSource
from .errors import EditionImportError, gettext_noop
from .jsonio import edition_from_json
from .names import NAME_DATE, date_in_name, label_in_name, parse_date, parse_label  # noqa: F401
from .text import decode_dump, read_header

MAX_DUMP_BYTES = 20 * 1024 * 1024
MAX_JSON_BYTES = 100 * 1024 * 1024
# A zip may hold a month of editions; more than this uncompressed is a zip bomb, not an upload.
MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000

MAX_PDF_BYTES = 50 * 1024 * 1024
DUMP_SUFFIXES = {".txt", ".text"}
# A page's PDF (the layout system's export), alone or beside the page's dump.
PDF_SUFFIX = ".pdf"
PAGE_SUFFIXES = {*DUMP_SUFFIXES, PDF_SUFFIX}


@dataclass
class _Dump:
    origin: str
    data: bytes
    stem: str
    folder: str | None  # the folder that makes an edition (its name may carry the date)
    label: str | None = None  # given by the uploader

    @property
    def is_pdf(self) -> bool:
        return self.origin.lower().endswith(PDF_SUFFIX)


@dataclass
class _Json:
    origin: str
    data: bytes


class _Collector:
    def __init__(self, *, date=None, page=None, encoding=None, budget=None, labels=None):
        self.date = date
        self.page = page
        self.encoding = encoding
        self.labels = labels or {}  # a file's page label, by path, where neither name nor header says
        self.budget = budget or UploadBudget(unlimited=True)  # paths: each file's own limit
        self.dumps: list[_Dump] = []
        self.documents: list[_Json] = []

    # -- paths --------------------------------------------------------------------------------

    def add_path(self, raw: str | Path):
        path = Path(raw)
        if not path.exists():
            raise EditionImportError(gettext_noop("no such file or folder"), where=(str(raw),))
        if path.is_dir():
            self._add_folder(path, str(raw))
        elif path.is_file():
            self._add_file(path, str(raw), folder=None)
        else:
            raise EditionImportError(gettext_noop("not a regular file or folder"), where=(str(raw),))

    def _add_folder(self, path: Path, origin: str):
        dumps = [f for f in sorted(path.iterdir()) if self._is_dump_name(f)]
        if dumps:
            for file in dumps:
                self._add_file(file, str(file), folder=origin)
            return
        editions = [d for d in sorted(path.iterdir()) if d.is_dir() and NAME_DATE.search(d.name)]
        if not editions:
            raise EditionImportError(
                gettext_noop("no page dumps in this folder (expected files such as 01.txt)"), where=(origin,)
            )
        for folder in editions:
            self._add_folder(folder, str(folder))

    @staticmethod
    def _is_dump_name(file: Path) -> bool:
        return (
            file.is_file()
            and not file.name.startswith(".")
            and file.suffix.lower() in PAGE_SUFFIXES
            and label_in_name(file.stem) is not None
        )

    def _add_file(self, path: Path, origin: str, folder: str | None):
        size = path.stat().st_size
        is_json = path.suffix.lower() == ".json"
        is_zip = path.suffix.lower() == ".zip"
        limit = MAX_JSON_BYTES if is_json else MAX_ZIP_BYTES if is_zip else _page_limit(path.name)
        if size > limit:
            raise EditionImportError(
                gettext_noop("%(size)d MB is larger than the %(limit)d MB a file may be"),
                where=(origin,),
                size=size // 2**20,
                limit=limit // 2**20,
            )
        try:
            data = path.read_bytes()
        except OSError as error:
            raise EditionImportError(
                gettext_noop("cannot be read (%(reason)s)"), where=(origin,), reason=error.strerror
            ) from None
        if is_json:
            self.documents.append(_Json(origin, data))
        elif is_zip:
            self._add_zip(origin, data)
        else:
            if folder is None and NAME_DATE.search(path.parent.name):
                folder = str(path.parent)
            self.dumps.append(_Dump(origin, data, path.stem, folder, self.labels.get(origin)))

    # -- uploads ------------------------------------------------------------------------------

    def add_upload(self, name: str, data: bytes, label: str | None = None):
        pure = PurePosixPath(name.replace("\\", "/"))
        if pure.suffix.lower() == ".zip":
            self._add_zip(name, data)
        elif pure.suffix.lower() == ".json":
            if len(data) > MAX_JSON_BYTES:
                raise EditionImportError(
                    gettext_noop("larger than the %(limit)d MB a file may be"),
                    where=(name,),
                    limit=MAX_JSON_BYTES // 2**20,
                )
            self.budget.take(name, data, is_dump=False)
            self.documents.append(_Json(name, data))
        else:
            if len(data) > _page_limit(name):
                raise EditionImportError(
                    gettext_noop("larger than the %(limit)d MB a page may be"),
                    where=(name,),
                    limit=_page_limit(name) // 2**20,
                )
            self.budget.take(name, data, is_dump=not name.lower().endswith(PDF_SUFFIX))
            self.dumps.append(_Dump(name, data, pure.stem, None, label))

    # complexity: each refusal of a hostile archive (size, members, nesting, names, budget) is one guard
    def _add_zip(self, name: str, data: bytes):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [m for m in archive.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError):
            raise EditionImportError(gettext_noop("not a readable zip archive"), where=(name,)) from None
        if len(members) > MAX_ZIP_MEMBERS:
            raise EditionImportError(
                gettext_noop("%(count)d files is more than the %(limit)d a zip may hold"),
                where=(name,),
                count=len(members),
                limit=MAX_ZIP_MEMBERS,
            )
        if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
            raise EditionImportError(
                gettext_noop("unpacks to more than %(limit)d MB"), where=(name,), limit=MAX_ZIP_BYTES // 2**20
            )
        wanted = []  # the members read: page dumps and edition JSON
        for member in members:
            path = PurePosixPath(member.filename)
            suffix = path.suffix.lower()
            if any(part.startswith(".") or part == "__MACOSX" for part in path.parts):
                continue
            if suffix == ".json" or (suffix in PAGE_SUFFIXES and label_in_name(path.stem) is not None):
                wanted.append((member, path, "json" if suffix == ".json" else "dump"))
        self.budget.refuse_declared(name, sum(member.file_size for member, _path, _kind in wanted))
        total = 0
        for member, path, kind in wanted:
            limit = min(MAX_JSON_BYTES if kind == "json" else _page_limit(member.filename), self.budget.bytes)
            try:
                with archive.open(member) as stream:
                    # No more than allowed (or the budget left), whatever the header claims.
                    content = stream.read(limit + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
                raise EditionImportError(
                    gettext_noop("%(member)s cannot be unpacked"), where=(name,), member=member.filename
                ) from None
            total += len(content)
            origin = f"{name}:{member.filename}"
            self.budget.take(origin, content, is_dump=kind == "dump" and suffix_of(path) != PDF_SUFFIX)
            if len(content) > limit or total > MAX_ZIP_BYTES:
                raise EditionImportError(
                    gettext_noop("%(member)s unpacks to more than allowed"),
                    where=(name,),
                    member=member.filename,
                )
            if kind == "json":
                self.documents.append(_Json(origin, content))
            else:
                folder = str(path.parent) if str(path.parent) != "." else name
                self.dumps.append(_Dump(origin, content, path.stem, folder))
        if not wanted:
            raise EditionImportError(
                gettext_noop("no page dumps, page PDFs or edition JSON in this zip"), where=(name,)
            )

    # -- editions -----------------------------------------------------------------------------

    def editions(self) -> list[EditionSource]:
        if not self.dumps and not self.documents:
            raise EditionImportError(gettext_noop("nothing to import"))
        if self.page and (len(self.dumps) != 1 or self.documents):
            raise EditionImportError(gettext_noop("--page applies to a single page dump"))
        editions: dict[datetime.date, EditionSource] = {}
        for document in self.documents:
            draft = self._read_json(document)
            if draft.date in editions:
                raise EditionImportError(
                    gettext_noop("two inputs for the edition of %(date)s: %(origin)s"),
                    date=draft.date,
                    origin=document.origin,
                )
            editions[draft.date] = EditionSource(date=draft.date, origin=document.origin, document=draft)
        folder_dates: dict[str, datetime.date | None] = {}
        for dump in self.dumps:
            page, header_date = self._read_dump(dump)
            date = self._date_of(dump, header_date, folder_dates)
            edition = editions.get(date)
            if edition is None:
                edition = editions[date] = EditionSource(date=date, origin=dump.folder or dump.origin)
            elif edition.document is not None:
                raise EditionImportError(
                    gettext_noop("two inputs for the edition of %(date)s: %(origin)s and %(other)s"),
                    date=date,
                    origin=edition.origin,
                    other=dump.origin,
                )
            _add_page(edition, page, date)
        return [editions[date] for date in sorted(editions)]

    def _read_json(self, document: _Json) -> EditionDraft:
        try:
            data = json.loads(document.data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise EditionImportError(gettext_noop("not a JSON document"), where=(document.origin,)) from None
        try:
            draft = edition_from_json(data)
        except EditionImportError as error:
            raise error.at(document.origin) from None
        if self.date and self.date != draft.date:
            raise EditionImportError(
                gettext_noop("%(origin)s is the edition of %(date)s, not --date %(given)s"),
                origin=document.origin,
                date=draft.date,
                given=self.date,
            )
        return draft

    def _read_dump(self, dump: _Dump) -> tuple[PageSource, datetime.date | None]:
        if dump.is_pdf:
            return self._read_pdf(dump), None
        try:
            text = decode_dump(dump.data, self.encoding)
            header = read_header(text)
        except EditionImportError as error:
            raise error.at(dump.origin) from None
        if self.page:
            if header.label and header.label != self.page:
                raise EditionImportError(
                    gettext_noop("its page header says page %(page)s, not --page %(given)s"),
                    where=(dump.origin,),
                    page=header.label,
                    given=self.page,
                )
            label = self.page
        else:
            label = dump.label or label_in_name(dump.stem) or header.label
            if label is None:
                if len(self.dumps) > 1:
                    raise EditionImportError(
                        gettext_noop("which page is this? Name it by its page (01.txt) or import it alone"),
                        where=(dump.origin,),
                    )
                label = "01"
        page = PageSource(origin=dump.origin, text=text, label=label, name=header.name, editor=header.editor)
        return page, header.date

    def _read_pdf(self, dump: _Dump) -> PageSource:
        """A page PDF, read when the edition is parsed; its label from its name."""
        if not dump.data.startswith(b"%PDF-") and b"%PDF-" not in dump.data[:1024]:
            raise EditionImportError(gettext_noop("not a PDF file"), where=(dump.origin,))
        label = self.page or dump.label or label_in_name(dump.stem)
        if label is None:
            if len(self.dumps) > 1:
                raise EditionImportError(
                    gettext_noop("which page is this? Name it by its page (01.pdf)"), where=(dump.origin,)
                )
            label = "01"
        return PageSource(origin=dump.origin, text="", label=label, pdf=dump.data)

    def _date_of(self, dump: _Dump, header_date, folder_dates) -> datetime.date:
        if self.date:
            return self.date
        date = date_in_name(dump.stem, dump.origin)
        if date:
            return date
        if dump.folder is not None:
            if dump.folder not in folder_dates:
                folder_dates[dump.folder] = date_in_name(PurePosixPath(dump.folder).name, dump.folder)
            date = folder_dates[dump.folder]
            if date:
                return date
        if header_date:
            if dump.folder is not None:
                # A folder is one edition: its pages must agree on the date they print.
                known = folder_dates.get(dump.folder)
                if known and known != header_date:
                    raise EditionImportError(
                        gettext_noop("its pages print different dates (%(date)s, %(other)s)"),
                        where=(dump.folder,),
                        date=known,
                        other=header_date,
                    )
                folder_dates[dump.folder] = header_date
            return header_date
        raise EditionImportError(
            gettext_noop("no date for this page; pass --date YYYY-MM-DD or name the file or folder by date"),
            where=(dump.origin,),
        )


def _add_page(edition: EditionSource, page: PageSource, date):
    """A page joins its edition; a page's dump and its PDF are one page."""
    other = next((p for p in edition.pages if p.label == page.label), None)
    if other is None:
        edition.pages.append(page)
    elif (other.pdf is None) != (page.pdf is None) and not (other.text and page.text):
        text, pdf = (other, page) if page.pdf is not None else (page, other)
        text.pdf = pdf.pdf
        if other is not text:
            edition.pages[edition.pages.index(other)] = text
    else:
        raise EditionImportError(
            gettext_noop("two files for page %(page)s of %(date)s: %(origin)s and %(other)s"),
            page=page.label,
            date=date,
            origin=other.origin,
            other=page.origin,
        )


def _page_limit(name: str) -> int:
    return MAX_PDF_BYTES if name.lower().endswith(PDF_SUFFIX) else MAX_DUMP_BYTES


def suffix_of(path: PurePosixPath) -> str:
    return path.suffix.lower()


def collect_paths(paths, *, date=None, page=None, encoding=None, labels=None) -> list[EditionSource]:
    """Read and check every path; the editions they make, by date (not parsed yet). `labels` maps
    a file's path to its page label (the seed page, whose name and header do not say)."""
    collector = _Collector(date=date, page=page, encoding=encoding, labels=labels)
    for path in paths:
        collector.add_path(path)
    return collector.editions()


def collect_uploads(files, *, date=None, encoding=None, labels=None) -> list[EditionSource]:
    """Like collect_paths, for uploaded files: one edition's worth (see budget.py)."""
    collector = _Collector(date=date, encoding=encoding, budget=UploadBudget())
    labels = labels or {}
    for name, data in files:
        label = labels.get(name)
        collector.add_upload(name, data, parse_label(label) if label else None)
    return collector.editions()
