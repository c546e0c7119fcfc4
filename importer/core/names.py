"""What the names say: the date and page label in a file's or folder's name, and the command's
--date and --page. Pure Python: no Django import."""

from __future__ import annotations

import datetime
import re

from newsroom.text import normalise_label

from .errors import EditionImportError, gettext_noop

NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(\d\d)(?!\d)")
NAME_LABEL = re.compile(r"(?:^|[-_.\s]|第|page|p)([A-Za-z]?\d{1,3})版?$", re.IGNORECASE)
LABEL = re.compile(r"^[A-Za-z]?\d{1,3}$")


def parse_date(value: str, where: str = "--date") -> datetime.date:
    """A YYYY-MM-DD date, or an EditionImportError saying what is wrong with it."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
    if not match:
        raise EditionImportError(
            gettext_noop("%(place)s %(value)r is not a date; use YYYY-MM-DD"), place=where, value=value
        )
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        raise EditionImportError(
            gettext_noop("%(place)s %(value)s is an impossible date"), place=where, value=value
        ) from None


def parse_label(value: str) -> str:
    if not LABEL.match(value.strip()):
        raise EditionImportError(
            gettext_noop("--page %(value)r is not a page label such as 01, 8 or A2"), value=value
        )
    return normalise_label(value)


def date_in_name(name: str, origin: str) -> datetime.date | None:
    match = NAME_DATE.search(name)
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        raise EditionImportError(
            gettext_noop("the name holds an impossible date %(date)s"), where=(origin,), date=match.group(0)
        ) from None


def label_in_name(stem: str) -> str | None:
    stem = NAME_DATE.sub("", stem).strip()
    match = NAME_LABEL.search(stem)
    return normalise_label(match.group(1)) if match else None
