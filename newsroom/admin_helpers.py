"""Pieces the apps' admins share: an action's confirmation page, a link to the public page, and
simple-history's admin refusing ids that are none."""

from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin


def public_link(obj):
    """A link to the object's public page through the admin's view-on-site redirect, so the list
    renders even where the public URL cannot be reversed yet."""
    content_type = ContentType.objects.get_for_model(type(obj))
    url = reverse("admin:view_on_site", args=(content_type.pk, obj.pk))
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("查看"))


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


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, whose history and version pages look a row up by the ids as typed:
    one no id column holds ("²", which str.isdigit() takes and int() does not) raised ValueError,
    a 500. It is a page that does not exist."""

    def history_view(self, request, object_id, extra_context=None):
        self.refuse_ids_that_are_none(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.refuse_ids_that_are_none(object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def refuse_ids_that_are_none(self, object_id, version_id=None):
        """Http404 unless the ids (as typed in the address) are ids of the model and its history."""
        fields = [(self.model._meta.pk, object_id)]
        if version_id is not None:
            fields.append((self.model.history.model._meta.pk, version_id))
        for field, value in fields:
            try:
                field.to_python(unquote(value))
            except ValidationError:
                raise Http404 from None
