"""What every page of the reading site shares: the reader context (masthead, edition navigation,
canonical address, preview flag) and the cache headers of a page of an edition. No query: the
editions come from `Edition.objects.for_reading()` with what these need already annotated."""

from django.conf import settings
from django.urls import reverse

from newsroom.pagecache.decorator import fresh_until, mark_private, mark_public
from newsroom.permissions import is_staff


def paper(publication=None):
    """The masthead's paper: the page's own publication, else the installation's default."""
    if publication is None:
        spec = settings.NEWSROOM_DEFAULT_PUBLICATION
        return {"paper_name": spec["name"], "paper_slug": spec["slug"]}
    return {"paper_name": publication.name, "paper_slug": publication.slug}


def edition_url(edition_or_date, publication_slug):
    date = getattr(edition_or_date, "date", edition_or_date)
    return reverse("editions:edition", kwargs={"publication": publication_slug, "date": date})


def page_url(publication_slug, date, label):
    return reverse("editions:page", kwargs={"publication": publication_slug, "date": date, "label": label})


def neighbour_editions(edition):
    """Links to the readable editions just before and after `edition` (上一期 / 下一期)."""
    previous, following = edition.previous_date, edition.next_date
    slug = edition.publication.slug
    return {
        "previous_edition_url": edition_url(previous, slug) if previous else None,
        "previous_edition_date": previous,
        "next_edition_url": edition_url(following, slug) if following else None,
        "next_edition_date": following,
    }


def reader_context(request, *, edition=None, publication=None, canonical=None, **extra):
    """The context every reader's page shares, plus `extra`: the masthead's paper, and for a
    page of an edition the edition, its publication, whether it is a preview and the links to
    its neighbours; `canonical` (a path) as an absolute address."""
    if edition is not None:
        publication = edition.publication
    context = {"publication": publication, **paper(publication), **extra}
    if edition is not None:
        context.update(edition=edition, preview=not edition.is_visible, **neighbour_editions(edition))
    if canonical is not None:
        context["canonical"] = request.build_absolute_uri(canonical)
    return context


def last_change(edition):
    """When what the edition shows last changed: the edition itself or any of its articles."""
    return max(filter(None, [edition.updated, getattr(edition, "last_article_change", None)]))


def public_unless_staff(request, response, last_modified=None):
    """Cache headers of a reader's page: public, never stored for staff."""
    if is_staff(request.user):
        return mark_private(response)
    return mark_public(response, last_modified)


def finish(request, response, edition):
    """Cache headers for a page of `edition`: public for a published edition, never stored for a
    preview or for staff."""
    if not edition.is_visible:
        return mark_private(response)
    response = public_unless_staff(request, response, last_change(edition))
    return fresh_until(response, getattr(edition, "next_go_live", None))
