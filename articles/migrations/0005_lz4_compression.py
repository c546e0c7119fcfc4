"""PostgreSQL: compress an article's long columns (its source text, search text and search vector)
with LZ4 instead of the default pglz. Nearly every article's row is long enough to be compressed,
and pglz was a fifth of PostgreSQL's work in an import (docs/performance.md); LZ4 is several times
faster at a similar size. Values already stored keep their compression until rewritten. A server
built without LZ4 keeps pglz."""

from django.db import migrations

COLUMNS = ["source_text", "search_document", "search_vector"]


def _lz4_available(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


def _set_compression(schema_editor, method):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or not _lz4_available(connection):
        return
    quote = connection.ops.quote_name
    alterations = ", ".join(f"ALTER COLUMN {quote(column)} SET COMPRESSION {method}" for column in COLUMNS)
    schema_editor.execute(f"ALTER TABLE articles_article {alterations}")


def forwards(apps, schema_editor):
    _set_compression(schema_editor, "lz4")


def backwards(apps, schema_editor):
    _set_compression(schema_editor, "pglz")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search_vector_column")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
