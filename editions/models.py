"""Publications, their daily editions and the printed pages of each edition."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.permissions import is_staff

from .validators import MAX_EDITION_NUMBER, MAX_PAGE_NUMBER, validate_edition_date, validate_url_part


class PublicationQuerySet(models.QuerySet):
    def default(self):
        """The installation's own paper, created on first use."""
        spec = settings.NEWSROOM_DEFAULT_PUBLICATION
        publication, _created = self.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "dateline": spec["dateline"]}
        )
        return publication

    def published(self):
        """Publications with an edition readers may see: one with drafts only is unpublished."""
        return self.filter(Exists(Edition.objects.published().filter(publication=OuterRef("pk"))))


class Publication(models.Model):
    name = models.CharField(_("报名"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=100, unique=True)
    dateline = models.CharField(
        _("电头"), max_length=50, blank=True, help_text=_("本报消息开头的电头，如“株洲日报讯”。")
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("报纸")
        verbose_name_plural = _("报纸")
        # Every address of the paper starts with its slug. Its characters are the SlugField's to
        # check (a value stored before, or past it, still has an address: editions.converters).
        constraints = [models.CheckConstraint(condition=~Q(slug=""), name="publication_slug_not_empty")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("editions:archive", kwargs={"publication": self.slug})


class EditionQuerySet(models.QuerySet):
    def published(self, now=None):
        """Editions readers may see: published, and not scheduled for later. Without `now`, "now"
        is the database's clock at each query, so a queryset built once stays right over time."""
        return self.filter(status=Edition.Status.PUBLISHED, published_at__lte=now or Now())

    def scheduled(self):
        """Editions published from a time still to come: readers see them from then on."""
        return self.filter(status=Edition.Status.PUBLISHED, published_at__gt=Now())

    def withdrawn(self):
        """Drafts that were published (or scheduled) once: taken back (撤回)."""
        return self.filter(status=Edition.Status.DRAFT).filter(was_published())

    def visible_to(self, user):
        """Editors see drafts too (the site shows them with a preview banner)."""
        if is_staff(user):
            return self.all()
        return self.published()

    def for_reading(self, user):
        """Editions `user` may read, with their publication and the dates of the readable editions
        just before and after (上一期 / 下一期; days without one are skipped), in one query."""
        editions = self.visible_to(user)
        others = editions.filter(publication=OuterRef("publication"))
        scheduled = Edition.objects.scheduled().filter(publication=OuterRef("publication"))
        return editions.select_related("publication").annotate(
            # When the paper's next scheduled edition goes live: what a page of this paper shows
            # (the front page, 上一期 / 下一期) may change then, and its cached copy must not outlive it.
            next_go_live=Subquery(scheduled.order_by("published_at").values("published_at")[:1]),
            previous_date=Subquery(
                others.filter(date__lt=OuterRef("date")).order_by("-date").values("date")[:1]
            ),
            next_date=Subquery(others.filter(date__gt=OuterRef("date")).order_by("date").values("date")[:1]),
        )


def was_published():
    """An expression for an edition: its history has a published (or scheduled) version."""
    return Exists(
        Edition.history.filter(id=OuterRef("pk"), status=Edition.Status.PUBLISHED).values("history_id")
    )


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class Edition(models.Model):
    Status = EditionStatus

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="editions", verbose_name=_("报纸")
    )
    date = models.DateField(_("出版日期"), validators=[validate_edition_date])
    number = models.PositiveIntegerField(
        _("期号"), null=True, blank=True, validators=[MaxValueValidator(MAX_EDITION_NUMBER)]
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("发布时间"),
        null=True,
        blank=True,
        help_text=_("已发布的期次从这一时刻起对读者可见；填写将来的时间即定时发布。"),
    )
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = EditionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["-date", "publication"]
        get_latest_by = "date"
        verbose_name = _("期次")
        verbose_name_plural = _("期次")
        # Publishing is the desk chief's call; importing is an editor's daily work.
        permissions = [
            ("publish_edition", _("可以发布、定时发布和撤回期次")),
            ("import_edition", _("可以导入期次")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["publication", "date"], name="edition_unique_publication_date"),
            models.CheckConstraint(
                condition=Q(status=EditionStatus.DRAFT.value)
                | Q(status=EditionStatus.PUBLISHED.value, published_at__isnull=False),
                name="edition_published_has_time",
            ),
            models.CheckConstraint(condition=Q(status__in=EditionStatus.values), name="edition_status_valid"),
        ]
        indexes = [models.Index(fields=["publication", "status", "-date"], name="edition_reading_idx")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse(
            "editions:edition",
            kwargs={"publication": self.publication.slug, "date": self.date.isoformat()},
        )

    @property
    def is_visible(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def publish(self, at=None):
        """Publish now, or at a later time (visibility follows the time, no daemon needed)."""
        self.status = self.Status.PUBLISHED
        self.published_at = at or timezone.now()

    def unpublish(self):
        self.status = self.Status.DRAFT
        self.published_at = None


class Page(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="pages", verbose_name=_("期次")
    )
    number = models.PositiveSmallIntegerField(
        _("顺序"), help_text=_("本期中的第几版，从 1 起。"), validators=[MaxValueValidator(MAX_PAGE_NUMBER)]
    )
    # The label is the last part of the page's address: validated where it is typed or imported.
    # No check constraint: a page stored before (or past the validator) must still be read, and the
    # URL converters give any stored label an address.
    label = models.CharField(
        _("版号"),
        max_length=10,
        help_text=_("印在版面上的版号，如 01、A2。"),
        validators=[validate_url_part],
    )
    name = models.CharField(_("版名"), max_length=50, blank=True)
    editor = models.CharField(_("责任编辑"), max_length=100, blank=True)
    image = models.ImageField(
        _("版面图"),
        upload_to="pages/%Y/%m/%d/",
        max_length=255,
        blank=True,
        help_text=_("版面的图像（由版面 PDF 生成的最大一幅，或单独上传的 JPEG、PNG）。"),
    )
    pdf = models.FileField(_("版面 PDF"), upload_to="pages/pdf/%Y/%m/%d/", max_length=255, blank=True)
    # The page image at web sizes: {"800": name, "1600": name}, names in the default storage.
    renditions = models.JSONField(_("版面图尺寸"), default=dict, blank=True, editable=False)
    width = models.FloatField(_("版面宽"), null=True, blank=True, editable=False, help_text=_("PDF 点。"))
    height = models.FloatField(_("版面高"), null=True, blank=True, editable=False, help_text=_("PDF 点。"))

    sample = models.BooleanField(
        _("排版样张"),
        default=False,
        help_text=_("版面图由排版样张生成，不是印刷的版面：读者页面会注明。"),
    )

    history = HistoricalRecords(excluded_fields=["renditions"])

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("版面")
        verbose_name_plural = _("版面")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="page_unique_number"),
            models.UniqueConstraint(fields=["edition", "label"], name="page_unique_label"),
            models.CheckConstraint(condition=Q(number__gte=1), name="page_number_positive"),
            models.CheckConstraint(condition=~Q(label=""), name="page_label_not_empty"),
            models.CheckConstraint(
                condition=Q(width__isnull=True, height__isnull=True) | Q(width__gt=0, height__gt=0),
                name="page_size_positive",
            ),
        ]

    def __str__(self):
        if self.name:
            return f"{self.label}版：{self.name}"
        return f"{self.label}版"

    def save(self, *args, **kwargs):
        # A page image uploaded by hand replaces the one rendered from the PDF: the renditions
        # of the old one must not stand in for it, nor its being a typeset sample.
        if self.renditions and (self.image.name or "") not in self.renditions.values():
            self.renditions, self.sample = {}, False
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "renditions", "sample"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Asked for again by every article on the page (their addresses start with it):
        # reversed once for the place it names, not on every call.
        place = (self.edition.publication.slug, self.edition.date, self.label)
        if self.__dict__.get("_url_place") != place:
            self._url_place = place
            self._url = reverse(
                "editions:page",
                kwargs={"publication": place[0], "date": place[1].isoformat(), "label": place[2]},
            )
        return self._url

    def rendition_url(self, width: int) -> str:
        """The smallest stored rendition at least `width` pixels wide (else the largest, else the
        image), as a URL."""
        sizes = sorted((int(w), name) for w, name in (self.renditions or {}).items())
        for size, name in sizes:
            if size >= width:
                return default_storage.url(name)
        return default_storage.url(sizes[-1][1]) if sizes else self.image.url

    @property
    def thumbnail_url(self) -> str:
        return self.rendition_url(0)

    @property
    def image_srcset(self) -> str:
        sizes = sorted((int(w), name) for w, name in (self.renditions or {}).items())
        return ", ".join(f"{default_storage.url(name)} {w}w" for w, name in sizes)

    @property
    def size(self) -> tuple[float, float] | None:
        """[width, height] in PDF points, when the page came from a PDF."""
        return (self.width, self.height) if self.width and self.height else None
