"""Stories as readers read them: an article, a continued story in one piece, contributor, tag and
column pages, search, robots.txt and the news sitemap. Each view costs a fixed number of queries."""

import datetime
import functools
import json
from collections import defaultdict

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.filters import ArticleSearchFilter
from articles.models import Article, Block, Byline, Contributor, bylines, fetch_optional_parts
from articles.search import MAX_RANKED, highlight, newest_matches, query_terms, ranked
from editions.caching import SEARCH_SCOPE, cache_published, edition_scope, mark_private, mark_public
from editions.views import CARD_OPENING_CHARS, finish, get_edition, neighbour_editions, paper

PER_PAGE = 20
# JSON inside <script>: these characters could end the element or open markup.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _edition_scopes(request, publication, date, **kwargs):
    return [edition_scope(publication, date)]


def reading_articles():
    """An article with everything its page shows, and both ends of a continuation (its photos,
    tags and corrections then come from `fetch_optional_parts`). The parts are
    ordered within the article only (the models' orderings start with the article, which would
    join its page, edition and publication in every prefetch just to sort). Neither the page nor
    the edition is joined in: the views found them first and set them on the article."""
    return _reading_articles().all()


@functools.cache
def _reading_articles():
    # Built once per process and cloned for each request (see editions.views.reading_editions).
    return (
        Article.objects.with_continuation_links()
        .with_optional_part_flags()
        .without_stored_text()
        .prefetch_related(
            bylines(),
            Prefetch("blocks", queryset=Block.objects.order_by("order")),
        )
    )


def listing_articles(queryset):
    """Articles in a list (contributor, tag, column pages): title lines, bylines, opening."""
    return (
        queryset.with_placement()
        .prefetch_related(bylines())
        .with_continuation_links()
        .without_stored_text()
        .with_opening(CARD_OPENING_CHARS)
        .order_by("-page__edition__date", "page__number", "position")
    )


def _is_staff(request):
    return request.user.is_active and request.user.is_staff


def _public_unless_staff(request, response):
    return mark_private(response) if _is_staff(request) else mark_public(response)


def json_ld(data):
    """JSON-LD safe inside a <script> element: text from a dump can never close it."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def article_json_ld(request, article, edition, canonical):
    publication = edition.publication
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "author": [
            {
                "@type": "Person",
                "name": byline.contributor.name,
                "url": request.build_absolute_uri(byline.contributor.get_absolute_url()),
            }
            for byline in article.byline_list
        ],
        "datePublished": (edition.published_at or timezone.now()).isoformat(),
        "dateModified": article.updated.isoformat(),
        "pageStart": article.page.label,
        "inLanguage": "zh-Hans",
        "mainEntityOfPage": canonical,
        "publisher": {"@type": "Organization", "name": publication.name},
        "isPartOf": {
            "@type": "PublicationIssue",
            "datePublished": edition.date.isoformat(),
            "url": request.build_absolute_uri(edition.get_absolute_url()),
            "isPartOf": {"@type": "Periodical", "name": publication.name},
        },
    }
    if edition.number:
        data["isPartOf"]["issueNumber"] = str(edition.number)
    if article.subheadline:
        data["alternativeHeadline"] = article.subheadline
    images = [request.build_absolute_uri(photo.image.url) for photo in article.photo_list if photo.image]
    if images:
        data["image"] = images
    return json_ld(data)


@cache_published(_edition_scopes)
def article(request, publication, date, label, pk):
    edition = get_edition(request, publication, date)
    pages = list(edition.pages.order_by("number"))
    for page in pages:
        page.edition = edition
    page = next((page for page in pages if page.label == label), None)
    if page is None:
        raise Http404(_("没有这一版。"))
    article = get_object_or_404(reading_articles().filter(page=page), pk=pk)
    article.page = page
    fetch_optional_parts([article])
    siblings = list(Article.objects.filter(page=page).order_by("position").only("pk", "headline"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == article.pk)
    for sibling in siblings:
        sibling.page = article.page
    canonical = request.build_absolute_uri(article.get_absolute_url())
    context = {
        "publication": edition.publication,
        "edition": edition,
        "pages": pages,
        "page": article.page,
        "article": article,
        "previous_article": siblings[index - 1] if index > 0 else None,
        "next_article": siblings[index + 1] if index + 1 < len(siblings) else None,
        "canonical": canonical,
        "json_ld": article_json_ld(request, article, edition, canonical),
        "og_images": [request.build_absolute_uri(p.image.url) for p in article.photo_list if p.image],
        "preview": not edition.is_visible,
        **paper(edition.publication),
        **neighbour_editions(edition),
    }
    return finish(request, render(request, "articles/article.html", context), edition)


@cache_published(_edition_scopes)
def whole_story(request, publication, date, label, pk):
    """All parts of a continued story, in order, on one page."""
    edition = get_edition(request, publication, date)
    parts = {
        part.pk: part
        for part in reading_articles()
        .select_related("page")
        .filter(Q(next_part__isnull=False) | Q(previous_part__isnull=False), page__edition=edition)
    }
    start = parts.get(pk)
    if start is None or start.page.label != label:
        if Article.objects.filter(pk=pk, page__edition=edition, page__label=label).exists():
            return redirect("articles:article", publication=publication, date=date, label=label, pk=pk)
        raise Http404(_("没有这篇稿件。"))
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
    fetch_optional_parts(story)
    context = {
        "publication": edition.publication,
        "edition": edition,
        "story": story,
        "article": first,
        "page": first.page,
        "canonical": request.build_absolute_uri(
            reverse(
                "articles:whole_story",
                kwargs={"publication": publication, "date": date, "label": first.page.label, "pk": first.pk},
            )
        ),
        "preview": not edition.is_visible,
        **paper(edition.publication),
    }
    return finish(request, render(request, "articles/whole_story.html", context), edition)


class CountedPaginator(Paginator):
    """Pages of a list whose length is already known: no COUNT query."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count


def _paginated(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def contributor(request, slug):
    """A contributor's bylines, newest first."""
    contributor = get_object_or_404(Contributor, slug=slug)
    articles = Article.objects.visible_to(request.user).filter(
        pk__in=Byline.objects.filter(contributor=contributor).values("article_id")
    )
    page_obj = _paginated(request, listing_articles(articles))
    if not page_obj.paginator.count:
        raise Http404(_("这位作者还没有见报的稿件。"))
    context = {"contributor": contributor, "page_obj": page_obj, "articles": page_obj.object_list, **paper()}
    return _public_unless_staff(request, render(request, "articles/contributor.html", context))


def tag(request, name):
    tag = get_object_or_404(Tag, name=name)
    articles = Article.objects.visible_to(request.user).filter(tags=tag)
    page_obj = _paginated(request, listing_articles(articles))
    if not page_obj.paginator.count:
        raise Http404(_("这个标签下没有稿件。"))
    context = {"tag": tag, "page_obj": page_obj, "articles": page_obj.object_list, **paper()}
    return _public_unless_staff(request, render(request, "articles/tag.html", context))


def column(request, name):
    articles = Article.objects.visible_to(request.user).filter(column=name)
    page_obj = _paginated(request, listing_articles(articles))
    if not page_obj.paginator.count:
        raise Http404(_("没有这个栏目。"))
    context = {"column": name, "page_obj": page_obj, "articles": page_obj.object_list, **paper()}
    return _public_unless_staff(request, render(request, "articles/column.html", context))


@cache_published(lambda request, **kwargs: [SEARCH_SCOPE])
def search(request):
    """Full-text search with filters; hits highlighted in context. Readers' searches are cached
    until any edition changes: a morning rush repeats the same few words."""
    filterset = ArticleSearchFilter(request.GET or None, queryset=Article.objects.published())
    terms = query_terms(request.GET.get("q", ""))
    page_obj, hits = None, []
    if filterset.is_bound and filterset.is_valid() and terms:
        # Rank the newest matches only: ranking and counting all of a common word's hits would
        # grow with the archive (see articles/search.py).
        candidates = newest_matches(filterset.qs, MAX_RANKED)
        # Ranked in a narrow query, then the page of hits loaded with what a card shows: with the
        # cards' joins in the ranking query, PostgreSQL joined whole tables of the archive (pages,
        # continuations) to sort 200 rows.
        order = (
            ranked(Article.objects.filter(pk__in=candidates), terms, connections[Article.objects.db])
            .order_by("-search_rank", "-page__edition__date", "page__number", "position")
            .values_list("pk", flat=True)
        )
        page_obj = CountedPaginator(order, PER_PAGE, len(candidates)).get_page(request.GET.get("page"))
        ids = list(page_obj.object_list)
        loaded = (
            Article.objects.filter(pk__in=ids)
            .with_placement()
            .prefetch_related(bylines())
            .with_continuation_links()
            .without_stored_text()
            .in_bulk()
        )
        hits = [loaded[pk] for pk in ids if pk in loaded]
        # The hits' paragraphs as plain text for the snippets: a page of hits holds hundreds of
        # paragraphs, and building a model instance for each costs more than the text is worth.
        bodies = defaultdict(list)
        paragraphs = Block.objects.filter(article__in=ids, type=Block.Type.PARAGRAPH).order_by(
            "article_id", "order"
        )
        for article_id, text in paragraphs.values_list("article_id", "text"):
            bodies[article_id].append(text)
        for hit in hits:
            hit.headline_marked = highlight(hit.headline, terms, width=len(hit.headline) + 1)
            hit.snippet = highlight("".join(bodies[hit.pk]), terms)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "query": request.GET.get("q", "")[:200],
        "terms": terms,
        "searched": page_obj is not None,
        "page_obj": page_obj,
        "hits": hits,
        "more_than_ranked": page_obj is not None and page_obj.paginator.count >= MAX_RANKED,
        **paper(),
    }
    response = render(request, "articles/search.html", context)
    return _public_unless_staff(request, response)


def robots(request):
    context = {
        "sitemap": request.build_absolute_uri(reverse("articles:sitemap")),
        "news_sitemap": request.build_absolute_uri(reverse("articles:sitemap_news")),
    }
    response = render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
    return mark_public(response)


def news_sitemap(request):
    """Google News sitemap: stories of editions published in the last two days."""
    since = timezone.now() - datetime.timedelta(days=2)
    articles = (
        Article.objects.published()
        .filter(page__edition__published_at__gte=since)
        .with_placement()
        .order_by("-page__edition__date", "page__number", "position")[:1000]
    )
    context = {"articles": articles, "base": f"{request.scheme}://{request.get_host()}"}
    response = render(request, "articles/sitemap_news.xml", context, content_type="application/xml")
    return mark_public(response)
