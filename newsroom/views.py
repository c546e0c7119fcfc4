"""Project-level views that belong to no app."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    """For load balancers and as the benchmarks' baseline: the cheapest request the site serves."""
    return HttpResponse("ok\n", content_type="text/plain")
