from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "newsroom.pagecache"
    label = "pagecache"
    verbose_name = _("页面缓存")

    def ready(self):
        # Cached public pages are forgotten whenever what they show changes.
        from . import receivers

        receivers.connect()
