"""The e-paper as readers browse it: the front page, an edition's contents, one page, the archive
calendar and the edition JSON. Each view costs a fixed number of queries whatever the size of the
edition or the archive."""

import calendar
import datetime
import functools

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article, bylines
from editions.caching import cache_published, edition_scope, mark_private, mark_public, publication_scope
from editions.models import Edition, Publication
from importer.core.jsonio import edition_to_json
from importer.service import export_edition

# Archive months outside these years are not asked for by anyone but a crawler or a typo.
ARCHIVE_YEARS = (1900, 2200)


def reading_editions(user):
    """Editions the user may read, with the time of the last change to any of their articles
    (for Last-Modified) and the dates of the readable editions just before and after (上一期 /
    下一期; days without one are skipped), in the same query."""
    if user is not None and user.is_active and user.is_staff:
        return _with_navigation(Edition.objects.all())
    return _published_reading_editions().all()


@functools.cache
def _published_reading_editions():
    # Built once per process and cloned for each request: building its three subqueries cost a
    # reader's request more than PostgreSQL took to run them. `published()` compares with the
    # database's clock, so the same queryset stays right as scheduled editions go live.
    return _with_navigation(Edition.objects.published())


def _with_navigation(editions):
    others = editions.filter(publication=OuterRef("publication"))
    return editions.select_related("publication").annotate(
        last_article_change=Subquery(
            Article.objects.filter(page__edition=OuterRef("pk")).order_by("-updated").values("updated")[:1]
        ),
        previous_date=Subquery(others.filter(date__lt=OuterRef("date")).order_by("-date").values("date")[:1]),
        next_date=Subquery(others.filter(date__gt=OuterRef("date")).order_by("date").values("date")[:1]),
    )


def paper(publication=None):
    """The masthead's paper: the page's own publication, else the installation's default (no query)."""
    if publication is None:
        spec = settings.NEWSROOM_DEFAULT_PUBLICATION
        return {"paper_name": spec["name"], "paper_slug": spec["slug"]}
    return {"paper_name": publication.name, "paper_slug": publication.slug}


def last_change(edition):
    """When what the edition shows last changed: the edition itself or any of its articles."""
    return max(filter(None, [edition.updated, getattr(edition, "last_article_change", None)]))


def get_edition(request, publication, date):
    return get_object_or_404(reading_editions(request.user), publication__slug=publication, date=date)


def finish(request, response, edition):
    """Cache headers for a page of `edition`: public for a published edition, never stored for a
    preview or for staff."""
    if edition.is_visible and not (request.user.is_active and request.user.is_staff):
        return mark_public(response, last_change(edition))
    return mark_private(response)


def edition_url(edition_or_date, publication_slug):
    date = getattr(edition_or_date, "date", edition_or_date)
    return reverse("editions:edition", kwargs={"publication": publication_slug, "date": date})


def page_url(publication_slug, date, label):
    return reverse("editions:page", kwargs={"publication": publication_slug, "date": date, "label": label})


def neighbour_editions(edition):
    """Links to the readable editions just before and after `edition` (上一期 / 下一期), from an
    edition of `reading_editions()`."""
    previous, following = edition.previous_date, edition.next_date
    slug = edition.publication.slug
    return {
        "previous_edition_url": edition_url(previous, slug) if previous else None,
        "previous_edition_date": previous,
        "next_edition_url": edition_url(following, slug) if following else None,
        "next_edition_date": following,
    }


# A card shows the opening cut to 90 characters (`truncatechars:90`); one more tells the filter
# whether to add its ellipsis.
CARD_OPENING_CHARS = 91


def page_articles(page):
    """The articles of `page` (whose edition is already set) as the page lists them: title lines,
    bylines, the opening paragraph and both ends of a continuation, in two queries for any number
    of articles. Their page is `page` itself, not joined in again."""
    articles = list(_listed_on_page().filter(page=page))
    for article in articles:
        article.page = page
    return articles


@functools.cache
def _listed_on_page():
    # Built once per process, like `_published_reading_editions()`.
    return (
        Article.objects.with_continuation_links()
        .without_stored_text()
        .prefetch_related(bylines())
        .with_opening(CARD_OPENING_CHARS)
        .order_by("position")
    )


def _edition_scopes(request, publication, date, **kwargs):
    return [edition_scope(publication, date)]


def render_page(request, edition, label=None, canonical=None):
    pages = list(edition.pages.order_by("number"))
    if not pages:
        raise Http404(_("这一期没有版面。"))
    if label is None:
        index = 0
    else:
        index = next((i for i, page in enumerate(pages) if page.label == label), None)
        if index is None:
            raise Http404(_("没有这一版。"))
    page = pages[index]
    page.edition = edition  # the URLs of the page and its articles need no further query
    for each in pages:
        each.edition = edition
    articles = page_articles(page)
    slug = edition.publication.slug
    context = {
        "publication": edition.publication,
        "edition": edition,
        "pages": pages,
        "page": page,
        "articles": articles,
        "previous_page": pages[index - 1] if index > 0 else None,
        "next_page": pages[index + 1] if index + 1 < len(pages) else None,
        "canonical": request.build_absolute_uri(canonical or page_url(slug, edition.date, page.label)),
        "page_image": request.build_absolute_uri(page.image.url) if page.image else None,
        "preview": not edition.is_visible,
        **paper(edition.publication),
        **neighbour_editions(edition),
    }
    return finish(request, render(request, "editions/page.html", context), edition)


@cache_published(lambda request, **kwargs: [publication_scope(settings.NEWSROOM_DEFAULT_PUBLICATION["slug"])])
def front(request):
    """The latest published edition of the paper, at its first page."""
    slug = settings.NEWSROOM_DEFAULT_PUBLICATION["slug"]
    edition = reading_editions(None).filter(publication__slug=slug).order_by("-date").first()
    if edition is None:
        # Nothing published yet: reading creates nothing, so the paper may not exist either.
        publication = Publication.objects.filter(slug=slug).first()
        response = render(
            request, "editions/no_edition.html", {"publication": publication, **paper(publication)}
        )
        return mark_private(response)
    return render_page(request, edition)


@cache_published(_edition_scopes)
def page(request, publication, date, label):
    return render_page(request, get_edition(request, publication, date), label)


@cache_published(_edition_scopes)
def edition(request, publication, date):
    """The edition's contents: every page (版面导航) with its headlines (标题导航)."""
    edition = get_edition(request, publication, date)
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
    context = {
        "publication": edition.publication,
        "edition": edition,
        "pages": pages,
        "canonical": request.build_absolute_uri(edition_url(edition, edition.publication.slug)),
        "preview": not edition.is_visible,
        **paper(edition.publication),
        **neighbour_editions(edition),
    }
    return finish(request, render(request, "editions/edition.html", context), edition)


def _month_start(value):
    """`2023-08` as the first day of that month, or None when it is not a sensible month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        day = datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return None
    return day if ARCHIVE_YEARS[0] <= year <= ARCHIVE_YEARS[1] else None


def _parse_date(value):
    try:
        day = datetime.date.fromisoformat(value)
    except (ValueError, TypeError):
        return None
    return day if ARCHIVE_YEARS[0] <= day.year <= ARCHIVE_YEARS[1] else None


def _next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


@cache_published(lambda request, publication: [publication_scope(publication)])
def archive(request, publication):
    """往期回顾: one month of editions as a calendar, and a date picker (a plain GET form)."""
    publication = get_object_or_404(Publication, slug=publication)
    editions = Edition.objects.visible_to(request.user).filter(publication=publication)
    notice = ""
    month = None
    picked = request.GET.get("date", "")
    if picked:
        day = _parse_date(picked)
        if day is None:
            notice = _("请按“年-月-日”选择日期。")
        else:
            found = editions.filter(date=day).values_list("date", flat=True).first()
            if found:
                return redirect(edition_url(found, publication.slug))
            notice = _("%(date)s 没有出版的报纸，请看当月的其他日期。") % {"date": day.isoformat()}
            month = day.replace(day=1)
    if month is None and request.GET.get("month"):
        month = _month_start(request.GET["month"])
        if month is None:
            notice = _("没有这个月份。")
    if month is None:
        latest = editions.order_by("-date").values_list("date", flat=True).first()
        month = (latest or datetime.date.today()).replace(day=1)
    following_month = _next_month(month)
    in_month = {
        e.date: e
        for e in editions.filter(date__gte=month, date__lt=following_month).only("pk", "date", "status")
    }
    earlier = editions.filter(date__lt=month).order_by("-date").values_list("date", flat=True).first()
    later = editions.filter(date__gte=following_month).order_by("date").values_list("date", flat=True).first()
    if (
        not in_month
        and earlier is None
        and later is None
        and not (request.user.is_active and request.user.is_staff)
    ):
        # No edition a reader may see: a paper with drafts only is not published yet.
        raise Http404(_("这份报纸还没有出版的期次。"))
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month.month,
                "url": edition_url(day, publication.slug) if day in in_month else None,
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    archive_url = reverse("editions:archive", kwargs={"publication": publication.slug})
    context = {
        "publication": publication,
        "month": month,
        "weeks": weeks,
        "edition_count": len(in_month),
        "notice": notice,
        "picked": picked if notice else "",
        "earlier_month_url": f"{archive_url}?month={earlier:%Y-%m}" if earlier else None,
        "earlier_month": earlier,
        "later_month_url": f"{archive_url}?month={later:%Y-%m}" if later else None,
        "later_month": later,
        "canonical": request.build_absolute_uri(f"{archive_url}?month={month:%Y-%m}"),
        **paper(publication),
    }
    response = render(request, "editions/archive.html", context)
    if request.user.is_active and request.user.is_staff:
        return mark_private(response)
    return mark_public(response)


@cache_published(_edition_scopes)
def edition_json(request, publication, date):
    """The edition JSON (newsroom.edition/1) of a readable edition."""
    edition = get_edition(request, publication, date)
    response = JsonResponse(
        edition_to_json(export_edition(edition)),
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    return finish(request, response, edition)
