"""The words the import service's refusals name a field with, translated at the edge
(importer/messages.py): "page 01, article 2: the headline is 301 characters, more than 300"."""

from articles.models import Byline, Contributor
from editions.models import Page, Publication
from importer.core.errors import Phrase, gettext_noop

# The fields a refusal names, in words the editors' language has (importer/messages.py).
FIELDS = {
    "headline": gettext_noop("the headline"),
    "kicker": gettext_noop("the kicker"),
    "subheadline": gettext_noop("the subheadline"),
    "column": gettext_noop("the column name"),
    "dateline": gettext_noop("the dateline"),
    "body": gettext_noop("a paragraph"),
    "editor_note": gettext_noop("the editor's note"),
    "caption": gettext_noop("a photo caption"),
    "credit": gettext_noop("a photo credit"),
    "tag": gettext_noop("a tag"),
    "continued_to_label": gettext_noop("the page of a continuation"),
    "slug": gettext_noop("the slug"),
    "number": gettext_noop("the number"),
    "label": gettext_noop("the page label"),
    "editor": gettext_noop("the page editor"),
}
# A name is a contributor's, a publication's or a page's.
NAMES = {
    Contributor: gettext_noop("a contributor's name"),
    Publication: gettext_noop("the publication's name"),
    Page: gettext_noop("the page name"),
}
ORGANIZATION = gettext_noop("a contributor's organisation")
BYLINE_LABEL = gettext_noop("a byline's label")
THE_PUBLICATION = gettext_noop("the publication")
THE_EDITION = gettext_noop("the edition")
A_PAGE = gettext_noop("a page")


def field_words(name: str, model) -> Phrase:
    """The words for the field `name` of `model` in a refusal."""
    if name == "name":
        return NAMES[model]
    if name == "organization":
        return ORGANIZATION
    if name == "label" and model is Byline:
        return BYLINE_LABEL
    return FIELDS[name]
