"""A publication's import profile in the admin: its conventions as lists an editor extends (one
entry a line), the rest of the profile as JSON, a preview of what a change does to the last
edition's stored page dumps, and every earlier version (django-simple-history) to restore."""

import json

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Byline
from importer.core.errors import say
from importer.core.profile import Profile, ProfileError
from importer.models import PageDump, PublicationProfile
from importer.services.profiles import preview_profile, save_profile
from newsroom.admin_helpers import HistoryAdmin
from newsroom.textforms import OutsideTextMixin

# The conventions shown as lists, in the order an editor looks for them.
LISTS = {
    "dateline_agencies": _("电头机构（如“本报”“新华社”，电头是“本报讯”）"),
    "source_forms": _("稿源行（{} 是媒体名，如“据{}”“综合{}等报道”）"),
    "author_labels": _("带冒号的署名标签（如“寄思人”“口述”）"),
    "column_labels": _("栏目名"),
    "furniture_titles": _("版面固定内容的首行（天气预报、报社地址……）"),
    "furniture_words": _("版面固定内容的用词（邮发代号、扫码关注……）"),
    "teaser_words": _("导读行用词"),
    "credit_words": _("图片来源用词（如“供图”）"),
    "note_labels": _("编者按标签"),
    "commentary_words": _("评论栏目用词"),
    "notice_words": _("公告用词"),
}
ROLE_NAMES = dict(Byline.Role.choices)
ROLES_BY_NAME = {str(name): role for role, name in ROLE_NAMES.items()}


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class ProfileForm(OutsideTextMixin, forms.ModelForm):
    """The profile's JSON edited as fields; whatever is not a field here stays in `rest`."""

    role_labels = forms.CharField(
        label=_("署名身份词"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "每行一个：身份词、空格、身份（记者、通讯员、实习生、作者、摄影、编辑），如“见习记者 记者”。"
        ),
    )
    rest = forms.CharField(
        label=_("其他规则（JSON）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "vLargeTextField"}),
        help_text=_("信号的权重与阈值等；留空即默认值。"),
    )

    class Meta:
        model = PublicationProfile
        fields = ["publication", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = (
            Profile.from_dict(self.instance.data or {}).to_dict()
            if self._valid_stored()
            else Profile().to_dict()
        )
        conventions = data["conventions"]
        self.listed = [name for name in LISTS if name in conventions]
        for name in self.listed:
            self.fields[name] = forms.CharField(
                label=LISTS[name],
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial="\n".join(conventions.pop(name)),
            )
        self.fields["role_labels"].initial = "\n".join(
            f"{word} {ROLE_NAMES.get(role, role)}" for word, role in conventions.pop("role_labels")
        )
        self.fields["rest"].initial = json.dumps(data, ensure_ascii=False, indent=1)
        # The lists before the JSON of the rest.
        self.order_fields(["publication", *self.listed, "role_labels", "rest", "note"])

    def _valid_stored(self):
        try:
            Profile.from_dict(self.instance.data or {})
        except ProfileError:
            return False
        return True

    def clean(self):
        cleaned = super().clean()
        try:
            data = json.loads(cleaned.get("rest") or "{}")
        except ValueError as error:
            raise forms.ValidationError(
                {"rest": _("不是有效的 JSON：%(error)s") % {"error": error}}
            ) from None
        if not isinstance(data, dict):
            raise forms.ValidationError({"rest": _("应是一个 JSON 对象。")})
        conventions = data.setdefault("conventions", {})
        if not isinstance(conventions, dict):
            raise forms.ValidationError({"rest": _("conventions 应是一个 JSON 对象。")})
        for name in self.listed:
            conventions[name] = _lines(cleaned.get(name, ""))
        conventions["role_labels"] = self._roles(cleaned.get("role_labels", ""))
        try:
            self.profile = Profile.from_dict(data)
        except ProfileError as error:
            raise forms.ValidationError(
                _("规则有误：%(error)s") % {"error": say(error.args[0], gettext)}
            ) from None
        return cleaned

    def _roles(self, value):
        pairs = []
        for line in _lines(value):
            word, _space, role = line.rpartition(" ")
            role = ROLES_BY_NAME.get(role.strip(), role.strip())
            if not word.strip() or role not in ROLE_NAMES:
                raise forms.ValidationError({"role_labels": _("这一行看不懂：%(line)s") % {"line": line}})
            pairs.append([word.strip(), role])
        return pairs

    def save(self, commit=True):
        self.instance.data = self.profile.to_dict()
        return super().save(commit)


@admin.register(PublicationProfile)
class PublicationProfileAdmin(HistoryAdmin):
    form = ProfileForm
    list_display = ["publication", "note", "updated_at", "updated_by"]
    list_select_related = ["publication", "updated_by"]
    readonly_fields = ["updated_at", "updated_by", "scores"]
    change_form_template = "admin/importer/publicationprofile/change_form.html"

    def get_fields(self, request, obj=None):
        form = self.get_form(request, obj, fields=None)
        return [*form(instance=obj).fields, *self.readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The list fields exist only once the form is built: Django must not check them. One who
        # may only view (an editor) gets them all excluded, shown read-only, as Django does.
        if not change or self.has_change_permission(request, obj):
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        # The scores are shown, never edited: a change keeps the ones it had, a version restored
        # from the history brings back its own.
        save_profile(
            obj.publication, form.profile, user=request.user, note=obj.note, scores=obj.scores, row=obj
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_preview" in request.POST:
            return self._preview(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _preview(self, request, object_id):
        """The change form again, unsaved, with what the change does to the last edition."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        allowed = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if not allowed:
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(request.POST, instance=obj)
        preview = None
        if form.is_valid():
            before = obj.profile if obj is not None else Profile()
            preview = preview_profile(form.cleaned_data["publication"], before, form.profile)
        fieldsets = self.get_fieldsets(request, obj)
        adminform = helpers.AdminForm(
            form, fieldsets, {}, self.get_readonly_fields(request, obj), model_admin=self
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("预览规则改动"),
            "adminform": adminform,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": self.media + adminform.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preview": preview,
            "previewed": form.is_valid(),
        }
        return self.render_change_form(request, context, add=obj is None, change=obj is not None, obj=obj)


@admin.register(PageDump)
class PageDumpAdmin(admin.ModelAdmin):
    """The page dumps the importer read, as it read them: to look at, never to edit."""

    list_display = ["edition", "label", "origin", "updated"]
    list_filter = ["edition__publication"]
    list_select_related = ["edition__publication"]
    search_fields = ["=edition__date", "label"]
    # Not the fingerprint: a digest says nothing to an editor.
    readonly_fields = ["edition", "label", "origin", "text", "created", "updated"]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("text")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
