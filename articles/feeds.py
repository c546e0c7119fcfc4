"""Atom and RSS feeds of the latest stories, for the paper and for each contributor."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Byline, Contributor

FEED_SIZE = 30


def feed_articles(queryset):
    """The latest published stories with everything an entry shows, in four queries."""
    return (
        queryset.published()
        .for_listing()
        .prefetch_related("tags")
        .with_opening()
        .order_by("-page__edition__date", "page__number", "position")[:FEED_SIZE]
    )


class LatestArticlesFeed(Feed):
    description = _("数字报最新一期的稿件。")
    language = "zh-Hans"

    def title(self):
        return _("%(paper)s · 最新稿件") % {"paper": settings.NEWSROOM_DEFAULT_PUBLICATION["name"]}

    def link(self):
        return reverse("editions:front")

    def items(self):
        return feed_articles(Article.objects.all())

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Readers render a description as HTML: the dump's text must reach them escaped.
        return escape(item.subheadline or item.opening or "")

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.page.edition.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return "、".join(byline.contributor.name for byline in item.byline_list) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class ContributorFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Contributor, slug=slug)

    def title(self, contributor):
        return _("%(name)s 的稿件") % {"name": contributor}

    def description(self, contributor):
        return _("%(name)s 在数字报上的最新稿件。") % {"name": contributor}

    def link(self, contributor):
        return contributor.get_absolute_url()

    def items(self, contributor):
        bylines = Byline.objects.filter(contributor=contributor).values("article_id")
        return feed_articles(Article.objects.filter(pk__in=bylines))


class ContributorAtomFeed(ContributorFeed):
    feed_type = Atom1Feed

    def subtitle(self, contributor):
        return self.description(contributor)
