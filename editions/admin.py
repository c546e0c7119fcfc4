"""The editors' admin for publications, editions and pages."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from articles import images
from articles.forms import PositionedInlineFormSet
from articles.models import Article
from articles.search import refresh_search_document
from importer.core.draft import EditionImportError, PublicationDraft
from importer.core.sources import collect_uploads
from importer.service import import_edition, plan_import
from newsroom.uploads import SavesFilesWhole

from .forms import (
    EditionAdminForm,
    ImportConfirmForm,
    ImportUploadForm,
    PageForm,
    ScheduleForm,
    label_names,
    publication_problem,
    sign_import,
    unsign_import,
)
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


def _locked(queryset):
    """The selected editions, locked for the action (the changelist's counted queryset cannot be
    locked: FOR UPDATE does not go with GROUP BY)."""
    pks = list(queryset.values_list("pk", flat=True))
    return Edition.objects.filter(pk__in=pks).select_related("publication").select_for_update(of=("self",))


def read_upload(payload, labels):
    """The one edition an upload holds, parsed, and the page label each page dump got."""
    sources = collect_uploads(
        payload["files"], date=payload["date"], encoding=payload["encoding"] or None, labels=labels
    )
    if len(sources) != 1:
        dates = "、".join(source.date.isoformat() for source in sources)
        raise EditionImportError(f"一次导入一期：这些文件属于 {len(sources)} 个日期（{dates}）")
    source = sources[0]
    publication = payload["publication"]
    draft = source.draft(PublicationDraft(slug=publication.slug, name=publication.name))
    return draft, {page.origin: page.label for page in source.pages}


IMPORT_ACTIONS = {
    "added": _("新增"),
    "changed": _("有改动"),
    "unchanged": _("不变"),
    "moved": _("换了位置"),
    "removed": _("将删除"),
    "kept": _("编辑改过，保留"),
}


def preview_pages(plan):
    """The plan as the preview shows it: each page with its articles in printed order."""
    kinds = dict(Article.Kind.choices)
    pages = []
    for page in plan.pages:
        rows = []
        for item in sorted((a for a in plan.articles if a.page == page.label), key=lambda a: a.position):
            article = item.draft
            row = {
                "action": item.action,
                "action_label": IMPORT_ACTIONS.get(item.action, item.action),
                "position": item.position,
                "headline": item.headline,
            }
            if article is not None:
                row.update(
                    kind=kinds.get(article.kind, article.kind),
                    kicker=article.kicker,
                    subheadline=article.subheadline,
                    column=article.column,
                    bylines="、".join(f"{b.label}{b.name}" for b in article.bylines),
                    paragraphs=len(article.paragraphs),
                    subheads=sum(1 for block in article.body if block.type == "subhead"),
                    photos=len(article.photos),
                    continued_to=article.continued_to.label if article.continued_to else "",
                    continued_from=article.continued_from.label if article.continued_from else "",
                    doubts=article.doubts,
                )
            rows.append(row)
        pages.append(
            {"plan": page, "action_label": IMPORT_ACTIONS.get(page.action, page.action), "articles": rows}
        )
    return pages


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
class EditionAdmin(SavesFilesWhole, SimpleHistoryAdmin):
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
    change_list_template = "admin/editions/edition/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="editions_edition_import",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return request.user.has_perm("editions.import_edition")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload page dumps, see the edition as it will be, then import it in one transaction."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        initial = {"publication": Publication.objects.default()}
        if request.method == "POST" and "payload" in request.POST:
            try:
                payload = unsign_import(request.POST["payload"])
            except ValidationError as error:
                return self._upload_page(request, ImportUploadForm(initial=initial), error.messages)
            confirm = ImportConfirmForm(request.POST, label_names=label_names(payload))
            if not confirm.is_valid():
                return self._preview(request, confirm, payload, labels={}, replace=False)
            labels, replace = confirm.labels(), confirm.cleaned_data["replace"]
            if "_import" in request.POST:
                return self._import(request, confirm, payload, labels=labels, replace=replace)
            return self._preview(request, confirm, payload, labels=labels, replace=replace)
        upload = ImportUploadForm(request.POST or None, request.FILES or None, initial=initial)
        if not upload.is_valid():
            return self._upload_page(request, upload)
        payload = upload.payload()
        confirm = ImportConfirmForm(
            initial={"payload": sign_import(payload)}, label_names=label_names(payload)
        )
        return self._preview(request, confirm, payload, labels={}, replace=False)

    def _upload_page(self, request, upload, errors=()):
        context = {
            **self.admin_site.each_context(request),
            "title": _("导入期次"),
            "opts": self.opts,
            "upload_form": upload,
            "upload_errors": errors,
            "media": self.media + upload.media,
        }
        return TemplateResponse(request, "admin/editions/edition/import.html", context)

    def _preview(self, request, confirm, payload, *, labels, replace):
        try:
            draft, page_labels = read_upload(payload, labels)
            plan = plan_import(draft, replace=replace)
        except EditionImportError as error:
            upload = ImportUploadForm(initial={"publication": payload["publication"]})
            return self._upload_page(request, upload, [str(error)])
        if not confirm.is_bound:
            for index, name in enumerate(label_names(payload)):
                confirm.initial[f"label_{index}"] = page_labels.get(name, "")
        context = {
            **self.admin_site.each_context(request),
            "title": _("导入期次：预览"),
            "opts": self.opts,
            "confirm_form": confirm,
            "label_fields": [field for field in confirm if field.name.startswith("label_")],
            "plan": plan,
            "existing": Edition.objects.filter(
                publication__slug=plan.publication.slug, date=plan.date
            ).first(),
            "pages": preview_pages(plan),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/editions/edition/import.html", context)

    def _import(self, request, confirm, payload, *, labels, replace):
        try:
            draft, _page_labels = read_upload(payload, labels)
            result = import_edition(draft, replace=replace)
        except EditionImportError as error:
            confirm.add_error(None, str(error))
            return self._preview(request, confirm, payload, labels=labels, replace=replace)
        self.message_user(request, _("导入完成：") + result.summary(), messages.SUCCESS)
        return redirect("admin:editions_edition_change", result.edition.pk)

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
            for edition in _locked(queryset):
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
            for edition in _locked(queryset):
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
class PageAdmin(SavesFilesWhole, SimpleHistoryAdmin):
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

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for article_form in formset.forms:
            if article_form.has_changed() and article_form.instance.pk:
                refresh_search_document(article_form.instance)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("稿件数"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total
