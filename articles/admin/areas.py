"""The area editor (热区) of a page in the admin: the page image with every article's area drawn
and named by its headline, where an editor draws, moves and reshapes areas and gives each to an
article (static/js/area_editor.js); saved by articles.areas. The page's change form shows the
same areas, read only, with a link to the editor. A page without an image takes one here (a
JPEG or PNG, for papers that have no page PDFs)."""

import json
import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from editions.models import Page
from newsroom import images
from newsroom.uploads import storage_failure_message

from .. import approvals
from .. import areas as service
from ..models import Article, Revision

# The image the editor draws on: wide enough for a corner to be placed to a pixel of the print.
EDITOR_IMAGE_WIDTH = 1600

# The editor's words, handed to its script (static/js/area_editor.js has no text of its own).
STRINGS = {
    "unassigned": _("（未指定稿件）"),
    "position": _("第%(position)s篇"),
    "areaCount": _("%(count)s 个区域"),
    "noArea": _("没有区域"),
    "drawRectangleHelp": _("在版面图上按住鼠标拖出矩形。"),
    "drawPolygonHelp": _("在版面图上逐个点出顶点，双击或按 Enter 结束，Esc 取消。"),
    "selected": _("已选中：%(name)s，%(count)s 个顶点。方向键移动区域，Shift 加方向键微调。"),
    "vertex": _("顶点 %(number)s"),
    "unassignedLeft": _("还有 %(count)s 个区域没有指定稿件：请先为它们选择稿件或删除。"),
    "tooFewPoints": _("区域至少要有 3 个顶点。"),
    "unsaved": _("有未保存的修改。"),
    "confirmDelete": _("删除这个区域？"),
}


logger = logging.getLogger("newsroom.uploads")


class PageImageForm(images.CleanImageMixin, forms.ModelForm):
    """The page image alone, checked and stripped like any upload."""

    class Meta:
        model = Page
        fields = ["image"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].required = True


class PageAreasMixin:
    """For the page admin: the 热区 page, and the page's areas on its change form."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/areas/",
                self.admin_site.admin_view(self.areas_view),
                name="editions_page_areas",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        is_id = str(object_id).isascii() and str(object_id).isdigit()  # "²" is a digit to isdigit()
        page = Page.objects.filter(pk=object_id).first() if is_id else None
        context = {**(extra_context or {})}
        if page is not None:
            context["page_areas"] = {
                "page": page,
                "image_url": page_image_url(page),
                "articles": Article.objects.filter(page=page)
                .order_by("position")
                .only("pk", "position", "headline", "areas", "page_id"),
                "editor_url": reverse("admin:editions_page_areas", args=[page.pk]),
            }
        return super().change_view(request, object_id, form_url, context)

    def areas_view(self, request, pk):
        page = get_object_or_404(Page.objects.select_related("edition__publication"), pk=pk)
        if not request.user.has_perm("articles.view_article"):
            raise PermissionDenied
        drawn = upload = None
        if request.method == "POST" and "_upload" in request.POST:
            upload = self._upload(request, page)
            if upload is None:
                return redirect("admin:editions_page_areas", page.pk)
        elif request.method == "POST":
            try:
                drawn = service.read_form(request.POST.get("areas", ""))
                # What the editor started from; a post without it is saved over what is stored.
                base = service.read_form(request.POST["base"]) if "base" in request.POST else None
                saved = service.save_page_areas(page, drawn, user=request.user, base=base)
            except service.AreasRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
            else:
                self._report(request, saved)
                return redirect("admin:editions_page_areas", page.pk)
        context = self._context(request, page, drawn)
        if not page.image:
            context["upload_form"] = upload or PageImageForm(instance=page)
            context["can_upload"] = request.user.has_perm("editions.change_page")
        return TemplateResponse(request, "admin/articles/page_areas.html", context)

    def _upload(self, request, page):
        """Store the uploaded page image and its web renditions; None when done, else the form
        with why not. A storage failure half-way leaves neither the row changed nor a file."""
        if not request.user.has_perm("editions.change_page"):
            raise PermissionDenied
        form = PageImageForm(request.POST, request.FILES, instance=page)
        if not form.is_valid():
            return form
        try:
            with transaction.atomic():
                form.save()
                images.make_renditions(page.image)
        except OSError as error:
            logger.error("storage failure saving the image of page %s: %s", page.pk, error)
            _delete_stored(page.image)
            page.image = None
            form.add_error(None, storage_failure_message(error))
            return form
        self.message_user(request, _("版面图已上传，现在可以画热区了。"), messages.SUCCESS)
        return None

    def _report(self, request, saved):
        if saved.changed:
            message = _("已保存 %(count)d 篇稿件的区域。") % {"count": len(saved.changed)}
            self.message_user(request, message, messages.SUCCESS)
        if saved.held:
            self.message_user(
                request,
                _("%(count)d 篇已发布稿件的区域修改已提交，等待值班主任审核，通过后才对读者生效。")
                % {"count": len(saved.held)},
                messages.WARNING,
            )
        if not saved.changed and not saved.held:
            self.message_user(request, _("没有改动。"), messages.INFO)

    def _context(self, request, page, drawn):
        """The page and its articles for the editor; `drawn`: the editor's areas when a save was
        refused, shown again so their work is not lost."""
        pending = Revision.objects.filter(article=OuterRef("pk"), status=Revision.Status.PENDING)
        rows = list(
            Article.objects.filter(page=page)
            .order_by("position")
            .annotate(pending=Exists(pending))
            .values("pk", "position", "headline", "areas", "pending")
        )
        stored = {row["pk"]: row["areas"] or [] for row in rows}
        drawn = drawn if isinstance(drawn, dict) else {}
        articles = [
            {
                "id": row["pk"],
                "position": row["position"],
                "headline": row["headline"],
                "areas": drawn.get(row["pk"], stored[row["pk"]]),
                "pending": row["pending"],
            }
            for row in rows
        ]
        held = page.edition.status == page.edition.Status.PUBLISHED and not request.user.has_perm(
            approvals.APPROVE
        )
        return {
            **self.admin_site.each_context(request),
            "title": _("%(page)s 热区") % {"page": page},
            "opts": self.opts,
            "original": page,
            "image_url": page_image_url(page, EDITOR_IMAGE_WIDTH),
            "change_url": reverse("admin:editions_page_change", args=[page.pk]),
            "reader_url": page.get_absolute_url(),
            "articles": articles,
            "base": json.dumps({str(pk): areas for pk, areas in stored.items()}),
            "strings": {key: str(text) for key, text in STRINGS.items()},
            "can_change": request.user.has_perm(service.CHANGE),
            "held": held,
        }


def _delete_stored(fieldfile):
    """The files a failed upload wrote: the image and any of its renditions."""
    if not fieldfile or not getattr(fieldfile, "_committed", False):
        return  # nothing was stored
    names = [fieldfile.name, *(images.rendition_name(fieldfile.name, w) for w in images.RENDITION_WIDTHS)]
    for name in names:
        try:
            if fieldfile.storage.exists(name):
                fieldfile.storage.delete(name)
        except OSError:
            logger.exception("could not delete %s after a failed upload", name)


def page_image_url(page, width=800):
    """The page image at about `width` pixels, or None when the page has none."""
    return page.rendition_url(width) if page.image else None
