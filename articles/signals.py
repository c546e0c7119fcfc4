"""The articles app's signals, for the apps above it to hear (articles import nothing of them)."""

from django.dispatch import Signal

# An editor's one-step fix of articles (articles.services: set_kind, move_to_page, link_parts,
# unlink_parts): sent with `articles` (their ids), `fix` (one of FIXES) and `user`. The importer
# clears the parser's doubts the fix settles (importer.services.doubts.clear_settled).
fixed = Signal()
KIND, PAGE, CONTINUATION = "kind", "page", "continuation"
FIXES = (KIND, PAGE, CONTINUATION)
