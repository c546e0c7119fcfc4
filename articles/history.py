"""What an article's versions in its history hold beyond its own columns: its tags, which taggit
keeps in rows without a history of their own. A version's parts (body, bylines, photos,
corrections) have their own history (articles.snapshots reads them back)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaggedVersion(models.Model):
    """The base of an article's historical records: the tags as the version left them. Null when
    the version did not change them (read from an earlier version), and in versions from before
    tags were recorded (a restore then leaves the tags as they are). Named history_* so the
    import's table-to-table copy of articles into their history (importer.services.rows) leaves
    it to the import, which records it after."""

    history_tags = models.JSONField(_("标签"), null=True, blank=True)

    class Meta:
        abstract = True
