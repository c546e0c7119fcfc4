"""A per-view cache of the published site, invalidated edition by edition.

Every cached response is stored with the version tokens of the scopes it depends on, and served
only while they are all current:

- an edition (its pages, articles, whole stories and JSON),
- its publication (the front page and the archive, which show the latest editions),
- the whole site (contributor names appear in every byline).

`invalidate_edition(edition)` gives the edition, its publication and the published editions just
before and after it (their 上一期 / 下一期 links) new tokens, so exactly those pages are rebuilt on
the next request and every other edition stays cached. Tokens are random, never counters, so a
token evicted from the cache can never bring an old response back.

Staff and previews never go through the cache: a draft must not leak to readers, and an editor
must see their change at once.

With read replicas (newsroom/replicas.py), a page built on a replica within
`NEWSROOM_REPLICA_LAG_SECONDS` of a change to one of its scopes is served but not stored: the
replica may not have had the change yet, and the stale copy would stay until the next change.
"""

import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from newsroom.replicas import current_replica

SITE_SCOPE = "site"
# Search results may change whenever any edition does.
SEARCH_SCOPE = "search"
# How long one request may take to rebuild a stale page while others are served the stale copy.
REBUILD_SECONDS = 10


def edition_scope(publication_slug, date):
    return f"edition:{publication_slug}:{date.isoformat()}"


def publication_scope(publication_slug):
    return f"publication:{publication_slug}"


def _version_key(scope):
    return f"newsroom:version:{scope}"


def _new_token():
    # When it was made, then a random part: see _changed_since.
    return f"{time.time():.3f}:{uuid.uuid4().hex}"


def _changed_since(tokens, seconds):
    """Whether any scope got its token (changed) in the last `seconds`. Tokens made before tokens
    carried a time count as old."""
    horizon = time.time() - seconds
    for token in tokens:
        made, _, _ = str(token).partition(":")
        try:
            if float(made) > horizon:
                return True
        except ValueError:
            continue
    return False


def versions(scopes):
    """The current token of each scope, creating missing ones (in one cache round trip when
    nothing is missing)."""
    keys = [_version_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            cache.add(key, _new_token(), None)
            token = cache.get(key)
        tokens.append(token)
    return tokens


def bump(scopes):
    cache.set_many({_version_key(scope): _new_token() for scope in scopes}, None)


def invalidate_edition(edition):
    """Forget every cached page of `edition`, of its publication's front page and archive, and of
    its published neighbours (whose 上一期 / 下一期 links may point at it)."""
    from editions.models import Edition, Publication

    slug = Publication.objects.filter(pk=edition.publication_id).values_list("slug", flat=True).first()
    if slug is None:
        return
    published = Edition.objects.published().filter(publication_id=edition.publication_id)
    neighbours = [
        published.filter(date__lt=edition.date).order_by("-date").values_list("date", flat=True).first(),
        published.filter(date__gt=edition.date).order_by("date").values_list("date", flat=True).first(),
    ]
    scopes = [edition_scope(slug, edition.date), publication_scope(slug), SEARCH_SCOPE]
    scopes += [edition_scope(slug, date) for date in neighbours if date is not None]
    bump(scopes)
    # Bump again after commit: a reader may have cached the old text between the first bump and
    # the moment the change became visible to other connections.
    transaction.on_commit(lambda: bump(scopes))


def invalidate_site():
    """Forget every cached page (a contributor's name shows in bylines of every edition)."""
    bump([SITE_SCOPE])
    transaction.on_commit(lambda: bump([SITE_SCOPE]))


def _is_staff(request):
    # Without a session cookie nobody is logged in: readers never make the session be read.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def mark_public(response, last_modified=None):
    """A published page: cacheable here, by browsers and by a CDN in front."""
    patch_cache_control(response, public=True, max_age=settings.NEWSROOM_PAGE_CACHE_SECONDS)
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    response.newsroom_cacheable = True
    return response


def mark_private(response):
    """A preview or a staff view: never stored anywhere."""
    patch_cache_control(response, private=True, no_store=True)
    response.newsroom_cacheable = False
    return response


def _maybe_behind(tokens):
    """Whether the page was built on a read replica that may not have the latest change yet."""
    return current_replica() is not None and _changed_since(tokens, settings.NEWSROOM_REPLICA_LAG_SECONDS)


def cache_published(scopes_for):
    """Cache a view's response for readers under the version tokens of `scopes_for(request,
    **kwargs)` (a list of scopes; the site scope is always added). The view decides whether its
    response may be stored by calling `mark_public` or `mark_private`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                settings.NEWSROOM_PAGE_CACHE_SECONDS <= 0
                or request.method not in ("GET", "HEAD")
                or _is_staff(request)
            ):
                # The page cache is off (nothing stored earlier is served either), or the
                # request is not a reader's.
                return view(request, *args, **kwargs)
            scopes = [SITE_SCOPE, *scopes_for(request, **kwargs)]
            version_keys = [_version_key(scope) for scope in scopes]
            raw = f"{getattr(request, 'LANGUAGE_CODE', '')}|{request.build_absolute_uri()}"
            key = "newsroom:page:" + hashlib.sha256(raw.encode()).hexdigest()
            # One round trip: the tokens and the stored page together. The page is stored with
            # the tokens it was built under and served only while they are all still current.
            found = cache.get_many([*version_keys, key])
            tokens = [found.get(version_key) for version_key in version_keys]
            stored = found.get(key)
            if None in tokens:
                tokens = versions(scopes)
            elif stored is not None and stored[0] == tokens:
                return stored[1]
            rebuilding = f"{key}:rebuilding"
            if stored is not None and not cache.add(rebuilding, 1, REBUILD_SECONDS):
                # Another request is rebuilding this page (after a publish, say): serve the copy
                # built just before, a whole edition, rather than pile every reader onto the
                # database at once.
                return stored[1]
            try:
                response = view(request, *args, **kwargs)
                if (
                    response.status_code == 200
                    and getattr(response, "newsroom_cacheable", False)
                    and not _maybe_behind(tokens)
                ):
                    if hasattr(response, "render") and callable(response.render):
                        response.render()
                    # Hashed once here rather than by ConditionalGetMiddleware on every hit.
                    set_response_etag(response)
                    cache.set(key, (tokens, response), settings.NEWSROOM_PAGE_CACHE_SECONDS)
            finally:
                if stored is not None:
                    cache.delete(rebuilding)
            return response

        return wrapper

    return decorator


# Cache invalidation on every change to what a reader sees. These receivers only forget cached
# pages; they never write to the database.
#
# Deleting an edition deletes its pages, articles, blocks, bylines, photos and tags, and Django
# sends a signal for every row. Each would look up its edition and invalidate it again: thousands
# of queries for one edition. So `pre_delete`, which Django sends for every row before it deletes
# any (children first), notes which edition each doomed row belongs to (one query per edition),
# and `post_delete` invalidates each edition once per deletion.


class _Deletion:
    """The edition of each page and article being deleted in the current transaction, and the
    editions already invalidated for the deletion."""

    def __init__(self):
        self.editions = {}  # edition id -> Edition
        self.edition_of_page = {}
        self.edition_of_article = {}
        self.invalidated = set()


def _deletion():
    """The deletion state of the current transaction; a fresh one once it has committed or rolled
    back. (The state is tied to a commit callback: Django drops those on rollback.)"""
    from django.db import connection

    if not connection.in_atomic_block:
        return _Deletion()  # Django deletes inside a transaction; nothing to share outside one
    current = getattr(connection, "_newsroom_deletion", None)
    if current is not None and any(entry[1] is current[0] for entry in connection.run_on_commit):
        return current[1]

    def forget():
        if getattr(connection, "_newsroom_deletion", None) is state:
            connection._newsroom_deletion = None

    state = (forget, _Deletion())
    connection._newsroom_deletion = state
    transaction.on_commit(forget)
    return state[1]


def _invalidate_deleted(edition_id):
    """Invalidate, once per deletion, the edition a deleted row belonged to."""
    deletion = _deletion()
    if edition_id is None or edition_id in deletion.invalidated:
        return
    deletion.invalidated.add(edition_id)
    edition = deletion.editions.get(edition_id)
    if edition is None:
        from editions.models import Edition

        edition = Edition.objects.filter(pk=edition_id).first()
    if edition is not None:
        invalidate_edition(edition)


def _edition_going(sender, instance, **kwargs):
    _deletion().editions[instance.pk] = instance


def _page_going(sender, instance, **kwargs):
    _deletion().edition_of_page[instance.pk] = instance.edition_id


def _article_going(sender, instance, **kwargs):
    deletion = _deletion()
    if instance.page_id not in deletion.edition_of_page:
        from django.db.models import Subquery

        from editions.models import Page

        # Django announces the rows it will delete children first (articles before their pages),
        # so learn every page of the article's edition at once.
        edition = Page.objects.filter(pk=instance.page_id).values("edition_id")
        siblings = (
            Page.objects.filter(edition_id=Subquery(edition)).order_by().values_list("pk", "edition_id")
        )
        deletion.edition_of_page.update(siblings)
    deletion.edition_of_article[instance.pk] = deletion.edition_of_page.get(instance.page_id)


def _edition_deleted(sender, instance, **kwargs):
    _invalidate_deleted(instance.pk)


def _page_deleted(sender, instance, **kwargs):
    _invalidate_deleted(instance.edition_id)


def _article_deleted(sender, instance, **kwargs):
    _invalidate_deleted(_deletion().edition_of_article.get(instance.pk))


def _part_of_article_deleted(article_id):
    deletion = _deletion()
    if article_id in deletion.edition_of_article:
        _invalidate_deleted(deletion.edition_of_article[article_id])
    else:  # the part alone (a paragraph removed in the admin): its article is still there
        _article_changed_by_id(article_id)


def _article_part_deleted(sender, instance, **kwargs):
    _part_of_article_deleted(instance.article_id)


def _tagged_article_id(tagged_item):
    """The article a tag assignment belongs to, or None when it tags something else."""
    from django.contrib.contenttypes.models import ContentType

    from articles.models import Article

    if tagged_item.content_type_id == ContentType.objects.get_for_model(Article).pk:
        return tagged_item.object_id
    return None


def _tagged_item_deleted(sender, instance, **kwargs):
    article_id = _tagged_article_id(instance)
    if article_id is not None:
        _part_of_article_deleted(article_id)


def _edition_changed(sender, instance, **kwargs):
    invalidate_edition(instance)


def _page_changed(sender, instance, **kwargs):
    from editions.models import Edition

    edition = Edition.objects.filter(pk=instance.edition_id).first()
    if edition is not None:
        invalidate_edition(edition)


def _article_changed_by_id(article_id):
    from editions.models import Edition

    edition = Edition.objects.filter(pages__articles__pk=article_id).first()
    if edition is not None:
        invalidate_edition(edition)


def _article_changed(sender, instance, **kwargs):
    from editions.models import Edition

    edition = Edition.objects.filter(pages__pk=instance.page_id).first()
    if edition is not None:
        invalidate_edition(edition)


def _article_part_changed(sender, instance, **kwargs):
    _article_changed_by_id(instance.article_id)


def _tagged_item_changed(sender, instance, **kwargs):
    article_id = _tagged_article_id(instance)
    if article_id is not None:
        _article_changed_by_id(article_id)


def _contributor_changed(sender, instance, **kwargs):
    invalidate_site()


def connect_signals():
    from taggit.models import TaggedItem

    from articles.models import Article, Block, Byline, Contributor, Correction, Photo
    from editions.models import Edition, Page

    post_save.connect(_edition_changed, sender=Edition, dispatch_uid="newsroom_cache_edition")
    post_save.connect(_page_changed, sender=Page, dispatch_uid="newsroom_cache_page")
    post_save.connect(_article_changed, sender=Article, dispatch_uid="newsroom_cache_article")
    post_save.connect(_tagged_item_changed, sender=TaggedItem, dispatch_uid="newsroom_cache_tag")
    for signal in (post_save, post_delete):
        signal.connect(_contributor_changed, sender=Contributor, dispatch_uid="newsroom_cache_contributor")

    pre_delete.connect(_edition_going, sender=Edition, dispatch_uid="newsroom_cache_edition_going")
    pre_delete.connect(_page_going, sender=Page, dispatch_uid="newsroom_cache_page_going")
    pre_delete.connect(_article_going, sender=Article, dispatch_uid="newsroom_cache_article_going")
    post_delete.connect(_edition_deleted, sender=Edition, dispatch_uid="newsroom_cache_edition")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="newsroom_cache_page")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="newsroom_cache_article")
    post_delete.connect(_tagged_item_deleted, sender=TaggedItem, dispatch_uid="newsroom_cache_tag")
    for signal, receiver in ((post_save, _article_part_changed), (post_delete, _article_part_deleted)):
        for model in (Block, Byline, Photo, Correction):
            signal.connect(receiver, sender=model, dispatch_uid=f"newsroom_cache_{model.__name__}")
