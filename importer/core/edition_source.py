"""One edition to import, as the collector (importer.core.sources) gathers it: its page sources,
or an edition JSON document, parsed on demand. Pure Python: no Django import."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from newsroom.text import label_key

from .draft import EditionDraft, PublicationDraft
from .errors import EditionImportError, gettext_noop
from .parser import parse_edition
from .profile import Profile


@dataclass
class PageSource:
    origin: str  # the file, as the user named it
    text: str
    label: str
    name: str = ""
    editor: str = ""
    pdf: bytes | None = None  # the page's PDF, when one came


@dataclass
class EditionSource:
    """One edition to import: page dumps of one date, or an edition JSON document."""

    date: datetime.date
    origin: str
    pages: list[PageSource] = field(default_factory=list)
    document: EditionDraft | None = None

    def draft(
        self, publication: PublicationDraft, profile: Profile | None = None, renderer=None
    ) -> EditionDraft:
        """Parse the pages with the publication's `profile` (the defaults without one); the JSON
        document is already an edition and keeps its publication. A `renderer`
        (pdf.render.PageRenderer) renders the page PDFs while they are read."""
        if self.document is not None:
            return self.document
        pages = sorted(self.pages, key=lambda p: label_key(p.label))
        try:
            if any(p.pdf is not None for p in pages):
                from .pdf.edition import read_edition

                draft = read_edition(
                    pages, publication=publication, date=self.date, profile=profile, renderer=renderer
                )
            else:
                draft = parse_edition(
                    [(p.label, p.text) for p in pages],
                    publication=publication,
                    date=self.date,
                    profile=profile,
                )
        except EditionImportError as error:
            raise error.at(self.origin) from None
        except RecursionError:
            raise EditionImportError(
                gettext_noop("the page is too deeply nested to read"), where=(self.origin,)
            ) from None
        by_label = {p.label: p for p in pages}
        for page in draft.pages:
            source = by_label.get(page.label)
            if source is not None:
                page.name = page.name or source.name
                page.editor = page.editor or source.editor
        return draft

    @property
    def page_count(self) -> int:
        return len(self.document.pages) if self.document is not None else len(self.pages)
