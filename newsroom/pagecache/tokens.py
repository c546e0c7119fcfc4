"""Scopes of cached pages and their version tokens.

`bump(scopes)` gives scopes new tokens, so every page stored under the old ones is rebuilt on the
next request and every other page stays cached. Tokens are random, never counters, so a token
evicted from the cache can never bring an old response back; they start with the time they were
made (see `changed_since`).
"""

import time
import uuid

from django.core.cache import cache
from django.db import transaction

SITE_SCOPE = "site"
# Search results may change whenever any edition does.
SEARCH_SCOPE = "search"


def edition_scope(publication_slug, date):
    return f"edition:{publication_slug}:{date.isoformat()}"


def publication_scope(publication_slug):
    return f"publication:{publication_slug}"


def version_key(scope):
    return f"newsroom:version:{scope}"


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
    keys = [version_key(scope) for scope in scopes]
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
    cache.set_many({version_key(scope): _new_token() for scope in scopes}, None)


def bump_now_and_after_commit(scopes):
    """New tokens now, and again after the transaction commits: a reader may have cached the old
    text between the first bump and the moment the change became visible to other connections."""
    bump(scopes)
    transaction.on_commit(lambda: bump(scopes))
