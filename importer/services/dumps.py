"""The page dumps an import read, kept with the edition so a published edition can be parsed again
(and the parse compared with what the editors made of it)."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from importer.models import PageDump
from newsroom.text import normalise_label


def store_dumps(edition, pages) -> int:
    """Keep each page's text (`pages`: the import's `PageSource`s), in place of the one stored for
    that page label; how many were written. Three queries at most. A page that came as a PDF
    alone has no dump: whatever was stored for it stays."""
    pages = [page for page in pages if page.text]
    if not pages:
        return 0
    stored = {dump.label: dump for dump in PageDump.objects.filter(edition=edition)}
    now = timezone.now()
    new, changed = [], []
    for page in pages:
        label = normalise_label(page.label)
        fingerprint = hashlib.sha256(page.text.encode("utf-8")).hexdigest()
        dump = stored.get(label)
        if dump is None:
            new.append(
                PageDump(
                    edition=edition,
                    label=label,
                    origin=page.origin[:300],
                    text=page.text,
                    fingerprint=fingerprint,
                )
            )
        elif dump.fingerprint != fingerprint:
            dump.text, dump.fingerprint, dump.origin, dump.updated = (
                page.text,
                fingerprint,
                page.origin[:300],
                now,
            )
            changed.append(dump)
    PageDump.objects.bulk_create(new)
    if changed:
        PageDump.objects.bulk_update(changed, ["text", "fingerprint", "origin", "updated"])
    return len(new) + len(changed)
