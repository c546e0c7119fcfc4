"""Admin change forms that store files (photos, page images, portraits) when the storage fails.

A save writes rows and files together: the original image, then its web renditions. When the disk
is full (or the storage refuses a file for any other reason) half-way, `SavesFilesWhole` rolls the
rows back (the admin saves in one transaction), deletes every file this save had written, logs the
failure for the operator, and shows the form again with the editor's changes and one error. So no
file is left without its row and no row without its files.
"""

import errno
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import FileField
from django.utils.translation import gettext as _

logger = logging.getLogger("newsroom.uploads")


class _Written:
    """The forms whose files a save may write, and whether the save committed."""

    def __init__(self):
        self.forms = []
        self.committed = False

    def watch(self, forms):
        if not self.forms:
            transaction.on_commit(self._commit)
        self.forms.extend(forms)

    def _commit(self):
        self.committed = True

    def delete(self):
        """Delete the files the watched forms' instances got in this save."""
        from newsroom.images import RENDITION_WIDTHS, rendition_name

        for form in self.forms:
            for field in form.instance._meta.get_fields():
                if not isinstance(field, FileField) or field.name not in form.changed_data:
                    continue
                stored = getattr(form.instance, field.name)
                before = getattr(form.initial.get(field.name), "name", None)
                if not stored or not getattr(stored, "_committed", False) or stored.name == before:
                    continue
                storage = stored.storage
                names = [stored.name, *(rendition_name(stored.name, width) for width in RENDITION_WIDTHS)]
                for name in names:
                    try:
                        if storage.exists(name):
                            storage.delete(name)
                    except OSError:
                        logger.exception("could not delete %s after a failed save", name)


def _reason(error):
    if getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return _("服务器的存储空间已满")
    return _("服务器无法写入文件（%(error)s）") % {"error": error.strerror or error}


def storage_failure_message(error):
    return _(
        "图片未能保存：%(reason)s。本次修改都没有保存，表单里保留着你的改动（图片需要重新选择）；"
        "请通知技术人员处理后再保存。"
    ) % {"reason": _reason(error)}


def upload_failure_message(error):
    """An import's upload the storage refused to keep for its job (nothing was queued)."""
    return _("上传的文件未能保存：%(reason)s。没有导入任何内容；请通知技术人员处理后再上传。") % {
        "reason": _reason(error)
    }


class SavesFilesWhole:
    """For a ModelAdmin whose change form or inlines store files (see the module docstring)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        written = request.newsroom_written_files = _Written()
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Exception as error:
            if written.committed:
                raise
            written.delete()
            if not isinstance(error, OSError):
                raise
            logger.error(
                "storage failure saving %s %s, nothing saved: %s",
                self.opts.label,
                object_id or "(new)",
                error,
                exc_info=True,
            )
            request.newsroom_storage_failure = storage_failure_message(error)
        # The same post again, refused by the form this time: the editor sees their changes.
        request.newsroom_written_files = None
        for _name, uploads in request.FILES.lists():
            for upload in uploads:
                upload.seek(0)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        failure = getattr(request, "newsroom_storage_failure", None)
        if failure is None:
            return form
        return type(form.__name__, (_StorageFailed, form), {"storage_failure": failure})

    def save_model(self, request, obj, form, change):
        _watch(request, [form])
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        _watch(request, formset.forms)
        super().save_formset(request, form, formset, change)


def _watch(request, forms):
    written = getattr(request, "newsroom_written_files", None)
    if written is not None:
        written.watch(forms)


class _StorageFailed:
    """The form shown again after a storage failure: it never validates, so nothing is saved
    until the editor posts it again."""

    storage_failure = ""

    def clean(self):
        super().clean()
        raise ValidationError(self.storage_failure, code="storage")
