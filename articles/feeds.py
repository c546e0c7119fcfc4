"""Atom and RSS feeds of the latest stories, for the paper and for each contributor.

Feed readers render an RSS `<description>` (the channel's and each item's) and an Atom element of
`type="html"` as HTML, so editors' text goes into those escaped once more; titles, names, Atom
subtitles and categories are plain text. An entry carries a summary, never a whole paragraph: a
paragraph may be long, and thirty of them make the feed.

A contributor's feed exists only once they have a published story: the name of one who appears
only in drafts, scheduled or withdrawn editions is unpublished work.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Byline, Contributor

FEED_SIZE = 30
# An entry's summary: the subheadline, else the opening of the first paragraph cut to this.
SUMMARY_CHARS = 200


def feed_articles(queryset):
    """The latest published stories with everything an entry shows, in four queries."""
    return (
        queryset.published()
        .for_listing()
        .prefetch_related("tags")
        .with_opening(SUMMARY_CHARS + 1)
        .order_by("-page__edition__date", "page__number", "position")[:FEED_SIZE]
    )


def summary(article):
    if article.subheadline:
        return article.subheadline
    opening = article.opening or ""
    return opening if len(opening) <= SUMMARY_CHARS else opening[:SUMMARY_CHARS] + "…"


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
        return escape(summary(item))

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
        contributor = get_object_or_404(Contributor, slug=slug)
        bylines = Byline.objects.filter(contributor=contributor).values("article_id")
        # Read here, not in items(): no published story, no feed (and the same queries).
        contributor.feed_items = list(feed_articles(Article.objects.filter(pk__in=bylines)))
        if not contributor.feed_items:
            raise Http404(_("这位作者还没有见报的稿件。"))
        return contributor

    def title(self, contributor):
        return _("%(name)s 的稿件") % {"name": contributor}

    def about(self, contributor):
        return _("%(name)s 在数字报上的最新稿件。") % {"name": contributor}

    def description(self, contributor):
        # The RSS channel's <description> is HTML to a feed reader.
        return escape(self.about(contributor))

    def link(self, contributor):
        return contributor.get_absolute_url()

    def items(self, contributor):
        return contributor.feed_items


class ContributorAtomFeed(ContributorFeed):
    feed_type = Atom1Feed

    def subtitle(self, contributor):
        return self.about(contributor)  # an Atom subtitle is text
