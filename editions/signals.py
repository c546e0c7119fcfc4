"""Signals the editions app sends; their receivers live in the layers above (the page cache)."""

from django.dispatch import Signal

# A scheduled edition's time has come (publish_scheduled): sent with `edition`. Its pages were
# already visible from that moment on; receivers make what shows it elsewhere (the front page,
# the archive, the neighbours' 上一期 / 下一期) catch up at once.
went_live = Signal()

# An edition was published, now or for a set time (editions.services.publish): sent with `edition`.
# The importer scores how well it read it against what the editors published (issue 16).
published = Signal()
