"""Corrected editions read from a folder, for a paper's first day (``tune_importer --from DIR``).

DIR holds one folder per edition named by its date (``2026-03-28/``) with the page dumps (any name
ending in the page label, as the importer reads them) and ``edition.json``: the edition as its
editors corrected it, in edition JSON as ``export_edition --format json`` writes it. Everything is
read and checked first; a bad folder is refused with an `EditionImportError` naming it.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsroom.text import label_key

from ..draft import EditionImportError
from ..errors import gettext_noop
from ..jsonio import edition_from_json, edition_to_json
from ..names import NAME_DATE, parse_date
from ..sources import DUMP_SUFFIXES, collect_paths
from .tune import Lesson

EDITION_JSON = "edition.json"


def _published(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise EditionImportError(
            gettext_noop("not an edition JSON file (%(error)s)"), where=(str(path),), error=str(error)
        ) from None
    # Through the importer's own reading: the same checks and the same text policy.
    try:
        return edition_to_json(edition_from_json(data))
    except EditionImportError as error:
        raise error.at(str(path)) from None


def read_folder(folder: Path) -> Lesson:
    """One edition's folder: its dumps and its edition.json."""
    date = parse_date(folder.name, where=str(folder))
    published_path = folder / EDITION_JSON
    if not published_path.is_file():
        raise EditionImportError(
            gettext_noop("no %(name)s: export_edition --format json writes one"),
            where=(str(folder),),
            name=EDITION_JSON,
        )
    published = _published(published_path)
    if published.get("date") != date.isoformat():
        raise EditionImportError(
            gettext_noop("the edition of %(found)s, not %(date)s: name the folder by the edition's date"),
            where=(str(published_path),),
            found=str(published.get("date")),
            date=date.isoformat(),
        )
    dumps = [
        path for path in sorted(folder.iterdir()) if path.is_file() and path.suffix.lower() in DUMP_SUFFIXES
    ]
    if not dumps:
        raise _no_dumps(folder)
    sources = collect_paths(dumps, date=date)
    pages = sorted((page for source in sources for page in source.pages), key=lambda p: label_key(p.label))
    if not pages:
        raise _no_dumps(folder)
    return Lesson(date.isoformat(), tuple((page.label, page.text) for page in pages), published)


def read_lessons(root) -> list[Lesson]:
    """Every edition folder of ``root``, by date."""
    root = Path(root)
    if not root.is_dir():
        raise EditionImportError(
            gettext_noop("not a folder: name a folder of edition folders"), where=(str(root),)
        )
    folders = sorted(path for path in root.iterdir() if path.is_dir() and NAME_DATE.fullmatch(path.name))
    if not folders:
        raise EditionImportError(
            gettext_noop("no edition folders named by date: put each edition in one such as 2026-03-28/"),
            where=(str(root),),
        )
    return [read_folder(folder) for folder in folders]


def _no_dumps(folder: Path) -> EditionImportError:
    return EditionImportError(
        gettext_noop("no page dumps beside %(name)s: put the edition's page dumps in its folder"),
        where=(str(folder),),
        name=EDITION_JSON,
    )
