"""An edition some of whose pages came as PDFs: each page read from its PDF (with its dump, when
both came) or its dump, then the continued stories linked across pages. Pure Python."""

from __future__ import annotations

import datetime

from newsroom.text import normalise_label

from ..draft import EditionDraft, PublicationDraft
from ..parser import parse_page
from ..parser.link import link_parts
from ..profile import DEFAULT
from . import read_pdf_page


def read_edition(
    pages, *, publication: PublicationDraft, date: datetime.date, profile=None, renderer=None
) -> EditionDraft:
    """`pages`: the sources' pages (label, text, pdf) in page order; `renderer`
    (render.PageRenderer) renders each page PDF as it is read."""
    profile = profile or DEFAULT
    edition = EditionDraft(publication=publication, date=date)
    for number, source in enumerate(pages, start=1):
        label = normalise_label(source.label)
        if source.pdf is None:
            page = parse_page(source.text, label=label, number=number, profile=profile)
        else:
            page = read_pdf_page(
                source.pdf,
                label=label,
                number=number,
                dump=source.text or None,
                profile=profile,
                renderer=renderer,
            )
        edition.pages.append(page)
    link_parts(edition, profile.limits)
    return edition
