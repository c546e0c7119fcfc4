"""The formsets of the editors' admin inlines for a page's articles and an article's parts: rows
held to the import's counts as the save leaves them, positions renumbered safely on save."""

from django import forms
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from newsroom.text import MAX_ARTICLE_CHARS

from .models import Block


class StoredRowsFormSet(forms.BaseInlineFormSet):
    """An inline formset that knows the rows its save leaves: the forms posted list those an
    editor opened, and a row added since (by another editor) or left out of a hostile POST stays
    as stored."""

    def kept_forms(self):
        """The forms whose rows the save keeps or adds."""
        return [
            form
            for form in self.forms
            if not self._should_delete_form(form) and (form.instance.pk or form.has_changed())
        ]

    def left_out(self):
        """The stored rows the POST leaves out, which the save keeps as they are."""
        posted = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        return self.get_queryset().exclude(pk__in=posted)


class CountedFormSet(StoredRowsFormSet):
    """An inline formset whose rows are held to `max_num` (newsroom.text's counts, the import's
    too) as the save leaves them. validate_max counts only the forms posted: a POST leaving stored
    rows out (a lower INITIAL_FORMS) added `max_num` more at each save."""

    def clean(self):
        # Counted first: rows past the count are refused for that, wherever they would go.
        if self.left_out().count() + len(self.kept_forms()) > self.max_num:
            raise forms.ValidationError(
                self.error_messages["too_many_forms"] % {"num": self.max_num}, code="too_many_forms"
            )
        super().clean()


class BylineInlineFormSet(CountedFormSet):
    """An article's bylines, no more than a printed article has (the admin's inline holds them
    to newsroom.text.MAX_BYLINES)."""

    default_error_messages = {"too_many_forms": _("一篇稿件最多 %(num)d 个署名：请删去多出的。")}


class PhotoInlineFormSet(CountedFormSet):
    """An article's photos, no more than a printed article has (MAX_PHOTOS)."""

    default_error_messages = {"too_many_forms": _("一篇稿件最多 %(num)d 张图片：请删去多出的。")}


class PositionedInlineFormSet(StoredRowsFormSet):
    """An inline formset over rows unique per (parent, position): articles on a page, blocks in
    an article. Editors may swap or shift positions in one save: the rows that move are first
    parked past the last position, then written at their new places, in one transaction. A new row
    left without a position goes last."""

    position_field = "position"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if index is None or index >= self.initial_form_count():
            form.fields[self.position_field].required = False

    def clean(self):
        super().clean()
        # Positions are checked among the forms posted, not against a stored row left out of them
        # (the database's constraint then failed the save with a 500, the editor's change lost).
        taken = set(self.left_out().values_list(self.position_field, flat=True))
        for form in self.kept_forms():
            position = form.cleaned_data.get(self.position_field)
            if position in taken:
                raise forms.ValidationError(
                    _("第 %(position)d 位已有一行（可能是别人刚刚加的）：请重新打开本页，再改。"),
                    code="position_taken",
                    params={"position": position},
                )

    def _last_position(self):
        rows = self.model._default_manager.filter(**{self.fk.name: self.instance})
        return rows.aggregate(last=Max(self.position_field))["last"] or 0

    def save(self, commit=True):
        if not commit:
            return super().save(commit)
        with transaction.atomic():
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if self.position_field in form.changed_data and not self._should_delete_form(form)
            ]
            parked = self._last_position()
            for offset, pk in enumerate(moving, start=1):
                self.model._default_manager.filter(pk=pk).update(**{self.position_field: parked + offset})
            return super().save(commit)

    def save_new(self, form, commit=True):
        obj = form.save(commit=False)
        setattr(obj, self.fk.name, self.instance)
        if getattr(obj, self.position_field) is None:
            setattr(obj, self.position_field, self._last_position() + 1)
        if commit:
            obj.save()
            form.save_m2m()
        return obj


class PageArticlesFormSet(CountedFormSet, PositionedInlineFormSet):
    """A page's articles in its admin, no more than a printed page has (MAX_PAGE_ARTICLES)."""

    default_error_messages = {
        "too_many_forms": _("一个版面最多 %(num)d 篇稿件：请删去多出的，或移到别的版面。")
    }


class BlockInlineFormSet(CountedFormSet, PositionedInlineFormSet):
    """An article's body, no more paragraphs than a printed article has (MAX_BLOCKS), and no more
    text with its editor's note than a page holds (MAX_ARTICLE_CHARS), as the import counts them."""

    position_field = "order"
    default_error_messages = {"too_many_forms": _("一篇稿件最多 %(num)d 段：请合并段落，或拆成几篇稿件。")}

    def clean(self):
        super().clean()
        # The article form's values are on the instance by now: the note as the editor posted it.
        size = sum(len(line) for line in self.instance.editor_note_paragraphs)
        size += sum(len(text) for text in self.left_out().values_list("text", flat=True))
        size += sum(len(form.cleaned_data.get("text", "")) for form in self.kept_forms())
        if size > MAX_ARTICLE_CHARS:
            raise forms.ValidationError(
                _(
                    "这篇稿件的正文和编者按共 %(size)d 字，超过版面能容纳的 %(limit)d 字："
                    "请删去一些，或拆成几篇稿件。"
                ),
                code="too_long",
                params={"size": size, "limit": MAX_ARTICLE_CHARS},
            )

    def save(self, commit=True):
        saved = super().save(commit)
        if commit:
            self._merge_marked()
        return saved

    def _merge_marked(self):
        """Join each block marked "merge with next" with the block that follows it."""
        marked = {
            form.instance.pk
            for form in self.forms
            if form.instance.pk and form.cleaned_data.get("merge_with_next")
        }
        if not marked:
            return
        blocks = list(Block.objects.filter(article=self.instance).order_by("order"))
        keep = None
        for block in blocks:
            chained = block.pk in marked
            if keep is not None:
                keep.text = keep.text.rstrip() + block.text.lstrip()
                keep.save(update_fields=["text"])
                block.delete()
                if not chained:
                    keep = None
            elif chained:
                keep = block
