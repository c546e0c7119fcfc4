"""The editors' admin for articles, their bylines, body, photos and corrections, and contributors."""

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import ArticleAdminForm, BlockInlineForm, BlockInlineFormSet
from .models import Article, Block, Byline, Contributor, Correction, Photo

# The contributor form lists their latest articles; the rest are a search away.
CONTRIBUTOR_ARTICLES_SHOWN = 100


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["order", "contributor", "role", "label"]
    autocomplete_fields = ["contributor"]
    ordering = ["order"]
    extra = 0


class BlockInline(admin.TabularInline):
    """The body, one paragraph or subhead a row: no markup to learn."""

    model = Block
    form = BlockInlineForm
    formset = BlockInlineFormSet
    fields = ["order", "type", "text", "merge_with_next"]
    ordering = ["order"]
    extra = 0


class PhotoInline(admin.StackedInline):
    model = Photo
    fields = ["order", "image", "thumbnail", "caption", "credit"]
    readonly_fields = ["thumbnail"]
    ordering = ["order"]
    extra = 0

    @admin.display(description=_("缩略图"))
    def thumbnail(self, obj):
        if not obj.image:
            return "—"
        return format_html('<img src="{}" alt="" style="max-width:200px;max-height:150px">', obj.image.url)


class CorrectionInline(admin.TabularInline):
    model = Correction
    fields = ["kind", "text", "created"]
    readonly_fields = ["created"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["edition_date", "page_label", "position", "headline", "kind", "byline_names"]
    list_display_links = ["headline"]
    list_filter = ["kind", "page__edition__publication", "page__edition__date"]
    list_select_related = ["page__edition__publication"]
    search_fields = ["headline", "kicker", "subheadline", "bylines__contributor__name"]
    autocomplete_fields = ["next_part"]
    readonly_fields = ["source_text", "previous_part_link", "created", "updated"]
    fieldsets = [
        (_("标题"), {"fields": ["kicker", "headline", "subheadline", "column"]}),
        (_("导语"), {"fields": ["dateline", "editor_note"]}),
        (
            _("版面位置与转版"),
            {
                "fields": [
                    "page",
                    "position",
                    "kind",
                    ("continued_to_label", "continued_to_page"),
                    ("continued_from_label", "continued_from_page"),
                    "next_part",
                    "previous_part_link",
                ]
            },
        ),
        (_("标签"), {"fields": ["tags"]}),
        (_("原始文本"), {"classes": ["collapse"], "fields": ["source_text"]}),
        (None, {"fields": ["opened_updated", "created", "updated"]}),
    ]
    inlines = [BylineInline, BlockInline, PhotoInline, CorrectionInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("contributor")))
        )

    @admin.display(description=_("日期"), ordering="page__edition__date")
    def edition_date(self, obj):
        return obj.page.edition.date

    @admin.display(description=_("版号"), ordering="page__number")
    def page_label(self, obj):
        return obj.page.label

    @admin.display(description=_("署名"))
    def byline_names(self, obj):
        return "、".join(byline.contributor.name for byline in obj.bylines.all())

    @admin.display(description=_("上接自"))
    def previous_part_link(self, obj):
        previous = getattr(obj, "previous_part", None) if obj.pk else None
        if previous is None:
            return "—"
        url = reverse("admin:articles_article_change", args=[previous.pk])
        return format_html('<a href="{}">{}</a>', url, previous.headline)


@admin.register(Byline)
class BylineAdmin(SimpleHistoryAdmin):
    """Bylines have their own history; editors mostly work on them inline in the article."""

    list_display = ["contributor", "label", "role", "article"]
    list_select_related = ["contributor", "article"]
    list_filter = ["role"]
    search_fields = ["contributor__name", "article__headline"]
    autocomplete_fields = ["article", "contributor"]


@admin.register(Contributor)
class ContributorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organization", "byline_count"]
    list_filter = ["organization"]
    search_fields = ["name", "organization", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "organization", "bio", "portrait", "articles"]
    readonly_fields = ["articles"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(byline_total=Count("bylines"))

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
