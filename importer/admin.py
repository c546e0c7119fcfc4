"""The admin's import page: upload page dumps (or a zip of them, or edition JSON), see the edition
as it will be, then import it in one transaction. The importer's admin extends the editions' own
(`editions.admin.EditionAdmin`) with that page and its button on the edition list."""

import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from editions.admin import EditionAdmin
from editions.models import Edition, Publication
from importer import admin_profiles  # noqa: F401  (registers the profile and page dump admins)
from importer.admin_doubts import EditionDoubtsMixin
from importer.core.draft import BlockType, EditionImportError, PublicationDraft
from importer.core.sources import collect_uploads
from importer.forms import ImportConfirmForm, ImportUploadForm, label_names, sign_import, unsign_import
from importer.jobs import enqueue_upload, has_pdf, unreadable_pdfs
from importer.messages import IMPORT_ACTIONS, describe, import_summary
from importer.services import Action, Outcome, import_edition, plan_import
from importer.services.profiles import profile_for
from newsroom.uploads import upload_failure_message

logger = logging.getLogger("newsroom.uploads")


def read_upload(payload, labels):
    """The one edition an upload holds, parsed with its publication's profile; the page label each
    page dump got; and the page dumps (kept with the edition when it is imported)."""
    sources = collect_uploads(
        payload["files"], date=payload["date"], encoding=payload["encoding"] or None, labels=labels
    )
    if len(sources) != 1:
        dates = "、".join(source.date.isoformat() for source in sources)
        raise EditionImportError(
            _("一次导入一期：这些文件属于 %(count)d 个日期（%(dates)s）")
            % {"count": len(sources), "dates": dates}
        )
    source = sources[0]
    publication = payload["publication"]
    draft = source.draft(
        PublicationDraft(slug=publication.slug, name=publication.name), profile_for(publication.slug)
    )
    return draft, {page.origin: page.label for page in source.pages}, source.pages


# How much of an article's first and last paragraph the preview shows.
PREVIEW_LINE = 40


def _opening_and_close(article):
    """The start of the first paragraph and the end of the last: enough to see where the
    parser began and ended the article."""
    paragraphs = [block.text for block in article.body if block.type == BlockType.PARAGRAPH]
    if not paragraphs:
        return "", ""
    first = paragraphs[0][:PREVIEW_LINE] + ("……" if len(paragraphs[0]) > PREVIEW_LINE else "")
    last = paragraphs[-1][-PREVIEW_LINE:] if len(paragraphs) > 1 else ""
    return first, last


def preview_pages(plan):
    """The plan as the preview shows it: each page with its articles in printed order, a
    continuation to a page the upload does not hold flagged."""
    kinds = dict(Article.Kind.choices)
    labels = {page.label for page in plan.pages}
    pages = []
    for page in plan.pages:
        rows = []
        for item in sorted((a for a in plan.articles if a.page == page.label), key=lambda a: a.position):
            article = item.draft
            row = {
                "action": item.action,
                "action_label": IMPORT_ACTIONS.get(item.action, item.action),
                "kept": item.action == Action.KEPT,
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
                    subheads=sum(1 for block in article.body if block.type == BlockType.SUBHEAD),
                    photos=len(article.photos),
                    continued_to=article.continued_to.label if article.continued_to else "",
                    continued_to_missing=bool(article.continued_to)
                    and article.continued_to.label not in labels,
                    continued_from=article.continued_from.label if article.continued_from else "",
                    doubts=article.doubts,
                )
                row["first_line"], row["last_line"] = _opening_and_close(article)
            rows.append(row)
        pages.append(
            {"plan": page, "action_label": IMPORT_ACTIONS.get(page.action, page.action), "articles": rows}
        )
    return pages


class EditionImportAdmin(EditionDoubtsMixin, EditionAdmin):
    actions = [*EditionAdmin.actions, "confirm_doubts"]
    # The importer sits above editions and articles: here the edition list also finds an edition
    # by a headline, kicker or subheadline it prints.
    search_fields = [
        *EditionAdmin.search_fields,
        "pages__articles__headline",
        "pages__articles__kicker",
        "pages__articles__subheadline",
    ]
    search_help_text = _("可搜出版日期（如 2023-08-09、2023年8月9日、20230809、8月9日）、期号或稿件标题。")

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
        if has_pdf(payload["files"]):
            problems = unreadable_pdfs(payload["files"])
            if problems:
                return self._upload_page(request, upload, problems)
            # Reading page PDFs and rendering their images is a background job's work.
            try:
                record = enqueue_upload(payload, user=request.user)
            except OSError as error:
                logger.error("storage failure keeping an import's upload, nothing queued: %s", error)
                return self._upload_page(request, upload, [upload_failure_message(error)])
            self.message_user(
                request, _("版面 PDF 正在后台导入（导入后为草稿），进度见本页。"), messages.INFO
            )
            return redirect("admin:newsroom_job_change", record.pk)
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
            draft, page_labels, _dumps = read_upload(payload, labels)
            plan = plan_import(draft, replace=replace, user=request.user)
        except EditionImportError as error:
            upload = ImportUploadForm(initial={"publication": payload["publication"]})
            return self._upload_page(request, upload, [describe(error)])
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
            "new_edition": plan.status == Outcome.CREATED,
            "updates_edition": plan.status == Outcome.UPDATED,
            "existing": Edition.objects.filter(
                publication__slug=plan.publication.slug, date=plan.date
            ).first(),
            "pages": preview_pages(plan),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/editions/edition/import.html", context)

    def _import(self, request, confirm, payload, *, labels, replace):
        try:
            draft, _page_labels, dumps = read_upload(payload, labels)
            result = import_edition(draft, replace=replace, dumps=dumps, user=request.user)
        except EditionImportError as error:
            confirm.add_error(None, describe(error))
            return self._preview(request, confirm, payload, labels=labels, replace=replace)
        summary = import_summary(result, _("勾选“覆盖编辑改过的稿件”再导入即可覆盖"))
        self.message_user(request, _("导入完成：") + summary, messages.SUCCESS)
        return redirect("admin:editions_edition_change", result.edition.pk)


admin.site.unregister(Edition)
admin.site.register(Edition, EditionImportAdmin)

# The desk chiefs' page of the importer's accuracy (issue 16) registers itself.
from importer import admin_scores  # noqa: E402, F401
