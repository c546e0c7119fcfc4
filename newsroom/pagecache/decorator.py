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
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from newsroom.permissions import is_staff
from newsroom.replicas import current_replica

from .tokens import SITE_SCOPE, changed_since, edition_scope, version_key, versions

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
            version_keys = [version_key(scope) for scope in scopes]
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
                    seconds = getattr(
                        response, "newsroom_cache_seconds", settings.NEWSROOM_PAGE_CACHE_SECONDS
                    )
                    cache.set(key, (tokens, response), seconds)
            finally:
                if stored is not None:
                    cache.delete(rebuilding)
            return response

        return wrapper

    return decorator


def scopes_of_edition(request, publication, date, **kwargs):
    """`scopes_for` of a view of one edition (its URL names the publication and the date)."""
    return [edition_scope(publication, date)]
