"""A page's articles in the editions' page admin: the articles app extends it (editions cannot
know articles)."""

from django.contrib import admin

from editions.admin import PageAdmin
from editions.models import Page
from newsroom.text import MAX_PAGE_ARTICLES

from .. import approvals, services
from ..forms import ArticleInlineForm
from ..formsets import PageArticlesFormSet
from ..models import Article
from .areas import PageAreasMixin


class ArticleInline(admin.TabularInline):
    """The page's articles in printed order, no more than the import takes; positions are
    renumbered safely on save."""

    model = Article
    form = ArticleInlineForm
    formset = PageArticlesFormSet
    fields = ["position", "kind", "kicker", "headline"]
    ordering = ["position"]
    extra = 0
    max_num = MAX_PAGE_ARTICLES
    show_change_link = True

    # An editor changes a published page's articles one by one in their forms, where the change
    # waits for a desk chief (articles.revisions); here they only see them.
    def _held(self, request, obj):
        return (
            obj is not None
            and obj.edition.status == obj.edition.Status.PUBLISHED
            and not request.user.has_perm(approvals.APPROVE)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._held(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._held(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._held(request, obj)


class PageWithArticlesAdmin(PageAreasMixin, PageAdmin):
    """The editions' page admin with the page's articles, in printed order, under it, and their
    areas on the page image (热区, areas.py)."""

    inlines = [*PageAdmin.inlines, ArticleInline]

    def save_formset(self, request, form, formset, change):
        services.save_page_articles(
            lambda: super(PageWithArticlesAdmin, self).save_formset(request, form, formset, change), formset
        )


admin.site.unregister(Page)
admin.site.register(Page, PageWithArticlesAdmin)
