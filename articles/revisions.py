"""Held changes: an editor's change to a published article waits for a desk chief (值班主任), who
approves it (it goes live then, through articles.services) or sends it back. Readers see the
article as it was until then.

The change is kept whole, as the article's state before and after it (articles.snapshots: its
fields, body, bylines, photos, corrections and tags); approving it writes what the editor changed
and leaves the rest as it is then.

A new article an editor adds to a published page (or a deleted one brought back there) waits the
same way: the revision names the page it would join, its state before is empty, and no article
exists until a desk chief approves it (then the revision names the article); sent back, nothing of
it ever reached a reader.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已采用")
    REJECTED = "rejected", _("已退回")


class Revision(models.Model):
    Status = RevisionStatus

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("稿件"),
    )
    # A new article's revision: the page it joins when approved.
    page = models.ForeignKey(
        "editions.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("新稿所在版面"),
    )
    base = models.JSONField(_("修改前的稿件"))
    proposed = models.JSONField(_("修改后的稿件"))
    reason = models.CharField(_("修改说明"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("提交人"),
    )
    created = models.DateTimeField(_("提交时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    reviewed = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("待审修改")
        verbose_name_plural = _("待审修改")
        # Who may change a published article at once, and approve the others' changes.
        permissions = [("approve_article", _("可以直接修改已发布的稿件并审核编辑的修改"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RevisionStatus.values), name="revision_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=RevisionStatus.PENDING.value) | Q(reviewed__isnull=False),
                name="revision_reviewed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(article__isnull=False) | Q(page__isnull=False), name="revision_of_article_or_page"
            ),
        ]
        indexes = [models.Index(fields=["status", "article"], name="revision_pending_idx")]

    def __str__(self):
        template = (
            _("新稿《%(headline)s》（%(status)s）")
            if self.is_new
            else _("《%(headline)s》的修改（%(status)s）")
        )
        return str(template) % {"headline": self.headline, "status": self.get_status_display()}

    def get_absolute_url(self):
        return reverse("admin:articles_revision_change", args=[self.pk])

    @property
    def is_new(self):
        """A new article's: it proposes an article that did not exist."""
        return self.page_id is not None

    @property
    def headline(self):
        return (
            self.proposed.get("article", {}).get("headline", "")
            if self.article_id is None
            else self.article.headline
        )

    def effect(self, current):
        """The state approving it writes over `current` (articles.snapshots.changes_over)."""
        from .snapshots import changes_over

        if self.article_id is None:
            return self.proposed
        return changes_over(self.base, self.proposed, current)
