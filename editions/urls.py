"""The editions app's URL: the archive. The `editions` namespace (front page, edition, page, edition
JSON too) is assembled in newsroom/urls.py from the apps whose views show them."""

from django.urls import path

import editions.converters  # noqa: F401  (registers the isodate and text converters)
from editions import views

urlpatterns = [
    path("<text:publication>/archive/", views.archive, name="archive"),
]
