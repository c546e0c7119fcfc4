"""Edition URLs: the front page, the archive, an edition, a page and the edition JSON."""

from django.urls import path

import editions.converters  # noqa: F401  (registers the isodate and text converters)
from editions import views

app_name = "editions"

urlpatterns = [
    path("", views.front, name="front"),
    path("<slug:publication>/archive/", views.archive, name="archive"),
    path("<slug:publication>/<isodate:date>.json", views.edition_json, name="edition_json"),
    path("<slug:publication>/<isodate:date>/", views.edition, name="edition"),
    path("<slug:publication>/<isodate:date>/<text:label>/", views.page, name="page"),
]
