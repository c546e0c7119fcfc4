"""Project URLs: the admin under a configurable path, then the public site.

The `editions` namespace (front page, archive, edition, page, edition JSON) is assembled here from
the apps whose views show them: the archive is the editions app's, the pages that show articles
the articles app's, the edition JSON the importer's (no app imports the views of an app above it).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

import articles.urls
import editions.urls
import importer.urls
from newsroom.views import favicon, healthz

admin.site.site_header = "Newsroom 编辑部"
admin.site.site_title = "Newsroom"
admin.site.index_title = "编辑工作台"

edition_urlpatterns = [
    *articles.urls.edition_urlpatterns,
    *editions.urls.urlpatterns,
    *importer.urls.edition_urlpatterns,
]

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
]
# The public site at its plain addresses in Chinese, and with an English interface under /en/
# (newsroom/language.py): the reader's choice, made with the switch in every page's footer.
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("", include((edition_urlpatterns, "editions"))),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
