"""Readers' pages from PostgreSQL read replicas (`DATABASE_REPLICA_URLS`).

A replica is a copy of the primary that lags it by a moment, so only what may be a moment old
reads from one: a reader's GET or HEAD of the public site, with no session (so no editor) and
outside the admin. Everything else reads from the primary, which holds its own writes: editors in
the admin, forms, management commands (an import reads and writes in one transaction), tests.
Each such request reads from one replica throughout, chosen at random, so a page is built from
one consistent copy.

The page cache (newsroom.pagecache) stores nothing built on a replica for
`NEWSROOM_REPLICA_LAG_SECONDS` after a change to what the page shows: a copy read before the change
reached the replica would otherwise be served until the next change.
"""

import random
from contextvars import ContextVar

from django.conf import settings

_replica: ContextVar[str | None] = ContextVar("newsroom_replica", default=None)


def current_replica() -> str | None:
    """The replica this request reads from, or None (the primary)."""
    return _replica.get()


class ReplicaRouter:
    """Reads from the request's replica where one was chosen; writes, migrations and every other
    read go to the primary ("default")."""

    def db_for_read(self, model, **hints):
        return _replica.get() or "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def reads_from_replica(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(f"/{settings.ADMIN_PATH}")
    )


class ReplicaReadsMiddleware:
    """Choose a replica for a reader's request (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replicas = settings.NEWSROOM_READ_REPLICAS
        if not replicas or not reads_from_replica(request):
            return self.get_response(request)
        token = _replica.set(random.choice(replicas))
        try:
            return self.get_response(request)
        finally:
            _replica.reset(token)
