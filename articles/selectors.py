"""What the reading site reads: editions as their pages show them, a page's articles, a story's
parts, lists of articles and a page of search hits. Each costs a fixed number of queries whatever
the size of the edition or the archive; the views only choose and render."""

import functools
from collections import defaultdict

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Case, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from articles.models import Article, Block
from articles.search import MAX_RANKED, highlight, newest_matches, ranked
from editions.models import Edition
from newsroom.permissions import is_staff

PER_PAGE = 20


def reading_editions(user):
    """Editions `user` may read (`for_reading`), with the time of the last change to any of their
    articles (for Last-Modified), in the same query."""
    if is_staff(user):
        return _with_last_change(Edition.objects.for_reading(user))
    return _readers_editions().all()


@functools.cache
def _readers_editions():
    # Built once per process and cloned for each request: building its three subqueries cost a
    # reader's request more than PostgreSQL took to run them. `published()` compares with the
    # database's clock, so the same queryset stays right as scheduled editions go live.
    return _with_last_change(Edition.objects.for_reading(None))


def _with_last_change(editions):
    latest = Article.objects.filter(page__edition=OuterRef("pk")).order_by("-updated").values("updated")
    return editions.annotate(last_article_change=Subquery(latest[:1]))


def page_articles(page):
    """The articles of `page` (whose edition is already set) as the page lists them, in two
    queries for any number of articles (`for_cards`). Their page is `page` itself, not joined in
    again."""
    articles = list(_cards_on_a_page().filter(page=page))
    for article in articles:
        article.page = page
    return articles


@functools.cache
def _cards_on_a_page():
    # Built once per process, like `_readers_editions()`.
    return Article.objects.for_cards(placement=False).order_by("position")


def edition_contents(edition):
    """The edition's pages in order, each with `listed_articles` (title lines only), in two
    queries."""
    pages = list(edition.pages.order_by("number"))
    by_page = {page.pk: page for page in pages}
    for page in pages:
        page.edition = edition
        page.listed_articles = []
    articles = (
        Article.objects.filter(page__edition=edition)
        .only("pk", "page_id", "position", "kind", "kicker", "headline")
        .order_by("page__number", "position")
    )
    for article in articles:
        article.page = by_page[article.page_id]
        article.page.listed_articles.append(article)
    return pages


def page_headlines(page):
    """The articles of `page` (whose edition is already set) in printed order, ids and headlines
    only: an article's page links to the one before and after it."""
    articles = list(Article.objects.filter(page=page).order_by("position").only("pk", "headline"))
    for article in articles:
        article.page = page
    return articles


def reading_articles():
    """Articles as their own page shows them (`for_reading`)."""
    return _reading_articles().all()


@functools.cache
def _reading_articles():
    # Built once per process and cloned for each request (see `reading_editions`).
    return Article.objects.for_reading()


def story_parts(edition, pk, label):
    """The parts of the continued story that article `pk` on page `label` of `edition` belongs
    to, in order (each `for_reading`, with its page), or None when it is not a part of one."""
    parts = {
        part.pk: part
        for part in reading_articles()
        .select_related("page")
        .filter(Q(next_part__isnull=False) | Q(previous_part__isnull=False), page__edition=edition)
    }
    start = parts.get(pk)
    if start is None or start.page.label != label:
        return None
    previous_of = {part.next_part_id: part for part in parts.values() if part.next_part_id}
    first, seen = start, {start.pk}
    while first.pk in previous_of and previous_of[first.pk].pk not in seen:
        first = previous_of[first.pk]
        seen.add(first.pk)
    story, seen = [first], {first.pk}
    while story[-1].next_part_id in parts and story[-1].next_part_id not in seen:
        story.append(parts[story[-1].next_part_id])
        seen.add(story[-1].pk)
    for part in story:
        part.page.edition = edition
    return story


def stories_published_since(since, limit=1000):
    """The stories of editions published since `since`, with their place, newest edition first
    (the news sitemap)."""
    return (
        Article.objects.published()
        .filter(page__edition__published_at__gte=since)
        .stories()
        .with_placement()
        .order_by("-page__edition__date", "page__number", "position")[:limit]
    )


def article_list(articles, page_number):
    """A page of `articles` as cards (contributor, tag and column pages), newest first."""
    ordered = articles.for_cards().order_by("-page__edition__date", "page__number", "position")
    return Paginator(ordered, PER_PAGE).get_page(page_number)


class CountedPaginator(Paginator):
    """Pages of a list whose length is already known: no COUNT query."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count


def search_hits(matches, terms, page_number):
    """A page of the hits among `matches` (a queryset narrowed to `terms`), the hits, each with
    `headline_marked` and `snippet` highlighted, and whether there were more matches than ranked.

    Only the newest matches are ranked: ranking and counting all of a common word's hits would
    grow with the archive (see articles/search.py). They are ranked in a narrow query, then the
    page of hits loaded with what a card shows: with the cards' joins in the ranking query,
    PostgreSQL joined whole tables of the archive (pages, continuations) to sort 200 rows."""
    candidates = newest_matches(matches, MAX_RANKED)
    # Ranked with the opening part of each continued story beside it: the two parts of one story
    # are one hit, shown as its opening part (the reader starts there) and ranked as its better
    # part. Advertisements and notices come after the stories.
    opening_part = Article.objects.filter(next_part=OuterRef("pk")).values("pk")[:1]
    ranking = (
        ranked(Article.objects.filter(pk__in=candidates), terms, connections[Article.objects.db])
        .annotate(
            story=Coalesce(Subquery(opening_part), F("pk")),
            not_story=Case(When(kind__in=Article.NOT_STORIES, then=1), default=0),
        )
        .order_by("not_story", "-search_rank", "-page__edition__date", "page__number", "position")
        .values_list("story", flat=True)
    )
    order = list(dict.fromkeys(ranking))
    page_obj = CountedPaginator(order, PER_PAGE, len(order)).get_page(page_number)
    ids = list(page_obj.object_list)
    loaded = Article.objects.filter(pk__in=ids).for_cards(opening=False).in_bulk()
    hits = [loaded[pk] for pk in ids if pk in loaded]
    # The hits' paragraphs (a continued story's both parts) as plain text for the snippets: a page
    # of hits holds hundreds of paragraphs, and building a model instance for each costs more
    # than the text is worth.
    part_of = {hit.next_part_id: hit.pk for hit in hits if hit.next_part_id}
    bodies = defaultdict(list)
    paragraphs = Block.objects.filter(article__in=[*ids, *part_of], type=Block.Type.PARAGRAPH).order_by(
        "article_id", "order"
    )
    for article_id, text in paragraphs.values_list("article_id", "text"):
        bodies[part_of.get(article_id, article_id)].append(text)
    for hit in hits:
        hit.headline_marked = highlight(hit.headline, terms, width=len(hit.headline) + 1)
        hit.snippet = highlight("".join(bodies[hit.pk]), terms)
    return page_obj, hits, page_obj.paginator.count >= MAX_RANKED
