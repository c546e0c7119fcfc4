from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "importer"
    verbose_name = _("导入")

    def ready(self):
        from editions.services import register_publication_check
        from importer.services.doubts import publication_problem

        # An edition with open doubts goes out only once a desk chief has confirmed it.
        register_publication_check(publication_problem)

        # An editor's one-step fix (kind, page, continuation) clears the doubts it settles.
        from articles.models import Article
        from articles.signals import fixed
        from importer.services.doubts import clear_settled

        fixed.connect(clear_settled, sender=Article, dispatch_uid="importer_clear_settled")

        # A published edition's import is scored in the background (issue 16).
        from editions.signals import published
        from importer.tasks import score_when_published

        published.connect(score_when_published, dispatch_uid="importer_score_when_published")

        # ... and again when editors change it after publication (corrections, approved revisions).
        from simple_history.signals import post_create_historical_record

        from importer.tasks import rescore_when_edited

        post_create_historical_record.connect(
            rescore_when_edited, dispatch_uid="importer_rescore_when_edited"
        )
