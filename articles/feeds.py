"""Atom and RSS feeds: the paper's newest edition, and each contributor's latest stories.

An entry is dated by the edition it was printed in (its print date, at the start of that day in
the paper's time zone), not by the moment an editor pressed "publish": readers and aggregators
order stories by the paper's date. Advertisements and notices are not stories: no feed carries them.

Feed readers render an RSS `<description>` (the channel's and each item's) and an Atom element of
`type="html"` as HTML, so editors' text goes into those escaped once more; titles, names, Atom
subtitles and categories are plain text. An entry carries a summary, never a whole paragraph: a
paragraph may be long, and thirty of them make the feed.

A contributor's feed exists only once they have a published story: the name of one who appears
only in drafts, scheduled or withdrawn editions is unpublished work.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Article, Contributor
from editions.models import Edition

FEED_SIZE = 30
# An entry's summary: the subheadline, else the opening of the first paragraph cut to this.
SUMMARY_CHARS = 200


def feed_articles(queryset, limit=FEED_SIZE):
    """Published stories with everything an entry shows, newest edition first, in three queries."""
    return (
        queryset.published()
        .stories()
        .for_listing()
        .prefetch_related("tags")
        .with_opening(SUMMARY_CHARS + 1)
        .order_by("-page__edition__date", "page__number", "position")[:limit]
    )


def summary(article):
    if article.subheadline:
        return article.subheadline
    opening = article.opening or ""
    return opening if len(opening) <= SUMMARY_CHARS else opening[:SUMMARY_CHARS] + "…"


def print_date(edition):
    """The edition's print date as the start of that day in the paper's time zone."""
    return timezone.make_aware(datetime.datetime.combine(edition.date, datetime.time.min))


class NewestEdition:
    """The stories of the paper's newest published edition, found in the same query as they are
    (the feed's title, which names the edition, is asked for before its items)."""

    def __init__(self, slug):
        self.slug = slug

    @cached_property
    def articles(self):
        newest = (
            Edition.objects.published().filter(publication__slug=self.slug).order_by("-date").values("pk")[:1]
        )
        # Every story of the edition, however many pages it has.
        return list(feed_articles(Article.objects.filter(page__edition__in=newest), limit=None))

    @property
    def edition(self):
        return self.articles[0].page.edition if self.articles else None


def _paper():
    return settings.NEWSROOM_DEFAULT_PUBLICATION["name"]


class LatestArticlesFeed(Feed):
    """最新一期的稿件: every story of the paper's newest edition, in printed order."""

    language = "zh-Hans"

    def get_object(self, request):
        return NewestEdition(settings.NEWSROOM_DEFAULT_PUBLICATION["slug"])

    def title(self, newest):
        if newest.edition is None:
            return _("%(paper)s · 最新一期") % {"paper": _paper()}
        return _("%(paper)s · 最新一期（%(date)s）") % {
            "paper": _paper(),
            "date": date_format(newest.edition.date, "DATE_FORMAT"),
        }

    def about(self, newest):
        return _("%(paper)s最新一期的全部稿件，按版面顺序排列；每出一期更新一次。") % {"paper": _paper()}

    def description(self, newest):
        # The RSS channel's <description> is HTML to a feed reader.
        return escape(self.about(newest))

    def link(self, newest):
        return newest.edition.get_absolute_url() if newest.edition else reverse("editions:front")

    def items(self, newest):
        return newest.articles

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Readers render a description as HTML: the dump's text must reach them escaped.
        return escape(summary(item))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return print_date(item.page.edition)

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return "、".join(byline.contributor.name for byline in item.byline_list) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, newest):
        return self.about(newest)  # an Atom subtitle is text


class ContributorFeed(LatestArticlesFeed):
    """A contributor's latest stories, from any edition, newest edition first."""

    def get_object(self, request, slug):
        contributor = get_object_or_404(Contributor, slug=slug)
        # Read here, not in items(): no published story, no feed (and the same queries).
        contributor.feed_items = list(feed_articles(Article.objects.bylined(contributor=contributor)))
        if not contributor.feed_items:
            raise Http404(_("这位作者还没有见报的稿件。"))
        return contributor

    def title(self, contributor):
        return _("%(name)s 的稿件 · %(paper)s") % {"name": contributor, "paper": _paper()}

    def about(self, contributor):
        return _("%(name)s 最近见报的 %(count)d 篇稿件，新的在前。") % {
            "name": contributor,
            "count": FEED_SIZE,
        }

    def link(self, contributor):
        return contributor.get_absolute_url()

    def items(self, contributor):
        return contributor.feed_items


class ContributorAtomFeed(ContributorFeed):
    feed_type = Atom1Feed

    def subtitle(self, contributor):
        return self.about(contributor)
