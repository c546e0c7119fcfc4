"""Project-level views that belong to no app."""

from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

# Browsers ask for /favicon.ico wherever a page names no icon: feeds, the edition JSON, images.
FAVICON_SECONDS = 24 * 60 * 60


@require_GET
def healthz(request):
    """For load balancers and as the benchmarks' baseline: the cheapest request the site serves."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def favicon(request):
    """The paper's icon (static/favicon.ico) at the address browsers try by themselves. A
    temporary redirect: the static file's own address changes with its content in production."""
    response = HttpResponseRedirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=FAVICON_SECONDS)
    return response
