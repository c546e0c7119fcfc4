"""Validators of the values editors type that become parts of a reader's address, and of the
integers a column holds (newsroom.text has the policy; these say it in the editors' language)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsroom.text import url_part_problem

# The largest value of a PositiveIntegerField on every database Django supports (PostgreSQL's
# integer): a larger edition number would be refused there, or wrapped.
MAX_EDITION_NUMBER = 2**31 - 1
# The years an edition may be dated: a date outside them is a typo (9999-12-31), which no archive
# calendar or reader asks for.
EDITION_YEARS = (1900, 2200)
# A paper prints a few dozen pages; the importer moves pages to numbers above this while it
# reorders them.
MAX_PAGE_NUMBER = 1000


def validate_url_part(value):
    """A page label: one segment of the page's address, so letters, digits, - and _ only."""
    if url_part_problem(value):
        raise ValidationError(
            _("“%(value)s”不能用作网址的一部分：只能含字母、数字、“-”和“_”，不能有空格、“/”等符号。"),
            code="url_part",
            params={"value": value},
        )


def validate_edition_date(value):
    """An edition's date within EDITION_YEARS."""
    if not EDITION_YEARS[0] <= value.year <= EDITION_YEARS[1]:
        raise ValidationError(
            _("出版日期 %(value)s 不在 %(low)d 至 %(high)d 年之间：请检查年份。"),
            code="edition_date",
            params={"value": value, "low": EDITION_YEARS[0], "high": EDITION_YEARS[1]},
        )
