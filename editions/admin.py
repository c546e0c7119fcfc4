"""The editors' admin for publications, editions and pages. The articles' admin adds a page's
articles to its page (articles.admin); the importer's adds the import page (importer.admin)."""

import datetime
import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from newsroom import images
from newsroom.admin_helpers import HistoryAdmin, action_confirmation, public_link
from newsroom.uploads import SavesFilesWhole

from . import services
from .forms import EditionAdminForm, PageForm, PublicationForm, ScheduleForm
from .models import Edition, Page, Publication, was_published


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    form = PublicationForm
    list_display = ["name", "slug", "dateline", "edition_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_total=Count("editions"))

    @admin.display(description=_("期数"), ordering="edition_total")
    def edition_count(self, obj):
        return obj.edition_total


class ReaderState(models.TextChoices):
    """What readers see of an edition: two stored states (`Edition.Status`) and two derived ones,
    a scheduled edition stored as published, a withdrawn one as a draft."""

    DRAFT = Edition.Status.DRAFT.value, Edition.Status.DRAFT.label
    SCHEDULED = "scheduled", _("定时")
    PUBLISHED = Edition.Status.PUBLISHED.value, Edition.Status.PUBLISHED.label
    WITHDRAWN = "withdrawn", _("已撤回")


class StateFilter(admin.SimpleListFilter):
    """The editions by what readers see of them (`ReaderState`)."""

    title = _("状态")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return ReaderState.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == ReaderState.DRAFT:
            return queryset.filter(status=Edition.Status.DRAFT).exclude(pk__in=Edition.objects.withdrawn())
        if value == ReaderState.SCHEDULED:
            return queryset.scheduled()
        if value == ReaderState.PUBLISHED:
            return queryset.published()
        if value == ReaderState.WITHDRAWN:
            return queryset.filter(pk__in=Edition.objects.withdrawn())
        return queryset


# A date as an editor types it into the edition list's search: 2023-08-09, 2023/8/9, 2023.8.9,
# 2023年8月9日, 20230809; 8月9日 (that day of every year) or 2023年8月 (a month).
FULL_DATE = re.compile(
    r"(?P<y>\d{4})(?:[-/.年]\s*(?P<m>\d{1,2})[-/.月]\s*(?P<d>\d{1,2})日?|(?P<m2>\d\d)(?P<d2>\d\d))"
)
DAY_OF_YEAR = re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?")
MONTH = re.compile(r"(?P<y>\d{4})\s*[年-]\s*(?P<m>\d{1,2})\s*月?")


def date_lookup(term):
    """The edition dates a search term names, as lookups on `date`; None if it names no date."""
    term = re.sub(r"\s+", "", term)
    if match := FULL_DATE.fullmatch(term):
        month, day = match["m"] or match["m2"], match["d"] or match["d2"]
        try:
            return {"date": datetime.date(int(match["y"]), int(month), int(day))}
        except ValueError:
            return None
    if (match := DAY_OF_YEAR.fullmatch(term)) and 1 <= int(match["m"]) <= 12:
        return {"date__month": int(match["m"]), "date__day": int(match["d"])}
    if (match := MONTH.fullmatch(term)) and 1 <= int(match["m"]) <= 12:
        return {"date__year": int(match["y"]), "date__month": int(match["m"])}
    return None


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
class EditionAdmin(SavesFilesWhole, HistoryAdmin):
    form = EditionAdminForm
    list_display = [
        "date",
        "publication",
        "number",
        "state",
        "published_at",
        "visibility",
        "page_count",
        "article_count",
        "public_page",
    ]
    list_display_links = ["date"]
    list_filter = ["publication", StateFilter]
    list_select_related = ["publication"]
    date_hierarchy = "date"
    search_fields = ["=number"]
    fields = ["publication", "date", "number", "state", "status", "published_at", "created", "updated"]
    readonly_fields = ["state", "created", "updated"]
    inlines = [PageInline]
    actions = ["publish_now", "schedule_publication", "unpublish"]
    change_list_template = "admin/editions/edition/change_list.html"

    def has_publish_permission(self, request, obj=None):
        return services.may_publish(request.user)

    def save_model(self, request, obj, form, change):
        # The one check of who may publish (editions.services), whichever page saves: the
        # change form, or the history's revert to an older version (simple-history saves that
        # version whole, its status and publication time included).
        obj._history_user = request.user
        services.save_edition(obj, user=request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except PermissionDenied as refusal:
            self.message_user(request, str(refusal) or _("你没有权限这样做。"), messages.ERROR)
            return redirect("admin:editions_edition_history", object_id)

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
                was_published=was_published(),
            )
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        make_page_renditions(formset.forms)

    def get_search_results(self, request, queryset, search_term):
        """A date, however typed, finds the edition of that date; anything else searches as
        `search_fields` say."""
        lookup = date_lookup(search_term)
        if lookup is not None:
            return queryset.filter(**lookup), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("版数"), ordering="page_total")
    def page_count(self, obj):
        return obj.page_total

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description=_("状态"), ordering="status")
    def state(self, obj):
        """草稿, 已撤回, 定时 and its time, or 已发布: a scheduled edition is not yet published to
        its readers, whatever its stored status says."""
        if obj.pk is None:
            return "—"
        if obj.is_scheduled:
            return _("定时：%(time)s") % {
                "time": date_format(timezone.localtime(obj.published_at), "Y-m-d H:i")
            }
        if obj.status == Edition.Status.PUBLISHED:
            return Edition.Status.PUBLISHED.label
        if getattr(obj, "was_published", None) or (
            # The change page's edition is not annotated as the list's are.
            not hasattr(obj, "was_published") and Edition.objects.withdrawn().filter(pk=obj.pk).exists()
        ):
            return ReaderState.WITHDRAWN.label
        return Edition.Status.DRAFT.label

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

    def _report_refused(self, request, refused):
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description=_("立即发布"), permissions=["publish"])
    def publish_now(self, request, queryset):
        count, refused = services.publish(queryset, user=request.user)
        self._report_refused(request, refused)
        if count:
            self.message_user(request, _("已发布 %(count)d 期。") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("定时发布…"), permissions=["publish"])
    def schedule_publication(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            at = form.cleaned_data["publish_at"]
            count, refused = services.schedule(queryset, at, user=request.user)
            self._report_refused(request, refused)
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
        count = services.unpublish(queryset, user=request.user)
        self.message_user(request, _("已撤回 %(count)d 期。") % {"count": count}, messages.SUCCESS)


@admin.register(Page)
class PageAdmin(SavesFilesWhole, HistoryAdmin):
    list_display = ["__str__", "edition", "number", "editor", "article_count"]
    list_select_related = ["edition"]
    list_filter = ["edition__publication"]
    date_hierarchy = "edition__date"
    search_fields = ["label", "name", "editor"]
    form = PageForm

    def save_model(self, request, obj, form, change):
        services.check_page_move(obj, user=request.user)
        super().save_model(request, obj, form, change)
        make_page_renditions([form])

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total
