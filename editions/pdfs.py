"""The whole edition as one PDF for readers to download: its pages' PDFs merged with pypdf, made
once and kept as a file named by the page PDFs it holds (a page's new PDF makes a new name, so no
cache serves the old one)."""

from __future__ import annotations

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfWriter
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)


def edition_pdf_name(edition, pages) -> str | None:
    """The merged file's name, when every page of the edition has its PDF; else None."""
    names = [page.pdf.name for page in pages]
    if not names or not all(names):
        return None
    digest = hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]
    return f"pages/pdf/{edition.date:%Y/%m/%d}/{edition.publication.slug}-{edition.date:%Y%m%d}-{digest}.pdf"


def edition_pdf_url(edition, pages) -> str | None:
    """Where readers download the edition's PDF, when it has been made."""
    name = edition_pdf_name(edition, pages)
    return default_storage.url(name) if name and default_storage.exists(name) else None


def make_edition_pdf(edition) -> str | None:
    """Merge the edition's page PDFs into one file (once: an existing file is kept); its name, or
    None when there is none to make or it cannot be made (a page PDF pypdf cannot read, or gone
    from the storage): the edition stands without it, its pages' PDFs still there to download.
    A storage that refuses the merged file (a full disk) raises its OSError, for the caller to
    say so: no part of the file is left (newsroom.storage)."""
    pages = list(edition.pages.order_by("number"))
    name = edition_pdf_name(edition, pages)
    if name is None or default_storage.exists(name):
        return name
    writer = PdfWriter()
    try:
        for page in pages:
            with default_storage.open(page.pdf.name, "rb") as stream:
                writer.append(io.BytesIO(stream.read()))
        buffer = io.BytesIO()
        writer.write(buffer)
    except (PyPdfError, OSError):
        logger.warning("the edition PDF of %s could not be made", edition, exc_info=True)
        return None
    finally:
        writer.close()
    return default_storage.save(name, ContentFile(buffer.getvalue()))
