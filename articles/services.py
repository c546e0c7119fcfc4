"""Editorial writes on articles and contributors: merge two records of one person, restore a
deleted article or an earlier version, move articles to another page, link and unlink the parts of
a continued story, set a kind, split a title, save an article or a page's articles from the admin;
and the articles' part of publishing.

Each takes the acting user, so the permission check has one place to live whichever interface
calls it. Every write that changes an article's words (title lines, note, body, captions) refreshes
its search text here, so no caller has to remember it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from articles import signals
from articles.models import Article, Block, Byline, Contributor, Correction, Photo
from articles.search import refresh_search_document
from articles.snapshots import (
    RestoreRefused,
    apply_snapshot,
    record_tags,
    version_snapshot,
    version_tags,
    version_time,
)
from editions.models import Edition, Page
from editions.services import check_may_publish, lock_edition, may_publish
from newsroom.text import MAX_PAGE_ARTICLES

# Parts deleted with an article are recorded within moments of it; a restore brings back those.
DELETED_TOGETHER = datetime.timedelta(minutes=1)

# Photos named in a refusal to publish; the editor fixes them and sees the rest next time.
UNREADY_PHOTOS_SHOWN = 5


def unready_photos(edition):
    """Photos of the edition that cannot be published yet: caption or credit missing."""
    return (
        Photo.objects.filter(article__page__edition=edition)
        .filter(Q(caption="") | Q(credit=""))
        .select_related("article__page")
        .order_by("article__page__number", "article__position", "order")
    )


def unready_photos_problem(edition):
    """The publication check of the articles (editions.services.register_publication_check):
    every photo of a published edition has its caption and credit."""
    photos = list(unready_photos(edition)[: UNREADY_PHOTOS_SHOWN + 1])
    if not photos:
        return ""
    named = "；".join(
        f"{photo.article.page.label}版《{photo.article.headline}》" for photo in photos[:UNREADY_PHOTOS_SHOWN]
    )
    more = "等" if len(photos) > UNREADY_PHOTOS_SHOWN else ""
    return str(_("发布前每张图片都要有图片说明和来源署名，缺少的有：")) + named + more


def free_contributor_slugs(keys):
    """A free slug for each (name, organisation) of `keys`: `Contributor.slug_base`, then `-2`,
    `-3` … past those taken (and past each other), in a query per 500 bases and one per crowded
    base."""
    bases = {key: Contributor.slug_base(*key) for key in keys}
    taken = set()
    for chunk in chunks(sorted(set(bases.values())), 500):
        taken |= set(Contributor.objects.filter(slug__in=chunk).values_list("slug", flat=True))
    for base in {b for b in bases.values() if b in taken}:
        taken |= set(Contributor.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True))
    slugs = {}
    for key, base in bases.items():
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[key] = slug
    return slugs


def contributor_ids(keys):
    """The id of the contributor of each (name, organisation) of `keys`, creating those missing
    with free slugs; and how many were new and how many known. One query per 500 names to find
    the known ones, one insert for the new ones (and one more read when another import raced
    this one). Ids only: a byline's row needs no more, and a model instance per contributor costs
    more than the query."""
    wanted = set(keys)
    if not wanted:
        return {}, 0, 0
    found = _ids_by_name(sorted({name for name, _ in wanted}))
    reused = len(wanted & set(found))
    missing = sorted(wanted - set(found))
    if missing:
        slugs = free_contributor_slugs(missing)
        Contributor.objects.bulk_create(
            [Contributor(name=n, organization=o, slug=slugs[(n, o)]) for n, o in missing],
            batch_size=500,
            ignore_conflicts=True,
        )
        for key, pk in _ids_by_name(sorted({n for n, _ in missing})).items():
            found.setdefault(key, pk)
        for name, organization in (key for key in missing if key not in found):
            # Only a slug taken by a concurrent import gets here; create those one at a time.
            found[(name, organization)] = contributor_for(name, organization).pk
    return found, len(missing), reused


def _ids_by_name(names):
    found = {}
    for chunk in chunks(names, 500):
        rows = Contributor.objects.filter(name__in=chunk).values_list("name", "organization", "pk")
        found.update({(name, organization): pk for name, organization, pk in rows})
    return found


def contributor_for(name, organization=""):
    """The contributor of that name and organisation, created with a free slug when there is none."""
    found = Contributor.objects.filter(name=name, organization=organization).first()
    if found is not None:
        return found
    slug = free_contributor_slugs([(name, organization)])[(name, organization)]
    contributor, _ = Contributor.objects.get_or_create(
        name=name, organization=organization, defaults={"slug": slug}
    )
    return contributor


def chunks(items, size):
    """`items` (a sequence) in slices of at most `size`: a query's parameters stay within bounds."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def merge_contributors(keep, others, *, user):
    """Move every byline of `others` to `keep` and delete `others`, in one transaction. A byline
    the kept contributor already has on the same article in the same role is dropped instead
    (bylines are unique per article, contributor and role). Returns (moved, dropped, removed)."""
    moved = dropped = 0
    with transaction.atomic():
        others = list(others.select_for_update())
        taken = set(Byline.objects.filter(contributor=keep).values_list("article_id", "role"))
        for byline in Byline.objects.filter(contributor__in=others).order_by("pk"):
            if (byline.article_id, byline.role) in taken:
                byline.delete()
                dropped += 1
                continue
            byline.contributor = keep
            byline.save()
            taken.add((byline.article_id, byline.role))
            moved += 1
        for other in others:
            other.delete()
    return moved, dropped, len(others)


def set_kind(articles, kind, *, user):
    """Give `articles` the kind `kind` (Article.Kind); returns how many changed. The editor has
    said what they are: doubts that settles are cleared (articles.signals.fixed)."""
    ids = []
    with transaction.atomic():
        for article in articles:
            if article.kind != kind:
                article.kind = kind
                article.save()
                ids.append(article.pk)
        signals.fixed.send(sender=Article, articles=ids, fix=signals.KIND, user=user)
    return len(ids)


# What an editor can do about a full page: the article form and the move choose another page; a
# restore or an approval brings an article back onto its own page, so room is made there.
OTHER_PAGE = _("请换一个版面。")
MAKE_ROOM = _("请先删去或移走一篇。")


def check_room(page, adding=1, *, advice=OTHER_PAGE, refusal=ValidationError):
    """Refuses to put `adding` more articles on `page` past what a printed page has (the import's
    count too, so an edited edition exported imports again): `refusal` (ValidationError for a
    form or a move, RestoreRefused for a restore or an approval) with the count and `advice`."""
    count = page.articles.count()
    if count + adding > MAX_PAGE_ARTICLES:
        full = _("%(page)s已有 %(count)d 篇稿件，再放 %(adding)d 篇就超过一个版面的上限 %(limit)d 篇：")
        params = {"page": page, "count": count, "adding": adding, "limit": MAX_PAGE_ARTICLES}
        raise refusal(str(full) % params + str(advice))


def move_to_page(articles, page, *, user):
    """Put `articles` at the end of `page` in their printed order; returns how many moved. Moving
    an article between editions where one is published publishes or withdraws it: only a user
    who may publish does that (editions.services). Refused (ValidationError, nothing moved) when
    `page` has no room for them (`check_room`)."""
    check_room(page, articles.exclude(page=page).count())
    if not may_publish(user):
        leaving = articles.exclude(page__edition_id=page.edition_id)
        published = Edition.Status.PUBLISHED
        if leaving.exists() and (
            Edition.objects.filter(pk=page.edition_id, status=published).exists()
            or leaving.filter(page__edition__status=published).exists()
        ):
            check_may_publish(user)
    with transaction.atomic():
        last = page.articles.aggregate(last=Max("position"))["last"] or 0
        moved = []
        for article in articles.exclude(page=page).order_by("page__number", "position"):
            last += 1
            article.page = page
            article.position = last
            article.save()
            moved.append(article.pk)
        signals.fixed.send(sender=Article, articles=moved, fix=signals.PAGE, user=user)
    return len(moved)


def link_parts(first, second, *, user):
    """`second` is the continued part of `first` (下转 / 上接, their pages' labels and numbers); a
    story `second` followed before lets it go. Refused (ValidationError, nothing linked) unless
    `second` is on another page of the same edition (`Article.continuation_problem`)."""
    problem = Article.continuation_problem(first.page_id, second.pk)
    if problem:
        raise ValidationError(problem, code="continuation")
    with transaction.atomic():
        released = Article.objects.filter(next_part=second).exclude(pk=first.pk)
        ids = [first.pk, second.pk, *released.values_list("pk", flat=True)]
        released.update(next_part=None)
        first.next_part = second
        first.continued_to_label = second.page.label
        first.continued_to_page = second.page.number
        first.save()
        second.continued_from_label = first.page.label
        second.continued_from_page = first.page.number
        second.save()
        signals.fixed.send(sender=Article, articles=ids, fix=signals.CONTINUATION, user=user)


def unlink_parts(articles, *, user):
    """Undo the continuation links of `articles` that go on; returns how many."""
    ids = []
    with transaction.atomic():
        for article in articles.filter(next_part__isnull=False):
            ids += [article.pk, article.next_part_id]
            article.next_part = None
            article.save()
        signals.fixed.send(sender=Article, articles=ids, fix=signals.CONTINUATION, user=user)
    return len(ids) // 2


def split_title(article, *, kicker, headline, subheadline, user):
    """Store a title line split into kicker, headline and subheadline."""
    article.kicker, article.headline, article.subheadline = kicker, headline, subheadline
    with transaction.atomic():
        article.save()
        refresh_search_document(article)


def save_article_parts(save_related, article):
    """Save what the admin's article form saves after the article (`save_related`: its tags and
    its bylines, body, photos and corrections), then the article's search text, which reads them."""
    save_related()
    record_tags(article)
    refresh_search_document(article)


def save_page_articles(save_formset, formset):
    """Save a page's articles as its admin lists them (`save_formset`), then the search text of
    each one whose title lines changed."""
    save_formset()
    for form in formset.forms:
        if form.has_changed() and form.instance.pk:
            refresh_search_document(form.instance)


class AlreadyRestored(RestoreRefused):
    pass


def restore_version(record, *, user):
    """Bring the article of history record `record` back to that version: its fields and its
    bylines, body, photos, corrections and tags as they were then. The restore is a version of its
    own, recorded with `user`; returns (article, bylines left out because their contributor is
    gone). Refused (RestoreRefused) when the version is on another page that has no room for it.
    """
    article = Article.objects.filter(pk=record.id).first()
    if article is None:
        raise RestoreRefused(_("这篇稿件已被删除：请在“已删除的稿件”中恢复。"))
    back_to = Page.objects.filter(pk=record.page_id).exclude(pk=article.page_id).first()
    if back_to is not None:  # a version on another page moves it back there
        check_room(back_to, advice=MAKE_ROOM, refusal=RestoreRefused)
    state = version_snapshot(record)
    return article, write_state(article, state, user=user, reason=restored_reason(record))


def restored_reason(record):
    return str(_("恢复到 %(time)s 的版本")) % {"time": version_time(record)}


def write_state(article, state, *, user, reason):
    """Write a whole article state (articles.snapshots) behind the edition's lock, then its search
    text; the page cache forgets the article's pages as its rows are saved. Returns the bylines
    left out."""
    with transaction.atomic():
        place = Edition.objects.filter(pages=article.page_id).values_list("publication__slug", "date")
        lock_edition(*place.get())
        skipped = apply_snapshot(article, state, user=user, reason=reason)
        refresh_search_document(article)
    return skipped


def restore_article(record, *, user):
    """Bring back a deleted article from its history record `record`, with the bylines, body,
    photos, corrections and tags deleted with it; returns (article, bylines whose contributor is
    gone).
    Its place goes to the page's end when another article took it; a continuation link whose
    other part is gone, or taken, is left out."""
    if Article.objects.filter(pk=record.id).exists():
        raise AlreadyRestored(_("这篇稿件已经恢复过了。"))
    if not Page.objects.filter(pk=record.page_id).exists():
        raise RestoreRefused(_("稿件原来的版面已被删除，无法恢复。"))
    check_room(Page.objects.get(pk=record.page_id), advice=MAKE_ROOM, refusal=RestoreRefused)
    window = {
        "history_type": "-",
        "history_date__gte": record.history_date - DELETED_TOGETHER,
        "history_date__lte": record.history_date + DELETED_TOGETHER,
    }
    with transaction.atomic():
        article = record.instance
        if Article.objects.filter(page_id=article.page_id, position=article.position).exists():
            last = Article.objects.filter(page_id=article.page_id).aggregate(last=Max("position"))
            article.position = last["last"] + 1
        if article.next_part_id and (
            not Article.objects.filter(pk=article.next_part_id).exists()
            or Article.objects.filter(next_part_id=article.next_part_id).exists()
        ):
            article.next_part = None
        article.save()
        skipped = 0
        for model in (Block, Photo, Correction, Byline):
            for part in _latest_records(model.history.filter(article_id=article.pk, **window)):
                if model is Byline and not Contributor.objects.filter(pk=part.contributor_id).exists():
                    skipped += 1
                    continue
                part.instance.save()
        tags = version_tags(record)
        if tags:
            article.tags.set(tags)
        record_tags(article)
        refresh_search_document(article)
    return article, skipped


def _latest_records(records):
    """The last historical record of each object among `records`."""
    latest = {}
    for record in records.order_by("history_date"):
        latest[record.id] = record
    return latest.values()
