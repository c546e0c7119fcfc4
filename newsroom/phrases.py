"""Words of the pure code marked for translation, for code that cannot call Django's gettext (the
importer's core, the text policy). Pure Python: no Django import.

A refusal or a reason is written as an English template with %(name)s placeholders, marked with
`gettext_noop` (the name makemessages looks for, and tests/newsroom/test_translations.py checks
every such template has its Chinese in locale/zh_Hans), and its values apart. `str(phrase)` is the
English line (tests, logs); `phrase.say(gettext)` the same in the active language, at the edge
(importer/messages.py).
"""

from __future__ import annotations


class Phrase(str):
    """A template with its values, or a value that is itself words (`a PNG image`), translated
    with the template that holds it."""

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


def say(words, translate) -> str:
    """`words` (a Phrase, or text taken as it is) through `translate`."""
    return words.say(translate) if isinstance(words, Phrase) else str(words)
