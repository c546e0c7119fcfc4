"""What the importer keeps beside the edition it writes: each publication's conventions (its
profile, with every earlier version), the page dumps it read, the doubts of its parse (each one an
editor checks and clears) and a desk chief's confirmation that an edition may go out with the
doubts still open, and how well it read each published edition (its score, kept per page and by
kind of correction)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from importer.core.draft import DoubtKind
from importer.core.profile import Profile


class PublicationProfile(models.Model):
    """A publication's `importer.core.profile.Profile` as its JSON (`Profile.to_dict`). Every save
    keeps a version (who, when, the note, the scores) that the admin can restore."""

    publication = models.OneToOneField(
        "editions.Publication",
        on_delete=models.CASCADE,
        related_name="importer_profile",
        verbose_name=_("报纸"),
    )
    data = models.JSONField(
        _("规则"), default=dict, blank=True, help_text=_("导入规则的 JSON；空即默认规则。")
    )
    note = models.CharField(_("修改说明"), max_length=300, blank=True)
    # How well this version read the editions it was checked on (issue 16's tuning writes it).
    scores = models.JSONField(_("得分"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("修改人"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["publication"]
        verbose_name = _("导入规则")
        verbose_name_plural = _("导入规则")

    def __str__(self):
        return str(self.publication)

    def get_absolute_url(self):
        return reverse("admin:importer_publicationprofile_change", args=[self.pk])

    @property
    def profile(self) -> Profile:
        return Profile.from_dict(self.data or {})


class PageDump(models.Model):
    """The text of one page as the importer read it: kept on every import, so a published edition
    can be parsed again and the parse compared with what the editors made of it."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="page_dumps", verbose_name=_("期次")
    )
    label = models.CharField(_("版号"), max_length=10)
    origin = models.CharField(_("来源文件"), max_length=300, blank=True)
    text = models.TextField(_("原始文本"))
    # sha256 of the text: an unchanged dump is not written again.
    fingerprint = models.CharField(_("指纹"), max_length=64)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        ordering = ["edition", "label"]
        verbose_name = _("版面原文")
        verbose_name_plural = _("版面原文")
        constraints = [
            models.UniqueConstraint(fields=["edition", "label"], name="pagedump_unique_label"),
            models.CheckConstraint(condition=~Q(label=""), name="pagedump_label_not_empty"),
        ]

    def __str__(self):
        return f"{self.edition} {self.label}"

    def get_absolute_url(self):
        return reverse("admin:importer_pagedump_change", args=[self.pk])


class DoubtKinds(models.TextChoices):
    """The core's `DoubtKind` (tests/importer/test_models.py holds them equal)."""

    TITLE_SPLIT = DoubtKind.TITLE_SPLIT.value, _("标题层次")
    BOUNDARY = DoubtKind.BOUNDARY.value, _("稿件分界")
    NO_TITLE = DoubtKind.NO_TITLE.value, _("无标题")
    UNPLACED = DoubtKind.UNPLACED.value, _("未归位文字")
    BYLINE = DoubtKind.BYLINE.value, _("署名")
    EDITOR_NOTE = DoubtKind.EDITOR_NOTE.value, _("编者按")
    CONTINUATION_MISSING = DoubtKind.CONTINUATION_MISSING.value, _("转版缺版")
    CONTINUATION_NOT_FOUND = DoubtKind.CONTINUATION_NOT_FOUND.value, _("转版未找到")
    CONTINUATION_GUESSED = DoubtKind.CONTINUATION_GUESSED.value, _("转版按标题连接")
    TOO_LONG = DoubtKind.TOO_LONG.value, _("段落过长已拆分")
    MARKUP = DoubtKind.MARKUP.value, _("含 HTML 标记")
    MISMATCH = DoubtKind.MISMATCH.value, _("PDF 与文本不符")


class DoubtClearing(models.TextChoices):
    FIXED = "fixed", _("已改正")
    ACCEPTED = "accepted", _("已核对")


class ArticleDoubtQuerySet(models.QuerySet):
    def open(self):
        return self.filter(cleared_at__isnull=True)


class ArticleDoubt(models.Model):
    """One thing the parser was unsure of in an article, open until an editor fixes the fields it
    concerns or accepts the article as it is."""

    Kind = DoubtKinds
    Clearing = DoubtClearing

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="doubts", verbose_name=_("稿件")
    )
    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices)
    message = models.TextField(_("说明"))
    lines = models.JSONField(_("原文行"), default=list, blank=True)
    # A digest of the article's fields this doubt concerns when it was recorded: once they differ,
    # an editor has changed them and the doubt is fixed.
    snapshot = models.CharField(_("记录时的内容摘要"), max_length=64, blank=True, editable=False)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    cleared_at = models.DateTimeField(_("核对时间"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("核对人"),
    )
    cleared_how = models.CharField(_("核对结果"), max_length=10, choices=Clearing.choices, blank=True)

    objects = ArticleDoubtQuerySet.as_manager()

    class Meta:
        ordering = ["article", "created", "pk"]
        verbose_name = _("待核对问题")
        verbose_name_plural = _("待核对问题")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DoubtKinds.values), name="articledoubt_kind_valid"),
            models.CheckConstraint(
                condition=Q(cleared_at__isnull=True, cleared_how="")
                | Q(cleared_at__isnull=False, cleared_how__in=DoubtClearing.values),
                name="articledoubt_cleared_how",
            ),
        ]
        indexes = [
            # The lists count each article's, page's and edition's open doubts.
            models.Index(
                fields=["article"], condition=Q(cleared_at__isnull=True), name="articledoubt_open_idx"
            ),
        ]

    def __str__(self):
        return self.message

    def get_absolute_url(self):
        return reverse("admin:articles_article_change", args=[self.article_id])

    @property
    def is_open(self):
        return self.cleared_at is None


class DoubtConfirmation(models.Model):
    """A desk chief's word that an edition may be published with the doubts open at that moment;
    a doubt recorded later (a new import) needs a new confirmation."""

    edition = models.OneToOneField(
        "editions.Edition",
        on_delete=models.CASCADE,
        related_name="doubt_confirmation",
        verbose_name=_("期次"),
    )
    confirmed_at = models.DateTimeField(_("确认时间"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    open_doubts = models.PositiveIntegerField(_("确认时未核对的问题"), default=0)
    # Set when the operator of the command line confirmed (import_edition --operator-confirms).
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["-confirmed_at"]
        verbose_name = _("核对确认")
        verbose_name_plural = _("核对确认")
        permissions = [("confirm_doubts", _("可以确认有待核对问题的期次可以发布"))]

    def __str__(self):
        return f"{self.edition}"

    def get_absolute_url(self):
        return reverse("admin:editions_edition_change", args=[self.edition_id])


class EditionScore(models.Model):
    """How well the importer read a published edition: its stored page dumps parsed again with the
    publication's profile and scored against what the editors published (issue 16). Computed by a
    background job when the edition is published, so that the desk chiefs' page over ten years of
    editions reads rows, never parses."""

    edition = models.OneToOneField(
        "editions.Edition", on_delete=models.CASCADE, related_name="import_score", verbose_name=_("期次")
    )
    publication = models.ForeignKey(
        "editions.Publication", on_delete=models.CASCADE, related_name="+", verbose_name=_("报纸")
    )
    date = models.DateField(_("出版日期"))
    score = models.FloatField(_("得分"))
    passed = models.PositiveIntegerField(_("通过的检查"))
    checks_total = models.PositiveIntegerField(_("检查总数"))
    checks = models.JSONField(_("各项检查"), default=dict, blank=True)
    corrections = models.PositiveIntegerField(_("编辑的修改"), default=0)
    profile_note = models.CharField(_("所用导入规则"), max_length=300, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    class Meta:
        ordering = ["publication", "-date"]
        verbose_name = _("导入得分")
        verbose_name_plural = _("导入得分")
        indexes = [models.Index(fields=["publication", "date"], name="editionscore_chart_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="editionscore_score_range"),
            models.CheckConstraint(
                condition=Q(passed__lte=models.F("checks_total")), name="editionscore_passed"
            ),
        ]
        permissions = [("tune_importer", _("可以调校导入规则"))]

    def __str__(self):
        return f"{self.edition} {self.score:.3f}"

    def get_absolute_url(self):
        return reverse("admin:importer_editionscore_changelist") + f"?publication={self.publication_id}"


class PageScore(models.Model):
    """One page of a scored edition: its score, how many doubts the parser had on it and how many
    corrections its editors made (the least sure pages are the desk chiefs' to look at first)."""

    edition_score = models.ForeignKey(
        EditionScore, on_delete=models.CASCADE, related_name="pages", verbose_name=_("导入得分")
    )
    publication = models.ForeignKey(
        "editions.Publication", on_delete=models.CASCADE, related_name="+", verbose_name=_("报纸")
    )
    label = models.CharField(_("版号"), max_length=10)
    score = models.FloatField(_("得分"))
    passed = models.PositiveIntegerField(_("通过的检查"))
    checks_total = models.PositiveIntegerField(_("检查总数"))
    doubts = models.PositiveIntegerField(_("解析疑点"), default=0)
    corrections = models.PositiveIntegerField(_("编辑的修改"), default=0)

    class Meta:
        ordering = ["edition_score", "label"]
        verbose_name = _("版面导入得分")
        verbose_name_plural = _("版面导入得分")
        constraints = [
            models.UniqueConstraint(fields=["edition_score", "label"], name="pagescore_unique_label"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="pagescore_score_range"),
        ]
        indexes = [models.Index(fields=["publication", "-doubts", "score"], name="pagescore_least_sure_idx")]

    def __str__(self):
        return f"{self.edition_score.edition} {self.label}"

    def get_absolute_url(self):
        return self.edition_score.get_absolute_url()


class CorrectionCount(models.Model):
    """How often the editors made one kind of correction in a scored edition, with an example."""

    edition_score = models.ForeignKey(
        EditionScore, on_delete=models.CASCADE, related_name="kinds", verbose_name=_("导入得分")
    )
    publication = models.ForeignKey(
        "editions.Publication", on_delete=models.CASCADE, related_name="+", verbose_name=_("报纸")
    )
    kind = models.CharField(_("修改类型"), max_length=80)
    count = models.PositiveIntegerField(_("次数"))
    page = models.CharField(_("例子所在版"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(_("例子的版内顺序"), null=True, blank=True)
    example = models.CharField(_("例子"), max_length=200, blank=True)
    link = models.CharField(_("例子链接"), max_length=200, blank=True)

    class Meta:
        ordering = ["edition_score", "-count", "kind"]
        verbose_name = _("修改统计")
        verbose_name_plural = _("修改统计")
        constraints = [
            models.UniqueConstraint(fields=["edition_score", "kind"], name="correctioncount_unique")
        ]
        indexes = [models.Index(fields=["publication", "kind"], name="correctioncount_kind_idx")]

    def __str__(self):
        return f"{self.kind}: {self.count}"

    def get_absolute_url(self):
        return self.link or self.edition_score.get_absolute_url()
