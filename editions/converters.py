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
