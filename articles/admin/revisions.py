"""The desk chief's review of editors' changes to published articles (articles.revisions): the list
of changes waiting, each one's differences from the live article, approve or send back. Editors
see theirs and where they stand."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .. import approvals, services
from ..models import Article, Revision
from ..snapshots import EMPTY_STATE, differences, snapshot


class StatusFilter(admin.SimpleListFilter):
    """待审核 unless asked otherwise: what a desk chief opens the list for."""

    title = _("状态")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Revision.Status.choices, ("all", _("全部"))]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or Revision.Status.PENDING) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Revision.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["created", "article_place", "author", "status", "reviewer"]
    list_display_links = ["created"]
    list_filter = [StatusFilter]
    list_select_related = ["article__page__edition", "page__edition", "author", "reviewer"]
    fields = ["article_link", "author", "created", "reason", "status", "reviewer", "reviewed", "changes"]
    readonly_fields = fields
    change_form_template = "admin/articles/revision/change_form.html"
    view_on_site = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Nothing of a revision is edited: a desk chief approves or rejects it (review_view).
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = get_object_or_404(
            Revision.objects.select_related("article", "page__edition", "author"), pk=object_id
        )
        if request.method == "POST":
            return self._review(request, revision)
        context = {
            "can_review": request.user.has_perm(approvals.APPROVE)
            and revision.status == Revision.Status.PENDING,
            "changed_since": revision.article_id is not None
            and not revision.is_new
            and revision.article.updated > revision.created,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def _review(self, request, revision):
        if not request.user.has_perm(approvals.APPROVE):
            raise PermissionDenied
        try:
            if "_approve" in request.POST:
                skipped = approvals.approve_revision(revision, user=request.user)
                message = str(
                    _("已采用，新稿件已上版面。") if revision.is_new else _("已采用，修改已对读者生效。")
                )
                if skipped:
                    message += str(_("%(count)d 条署名的作者已不存在，未恢复。") % {"count": skipped})
                self.message_user(request, message, messages.SUCCESS)
                revision.refresh_from_db(fields=["article"])  # a new article's, written now
                return redirect("admin:articles_article_change", revision.article_id)
            approvals.reject_revision(revision, user=request.user)
        except services.RestoreRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect("admin:articles_revision_change", revision.pk)
        rejected = _("已退回，新稿件不会出现在版面上。") if revision.is_new else _("已退回，稿件保持原样。")
        self.message_user(request, rejected, messages.SUCCESS)
        return redirect("admin:articles_revision_changelist")

    @admin.display(description=_("稿件"), ordering="article__page__edition__date")
    def article_place(self, obj):
        if obj.article_id is None:
            place = f"{obj.page.edition} {obj.page}"
            return _("新稿：%(page)s《%(headline)s》") % {"page": place, "headline": obj.headline}
        return obj.article.placed_headline

    @admin.display(description=_("稿件"))
    def article_link(self, obj):
        if obj.article_id is None:
            return self.article_place(obj)
        article = Article.objects.select_related("page__edition").get(pk=obj.article_id)
        url = reverse("admin:articles_article_change", args=[article.pk])
        return format_html('<a href="{}">{}</a>', url, article.placed_headline)

    @admin.display(description=_("改动"))
    def changes(self, obj):
        """Waiting: what approving it would change in the live article. Reviewed: what it changed
        from the article the editor opened."""
        if obj.status == Revision.Status.PENDING:
            current = EMPTY_STATE if obj.article_id is None else snapshot(obj.article)
            rows, before = differences(current, obj.effect(current)), _("读者现在看到的")
        else:
            rows, before = differences(obj.base, obj.proposed), _("修改前")
        if not rows:
            return _("与现在的稿件相同。")
        return format_html(
            '<table class="revision-changes"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("项目"),
            before,
            _("修改后"),
            format_html_join(
                "",
                '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
                ((what, linebreaksbr(old), linebreaksbr(new)) for what, old, new in rows),
            ),
        )
