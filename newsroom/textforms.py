"""The policy for outside text (newsroom.text) in the editors' forms: what an editor types or
pastes is outside text like a page dump's. Every text value of a form with `OutsideTextMixin` is
stored as the importer stores it (NFC, no invisible control or bidi characters), a value no
encoding writes is refused, and a paragraph field holds no more than a printed page does."""

from django.utils.translation import gettext_lazy as _

from newsroom.text import LONE_SURROGATE, MAX_PARAGRAPH_CHARS, clean_value

PARAGRAPH_TOO_LONG = _("这一段长 %(length)d 字，超过版面能容纳的 %(limit)d 字：请分成几段。")
NOT_TEXT = _("含有无法保存的字符（孤立的代理码位），请重新输入这段文字。")


class OutsideTextMixin:
    """For a form: `paragraph_fields` names the fields that hold one paragraph each."""

    paragraph_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if not isinstance(value, str):
                continue
            if LONE_SURROGATE.search(value):
                self.add_error(name, NOT_TEXT)
                continue
            value = cleaned[name] = clean_value(value)
            if name in self.paragraph_fields and len(value) > MAX_PARAGRAPH_CHARS:
                self.add_error(
                    name, PARAGRAPH_TOO_LONG % {"length": len(value), "limit": MAX_PARAGRAPH_CHARS}
                )
        return cleaned
