"""The parser's doubts in the admin: on the article's page (with 已核对 to accept them), counted in
the lists of editions, pages and articles (subqueries: the lists keep their fixed number of
queries), the 需核对 filter, a list of the doubts themselves, and 确认核对 for desk chiefs."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin, PageWithArticlesAdmin
from articles.models import Article
from editions.models import Page
from importer.models import ArticleDoubt, DoubtConfirmation
from importer.services import doubts as service


class NeedsCheckingFilter(admin.SimpleListFilter):
    """需核对: the rows with an open doubt (or none)."""

    title = _("需核对")
    parameter_name = "doubts"
    # From a doubt to the row the list shows.
    path = "article"

    def lookups(self, request, model_admin):
        return [("open", _("有待核对问题")), ("none", _("没有待核对问题"))]

    def queryset(self, request, queryset):
        if self.value() not in ("open", "none"):
            return queryset
        exists = Exists(ArticleDoubt.objects.open().filter(**{self.path: OuterRef("pk")}))
        return queryset.filter(exists if self.value() == "open" else ~exists)


class PageNeedsCheckingFilter(NeedsCheckingFilter):
    path = service.PAGE


class EditionNeedsCheckingFilter(NeedsCheckingFilter):
    path = service.EDITION


@admin.display(description=_("待核对"), ordering="open_doubts")
def open_doubt_count(obj):
    return obj.open_doubts or "—"


class EditionDoubtsMixin:
    """For the edition admin: each edition's open doubts, the 需核对 filter and 确认核对."""

    def get_list_display(self, request):
        return [*super().get_list_display(request), open_doubt_count]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), EditionNeedsCheckingFilter]

    def get_queryset(self, request):
        return service.with_open_doubts(super().get_queryset(request), service.EDITION)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return [*fields, "doubt_status"] if obj is not None else fields

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "doubt_status"]

    @admin.display(description=_("待核对"))
    def doubt_status(self, obj):
        count = ArticleDoubt.objects.open().filter(article__page__edition=obj).count()
        confirmation = DoubtConfirmation.objects.filter(edition=obj).select_related("confirmed_by").first()
        line = _("待核对 %(count)d 处") % {"count": count} if count else _("没有待核对的问题")
        if confirmation is not None:
            who = confirmation.confirmed_by or "—"
            if confirmation.note:
                who = _("命令行操作员（%(note)s）") % {"note": confirmation.note}
            line += _("；%(who)s 于 %(when)s 确认核对（当时 %(open)d 处）") % {
                "who": who,
                "when": timezone.localtime(confirmation.confirmed_at).strftime("%Y-%m-%d %H:%M"),
                "open": confirmation.open_doubts,
            }
        if service.unconfirmed(obj):
            line += _("；发布前需值班主任确认核对")
        return line

    def has_confirm_permission(self, request, obj=None):
        return request.user.has_perm("importer.confirm_doubts")

    @admin.action(description=_("确认核对：有待核对问题也可以发布"), permissions=["confirm"])
    def confirm_doubts(self, request, queryset):
        count = service.confirm(queryset, user=request.user)
        self.message_user(
            request,
            _("已确认 %(count)d 期的待核对问题，这些期次可以发布。") % {"count": count},
            messages.SUCCESS,
        )


class PageDoubtsAdmin(PageWithArticlesAdmin):
    """The page list with each page's open doubts."""

    def get_list_display(self, request):
        return [*super().get_list_display(request), open_doubt_count]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), PageNeedsCheckingFilter]

    def get_queryset(self, request):
        return service.with_open_doubts(super().get_queryset(request), service.PAGE)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Article:
            # A title changed in the page's list of articles fixes a doubt about it.
            for article_form in formset.forms:
                if article_form.has_changed() and article_form.instance.pk:
                    service.clear_fixed(article_form.instance, user=request.user)


class ArticleDoubtsAdmin(ArticleAdmin):
    """The article admin with the article's doubts (fixed when an editor changes what they are
    about, accepted with 已核对), their count in the list and the 需核对 filter."""

    change_form_template = "admin/articles/article/change_form_with_doubts.html"

    def get_list_display(self, request):
        return [*super().get_list_display(request), open_doubt_count]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), NeedsCheckingFilter]

    def get_queryset(self, request):
        return service.with_open_doubts(super().get_queryset(request), service.ARTICLE)

    actions = [*ArticleAdmin.actions, "accept_doubts"]

    def has_accept_permission(self, request, obj=None):
        return request.user.has_perm("importer.change_articledoubt")

    def get_urls(self):
        return [
            path(
                "<int:pk>/accept-doubts/",
                self.admin_site.admin_view(self.accept_view),
                name="articles_article_accept_doubts",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["doubts"] = list(obj.doubts.select_related("cleared_by"))
            context["can_accept_doubts"] = self.has_accept_permission(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Whatever the editor changed is saved: the doubts about those fields are fixed.
        service.clear_fixed(form.instance, user=request.user)

    def split_title_view(self, request, pk):
        response = super().split_title_view(request, pk)
        if request.method == "POST" and response.status_code == 302:
            # The title lines were split anew: a doubt about them is fixed.
            service.clear_fixed(get_object_or_404(Article, pk=pk), user=request.user)
        return response

    def accept_view(self, request, pk):
        """已核对: the article stands as it is (a POST from the article's own page)."""
        article = get_object_or_404(Article, pk=pk)
        if request.method != "POST" or not self.has_accept_permission(request):
            raise PermissionDenied
        count = service.accept(article.doubts.all(), user=request.user)
        self.message_user(request, _("已核对 %(count)d 个问题。") % {"count": count}, messages.SUCCESS)
        return redirect("admin:articles_article_change", article.pk)

    @admin.action(description=_("已核对：所选稿件的问题不必再改"), permissions=["accept"])
    def accept_doubts(self, request, queryset):
        count = service.accept(ArticleDoubt.objects.filter(article__in=queryset), user=request.user)
        self.message_user(request, _("已核对 %(count)d 个问题。") % {"count": count}, messages.SUCCESS)


class OpenFilter(admin.SimpleListFilter):
    title = _("状态")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("1", _("待核对")), ("0", _("已核对或已改正"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.open()
        if self.value() == "0":
            return queryset.filter(cleared_at__isnull=False)
        return queryset


@admin.register(ArticleDoubt)
class ArticleDoubtAdmin(admin.ModelAdmin):
    """Every doubt of the parser, by edition and page; editors open the article to fix it."""

    list_display = ["message", "kind", "article_link", "page_label", "edition_date", "created", "cleared"]
    list_filter = [OpenFilter, "kind", "article__page__edition__publication", "article__page__edition__date"]
    list_select_related = ["article__page__edition__publication", "cleared_by"]
    search_fields = ["message", "article__headline"]
    readonly_fields = [
        "article",
        "kind",
        "message",
        "line_list",
        "created",
        "cleared_at",
        "cleared_by",
        "cleared_how",
    ]
    fields = readonly_fields
    actions = ["accept"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__source_text", "article__search_document")

    @admin.display(description=_("稿件"), ordering="article__headline")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.headline)

    @admin.display(description=_("版号"), ordering="article__page__number")
    def page_label(self, obj):
        return obj.article.page.label

    @admin.display(description=_("日期"), ordering="article__page__edition__date")
    def edition_date(self, obj):
        return obj.article.page.edition.date

    @admin.display(description=_("核对"))
    def cleared(self, obj):
        if obj.is_open:
            return _("待核对")
        return f"{obj.get_cleared_how_display()}（{obj.cleared_by or '—'}）"

    @admin.display(description=_("原文行"))
    def line_list(self, obj):
        return format_html_join("", "<div>{}</div>", ((line,) for line in obj.lines)) or "—"

    @admin.action(description=_("已核对：所选问题不必再改"), permissions=["change"])
    def accept(self, request, queryset):
        count = service.accept(queryset, user=request.user)
        self.message_user(request, _("已核对 %(count)d 个问题。") % {"count": count}, messages.SUCCESS)


admin.site.unregister(Page)
admin.site.register(Page, PageDoubtsAdmin)
admin.site.unregister(Article)
admin.site.register(Article, ArticleDoubtsAdmin)
