"""The interface language: the reader's choice, never a guess from the browser.

Every page of the e-paper is Chinese text, so `<html lang>` and `Content-Language` always name the
content's language. Only the interface (navigation, labels, dates) can be switched: the site in
Chinese at its plain addresses, and with an English interface under `/en/` (`i18n_patterns` in
newsroom/urls.py), reached through the switch in every page's footer. An address carries one
language, so pages cache by address alone, here and in a CDN (no `Vary: Accept-Language`).
The admin is in Chinese. Django's own LocaleMiddleware would instead follow the browser's
Accept-Language and relabel the Chinese pages as English for an English browser.
"""

from django.conf import settings
from django.utils import translation
from django.utils.encoding import escape_uri_path

# The language the pages' text is written in (BCP 47, as <html lang> and Content-Language want it).
CONTENT_LANGUAGE = "zh-Hans"


class InterfaceLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        # For this request only: the thread's next request (or a test's own code) starts afresh.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", CONTENT_LANGUAGE)
        return response


def interface_prefix(language):
    """The address prefix of an interface language: none for the default one, `/en` for English."""
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def language_links(request):
    """The current page's address in each interface language, for the footer's switch."""
    current = translation.get_language()
    path = request.path_info
    prefix = interface_prefix(current)
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    path = escape_uri_path(path)
    query = request.get_full_path().partition("?")[2]
    script = request.META.get("SCRIPT_NAME", "").rstrip("/")
    links = []
    for code, _name in settings.LANGUAGES:
        url = f"{script}{interface_prefix(code)}{path}" + (f"?{query}" if query else "")
        name = translation.get_language_info(code)["name_local"]
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
