"""Every admin form an editor types text into goes through the policy for outside text
(newsroom.textforms: NFC, no invisible control or bidi characters, no lone surrogate, a paragraph
no longer than a page holds), inlines included (issue 14: the bylines' and corrections' did not)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article
from newsroom.textforms import OutsideTextMixin
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"articles", "editions", "importer", "newsroom"}


def _typed_text(model, admin_object):
    """The text fields of `model` an editor types into through `admin_object`."""
    readonly = set(admin_object.readonly_fields)
    declared = admin_object.fields
    shown = (
        {name for item in declared for name in (item if isinstance(item, tuple) else (item,))}
        if declared
        else None
    )
    return [
        field.name
        for field in model._meta.fields
        if isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and field.name not in readonly
        and (shown is None or field.name in shown)
    ]


def _writable(admin_object, request):
    """Whether anyone may type into its form: admins of rows only jobs write are left out."""
    try:
        add = admin_object.has_add_permission(request)
    except TypeError:  # an inline's takes the parent object
        add = admin_object.has_add_permission(request, None)
    return add or admin_object.has_change_permission(request)


def _forms():
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        if _writable(model_admin, request):
            yield type(model_admin).__name__, model, model_admin, model_admin.form
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            if _writable(inline, request):
                yield inline_class.__name__, inline.model, inline, inline.form


def test_every_admin_form_over_typed_text_checks_it():
    unchecked = [
        f"{name} ({', '.join(fields)})"
        for name, model, admin_object, form in _forms()
        if (fields := _typed_text(model, admin_object)) and not issubclass(form, OutsideTextMixin)
    ]
    assert unchecked == []


def test_a_correction_and_a_byline_label_are_cleaned_like_any_text(staff_client):
    edition = factories.edition(published=False, pages=1, articles_per_page=1)
    article = Article.objects.get(page__edition=edition)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post_data(article, **{"bylines-0-label": "本报\u202e记者"})
    data.update({"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction"})
    data["corrections-0-text"] = "原稿\u200f人名\x07有误。"
    assert staff_client.post(url, data).status_code == 302
    assert article.bylines.get().label == "本报记者"
    assert article.corrections.get().text == "原稿人名有误。"
