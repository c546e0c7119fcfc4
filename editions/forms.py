"""Forms the editors' admin uses for editions: the edition form, scheduling, and the import page."""

from django import forms
from django.contrib.admin import widgets
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.forms import CleanImageMixin
from articles.models import Photo

from .models import Edition, Page

# Photos named in a refusal to publish; the editor fixes them and sees the rest next time.
UNREADY_PHOTOS_SHOWN = 5


def unready_photos(edition):
    """Photos of the edition that cannot be published yet: caption or credit missing."""
    return (
        Photo.objects.filter(article__page__edition=edition)
        .filter(Q(caption="") | Q(credit=""))
        .select_related("article__page")
        .order_by("article__page__number", "article__position", "order")
    )


def publication_problem(edition):
    """Why the edition may not be published, or "" when it may."""
    photos = list(unready_photos(edition)[: UNREADY_PHOTOS_SHOWN + 1])
    if not photos:
        return ""
    named = "；".join(
        f"{photo.article.page.label}版《{photo.article.headline}》" for photo in photos[:UNREADY_PHOTOS_SHOWN]
    )
    more = "等" if len(photos) > UNREADY_PHOTOS_SHOWN else ""
    return str(_("发布前每张图片都要有图片说明和来源署名，缺少的有：")) + named + more


class EditionAdminForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["publication", "date", "number", "status", "published_at"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Edition.Status.PUBLISHED:
            if not cleaned.get("published_at"):
                cleaned["published_at"] = timezone.now()
            if self.instance.pk:
                problem = publication_problem(self.instance)
                if problem:
                    raise forms.ValidationError(problem, code="unready_photos")
        elif cleaned.get("status") == Edition.Status.DRAFT and "status" in self.changed_data:
            cleaned["published_at"] = None
        return cleaned


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=_("发布时间"),
        widget=widgets.AdminSplitDateTime,
        help_text=_("到了这一时刻，期次自动对读者可见，无需有人值守。"),
    )

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if publish_at <= timezone.now():
            raise forms.ValidationError(_("定时发布的时间必须晚于现在；要立即发布请用“立即发布”。"))
        return publish_at


class PageForm(CleanImageMixin, forms.ModelForm):
    """A page; its page image is checked and stripped like a photo."""

    class Meta:
        model = Page
        fields = ["edition", "number", "label", "name", "editor", "image"]
