"""The reading site's pages that show articles: the front page, an edition's contents, a page, an
article, a continued story in one piece, contributor, tag and column pages, search, robots.txt and
the news sitemap. What they read comes from articles.selectors; each costs a fixed number of
queries. The archive is the editions app's view, the edition JSON the importer's."""

import datetime
import json

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles import selectors
from articles.filters import ArticleSearchFilter
from articles.models import Article, Contributor
from articles.querysets import fetch_optional_parts
from articles.search import query_terms
from editions.models import Publication
from editions.pdfs import edition_pdf_url
from editions.reading import finish, page_url, public_unless_staff, reader_context
from newsroom.pagecache.decorator import cache_published, mark_private, mark_public, scopes_of_edition
from newsroom.pagecache.tokens import SEARCH_SCOPE, publication_scope

# JSON inside <script>: these characters could end the element or open markup.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def reading_edition(request, publication, date):
    """The edition a reader's URL names, as `selectors.reading_editions` reads it, or 404."""
    editions = selectors.reading_editions(request.user)
    return get_object_or_404(editions, publication__slug=publication, date=date)


def _pages(edition):
    pages = list(edition.pages.order_by("number"))
    for page in pages:
        page.edition = edition  # the URLs of the pages and their articles need no further query
    return pages


def page_map_context(edition, pages, page) -> dict:
    """What the page image with its areas needs: the image at the sizes it is shown, and the
    edition's PDF when it has been made."""
    if not page.image:
        return {}
    width, height = page.size or (0, 0)
    full = page.rendition_url(10**6)
    return {
        "page_image_src": page.rendition_url(800),
        "page_image_full": full,
        "page_image_width": 1600,
        "page_image_height": round(1600 * height / width) if width else None,
        "edition_pdf": edition_pdf_url(edition, pages),
    }


def render_page(request, edition, label=None, canonical=None):
    pages = _pages(edition)
    if not pages:
        raise Http404(_("这一期没有版面。"))
    if label is None:
        index = 0
    else:
        index = next((i for i, page in enumerate(pages) if page.label == label), None)
        if index is None:
            raise Http404(_("没有这一版。"))
    page = pages[index]
    articles = selectors.page_articles(page)
    context = reader_context(
        request,
        edition=edition,
        canonical=canonical or page_url(edition.publication.slug, edition.date, page.label),
        pages=pages,
        page=page,
        articles=articles,
        previous_page=pages[index - 1] if index > 0 else None,
        next_page=pages[index + 1] if index + 1 < len(pages) else None,
        page_image=request.build_absolute_uri(page.image.url) if page.image else None,
        **page_map_context(edition, pages, page),
    )
    return finish(request, render(request, "editions/page.html", context), edition)


@cache_published(lambda request, **kwargs: [publication_scope(settings.NEWSROOM_DEFAULT_PUBLICATION["slug"])])
def front(request):
    """The latest published edition of the paper, at its first page."""
    slug = settings.NEWSROOM_DEFAULT_PUBLICATION["slug"]
    edition = selectors.reading_editions(None).filter(publication__slug=slug).order_by("-date").first()
    if edition is None:
        # Nothing published yet: reading creates nothing, so the paper may not exist either.
        publication = Publication.objects.filter(slug=slug).first()
        context = reader_context(request, publication=publication)
        return mark_private(render(request, "editions/no_edition.html", context))
    return render_page(request, edition)


@cache_published(scopes_of_edition)
def page(request, publication, date, label):
    return render_page(request, reading_edition(request, publication, date), label)


@cache_published(scopes_of_edition)
def edition(request, publication, date):
    """The edition's contents: every page (版面导航) with its headlines (标题导航)."""
    edition = reading_edition(request, publication, date)
    context = reader_context(
        request,
        edition=edition,
        canonical=edition.get_absolute_url(),
        pages=selectors.edition_contents(edition),
    )
    return finish(request, render(request, "editions/edition.html", context), edition)


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
        # The paper's date, as printed: not the moment an editor pressed "publish".
        "datePublished": edition.date.isoformat(),
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


@cache_published(scopes_of_edition)
def article(request, publication, date, label, pk):
    edition = reading_edition(request, publication, date)
    pages = _pages(edition)
    page = next((page for page in pages if page.label == label), None)
    if page is None:
        raise Http404(_("没有这一版。"))
    article = get_object_or_404(selectors.reading_articles().filter(page=page), pk=pk)
    article.page = page
    fetch_optional_parts([article])
    siblings = selectors.page_headlines(page)
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == article.pk)
    context = reader_context(
        request,
        edition=edition,
        canonical=article.get_absolute_url(),
        pages=pages,
        page=article.page,
        article=article,
        previous_article=siblings[index - 1] if index > 0 else None,
        next_article=siblings[index + 1] if index + 1 < len(siblings) else None,
        og_images=[request.build_absolute_uri(p.image.url) for p in article.photo_list if p.image],
    )
    if article.is_story:  # an advertisement or a notice is no NewsArticle
        context["json_ld"] = article_json_ld(request, article, edition, context["canonical"])
    return finish(request, render(request, "articles/article.html", context), edition)


@cache_published(scopes_of_edition)
def whole_story(request, publication, date, label, pk):
    """All parts of a continued story, in order, on one page."""
    edition = reading_edition(request, publication, date)
    story = selectors.story_parts(edition, pk, label)
    if story is None:
        if Article.objects.filter(pk=pk, page__edition=edition, page__label=label).exists():
            return redirect("articles:article", publication=publication, date=date, label=label, pk=pk)
        raise Http404(_("没有这篇稿件。"))
    fetch_optional_parts(story)
    first = story[0]
    canonical = reverse(
        "articles:whole_story",
        kwargs={"publication": publication, "date": date, "label": first.page.label, "pk": first.pk},
    )
    context = reader_context(
        request, edition=edition, canonical=canonical, story=story, article=first, page=first.page
    )
    return finish(request, render(request, "articles/whole_story.html", context), edition)


def contributor(request, slug):
    """A contributor's bylines, newest first."""
    contributor = get_object_or_404(Contributor, slug=slug)
    articles = Article.objects.visible_to(request.user).bylined(contributor=contributor)
    page_obj = selectors.article_list(articles, request.GET.get("page"))
    if not page_obj.paginator.count:
        raise Http404(_("这位作者还没有见报的稿件。"))
    context = reader_context(
        request, contributor=contributor, page_obj=page_obj, articles=page_obj.object_list
    )
    return public_unless_staff(request, render(request, "articles/contributor.html", context))


def tag(request, name):
    tag = get_object_or_404(Tag, name=name)
    articles = Article.objects.visible_to(request.user).filter(tags=tag)
    page_obj = selectors.article_list(articles, request.GET.get("page"))
    if not page_obj.paginator.count:
        raise Http404(_("这个标签下没有稿件。"))
    context = reader_context(request, tag=tag, page_obj=page_obj, articles=page_obj.object_list)
    return public_unless_staff(request, render(request, "articles/tag.html", context))


def column(request, name):
    articles = Article.objects.visible_to(request.user).filter(column=name)
    page_obj = selectors.article_list(articles, request.GET.get("page"))
    if not page_obj.paginator.count:
        raise Http404(_("没有这个栏目。"))
    context = reader_context(request, column=name, page_obj=page_obj, articles=page_obj.object_list)
    return public_unless_staff(request, render(request, "articles/column.html", context))


@cache_published(lambda request, **kwargs: [SEARCH_SCOPE], reads=[*ArticleSearchFilter.base_filters, "page"])
def search(request):
    """Full-text search with filters; hits highlighted in context. Readers' searches are cached
    until any edition changes: a morning rush repeats the same few words."""
    filterset = ArticleSearchFilter(request.GET or None, queryset=Article.objects.published())
    terms = query_terms(request.GET.get("q", ""))
    page_obj, hits, more_than_ranked = None, [], False
    if filterset.is_bound and filterset.is_valid() and terms:
        page_obj, hits, more_than_ranked = selectors.search_hits(filterset.qs, terms, request.GET.get("page"))
    context = reader_context(
        request,
        filterset=filterset,
        form=filterset.form,
        query=request.GET.get("q", "")[:200],
        terms=terms,
        searched=page_obj is not None,
        page_obj=page_obj,
        hits=hits,
        more_than_ranked=more_than_ranked,
    )
    response = render(request, "articles/search.html", context)
    refused = filterset.is_bound and not filterset.is_valid()
    asked = request.GET.get("page")
    if refused or (page_obj is not None and asked not in (None, str(page_obj.number))):
        # A filter refused, or a page that is none (?page=x, 01, past the last): each would be
        # another copy of a search in the cache; the page is built again, not stored.
        return mark_private(response)
    return public_unless_staff(request, response)


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
    context = {
        "articles": selectors.stories_published_since(since),
        "base": f"{request.scheme}://{request.get_host()}",
    }
    response = render(request, "articles/sitemap_news.xml", context, content_type="application/xml")
    return mark_public(response)
