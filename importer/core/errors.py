"""Refusals of the pure core, in words the edge can translate. Pure Python: no Django import.

The core cannot call Django's gettext, so it writes each refusal as an English template with
%(name)s placeholders, marked with `gettext_noop` (newsroom/phrases.py: the name makemessages looks
for), and its values apart. `str(error)` is the English line (tests,
logs); importer/messages.py renders the same error in the editors' language for the admin and the
import_edition command.
"""

from __future__ import annotations

from newsroom.phrases import Phrase, gettext_noop, say
from newsroom.text import printable

__all__ = ["EditionImportError", "Phrase", "gettext_noop", "say"]


class EditionImportError(ValueError):
    """Input that cannot become an edition: one line an editor can act on, naming the file.

    `message` is the template (a Phrase, or any text taken as it is), `params` its values, `where`
    the files and places it concerns (text, or Phrases such as `page 01`), outermost first."""

    def __init__(self, message: str, /, *, where: tuple[str, ...] = (), **params):
        self.message, self.params, self.where = message, params, tuple(where)
        super().__init__(self.render(str))

    def render(self, translate) -> str:
        """The line, its words put through `translate` (str: English; gettext: the editors'); the
        names and values it carries (a zip member's name …) with their control characters escaped."""
        params = {k: _shown(v, f"%({k})r" in self.message) for k, v in self.params.items()}
        parts = [
            *(printable(w) if type(w) is str else w for w in self.where),
            gettext_noop(self.message, **params),
        ]
        return ": ".join(say(part, translate) for part in parts)

    def at(self, where: str) -> EditionImportError:
        """The same refusal, said of the file or place it happened in."""
        return EditionImportError(self.message, where=(where, *self.where), **self.params)

    def __str__(self) -> str:
        return self.render(str)

    def __reduce__(self):
        # Pickled whole (an import's worker processes hand errors back to the command).
        return _restore, (self.message, self.where, self.params)


def _shown(value, as_repr: bool):
    """A value a refusal carries, as its line shows it (a %(name)r value escapes itself)."""
    return printable(value) if type(value) is str and not as_repr else value


def _restore(message, where, params):
    return EditionImportError(message, where=where, **params)
