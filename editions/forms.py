"""Forms the editors' admin uses for editions: a publication, the edition form, scheduling, a page
(their text through the policy for outside text, newsroom.textforms)."""

from django import forms
from django.contrib.admin import widgets
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.images import CleanImageMixin
from newsroom.textforms import OutsideTextMixin

from .models import Edition, Page, Publication
from .services import check_schedule, publication_problem


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


class PublicationForm(OutsideTextMixin, forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["name", "slug", "dateline"]


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=_("发布时间"),
        widget=widgets.AdminSplitDateTime,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The time is read in the site's time zone, whatever the editor's computer says.
        now = timezone.localtime()
        self.fields["publish_at"].help_text = _(
            "按 %(zone)s 时区（UTC%(offset)s）的时间填写。到了这一时刻，期次自动对读者可见，无需有人值守。"
        ) % {
            "zone": timezone.get_current_timezone_name(),
            "offset": now.strftime("%z")[:3] + ":" + now.strftime("%z")[3:],
        }

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        check_schedule(publish_at)
        return publish_at


class PageForm(OutsideTextMixin, CleanImageMixin, forms.ModelForm):
    """A page; its page image is checked and stripped like a photo."""

    label_fields = ("label",)

    class Meta:
        model = Page
        fields = ["edition", "number", "label", "name", "editor", "image"]
