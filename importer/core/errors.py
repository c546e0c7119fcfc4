"""Refusals of the pure core, in words the edge can translate. Pure Python: no Django import.

The core cannot call Django's gettext, so it writes each refusal as an English template with
%(name)s placeholders, marked with `gettext_noop` (the name makemessages looks for, so the
template lands in the catalogue), and its values apart. `str(error)` is the English line (tests,
logs); importer/messages.py renders the same error in the editors' language for the admin and the
import_edition command.
"""

from __future__ import annotations


class Phrase(str):
    """Words of the core marked for translation: a template with its values, or a value that is
    itself words (`a PNG image`), translated with the template that holds it."""

    params: dict = {}

    def say(self, translate) -> str:
        text = translate(str.__str__(self))
        if not self.params:
            return str(text)
        return text % {k: v.say(translate) if isinstance(v, Phrase) else v for k, v in self.params.items()}

    def __str__(self) -> str:
        return self.say(str)

    def __format__(self, spec) -> str:
        return format(str(self), spec)


def gettext_noop(message: str, /, **params) -> Phrase:
    phrase = Phrase(message)
    if params:
        phrase.params = params
    return phrase


class EditionImportError(ValueError):
    """Input that cannot become an edition: one line an editor can act on, naming the file.

    `message` is the template (a Phrase, or any text taken as it is), `params` its values, `where`
    the files and places it concerns (text, or Phrases such as `page 01`), outermost first."""

    def __init__(self, message: str, /, *, where: tuple[str, ...] = (), **params):
        self.message, self.params, self.where = message, params, tuple(where)
        super().__init__(self.render(str))

    def render(self, translate) -> str:
        """The line, its words put through `translate` (str: English; gettext: the editors')."""
        parts = [*self.where, gettext_noop(self.message, **self.params)]
        return ": ".join(part.say(translate) if isinstance(part, Phrase) else part for part in parts)

    def at(self, where: str) -> EditionImportError:
        """The same refusal, said of the file or place it happened in."""
        return EditionImportError(self.message, where=(where, *self.where), **self.params)

    def __str__(self) -> str:
        return self.render(str)

    def __reduce__(self):
        # Pickled whole (an import's worker processes hand errors back to the command).
        return _restore, (self.message, self.where, self.params)


def _restore(message, where, params):
    return EditionImportError(message, where=where, **params)
