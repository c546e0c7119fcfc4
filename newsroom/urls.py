"""Project URLs: the admin under a configurable path, then the public site."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom.views import healthz

admin.site.site_header = "Newsroom 编辑部"
admin.site.site_title = "Newsroom"
admin.site.index_title = "编辑工作台"

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    path("", include("articles.urls")),
    path("", include("editions.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
