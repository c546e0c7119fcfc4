"""The edition JSON (newsroom.edition/1) of a readable edition: the importer's export, served."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from articles.selectors import reading_editions
from editions.reading import finish
from importer.core.jsonio import edition_to_json
from importer.services import export_edition
from newsroom.pagecache.decorator import cache_published, scopes_of_edition


@cache_published(scopes_of_edition)
def edition_json(request, publication, date):
    edition = get_object_or_404(reading_editions(request.user), publication__slug=publication, date=date)
    response = JsonResponse(
        edition_to_json(export_edition(edition)),
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    return finish(request, response, edition)
