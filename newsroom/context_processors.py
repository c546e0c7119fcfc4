"""Template context shared by every page of the public site."""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from newsroom.language import CONTENT_LANGUAGE, language_links


@functools.lru_cache(maxsize=16)
def _site_links(script_prefix, urlconf, language):
    return {
        "front": reverse("editions:front"),
        "search": reverse("articles:search"),
        "feed_atom": reverse("articles:feed_atom"),
        "feed_rss": reverse("articles:feed_rss"),
    }


def site_links(request):
    """The addresses every page's masthead and footer link to, reversed once per script prefix,
    URLconf and interface language rather than seven times on every page (a reverse() costs about
    30 µs); the page in each interface language (lazily: only the public site's footer asks)."""
    return {
        "site_links": _site_links(get_script_prefix(), get_urlconf(), get_language()),
        "content_language": CONTENT_LANGUAGE,
        "interface_languages": functools.partial(language_links, request),
    }
