"""The editors' admin for publications, editions and pages."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from articles.forms import PositionedInlineFormSet
from articles.models import Article

from .models import Edition, Page, Publication


def public_link(obj):
    """A link to the object's public page through the admin's view-on-site redirect, so the list
    renders even where the public URL cannot be reversed yet."""
    content_type = ContentType.objects.get_for_model(type(obj))
    url = reverse("admin:view_on_site", args=(content_type.pk, obj.pk))
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("查看"))


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "dateline", "edition_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_total=Count("editions"))

    @admin.display(description=_("期数"), ordering="edition_total")
    def edition_count(self, obj):
        return obj.edition_total


class PageInline(admin.TabularInline):
    model = Page
    fields = ["number", "label", "name", "editor", "image"]
    extra = 0
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(SimpleHistoryAdmin):
    list_display = [
        "date",
        "publication",
        "number",
        "status",
        "published_at",
        "page_count",
        "article_count",
        "public_page",
    ]
    list_display_links = ["date"]
    list_filter = ["publication", "status"]
    list_select_related = ["publication"]
    date_hierarchy = "date"
    search_fields = ["=number"]
    fields = ["publication", "date", "number", "status", "published_at", "created", "updated"]
    readonly_fields = ["created", "updated"]
    inlines = [PageInline]

    def get_queryset(self, request):
        # distinct counts: joining pages and their articles multiplies the rows.
        return (
            super()
            .get_queryset(request)
            .annotate(
                page_total=Count("pages", distinct=True),
                article_total=Count("pages__articles", distinct=True),
            )
        )

    @admin.display(description=_("版数"), ordering="page_total")
    def page_count(self, obj):
        return obj.page_total

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description=_("读者页面"))
    def public_page(self, obj):
        return public_link(obj)


class ArticleInline(admin.TabularInline):
    """The page's articles in printed order; positions are renumbered safely on save."""

    model = Article
    formset = PositionedInlineFormSet
    fields = ["position", "kind", "kicker", "headline"]
    ordering = ["position"]
    extra = 0
    show_change_link = True


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "edition", "number", "editor", "article_count"]
    list_select_related = ["edition"]
    list_filter = ["edition__publication"]
    date_hierarchy = "edition__date"
    search_fields = ["label", "name", "editor"]
    fields = ["edition", "number", "label", "name", "editor", "image"]
    inlines = [ArticleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total
