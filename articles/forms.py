"""Forms the editors' admin uses for articles and their parts (its inlines' formsets: formsets)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from editions.models import Edition, Page
from editions.services import lock_edition
from newsroom.images import CleanImageMixin, cleaned_image
from newsroom.text import MAX_NOTE_PARAGRAPHS, MAX_POSITION, MAX_TAGS
from newsroom.textforms import OutsideTextMixin

from .models import Article, Block, Byline, Contributor, Correction, Photo
from .services import check_room

# Pages offered in the article form when the article has no page yet and none is asked for.
RECENT_EDITIONS = 10


class PositionMixin:
    """For a form with an article's position: no higher than the import takes (the column holds
    to 32,767), so an edited edition exported imports again."""

    def clean_position(self):
        position = self.cleaned_data["position"]
        if position is not None and position > MAX_POSITION:
            raise forms.ValidationError(
                _("版内顺序 %(position)d 超过上限 %(limit)d：请改小一些。"),
                code="position_too_high",
                params={"position": position, "limit": MAX_POSITION},
            )
        return position


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.edition.date:%Y-%m-%d} {obj}"


class PlacedArticleChoiceField(forms.ModelChoiceField):
    """An article offered by date, page and position beside its headline (its queryset selects
    the pages and editions)."""

    def label_from_instance(self, obj):
        return obj.placed_headline


class ArticleAdminForm(PositionMixin, OutsideTextMixin, forms.ModelForm):
    """The article form. It remembers when the article was last saved as the editor opened it, so
    a second editor's save cannot silently overwrite the first one's."""

    opened_updated = forms.CharField(label=_("打开时的保存时间"), widget=forms.HiddenInput, required=False)
    label_fields = ("continued_to_label", "continued_from_label")
    item_limits = {"tags": Tag._meta.get_field("name").max_length}
    item_counts = {"tags": MAX_TAGS}

    class Meta:
        model = Article
        fields = [
            "kicker",
            "headline",
            "subheadline",
            "column",
            "dateline",
            "editor_note",
            "page",
            "position",
            "kind",
            "continued_to_label",
            "continued_to_page",
            "continued_from_label",
            "continued_from_page",
            "next_part",
            "tags",
        ]
        field_classes = {"page": PageChoiceField, "next_part": PlacedArticleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated:  # a deleted article's version has no time
            self.fields["opened_updated"].initial = self.instance.updated.isoformat()
        if "page" in self.fields:
            self.fields["page"].queryset = self._page_choices()
        if "next_part" in self.fields:
            # Only what may be linked: the parts of its edition on its other pages, still free.
            self.fields["next_part"].queryset = Article.objects.continuation_candidates(self.instance)

    def _page_choices(self):
        """Pages of the article's edition (a story moves within its edition); for a new article,
        the edition of the page asked for (?page=) or the latest editions."""
        pages = Page.objects.select_related("edition").order_by("-edition__date", "edition", "number")
        if self.instance.page_id:
            return pages.filter(edition_id=self.instance.page.edition_id)
        hint = self.data.get("page") or self.initial.get("page")
        # ASCII digits within an id's column: str.isdigit takes "²", and 10**30 overflows the query.
        if hint and re.fullmatch(r"[0-9]{1,9}", str(hint)):
            return pages.filter(edition__pages=hint)
        recent = list(Edition.objects.order_by("-date").values_list("pk", flat=True)[:RECENT_EDITIONS])
        return pages.filter(edition_id__in=recent)

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page is not None and page.pk != self.instance.page_id:
            check_room(page, 1)
        return page

    def clean_editor_note(self):
        note = self.cleaned_data["editor_note"]
        paragraphs = sum(1 for line in note.splitlines() if line.strip())
        if paragraphs > MAX_NOTE_PARAGRAPHS:
            # As many as the import takes: an exported edition imports again.
            raise forms.ValidationError(
                _("编者按有 %(count)d 段，超过上限 %(limit)d 段（每段一行）：请删去一些。"),
                params={"count": paragraphs, "limit": MAX_NOTE_PARAGRAPHS},
            )
        return note

    def clean(self):
        cleaned = super().clean()
        opened = self.cleaned_data.get("opened_updated")
        if self.instance.pk and opened:
            # The admin saves in one transaction: holding the edition's lock from this check to
            # the commit means an import of the edition runs wholly before or wholly after it.
            placement = (
                Edition.objects.filter(pages__articles__pk=self.instance.pk)
                .values_list("publication__slug", "date")
                .first()
            )
            if placement is not None:
                lock_edition(*placement)
            current = Article.objects.filter(pk=self.instance.pk).values_list("updated", flat=True).first()
            if current is not None and current.isoformat() != opened:
                raise forms.ValidationError(
                    _(
                        "这篇稿件在你打开之后已被别人修改并保存（%(time)s）。"
                        "为免覆盖对方的修改，本次未保存：请复制你的改动，重新打开稿件后再改。"
                    ),
                    code="stale",
                    params={"time": current.strftime("%Y-%m-%d %H:%M:%S")},
                )
        return cleaned


class BlockInlineForm(OutsideTextMixin, forms.ModelForm):
    paragraph_fields = ("text",)
    merge_with_next = forms.BooleanField(
        label=_("与下段合并"),
        required=False,
        help_text=_("把下一段接在本段之后（修复分栏造成的断段）。"),
    )

    class Meta:
        model = Block
        fields = ["order", "type", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "cols": 80})}


class BylineForm(OutsideTextMixin, forms.ModelForm):
    """A byline, in its article's form or on its own."""

    class Meta:
        model = Byline
        fields = ["article", "order", "contributor", "role", "label"]


class CorrectionInlineForm(OutsideTextMixin, forms.ModelForm):
    paragraph_fields = ("text",)

    class Meta:
        model = Correction
        fields = ["kind", "text"]


class ArticleInlineForm(PositionMixin, OutsideTextMixin, forms.ModelForm):
    """A page's article in the page admin's list."""

    class Meta:
        model = Article
        fields = ["position", "kind", "kicker", "headline"]


class TagForm(OutsideTextMixin, forms.ModelForm):
    """A tag renamed in its admin: its name is shown on every article carrying it."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]


class ContributorAdminForm(OutsideTextMixin, forms.ModelForm):
    """A contributor; their portrait is checked and stripped like a photo."""

    class Meta:
        model = Contributor
        fields = ["name", "slug", "organization", "bio", "portrait"]

    def clean_portrait(self):
        return cleaned_image(self.cleaned_data.get("portrait"))


class PhotoInlineForm(OutsideTextMixin, CleanImageMixin, forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["order", "image", "caption", "credit"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 2, "cols": 80})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE") or not self.instance.article_id:
            return cleaned
        published = Edition.objects.filter(
            pages__articles=self.instance.article_id, status=Edition.Status.PUBLISHED
        ).exists()
        if published:
            for field in ("caption", "credit"):
                if not (cleaned.get(field) or "").strip():
                    self.add_error(field, _("已发布期次中的图片必须有图片说明和来源署名。"))
        return cleaned


# Where a title line printed on one line breaks into kicker, headline and subheadline: the dash
# a kicker ends with or a subheadline starts with, or a wide space.
TITLE_DASH = "——"
WIDE_SPACE = re.compile(r"(?:\s{2,}|\u3000+)")
# One plain space between Chinese characters or punctuation: a title line's break, in print where
# there is no wider one (a space beside Latin letters or digits is kept: `5G 网络`).
CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》]"
NARROW_SPACE = re.compile(rf"(?<={CJK}) (?={CJK})")


def split_title(line):
    """Propose (kicker, headline, subheadline) for a title line the parser left whole.

    `…新格局—— 党建赋能治理` gives the kicker `…新格局——` and the headline; a second dash starts the
    subheadline (`——写在……之际`). Without a dash, parts separated by a double space are read as
    kicker / headline / subheadline (two parts: kicker and headline); with no double space, a single
    space between Chinese characters does. The editor checks the proposal before saving it."""
    line = line.strip()
    if TITLE_DASH in line.lstrip("—"):
        head, _sep, rest = line.partition(TITLE_DASH)
        if not head.strip():
            return "", line, ""
        headline, sep, subheadline = rest.partition(TITLE_DASH)
        return head.strip() + TITLE_DASH, headline.strip(), (sep + subheadline).strip()
    parts = [part for part in WIDE_SPACE.split(line) if part]
    if len(parts) == 1:
        parts = [part for part in NARROW_SPACE.split(line) if part]
    if len(parts) == 1:
        return "", line, ""
    if len(parts) == 2:
        return parts[0], parts[1], ""
    return parts[0], " ".join(parts[1:-1]), parts[-1]


class SplitTitleForm(OutsideTextMixin, forms.Form):
    kicker = forms.CharField(label=_("引题"), max_length=300, required=False)
    headline = forms.CharField(label=_("主题"), max_length=300)
    subheadline = forms.CharField(label=_("副题"), max_length=300, required=False)

    @classmethod
    def for_article(cls, article):
        """Proposes a split of the headline, keeping a kicker or subheadline already set."""
        kicker, headline, subheadline = split_title(article.headline)
        initial = {
            "kicker": kicker or article.kicker,
            "headline": headline,
            "subheadline": subheadline or article.subheadline,
        }
        return cls(initial=initial)


class MoveToPageForm(forms.Form):
    """A page for the `moving` articles: one of their editions', with room for them."""

    page = PageChoiceField(label=_("移到版面"), queryset=Page.objects.none())

    def __init__(self, *args, moving, **kwargs):
        super().__init__(*args, **kwargs)
        self.moving = moving
        self.fields["page"].queryset = (
            Page.objects.filter(edition__in=moving.values("page__edition"))
            .select_related("edition")
            .order_by("edition", "number")
        )

    def clean_page(self):
        page = self.cleaned_data["page"]
        check_room(page, self.moving.exclude(page=page).count())
        return page


class MergeContributorsForm(forms.Form):
    keep = forms.ModelChoiceField(
        label=_("保留哪一条"),
        queryset=Contributor.objects.none(),
        widget=forms.RadioSelect,
        help_text=_("其余记录的署名都移到这一条上，然后删除其余记录。"),
    )

    def __init__(self, *args, contributors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = contributors
