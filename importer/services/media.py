"""Stored files named as a draft gives them: a photo's or a page's image (and a page's PDF) is the
URL path of a file in the media folder; the FileField keeps its name inside that folder."""

from __future__ import annotations

from django.conf import settings

from articles.models import Photo
from importer.core.errors import EditionImportError, gettext_noop
from newsroom.text import CONTROLS, text_problem

# The photo's file column, the narrowest a stored file's name goes into.
IMAGE_LIMIT = Photo._meta.get_field("image").max_length


def image_name(image: str | None) -> str:
    """A photo's `image` (URL path of a stored file) as the file name the ImageField keeps. Paths
    outside MEDIA_URL cannot be stored, and a path leaving the media folder, or one no column or
    file system holds (control characters, too long), is refused."""
    if not image or not image.startswith(settings.MEDIA_URL):
        return ""
    name = image[len(settings.MEDIA_URL) :]
    shown = ascii(image[:80])
    if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name:
        raise EditionImportError(
            gettext_noop("photo image path is not inside the media folder: %(path)s"), path=shown
        )
    if CONTROLS.search(name) or text_problem(name):
        raise EditionImportError(
            gettext_noop("photo image path holds a character no file name may: %(path)s"), path=shown
        )
    if len(name) > IMAGE_LIMIT:
        raise EditionImportError(
            gettext_noop("photo image path is %(size)d characters, more than %(limit)d: %(path)s"),
            size=len(name),
            limit=IMAGE_LIMIT,
            path=shown,
        )
    return name


def image_url(name: str) -> str | None:
    return f"{settings.MEDIA_URL}{name}" if name else None
