"""Dates and page labels in what an editor passes or names files by. Pure Python."""

from __future__ import annotations

import datetime
import re

from .draft import EditionImportError
from .text import normalise_label

NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(\d\d)(?!\d)")
NAME_LABEL = re.compile(r"(?:^|[-_.\s]|第|page|p)([A-Za-z]?\d{1,3})版?$", re.IGNORECASE)
LABEL = re.compile(r"^[A-Za-z]?\d{1,3}$")


def parse_date(value: str, where: str = "--date") -> datetime.date:
    """A YYYY-MM-DD date, or an EditionImportError saying what is wrong with it."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
    if not match:
        raise EditionImportError(f"{where} {value!r} is not a date; use YYYY-MM-DD")
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        raise EditionImportError(f"{where} {value} is an impossible date") from None


def parse_label(value: str) -> str:
    if not LABEL.match(value.strip()):
        raise EditionImportError(f"--page {value!r} is not a page label such as 01, 8 or A2")
    return normalise_label(value)


def date_in_name(name: str, origin: str) -> datetime.date | None:
    match = NAME_DATE.search(name)
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        raise EditionImportError(f"{origin}: the name holds an impossible date {match.group(0)}") from None


def label_in_name(stem: str) -> str | None:
    stem = NAME_DATE.sub("", stem).strip()
    match = NAME_LABEL.search(stem)
    return normalise_label(match.group(1)) if match else None
