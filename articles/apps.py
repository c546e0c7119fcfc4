from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("稿件")

    def ready(self):
        from editions.services import register_publication_check

        from .search import ensure_search_index
        from .services import unready_photos_problem

        # Publishing an edition asks the articles whether every photo is captioned and credited.
        register_publication_check(unready_photos_problem)
        # SQLite drops the search triggers whenever a migration rebuilds the article table.
        post_migrate.connect(ensure_search_index, sender=self, dispatch_uid="articles_search_index")
