"""Forms of the admin's import page: the upload, and the preview's confirmation (the upload
travels signed between the two)."""

import base64
import datetime

from django import forms
from django.contrib.admin import widgets
from django.core import signing
from django.utils.translation import gettext_lazy as _

from editions.models import Publication
from importer.core.names import LABEL


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
# The uploads travel between preview and import inside the signed form (base64 makes them a
# third larger), so they stay well under DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_IMPORT_UPLOAD = 6 * 1024 * 1024
IMPORT_SALT = "newsroom.admin.import"
# How long a preview stays good for its "import" button.
IMPORT_PREVIEW_SECONDS = 6 * 60 * 60


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("版面文件"),
        help_text=_(
            "一个或多个版面文本（如 01.txt、A2.txt）或版面 PDF（如 01.pdf，可与同名文本一起上传），"
            "或它们的 zip 压缩包，或期次 JSON。版面 PDF 在后台导入。"
        ),
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
                regex=LABEL,  # what --page takes (importer.core.names.parse_label)
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
