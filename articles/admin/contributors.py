"""The editors' admin for contributors (merging two records of one person) and bylines."""

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from newsroom.admin_helpers import HistoryAdmin, action_confirmation
from newsroom.uploads import SavesFilesWhole

from .. import services
from ..forms import (
    BylineForm,
    ContributorAdminForm,
    MergeContributorsForm,
)
from ..models import Article, Byline, Contributor
from .pickers import article_picker

# The contributor form lists their latest articles; the rest are a search away.
CONTRIBUTOR_ARTICLES_SHOWN = 100


@admin.register(Byline)
class BylineAdmin(HistoryAdmin):
    """Bylines have their own history; editors mostly work on them inline in the article."""

    form = BylineForm
    list_display = ["contributor", "label", "role", "article_place"]
    list_select_related = ["contributor", "article__page__edition"]
    list_filter = ["role"]
    search_fields = ["contributor__name", "article__headline"]
    autocomplete_fields = ["contributor"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            return article_picker(db_field, self.admin_site, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("稿件"), ordering="article__page__edition__date")
    def article_place(self, obj):
        return obj.article.placed_headline


@admin.register(Contributor)
class ContributorAdmin(SavesFilesWhole, HistoryAdmin):
    form = ContributorAdminForm
    list_display = ["name", "organization", "byline_count"]
    list_filter = ["organization"]
    search_fields = ["name", "organization", "slug"]
    prepopulated_fields = {"slug": ["name", "organization"]}  # as the import makes it: slug_base
    fields = ["name", "slug", "organization", "bio", "portrait", "articles"]
    readonly_fields = ["articles"]

    actions = ["merge_contributors"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(byline_total=Count("bylines"))

    @admin.action(description=_("合并为同一人…"), permissions=["change"])
    def merge_contributors(self, request, queryset):
        contributors = Contributor.objects.filter(pk__in=queryset.values("pk"))
        if contributors.count() < 2:
            self.message_user(request, _("请至少选中两条作者记录。"), messages.ERROR)
            return None
        form = MergeContributorsForm(
            request.POST if "apply" in request.POST else None, contributors=contributors
        )
        if not form.is_valid():
            return action_confirmation(
                self,
                request,
                queryset,
                form,
                action="merge_contributors",
                title=_("合并作者"),
                intro=_("这些记录是同一个人：选出保留的一条，其余记录的署名移过去后删除。"),
                submit_label=_("合并"),
            )
        keep = form.cleaned_data["keep"]
        moved, dropped, removed = services.merge_contributors(
            keep, contributors.exclude(pk=keep.pk), user=request.user
        )
        self.message_user(
            request,
            _(
                "已合并到“%(keep)s”：移过来 %(moved)d 条署名，去掉重复署名 %(dropped)d 条，"
                "删除作者记录 %(removed)d 条。"
            )
            % {"keep": keep, "moved": moved, "dropped": dropped, "removed": removed},
            messages.SUCCESS,
        )
        return redirect("admin:articles_contributor_change", keep.pk)

    @admin.display(description=_("署名数"), ordering="byline_total")
    def byline_count(self, obj):
        return obj.byline_total

    @admin.display(description=_("稿件"))
    def articles(self, obj):
        if not obj.pk:
            return "—"
        articles = (
            Article.objects.filter(pk__in=obj.bylines.values("article"))
            .select_related("page__edition")
            .order_by("-page__edition__date", "page__number", "position")[:CONTRIBUTOR_ARTICLES_SHOWN]
        )
        rows = format_html_join(
            "",
            '<li>{} {}版 <a href="{}">{}</a></li>',
            (
                (
                    a.page.edition.date,
                    a.page.label,
                    reverse("admin:articles_article_change", args=[a.pk]),
                    a.headline,
                )
                for a in articles
            ),
        )
        return format_html("<ul>{}</ul>", rows) if rows else "—"
