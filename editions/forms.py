"""Forms the editors' admin uses for editions: the edition form, scheduling, and the import page."""

import base64
import datetime

from django import forms
from django.contrib.admin import widgets
from django.core import signing
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.forms import CleanImageMixin
from articles.models import Photo

from .models import Edition, Page, Publication

# Photos named in a refusal to publish; the editor fixes them and sees the rest next time.
UNREADY_PHOTOS_SHOWN = 5


def unready_photos(edition):
    """Photos of the edition that cannot be published yet: caption or credit missing."""
    return (
        Photo.objects.filter(article__page__edition=edition)
        .filter(Q(caption="") | Q(credit=""))
        .select_related("article__page")
        .order_by("article__page__number", "article__position", "order")
    )


def publication_problem(edition):
    """Why the edition may not be published, or "" when it may."""
    photos = list(unready_photos(edition)[: UNREADY_PHOTOS_SHOWN + 1])
    if not photos:
        return ""
    named = "；".join(
        f"{photo.article.page.label}版《{photo.article.headline}》" for photo in photos[:UNREADY_PHOTOS_SHOWN]
    )
    more = "等" if len(photos) > UNREADY_PHOTOS_SHOWN else ""
    return str(_("发布前每张图片都要有图片说明和来源署名，缺少的有：")) + named + more


class EditionAdminForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["publication", "date", "number", "status", "published_at"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Edition.Status.PUBLISHED:
            if not cleaned.get("published_at"):
                cleaned["published_at"] = timezone.now()
            if self.instance.pk:
                problem = publication_problem(self.instance)
                if problem:
                    raise forms.ValidationError(problem, code="unready_photos")
        elif cleaned.get("status") == Edition.Status.DRAFT and "status" in self.changed_data:
            cleaned["published_at"] = None
        return cleaned


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=_("发布时间"),
        widget=widgets.AdminSplitDateTime,
        help_text=_("到了这一时刻，期次自动对读者可见，无需有人值守。"),
    )

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if publish_at <= timezone.now():
            raise forms.ValidationError(_("定时发布的时间必须晚于现在；要立即发布请用“立即发布”。"))
        return publish_at


class PageForm(CleanImageMixin, forms.ModelForm):
    """A page; its page image is checked and stripped like a photo."""

    class Meta:
        model = Page
        fields = ["edition", "number", "label", "name", "editor", "image"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


ENCODINGS = [("", _("自动识别")), ("utf-8", "UTF-8"), ("gb18030", "GB18030 / GBK")]
PAGE_LABEL = r"^[A-Za-z]?\d{1,3}$"
# The uploads travel between preview and import inside the signed form (base64 makes them a
# third larger), so they stay well under DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_IMPORT_UPLOAD = 6 * 1024 * 1024
IMPORT_SALT = "newsroom.admin.import"
# How long a preview stays good for its "import" button.
IMPORT_PREVIEW_SECONDS = 6 * 60 * 60


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("版面文件"),
        help_text=_("一个或多个版面文本（如 01.txt、A2.txt），或它们的 zip 压缩包，或期次 JSON。"),
    )
    publication = forms.ModelChoiceField(label=_("报纸"), queryset=Publication.objects.all())
    date = forms.DateField(
        label=_("出版日期"),
        required=False,
        widget=widgets.AdminDateWidget,
        help_text=_("不填则从文件名或报头读出。"),
    )
    encoding = forms.ChoiceField(label=_("文字编码"), choices=ENCODINGS, required=False)

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(upload.size for upload in files) > MAX_IMPORT_UPLOAD:
            raise forms.ValidationError(
                _("上传的文件合计超过 %(mb)d MB：请分几次导入。"),
                params={"mb": MAX_IMPORT_UPLOAD // (1024 * 1024)},
            )
        return [(upload.name, upload.read()) for upload in files]

    def payload(self):
        data = self.cleaned_data
        return {
            "files": data["files"],
            "publication": data["publication"],
            "date": data["date"],
            "encoding": data["encoding"],
        }


def sign_import(payload):
    """The upload, signed, to travel with the preview to the import button."""
    return signing.dumps(
        {
            "files": [[name, base64.b64encode(content).decode()] for name, content in payload["files"]],
            "publication": payload["publication"].pk,
            "date": payload["date"].isoformat() if payload["date"] else None,
            "encoding": payload["encoding"],
        },
        salt=IMPORT_SALT,
        compress=True,
    )


def unsign_import(value):
    try:
        data = signing.loads(value, salt=IMPORT_SALT, max_age=IMPORT_PREVIEW_SECONDS)
    except signing.SignatureExpired:
        raise forms.ValidationError(_("预览已过期，请重新上传文件。")) from None
    except signing.BadSignature:
        raise forms.ValidationError(_("预览数据无效，请重新上传文件。")) from None
    publication = Publication.objects.filter(pk=data["publication"]).first()
    if publication is None:
        raise forms.ValidationError(_("所选报纸已不存在。"))
    return {
        "files": [(name, base64.b64decode(content)) for name, content in data["files"]],
        "publication": publication,
        "date": datetime.date.fromisoformat(data["date"]) if data["date"] else None,
        "encoding": data["encoding"],
    }


class ImportConfirmForm(forms.Form):
    """The preview's form: the signed upload (see sign_import), the page labels of the dumps, and
    whether editors' changes may be overwritten. Every post parses the files again: nothing the
    browser sends back is taken as parsed content."""

    payload = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(
        label=_("覆盖编辑改过的稿件"),
        required=False,
        help_text=_("不勾选时，编辑在后台改过的稿件保持原样。"),
    )

    def __init__(self, *args, label_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.label_names = list(label_names)
        for index, name in enumerate(self.label_names):
            self.fields[f"label_{index}"] = forms.RegexField(
                regex=PAGE_LABEL,
                label=name,
                max_length=4,
                error_messages={"invalid": _("版号应像 01、8 或 A2。")},
            )

    def labels(self):
        return {
            name: self.cleaned_data[f"label_{index}"]
            for index, name in enumerate(self.label_names)
            if self.cleaned_data.get(f"label_{index}")
        }


def label_names(payload):
    """The uploads whose page label the editor may set: plain page dumps (not zips or JSON)."""
    return [name for name, _content in payload["files"] if not name.lower().endswith((".zip", ".json"))]
