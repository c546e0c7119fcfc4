"""A page's PDF kept for readers to download and its page image rendered at web sizes: rendered
where the edition is prepared (the command's worker processes; pure, no query), stored before the
edition is written. Names carry a digest of the PDF, so a re-import of the same PDF reuses its
files and a corrected page gets new names no cache can confuse with the old."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from importer.core.draft import EditionDraft
from importer.core.pdf import render

from .normalise import image_url

DIGEST = 12


def render_pages(pages) -> dict[str, tuple[bytes, dict[int, bytes]]]:
    """{label: (PDF, {width: WebP})} of the sources' pages that came as PDFs."""
    pdfs = [page for page in pages if page.pdf is not None]
    images = render.render_pages(page.pdf for page in pdfs)
    return {page.label: (page.pdf, rendered) for page, rendered in zip(pdfs, images, strict=True)}


def _save(name: str, data: bytes) -> str:
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(data))


def store_page_files(draft: EditionDraft, rendered: dict, progress: Callable[[str], None] | None = None):
    """Store each rendered page's PDF and images; the draft's pages name them (URL paths)."""
    folder = f"{draft.date:%Y/%m/%d}"
    for page in draft.pages:
        if page.label not in rendered:
            continue
        pdf, images = rendered[page.label]
        stem = f"{draft.publication.slug}-{page.label}-{hashlib.sha256(pdf).hexdigest()[:DIGEST]}"
        page.pdf = image_url(_save(f"pages/pdf/{folder}/{stem}.pdf", pdf))
        page.renditions = {
            width: image_url(_save(f"pages/{folder}/{stem}-{width}.webp", data))
            for width, data in images.items()
        }
        page.image = page.renditions[max(page.renditions)]
        if progress:
            progress(f"page {page.label}: PDF and {len(images)} images stored")
