"""Bringing articles back in the admin: a deleted article with its parts, or an earlier version
from the history, whole (articles.services.restore_article / restore_version). An editor's restore
of a published article waits for a desk chief like their other changes to it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .. import approvals, services
from ..models import Article, Block, Byline, Contributor, Correction
from ..snapshots import areas_text, version_snapshot, version_time

DELETED_ARTICLES_SHOWN = 100
HELD_RESTORE = _("这一期已发布：恢复这篇稿件的请求已提交，等待值班主任审核，通过后才回到版面上。")
HELD = _("这篇稿件已发布：恢复到这个版本的请求已提交，等待值班主任审核，通过后才对读者生效。")


class RestoreMixin:
    """For the article admin: the deleted articles' page and the history's restore."""

    # Deleted articles, restored with their bylines, body, photos and corrections.

    def deleted_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        history = Article.history.model
        if request.method == "POST":
            record = get_object_or_404(history, history_id=request.POST.get("history_id"), history_type="-")
            return self._restore(request, record)
        records = (
            history.objects.filter(history_type="-")
            .exclude(id__in=Article.objects.values("pk"))
            .select_related("history_user")
            .order_by("-history_date")[:DELETED_ARTICLES_SHOWN]
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("已删除的稿件"),
            "opts": self.opts,
            "records": records,
        }
        return TemplateResponse(request, "admin/articles/article/deleted.html", context)

    def _restore(self, request, record):
        try:
            if approvals.needs_approval(Article(page_id=record.page_id), request.user):
                return self._hold_restore(request, record)
            article, skipped = services.restore_article(record, user=request.user)
        except services.AlreadyRestored as refused:
            self.message_user(request, str(refused), messages.WARNING)
            return redirect("admin:articles_article_change", record.id)
        except services.RestoreRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect("admin:articles_article_deleted")
        message = _("已恢复《%(headline)s》。") % {"headline": article.headline}
        if skipped:
            message += " " + str(_("%(count)d 条署名的作者已不存在，未恢复。") % {"count": skipped})
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:articles_article_change", article.pk)

    def _hold_restore(self, request, record):
        """An editor's restore of a deleted article into a published edition waits for a desk
        chief, like a new article there."""
        revision = approvals.propose(
            Article(page_id=record.page_id),
            lambda: services.restore_article(record, user=request.user)[0],
            user=request.user,
            reason=str(_("恢复已删除的稿件")),
            restores=record.id,
        )
        self.message_user(request, HELD_RESTORE, messages.WARNING)
        return redirect(revision)

    # A version from the history, restored whole.

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.refuse_ids_that_are_none(object_id, version_id)
        record = get_object_or_404(Article.history.model, id=object_id, history_id=version_id)
        article = Article.objects.filter(pk=object_id).first()
        if article is None and request.method == "POST":
            # A deleted article comes back whole from the deleted articles' page, not field by field.
            self.message_user(request, _("这篇稿件已被删除：请在“已删除的稿件”中恢复。"), messages.ERROR)
            return redirect("admin:articles_article_deleted")
        if article is not None and request.method == "POST" and not self.revert_disabled(request, article):
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            return self._restore_version(request, record)
        context = {"version": self._version_parts(record), **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, context)

    def _restore_version(self, request, record):
        article = Article.objects.get(pk=record.id)
        # Where the article is, or where the version puts it back (a page of a published edition).
        back_to = Article(page_id=record.page_id)
        held = approvals.needs_approval(article, request.user) or approvals.needs_approval(
            back_to, request.user
        )
        try:  # refused (a page gone or full) whether held or not
            if held:
                restore = lambda: services.restore_version(record, user=request.user)  # noqa: E731
                reason = services.restored_reason(record)
                approvals.propose(article, restore, user=request.user, reason=reason)
                self.message_user(request, HELD, messages.WARNING)
                return redirect("admin:articles_article_change", article.pk)
            article, skipped = services.restore_version(record, user=request.user)
        except services.RestoreRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect("admin:articles_article_history", record.id)
        message = _("已恢复到 %(time)s 的版本（连同署名、正文、图片、更正和标签）。") % {
            "time": version_time(record)
        }
        if skipped:
            message += " " + str(_("%(count)d 条署名的作者已不存在，未恢复。") % {"count": skipped})
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:articles_article_change", article.pk)

    def _version_parts(self, record):
        """The version's bylines, body, photos and areas on the page, shown under its fields: a
        restore brings them."""
        state = version_snapshot(record)
        names = dict(
            Contributor.objects.filter(pk__in=[b["contributor_id"] for b in state["bylines"]]).values_list(
                "pk", "name"
            )
        )
        roles = dict(Byline.Role.choices)
        bylines = [
            f"{b['label'] or roles.get(b['role'], b['role'])} {names.get(b['contributor_id'], '—')}"
            for b in state["bylines"]
        ]
        areas = areas_text(state["article"]["areas"] or [])
        kinds = dict(Correction.Kind.choices)
        corrections = [f"{kinds.get(c['kind'], c['kind'])}：{c['text']}" for c in state["corrections"]]
        return {
            "bylines": bylines,
            "blocks": [{**b, "is_subhead": b["type"] == Block.Type.SUBHEAD} for b in state["blocks"]],
            "photos": state["photos"],
            "corrections": corrections,
            "tags": state.get("tags"),
            "areas": areas,
        }
