"""The view decorator of the page cache, and the cache headers a view chooses.

Staff and previews never go through the cache: a draft must not leak to readers, and an editor
must see their change at once.

With read replicas (newsroom/replicas.py), a page built on a replica within
`NEWSROOM_REPLICA_LAG_SECONDS` of a change to one of its scopes is served but not stored: the
replica may not have had the change yet, and the stale copy would stay until the next change.
"""

import hashlib
import math
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from newsroom.permissions import is_staff
from newsroom.replicas import current_replica

from .tokens import (
    SITE_SCOPE,
    available,
    changed_since,
    edition_scope,
    failed,
    recover,
    version_key,
    versions,
    withdrawal_key,
    withdrawals,
)

# How long one request may take to rebuild a stale page while others are served the stale copy.
REBUILD_SECONDS = 10


def _is_staff(request):
    # Without a session cookie nobody is logged in: readers never make the session be read.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return is_staff(getattr(request, "user", None))


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


def fresh_until(response, moment):
    """A public page that changes at `moment` (a scheduled edition goes live then): neither this
    cache nor a browser or CDN keeps it past that, whatever runs or does not run at that time."""
    if moment is None or not getattr(response, "newsroom_cacheable", False):
        return response
    seconds = max(1, math.ceil((moment - timezone.now()).total_seconds()))
    if seconds < settings.NEWSROOM_PAGE_CACHE_SECONDS:
        patch_cache_control(response, max_age=seconds)
        response.newsroom_cache_seconds = seconds
    return response


def _maybe_behind(tokens):
    """Whether the page was built on a read replica that may not have the latest change yet."""
    return current_replica() is not None and changed_since(tokens, settings.NEWSROOM_REPLICA_LAG_SECONDS)


def _keep_only(request, reads):
    """Drop from the request the query parameters the view does not read (the last value of each
    it reads is kept): `?x=1` makes no other cached copy and shows in none of its links."""
    kept = QueryDict(mutable=True)
    for name in sorted(reads):
        if name in request.GET:
            kept[name] = request.GET[name]
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def _page_key(request):
    raw = f"{getattr(request, 'LANGUAGE_CODE', '')}|{request.build_absolute_uri()}"
    return "newsroom:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _look_up(key, scopes):
    """The scopes' tokens and withdrawal marks, the page stored under `key` if any, and whether it
    is current, in one round trip when the tokens are all there. A copy built under other tokens
    may still be served while another request rebuilds it, unless something it shows was
    withdrawn since (its marks are not current): `stale` is that copy, or None."""
    recover()
    version_keys = [version_key(scope) for scope in scopes]
    mark_keys = [withdrawal_key(scope) for scope in scopes]
    found = cache.get_many([*version_keys, *mark_keys, key])
    tokens = [found.get(version_key) for version_key in version_keys]
    marks = [found.get(mark_key) for mark_key in mark_keys]
    stored = found.get(key)
    if not (isinstance(stored, tuple) and len(stored) == 3):
        stored = None  # nothing stored, or stored by an older version of this code
    if None in tokens or None in marks:
        tokens, marks = versions(scopes), withdrawals(scopes)
    elif stored is not None and stored[0] == tokens:
        return tokens, marks, stored[2], None
    stale = stored[2] if stored is not None and stored[1] == marks else None
    return tokens, marks, None, stale


def _store(key, tokens, marks, response):
    if (
        response.status_code == 200
        and getattr(response, "newsroom_cacheable", False)
        and not _maybe_behind(tokens)
    ):
        if hasattr(response, "render") and callable(response.render):
            response.render()
        # Hashed once here rather than by ConditionalGetMiddleware on every hit.
        set_response_etag(response)
        seconds = getattr(response, "newsroom_cache_seconds", settings.NEWSROOM_PAGE_CACHE_SECONDS)
        _quietly(cache.set, key, (tokens, marks, response), seconds)


def cache_published(scopes_for, reads=()):
    """Cache a view's response for readers under the version tokens of `scopes_for(request,
    **kwargs)` (a list of scopes; the site scope is always added), keyed by the address and the
    query parameters in `reads`, the only ones the view gets to see. The view decides whether its
    response may be stored by calling `mark_public` or `mark_private`. When the cache fails, the
    page is built and served as if there were none."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            _keep_only(request, reads)
            if settings.NEWSROOM_PAGE_CACHE_SECONDS <= 0 or _is_staff(request) or not available():
                # The page cache is off (nothing stored earlier is served either) or failing, or
                # the request is not a reader's.
                return view(request, *args, **kwargs)
            scopes = [SITE_SCOPE, *scopes_for(request, **kwargs)]
            key = _page_key(request)
            rebuilding = f"{key}:rebuilding"
            try:
                tokens, marks, current, stale = _look_up(key, scopes)
                if current is not None:
                    return current
                if stale is not None and not cache.add(rebuilding, 1, REBUILD_SECONDS):
                    # Another request is rebuilding this page (after a publish, say): serve the
                    # copy built just before, a whole edition, rather than pile every reader onto
                    # the database at once.
                    return stale
            except Exception as error:  # whatever the backend raises: the page is built uncached
                failed(error)
                tokens = None
            if tokens is None:
                return view(request, *args, **kwargs)
            try:
                response = view(request, *args, **kwargs)
            finally:
                if stale is not None:
                    _quietly(cache.delete, rebuilding)
            _store(key, tokens, marks, response)
            return response

        return wrapper

    return decorator


def _quietly(write, *args):
    """A write to the cache that may fail without failing the page."""
    try:
        write(*args)
    except Exception as error:  # whatever the backend raises
        failed(error)


def scopes_of_edition(request, publication, date, **kwargs):
    """`scopes_for` of a view of one edition (its URL names the publication and the date)."""
    return [edition_scope(publication, date)]
