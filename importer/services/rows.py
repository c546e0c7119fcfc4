"""Rows written in bulk: plain tuples of values, one COPY on PostgreSQL, one executemany elsewhere."""

from django.db import connection
from django.db.models import Case, JSONField, Value, When


def _copy(cursor, table: str, columns: str, rows):
    """Send `rows` to PostgreSQL by COPY on Django's `cursor` (quoted table and column names)."""
    # psycopg's own cursor: Django's error wrapping is put back by hand.
    with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def insert_rows(model, fields: list[str], rows: list[tuple]):
    """Insert rows given as tuples of plain values (ids, str, int, datetimes), `fields` named by
    name or attribute name: PostgreSQL's COPY, or one executemany elsewhere.

    An edition has dozens of articles and hundreds of blocks, bylines, photos and tags: building a
    model instance for each, as bulk_create does, costs more than writing it. These rows need
    nothing a model adds: no defaults, no signals, no ids read back. On PostgreSQL an INSERT per
    row costs the server a statement each; COPY streams them all as one."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor, table, columns, rows)
        else:
            values = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({values})", rows)


def copy_to_history(model, key: str, ids: list[int], history_type: str, *, date, reason: str):
    """Copy the rows of `model` whose column `key` is in `ids` to its django-simple-history table
    as versions of type `history_type` ("+" created, "~" changed) at `date`, without a user: one
    INSERT … SELECT per 500 ids, the rows never leaving the database."""
    if not ids:
        return
    history = model.history.model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(field.column) for field in history.concrete_fields if not field.name.startswith("history_")
    )
    sql = (
        f"INSERT INTO {quote(history.db_table)} ({columns}, {quote('history_date')},"
        f" {quote('history_change_reason')}, {quote('history_type')})"
        f" SELECT {columns}, %s, %s, %s FROM {quote(model._meta.db_table)} WHERE {quote(key)} IN "
    )
    when = connection.ops.adapt_datetimefield_value(date)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(sql + f"({', '.join(['%s'] * len(chunk))})", [when, reason, history_type, *chunk])


def record_history_tags(model, tags: dict[int, list[str]], *, date):
    """Set the tags (`tags`: article id -> names) of the versions copied at `date`: one UPDATE per
    500 articles."""
    history = model.history.model
    ids = sorted(tags)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        names = Case(*(When(id=i, then=Value(tags[i], output_field=JSONField())) for i in chunk))
        history.objects.filter(id__in=chunk, history_date=date).update(history_tags=names)
