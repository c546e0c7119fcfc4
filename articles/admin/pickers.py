"""Picking an article in the admin: by its date, page and position beside its headline, since one
headline is printed on several days and the parts of a continued story share it."""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse

from ..forms import PlacedArticleChoiceField
from ..models import Article


class ArticleAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete of articles, each shown with its place."""

    def get_queryset(self):
        return super().get_queryset().select_related("page__edition")

    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": obj.placed_headline}


class ArticleAutocompleteSelect(AutocompleteSelect):
    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_article_autocomplete")


def article_picker(db_field, admin_site, **kwargs):
    """The form field of a foreign key to an article: an autocomplete showing places."""
    return PlacedArticleChoiceField(
        queryset=Article.objects.select_related("page__edition"),
        widget=ArticleAutocompleteSelect(db_field, admin_site),
        required=not db_field.blank,
        label=db_field.verbose_name,
        **{key: value for key, value in kwargs.items() if key not in ("widget", "queryset")},
    )
