"""The importer's public URL: an edition as edition JSON, in the `editions` namespace (assembled in
newsroom/urls.py)."""

from django.urls import path

import editions.converters  # noqa: F401  (registers the isodate and text converters)
from importer import views

edition_urlpatterns = [
    path("<text:publication>/<isodate:date>.json", views.edition_json, name="edition_json"),
]
