"""The editors' admin for articles: their bylines, body, photos and corrections inline, the
one-step fixes, splitting a title, and deleted articles restored."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin
from taggit.models import Tag

from editions.models import Edition
from newsroom import images
from newsroom.admin_helpers import HistoryAdmin, action_confirmation
from newsroom.text import MAX_BLOCKS, MAX_BYLINES, MAX_PHOTOS
from newsroom.uploads import SavesFilesWhole

from .. import approvals, services
from ..forms import (
    ArticleAdminForm,
    BlockInlineForm,
    BylineForm,
    CorrectionInlineForm,
    MoveToPageForm,
    PhotoInlineForm,
    SplitTitleForm,
    TagForm,
)
from ..formsets import BlockInlineFormSet, BylineInlineFormSet, PhotoInlineFormSet
from ..models import Article, Block, Byline, Correction, Photo, Revision
from .pickers import ArticleAutocompleteView
from .restoring import RestoreMixin

HELD_MESSAGE = _("这篇稿件已发布：你的修改已提交，等待值班主任审核，通过后才对读者生效。")
HELD_NEW_MESSAGE = _("这一期已发布：新稿件已提交，等待值班主任审核，通过后才出现在版面上。")
HELD_IN_BULK = _("%(count)d 篇已发布的稿件未改：已发布的稿件请逐篇在稿件页修改，由值班主任审核后生效。")


class BylineInline(admin.TabularInline):
    model = Byline
    form = BylineForm
    formset = BylineInlineFormSet
    fields = ["order", "contributor", "role", "label"]
    autocomplete_fields = ["contributor"]
    ordering = ["order"]
    extra = 0
    max_num = MAX_BYLINES


class BlockInline(admin.TabularInline):
    """The body, one paragraph or subhead a row: no markup to learn."""

    model = Block
    form = BlockInlineForm
    formset = BlockInlineFormSet
    fields = ["order", "type", "text", "merge_with_next"]
    ordering = ["order"]
    extra = 0
    max_num = MAX_BLOCKS


class PhotoInline(admin.StackedInline):
    model = Photo
    form = PhotoInlineForm
    formset = PhotoInlineFormSet
    fields = ["order", "image", "thumbnail", "caption", "credit"]
    readonly_fields = ["thumbnail"]
    ordering = ["order"]
    extra = 0
    max_num = MAX_PHOTOS

    @admin.display(description=_("缩略图"))
    def thumbnail(self, obj):
        if not obj.image:
            return "—"
        url = obj.rendition_url(images.RENDITION_WIDTHS[0]) or obj.image.url
        return format_html('<img src="{}" alt="" style="max-width:200px;max-height:150px">', url)


class CorrectionInline(admin.TabularInline):
    model = Correction
    form = CorrectionInlineForm
    fields = ["kind", "text", "created"]
    readonly_fields = ["created"]
    extra = 0


admin.site.unregister(Tag)


@admin.register(Tag)
class TagWithOutsideTextAdmin(TagAdmin):
    """taggit's tag admin, the name going through the policy for outside text."""

    form = TagForm


@admin.register(Article)
class ArticleAdmin(RestoreMixin, SavesFilesWhole, HistoryAdmin):
    form = ArticleAdminForm
    list_display = ["edition_date", "page_label", "position", "headline", "kind", "byline_names"]
    list_display_links = ["headline"]
    list_filter = ["kind", "page__edition__publication", "page__edition__date"]
    list_select_related = ["page__edition__publication"]
    search_fields = ["headline", "kicker", "subheadline", "bylines__contributor__name"]
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
    actions = [
        "set_kind_news",
        "set_kind_commentary",
        "set_kind_photo",
        "set_kind_advertisement",
        "set_kind_notice",
        "move_to_page",
        "link_continuation",
        "unlink_continuation",
    ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/split-title/",
                self.admin_site.admin_view(self.split_title_view),
                name="articles_article_split_title",
            ),
            path(
                "autocomplete/",
                self.admin_site.admin_view(ArticleAutocompleteView.as_view(admin_site=self.admin_site)),
                name="articles_article_autocomplete",
            ),
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="articles_article_deleted",
            ),
            *super().get_urls(),
        ]

    # An editor's change to a published article is held for a desk chief (articles.revisions):
    # saved as usual in a savepoint, read back whole, undone (approvals.propose).

    def save_model(self, request, obj, form, change):
        if approvals.needs_approval(obj, request.user):
            request.newsroom_held = True  # saved with its parts in save_related, then held
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        def save_parts():
            # The words readers search for (title lines, note, body, captions) are all saved by now.
            services.save_article_parts(
                lambda: super(ArticleAdmin, self).save_related(request, form, formsets, change), form.instance
            )

        if not getattr(request, "newsroom_held", False):
            save_parts()
            return

        def save_all():
            super(ArticleAdmin, self).save_model(request, form.instance, form, change)
            save_parts()

        request.newsroom_revision = approvals.propose(form.instance, save_all, user=request.user)

    def log_change(self, request, obj, message):
        if getattr(request, "newsroom_held", False):
            message = str(_("提交了修改，等待值班主任审核。"))
        return super().log_change(request, obj, message)

    def log_addition(self, request, obj, message):
        # A held new article does not exist (its revision records who proposed it, and when).
        if not getattr(request, "newsroom_held", False):
            super().log_addition(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        if not getattr(request, "newsroom_held", False):
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, HELD_NEW_MESSAGE, messages.WARNING)
        return redirect(request.newsroom_revision)

    def response_change(self, request, obj):
        if not getattr(request, "newsroom_held", False):
            return super().response_change(request, obj)
        if request.newsroom_revision is None:
            self.message_user(request, _("没有改动。"), messages.INFO)
        else:
            self.message_user(request, HELD_MESSAGE, messages.WARNING)
        return redirect("admin:articles_article_change", obj.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pending = Revision.objects.filter(status=Revision.Status.PENDING).select_related("author")
        is_id = str(object_id).isascii() and str(object_id).isdigit()  # "²" is a digit to isdigit()
        context = {
            "pending_revisions": pending.filter(article_id=object_id) if is_id else (),
            "can_approve": request.user.has_perm(approvals.APPROVE),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def _only_unheld(self, request, queryset):
        """The articles of `queryset` the user may change at once; those of published editions
        are left out for an editor, who changes them one by one in their form (held for review)."""
        if request.user.has_perm(approvals.APPROVE):
            return queryset
        held = queryset.filter(page__edition__status=Edition.Status.PUBLISHED)
        if held.exists():
            self.message_user(request, HELD_IN_BULK % {"count": held.count()}, messages.WARNING)
        return queryset.exclude(pk__in=held.values("pk"))

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Photo:
            for photo_form in formset.forms:
                if photo_form in formset.deleted_forms:
                    continue
                if "image" in photo_form.changed_data and photo_form.instance.image:
                    photo_form.instance.make_renditions()

    # One-step fixes.

    def _set_kind(self, request, queryset, kind):
        count = services.set_kind(self._only_unheld(request, queryset), kind, user=request.user)
        label = Article.Kind(kind).label
        self.message_user(
            request, _("%(count)d 篇稿件改为“%(kind)s”。") % {"count": count, "kind": label}, messages.SUCCESS
        )

    @admin.action(description=_("类型改为：消息"), permissions=["change"])
    def set_kind_news(self, request, queryset):
        self._set_kind(request, queryset, Article.Kind.NEWS)

    @admin.action(description=_("类型改为：评论"), permissions=["change"])
    def set_kind_commentary(self, request, queryset):
        self._set_kind(request, queryset, Article.Kind.COMMENTARY)

    @admin.action(description=_("类型改为：图片新闻"), permissions=["change"])
    def set_kind_photo(self, request, queryset):
        self._set_kind(request, queryset, Article.Kind.PHOTO)

    @admin.action(description=_("类型改为：广告"), permissions=["change"])
    def set_kind_advertisement(self, request, queryset):
        self._set_kind(request, queryset, Article.Kind.ADVERTISEMENT)

    @admin.action(description=_("类型改为：公告"), permissions=["change"])
    def set_kind_notice(self, request, queryset):
        self._set_kind(request, queryset, Article.Kind.NOTICE)

    @admin.action(description=_("移到其他版面…"), permissions=["change"])
    def move_to_page(self, request, queryset):
        form = MoveToPageForm(request.POST if "apply" in request.POST else None, moving=queryset)
        if not form.is_valid():
            return action_confirmation(
                self,
                request,
                queryset.select_related("page__edition"),
                form,
                action="move_to_page",
                title=_("移到其他版面"),
                intro=_("以下稿件将按原顺序排到所选版面的最后："),
                submit_label=_("移动"),
            )
        page = form.cleaned_data["page"]
        try:
            moved = services.move_to_page(self._only_unheld(request, queryset), page, user=request.user)
        except ValidationError as refused:  # filled by another editor since the form's check
            self.message_user(request, refused.messages[0], messages.ERROR)
            return None
        self.message_user(
            request,
            _("%(count)d 篇稿件已移到 %(page)s。") % {"count": moved, "page": page},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("连接为转版稿件（前一部分→后一部分）"), permissions=["change"])
    def link_continuation(self, request, queryset):
        parts = list(
            self._only_unheld(request, queryset).select_related("page").order_by("page__number", "position")
        )
        if len(parts) != 2:
            self.message_user(request, _("请在同一期中选中正好两篇稿件：转出的和转入的。"), messages.ERROR)
            return
        first, second = parts
        try:
            services.link_parts(first, second, user=request.user)
        except ValidationError as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return
        self.message_user(
            request,
            _("已连接：《%(first)s》下转 %(label)s 版。")
            % {"first": first.headline, "label": second.page.label},
            messages.SUCCESS,
        )

    @admin.action(description=_("断开转版连接"), permissions=["change"])
    def unlink_continuation(self, request, queryset):
        count = services.unlink_parts(self._only_unheld(request, queryset), user=request.user)
        self.message_user(request, _("已断开 %(count)d 处转版连接。") % {"count": count}, messages.SUCCESS)

    def split_title_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            form = SplitTitleForm(request.POST)
            if form.is_valid():
                split = lambda: services.split_title(article, **form.cleaned_data, user=request.user)  # noqa: E731
                if approvals.needs_approval(article, request.user):
                    approvals.propose(article, split, user=request.user, reason=str(_("拆分标题")))
                    self.message_user(request, HELD_MESSAGE, messages.WARNING)
                else:
                    split()
                    self.message_user(request, _("标题已拆分。"), messages.SUCCESS)
                return redirect("admin:articles_article_change", article.pk)
        else:
            form = SplitTitleForm.for_article(article)
        context = {
            **self.admin_site.each_context(request),
            "title": _("拆分标题"),
            "opts": self.opts,
            "original": article,
            "form": form,
        }
        return TemplateResponse(request, "admin/articles/article/split_title.html", context)

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
        return format_html('<a href="{}">{}</a>', url, previous.placed_headline)
