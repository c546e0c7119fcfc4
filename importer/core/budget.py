"""What one upload may cost: an upload is one edition, read and parsed within a request (the
admin imports one edition at a time). Pure Python: no Django import.

An upload's page dumps and edition JSON may unpack to `MAX_UPLOAD_BYTES` together, and its page
dumps may give the parser `MAX_UPLOAD_LINES` lines: a broadsheet edition is some 40 pages of 300
lines, under 2 MB. A zip is refused from its directory before anything is unpacked, and a member
whose header lies is read no further than the budget left. An archive of many editions goes
through the import_edition command, which has no request to time out.
"""

from __future__ import annotations

import sys

from .errors import EditionImportError, gettext_noop

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_UPLOAD_LINES = 40_000


class UploadBudget:
    """What one upload may still unpack to (bytes) and give the parser (lines of page dumps)."""

    def __init__(self, unlimited: bool = False):
        self.limit = self.bytes = sys.maxsize if unlimited else MAX_UPLOAD_BYTES
        self.lines = sys.maxsize if unlimited else MAX_UPLOAD_LINES

    def refuse_declared(self, name: str, size: int):
        """Refuse a zip whose directory says it unpacks to more than the budget left."""
        if size > self.bytes:
            raise EditionImportError(
                gettext_noop(
                    "unpacks to %(size).1f MB, more than the %(limit)d MB one upload may hold;"
                    " upload one edition at a time, or import an archive with manage.py import_edition"
                ),
                where=(name,),
                size=size / 2**20,
                limit=self.limit // 2**20,
            )

    def take(self, name: str, data: bytes, is_dump: bool):
        self.bytes -= len(data)
        if self.bytes < 0:
            raise EditionImportError(
                gettext_noop(
                    "unpacks to more than the %(limit)d MB one upload may hold;"
                    " upload one edition at a time, or import an archive with manage.py import_edition"
                ),
                where=(name,),
                limit=self.limit // 2**20,
            )
        if is_dump:
            self.lines -= data.count(b"\n") + 1
            if self.lines < 0:
                raise EditionImportError(
                    gettext_noop(
                        "more than %(lines)s lines of page dumps, more than an edition prints;"
                        " upload one edition at a time, or import an archive with manage.py import_edition"
                    ),
                    where=(name,),
                    lines=f"{MAX_UPLOAD_LINES:,}",
                )
