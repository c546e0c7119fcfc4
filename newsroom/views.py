"""Project-level views that belong to no app."""

import uuid

from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

# Browsers ask for /favicon.ico wherever a page names no icon: feeds, the edition JSON, images.
FAVICON_SECONDS = 24 * 60 * 60


def _database_problem():
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:  # whatever the driver raises: the database is not there
            return f"database {alias}: {type(error).__name__}"
    return ""


def _cache_problem():
    key, token = f"newsroom:ready:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, token, 10)
        found = cache.get(key)
        cache.delete(key)
    except Exception as error:  # whatever the backend raises (Redis down, a full disk)
        return f"cache: {type(error).__name__}"
    return "" if found == token else "cache: does not keep what it is given"


@require_GET
def healthz(request):
    """Liveness, for a process supervisor and as the benchmarks' baseline: the cheapest request
    the site serves, answered while the process runs. With `?ready=1`, readiness, for a load
    balancer: the database and the cache answer, else 503 naming what failed (pages are still
    served without the cache, uncached, but the load balancer and the operator should know)."""
    if "ready" not in request.GET:
        return HttpResponse("ok\n", content_type="text/plain")
    problems = [problem for problem in (_database_problem(), _cache_problem()) if problem]
    response = HttpResponse(
        "\n".join(problems or ["ready"]) + "\n",
        content_type="text/plain; charset=utf-8",
        status=503 if problems else 200,
    )
    patch_cache_control(response, no_store=True)
    return response


@require_GET
def favicon(request):
    """The paper's icon (static/favicon.ico) at the address browsers try by themselves. A
    temporary redirect: the static file's own address changes with its content in production."""
    response = HttpResponseRedirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=FAVICON_SECONDS)
    return response
