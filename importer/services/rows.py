"""Rows written in bulk: plain tuples of values, one COPY on PostgreSQL, one executemany elsewhere."""

from django.db import connection


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
