"""The policy for outside text (newsroom.text) in the editors' forms: what an editor types or
pastes is outside text like a page dump's. Every text value of a form with `OutsideTextMixin` is
stored as the importer stores it (NFC, no invisible control or bidi characters), a value no
encoding writes is refused, and a paragraph field holds no more than a printed page does. A field
holding a list of texts (an article's tags) has each of them treated so, and held to its column,
and holds no more of them than a printed article has."""

from django.utils.translation import gettext_lazy as _

from newsroom.text import LONE_SURROGATE, MAX_PARAGRAPH_CHARS, clean_value, normalise_label

PARAGRAPH_TOO_LONG = _("这一段长 %(length)d 字，超过版面能容纳的 %(limit)d 字：请分成几段。")
NOT_TEXT = _("含有无法保存的字符（孤立的代理码位），请重新输入这段文字。")
ITEM_TOO_LONG = _("“%(item)s…”长 %(length)d 字，超过 %(limit)d 字。")
TOO_MANY_ITEMS = _("共 %(count)d 项，超过上限 %(limit)d 项：请删去一些。")


class OutsideTextMixin:
    """For a form: `paragraph_fields` names the fields that hold one paragraph each,
    `label_fields` those holding a page label (normalised as the import writes labels, so a page
    typed 1 is the import's 01), `item_limits` the fields holding a list of texts, with the
    characters each may have, and `item_counts` how many items such a field may hold."""

    paragraph_fields: tuple[str, ...] = ()
    label_fields: tuple[str, ...] = ()
    item_limits: dict[str, int] = {}
    item_counts: dict[str, int] = {}

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if name in self.item_limits and isinstance(value, list):
                cleaned[name] = self._clean_items(name, value)
                continue
            if not isinstance(value, str):
                continue
            if LONE_SURROGATE.search(value):
                self.add_error(name, NOT_TEXT)
                continue
            value = cleaned[name] = clean_value(value)
            if name in self.label_fields:
                value = cleaned[name] = normalise_label(value)
            if name in self.paragraph_fields and len(value) > MAX_PARAGRAPH_CHARS:
                self.add_error(
                    name, PARAGRAPH_TOO_LONG % {"length": len(value), "limit": MAX_PARAGRAPH_CHARS}
                )
        return cleaned

    def _clean_items(self, name, items):
        limit = self.item_counts.get(name)
        if limit is not None and len(items) > limit:
            self.add_error(name, TOO_MANY_ITEMS % {"count": len(items), "limit": limit})
            return []
        cleaned = []
        for item in items:
            if LONE_SURROGATE.search(item):
                self.add_error(name, NOT_TEXT)
                continue
            item = clean_value(item).strip()
            limit = self.item_limits[name]
            if len(item) > limit:
                self.add_error(name, ITEM_TOO_LONG % {"item": item[:10], "length": len(item), "limit": limit})
            elif item and item not in cleaned:
                cleaned.append(item)
        return cleaned
