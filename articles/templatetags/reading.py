"""Template filters of the reading pages."""

import re

from django import template

register = template.Library()

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z]")


@register.filter
def is_latin(text):
    """Whether a paragraph is Latin-script text with no Chinese in it (an advertisement's English
    line, a slogan): justified like Chinese, its few long words would stand apart with wide gaps."""
    text = text or ""
    return bool(_LATIN.search(text)) and not _HAN.search(text)
