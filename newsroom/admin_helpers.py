"""Pieces the apps' admins share: an action's confirmation page, and a link to the public page."""

from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


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
