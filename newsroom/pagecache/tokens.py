"""Scopes of cached pages, their version tokens and withdrawal marks; the cache's availability.

`bump(scopes)` gives scopes new tokens, so every page stored under the old ones is rebuilt on the
next request and every other page stays cached. Tokens are random, never counters, so a token
evicted from the cache can never bring an old response back; they start with the time they were
made (see `changed_since`).

A page being rebuilt after a change may be served, for a moment, from the copy built before it
(newsroom.pagecache.decorator). Never after a withdrawal: `bump(scopes, withdrawn=True)` (an
edition unpublished, anything deleted) also gives the scopes new withdrawal marks, and a copy is
only served stale while its marks are current.

The cache is a help, never a condition of serving a page: when it fails (Redis down, a full disk)
`failed` logs it once and `available` says no for `RETRY_SECONDS`, so pages are built uncached
meanwhile without every request waiting on it. A bump lost in an outage cannot be redone scope by
scope, so once the cache answers again this process forgets every cached page (`recover`).
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger("newsroom.pagecache")

SITE_SCOPE = "site"
# Search results may change whenever any edition does.
SEARCH_SCOPE = "search"

# How long a process serves pages uncached after the cache failed, before trying it again.
RETRY_SECONDS = 5

_outage = {"retry_at": 0.0, "lost_bumps": False}


def edition_scope(publication_slug, date):
    return f"edition:{publication_slug}:{date.isoformat()}"


def publication_scope(publication_slug):
    return f"publication:{publication_slug}"


def version_key(scope):
    return f"newsroom:version:{scope}"


def withdrawal_key(scope):
    return f"newsroom:withdrawn:{scope}"


def available():
    """Whether to use the cache now: not within RETRY_SECONDS of its last failure."""
    return time.monotonic() >= _outage["retry_at"]


def failed(error):
    """Note that the cache failed: logged, then left alone for RETRY_SECONDS."""
    if available():
        logger.error(
            "Page cache unavailable (%s: %s): pages are served uncached.", type(error).__name__, error
        )
    _outage["retry_at"] = time.monotonic() + RETRY_SECONDS


def recover():
    """After a bump was lost to an outage, forget every cached page once the cache answers."""
    if _outage["lost_bumps"]:
        _outage["lost_bumps"] = False
        if bump([SITE_SCOPE], withdrawn=True):
            logger.warning("Page cache available again: every cached page is rebuilt.")


def _new_token():
    # When it was made, then a random part: see changed_since.
    return f"{time.time():.3f}:{uuid.uuid4().hex}"


def changed_since(tokens, seconds):
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
    return _current([version_key(scope) for scope in scopes])


def withdrawals(scopes):
    """The current withdrawal mark of each scope, creating missing ones (an evicted mark is a new
    one: no copy stored before it is served stale)."""
    return _current([withdrawal_key(scope) for scope in scopes])


def _current(keys):
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            cache.add(key, _new_token(), None)
            token = cache.get(key)
        tokens.append(token)
    return tokens


def bump(scopes, withdrawn=False):
    """New tokens for `scopes` (and new withdrawal marks when something there was withdrawn);
    whether the cache took them. A failing cache is logged, never raised: the change an editor
    saved stands."""
    values = {version_key(scope): _new_token() for scope in scopes}
    if withdrawn:
        values.update({withdrawal_key(scope): _new_token() for scope in scopes})
    try:
        cache.set_many(values, None)
    except Exception as error:  # whatever the backend raises (Redis, a full disk): the save stands
        _outage["lost_bumps"] = True
        failed(error)
        return False
    return True


def bump_now_and_after_commit(scopes, withdrawn=False):
    """New tokens now, and again after the transaction commits: a reader may have cached the old
    text between the first bump and the moment the change became visible to other connections."""
    bump(scopes, withdrawn)
    transaction.on_commit(lambda: bump(scopes, withdrawn))
