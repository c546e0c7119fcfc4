"""A page's PDF kept for readers to download and its page image rendered at web sizes: rendered
where the edition is prepared (the command's worker processes; pure, no query), stored as the
edition is written (PageFiles). Names carry a digest of the PDF, so a re-import of the same PDF reuses its
files and a corrected page gets new names no cache can confuse with the old."""

from __future__ import annotations

import errno
import hashlib
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from importer.core.draft import EditionDraft
from importer.core.errors import EditionImportError, Phrase, gettext_noop
from importer.core.pdf.render import PageRenderer
from newsroom.text import normalise_label

from .media import image_url

DIGEST = 12
logger = logging.getLogger(__name__)


def storage_reason(error: OSError) -> Phrase:
    """Why the storage refused a file, in the words of the operator's or editor's line."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return gettext_noop("the server's storage is full")
    return gettext_noop("the server cannot write files (%(error)s)", error=error.strerror or str(error))


class PageFilesNotStored(EditionImportError):
    """The storage refused a page's PDF or image (a full disk, a media folder that cannot be
    written): the import is refused whole, the files it had stored removed."""

    def __init__(self, error: OSError):
        super().__init__(
            gettext_noop(
                "the page PDFs and images could not be stored, the edition was not imported: "
                "%(reason)s; import it again once the storage has room (or can be written)"
            ),
            reason=storage_reason(error),
        )


def render_pages(pages, renderer: PageRenderer | None = None) -> dict[str, tuple[bytes, dict[int, bytes]]]:
    """{label: (PDF, {width: WebP})} of the sources' pages that came as PDFs: the images
    `renderer` made while the pages were read (EditionSource.draft), the others rendered now."""
    pdfs = {normalise_label(page.label): page.pdf for page in pages if page.pdf is not None}
    if renderer is None:
        with PageRenderer() as own:
            return render_pages(pages, own)
    for label, pdf in pdfs.items():
        if label not in renderer:
            renderer.add_pdf(label, pdf)
    images = renderer.images()
    return {label: (pdf, images[label]) for label, pdf in pdfs.items()}


class PageFiles:
    """The files one import stores, and which of them it made (not there before): a failed import
    removes those, so it leaves no file nothing links to. Stored inside the import's transaction,
    behind the edition's lock, so no other import of the edition can be handed one of them
    meanwhile; files that were there before are an earlier import's, linked, and stay."""

    def __init__(self):
        self.made: list[str] = []

    def _save(self, name: str, data: bytes) -> str:
        if default_storage.exists(name):
            return name
        try:
            saved = default_storage.save(name, ContentFile(data))
        except OSError as error:
            # The storage leaves no part of this file (newsroom.storage); the caller removes
            # those made before it.
            raise PageFilesNotStored(error) from error
        self.made.append(saved)
        return saved

    def store(self, draft: EditionDraft, rendered: dict, progress: Callable[[str], None] | None = None):
        """Store each rendered page's PDF and images; the draft's pages name them (URL paths)."""
        folder = f"{draft.date:%Y/%m/%d}"
        for page in draft.pages:
            if page.label not in rendered:
                continue
            pdf, images = rendered[page.label]
            stem = f"{draft.publication.slug}-{page.label}-{hashlib.sha256(pdf).hexdigest()[:DIGEST]}"
            page.pdf = image_url(self._save(f"pages/pdf/{folder}/{stem}.pdf", pdf))
            page.renditions = {
                width: image_url(self._save(f"pages/{folder}/{stem}-{width}.webp", data))
                for width, data in images.items()
            }
            page.image = page.renditions[max(page.renditions)]
            if progress:
                progress(f"page {page.label}: PDF and {len(images)} images stored")

    def remove_made(self):
        for name in reversed(self.made):
            try:
                default_storage.delete(name)
            except OSError:
                # What cannot be removed now is still linked by nothing; the failure itself is
                # the error the caller reports.
                logger.warning("could not remove %s after a failed import", name, exc_info=True)
        self.made.clear()
