"""The editors' admin for publications, editions and pages."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from articles import images
from articles.forms import PositionedInlineFormSet
from articles.models import Article

from .forms import EditionAdminForm, PageForm, ScheduleForm, publication_problem
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


def action_confirmation(model_admin, request, queryset, form, *, action, title, intro, submit_label):
    """The intermediate page of an action that needs an answer first (see action_confirmation.html)."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "opts": model_admin.opts,
        "queryset": queryset,
        "form": form,
        "action": action,
        "submit_label": submit_label,
        "media": model_admin.media + form.media,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/action_confirmation.html", context)


def make_page_renditions(forms):
    for form in forms:
        if "image" in form.changed_data and form.instance.image:
            images.make_renditions(form.instance.image)


class PageInline(admin.TabularInline):
    model = Page
    form = PageForm
    fields = ["number", "label", "name", "editor", "image"]
    extra = 0
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(SimpleHistoryAdmin):
    form = EditionAdminForm
    list_display = [
        "date",
        "publication",
        "number",
        "status",
        "published_at",
        "visibility",
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
    actions = ["publish_now", "schedule_publication", "unpublish"]

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm("editions.publish_edition")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly += ["status", "published_at"]
        return readonly

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

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        make_page_renditions(formset.forms)

    @admin.display(description=_("版数"), ordering="page_total")
    def page_count(self, obj):
        return obj.page_total

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description=_("读者可见"))
    def visibility(self, obj):
        if obj.is_scheduled:
            return _("定时：%(time)s") % {
                "time": date_format(timezone.localtime(obj.published_at), "m-d H:i")
            }
        return _("可见") if obj.is_visible else _("不可见")

    @admin.display(description=_("读者页面"))
    def public_page(self, obj):
        return public_link(obj)

    def _publish(self, request, queryset, at):
        published, refused = 0, []
        with transaction.atomic():
            for edition in queryset.select_for_update():
                problem = publication_problem(edition)
                if problem:
                    refused.append(f"{edition}：{problem}")
                    continue
                edition.publish(at=at)
                # save() records history and, through editions.caching's signal receivers,
                # invalidates the cached pages of the edition and its neighbours.
                edition.save()
                published += 1
        for message in refused:
            self.message_user(request, message, messages.ERROR)
        return published

    @admin.action(description=_("立即发布"), permissions=["publish"])
    def publish_now(self, request, queryset):
        count = self._publish(request, queryset, at=None)
        if count:
            self.message_user(request, _("已发布 %(count)d 期。") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("定时发布…"), permissions=["publish"])
    def schedule_publication(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            at = form.cleaned_data["publish_at"]
            count = self._publish(request, queryset, at=at)
            if count:
                when = date_format(timezone.localtime(at), "Y-m-d H:i")
                self.message_user(
                    request,
                    _("已定时发布 %(count)d 期：%(when)s 起对读者可见。") % {"count": count, "when": when},
                    messages.SUCCESS,
                )
            return None
        return action_confirmation(
            self,
            request,
            queryset,
            form,
            action="schedule_publication",
            title=_("定时发布"),
            intro=_("以下期次将在所填时间自动对读者可见："),
            submit_label=_("定时发布"),
        )

    @admin.action(description=_("撤回（改为草稿）"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        with transaction.atomic():
            for edition in queryset.select_for_update():
                edition.unpublish()
                edition.save()
                count += 1
        self.message_user(request, _("已撤回 %(count)d 期。") % {"count": count}, messages.SUCCESS)


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
    form = PageForm
    inlines = [ArticleInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        make_page_renditions([form])

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total
