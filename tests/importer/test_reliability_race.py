"""An editor's save racing an import of the same edition, on PostgreSQL with two connections.

The editor's save is held open (its transaction not yet committed) while an import of a corrected
dump starts in another thread. The import must wait for the editor's save and then keep the
edited article; without the edition lock it would read the article as it was before the edit and
overwrite the editor's change when the save commits.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse

from articles.admin import ArticleAdmin
from articles.models import Article
from importer.core.draft import PublicationDraft
from importer.core.parser import parse_edition
from importer.services import import_edition
from tests.articles.admin_helpers import article_post_data
from tests.conftest import SEED
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db(transaction=True)

DATE = datetime.date(2023, 8, 9)
PAPER = PublicationDraft(slug="zhuzhou-daily", name="株洲日报")
OLD = "可缓解30万用户夏季高峰用电压力。"
NEW = "可缓解35万用户夏季高峰用电压力。"
EDITED = "湘赣边最大独立共享储能电站并网（编辑改）"


def draft(corrected):
    text = SEED.read_text(encoding="utf-8")
    return parse_edition(
        [("01", text.replace(OLD, NEW) if corrected else text)], publication=PAPER, date=DATE
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two concurrent writers (PostgreSQL)")
def test_an_import_started_during_an_editors_save_keeps_the_edit(staff_client, monkeypatch):
    import_edition(draft(corrected=False), publish=True, confirmed_by=h.desk_chief())
    article = Article.objects.get(page__edition__date=DATE, headline__contains="储能电站")
    outcome = {}

    def run_import():
        try:
            outcome["result"] = import_edition(draft(corrected=True))
        finally:
            connection.close()

    importer = threading.Thread(target=run_import)
    save_model = ArticleAdmin.save_model

    def save_then_let_the_import_start(self, request, obj, form, change):
        save_model(self, request, obj, form, change)
        importer.start()
        # The editor's transaction stays open a moment while the import runs into it.
        importer.join(timeout=1.5)

    monkeypatch.setattr(ArticleAdmin, "save_model", save_then_let_the_import_start)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = staff_client.post(url, article_post_data(article, headline=EDITED))
    assert response.status_code == 302, response.content.decode()[:2000]
    importer.join(timeout=60)
    assert not importer.is_alive()

    stored = Article.objects.get(pk=article.pk)
    assert stored.headline == EDITED, "the import overwrote the editor's save"
    assert [kept.article_id for kept in outcome["result"].kept] == [article.pk]
