"""URL converters of the public site."""

import datetime
import re
from urllib.parse import unquote

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

# What a stored name may hold that its path segment cannot: "%" (the escape itself), "/" (it would
# split the segment), NUL. A name of dots alone ("." or "..") is a segment a browser resolves away.
_ESCAPED = re.compile(r"[%/\x00]|^\.+\Z")


def _escape(match):
    return "".join(f"%{ord(c):02X}" for c in match.group())


class TextConverter:
    """One path segment naming a stored value (a page label, a publication or contributor slug).

    Values are validated where they enter (`editions.validators`), but a row from before, or
    written past the validators, must still have an address, or every page linking to it would
    fail: what a segment cannot hold is %-escaped here (reverse() then quotes the "%" once more,
    and the server's decoding of the path undoes that), and undone on the way in. A NUL names
    nothing (no stored name holds one; PostgreSQL cannot even compare with one): 404."""

    regex = "[^/\x00]+"
    escaped = _ESCAPED

    def to_python(self, value):
        value = unquote(value)
        if "\x00" in value:
            raise ValueError("NUL in a URL")
        return value

    def to_url(self, value):
        return self.escaped.sub(_escape, str(value))


class TextPathConverter(TextConverter):
    """Like `path`: slashes allowed (tags and columns may hold them), NUL not."""

    regex = "[^\x00]+"
    escaped = re.compile(r"[%\x00]|(?:^|(?<=/))\.+(?=/|\Z)")


register_converter(TextConverter, "text")
register_converter(TextPathConverter, "textpath")
