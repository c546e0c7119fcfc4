"""The search form's filters (django-filter): words, date range, paper, page, kind, contributor."""

import django_filters
from django import forms
from django.db import connections
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.search import MAX_QUERY_CHARS, query_terms, search
from editions.models import Publication


class ArticleSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_words",
        label=_("关键词"),
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    start = django_filters.DateFilter(
        field_name="page__edition__date",
        lookup_expr="gte",
        label=_("起始日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = django_filters.DateFilter(
        field_name="page__edition__date",
        lookup_expr="lte",
        label=_("截止日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # Offered only where the site prints more than one paper (choices set in __init__): papers
    # with something published, never one with drafts only.
    publication = django_filters.ChoiceFilter(
        field_name="page__edition__publication__slug", label=_("报纸"), empty_label=_("全部"), choices=()
    )
    label = django_filters.CharFilter(field_name="page__label", label=_("版次"), max_length=10)
    kind = django_filters.ChoiceFilter(choices=Article.Kind.choices, label=_("类型"), empty_label=_("全部"))
    contributor = django_filters.CharFilter(method="filter_contributor", label=_("作者"), max_length=80)

    class Meta:
        model = Article
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query, the one the select would have made to list its options.
        papers = list(Publication.objects.published().order_by("name").values_list("slug", "name"))
        if len(papers) > 1:
            self.filters["publication"].extra["choices"] = papers
        else:
            del self.filters["publication"]

    def filter_words(self, queryset, name, value):
        return search(queryset, query_terms(value), connections[queryset.db])

    def filter_contributor(self, queryset, name, value):
        return queryset.bylined(contributor__slug=value)
