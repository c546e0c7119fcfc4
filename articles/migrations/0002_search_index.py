"""The full-text index on Article.search_document: a GIN index on PostgreSQL, an FTS5 table kept
in sync by triggers on SQLite (see articles/search.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from articles.search import install_search_index

    install_search_index(schema_editor.connection)


def remove(apps, schema_editor):
    from articles.search import remove_search_index

    remove_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
