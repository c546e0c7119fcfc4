"""URL converters of the public site."""

import datetime

from django.urls import register_converter


class IsoDateConverter:
    """`2023-08-09` in a URL; an impossible date (2023-02-30) simply does not match, so 404."""

    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value):
        return datetime.date.fromisoformat(value)

    def to_url(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)


register_converter(IsoDateConverter, "isodate")


class TextConverter:
    """A path segment as `str` matches it, without NUL: no stored name holds one (PostgreSQL
    cannot even compare with one), so such a URL names nothing: 404."""

    regex = "[^/\x00]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class TextPathConverter(TextConverter):
    """Like `path`: slashes allowed (tags and columns may hold them), NUL not."""

    regex = "[^\x00]+"


register_converter(TextConverter, "text")
register_converter(TextPathConverter, "textpath")
