"""Articles on a page, the people who write and photograph them, and their photos."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from editions.models import Page
from newsroom import images

from .history import TaggedVersion
from .querysets import ArticleQuerySet


class Contributor(models.Model):
    """A person who writes or photographs for the paper (not a login user). One record for the
    same person across editions: the importer matches bylines by name and organisation."""

    name = models.CharField(_("姓名"), max_length=50)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True, allow_unicode=True)
    organization = models.CharField(
        _("单位"), max_length=100, blank=True, help_text=_("署名中印出的单位，如“人民日报”。")
    )
    bio = models.TextField(_("简介"), blank=True)
    portrait = models.ImageField(_("照片"), upload_to="contributors/", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "organization"]
        verbose_name = _("作者")
        verbose_name_plural = _("作者")
        constraints = [
            models.UniqueConstraint(fields=["name", "organization"], name="contributor_unique_name_org"),
            models.CheckConstraint(condition=~Q(name=""), name="contributor_name_not_empty"),
        ]

    def __str__(self):
        if self.organization:
            return f"{self.name}（{self.organization}）"
        return self.name

    def get_absolute_url(self):
        return reverse("articles:contributor", kwargs={"slug": self.slug})

    @staticmethod
    def slug_base(name, organization=""):
        base = slugify(f"{name} {organization}".strip(), allow_unicode=True)
        return base[:70] or "contributor"


class ArticleKinds(models.TextChoices):
    """The core's `ArticleKind` (tests/articles/test_states.py holds them equal)."""

    NEWS = "news", _("消息")
    COMMENTARY = "commentary", _("评论")
    PHOTO = "photo", _("图片新闻")
    ADVERTISEMENT = "advertisement", _("广告")
    NOTICE = "notice", _("公告")


class Article(models.Model):
    # Kept for the importer and the search index; never shown to readers.
    STORED_TEXT_FIELDS = ("source_text", "search_document", "import_fingerprint")
    # Printed in the paper's columns, but not stories: labelled for readers, kept out of feeds,
    # news sitemaps and NewsArticle JSON-LD, ranked after the stories in search.
    NOT_STORIES = (ArticleKinds.ADVERTISEMENT, ArticleKinds.NOTICE)

    Kind = ArticleKinds

    page = models.ForeignKey(
        "editions.Page", on_delete=models.CASCADE, related_name="articles", verbose_name=_("版面")
    )
    position = models.PositiveSmallIntegerField(_("版内顺序"))
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    kicker = models.CharField(_("引题"), max_length=300, blank=True)
    headline = models.CharField(_("主题"), max_length=300)
    subheadline = models.CharField(_("副题"), max_length=300, blank=True)
    column = models.CharField(_("栏目"), max_length=200, blank=True)
    dateline = models.CharField(_("电头"), max_length=100, blank=True)
    editor_note = models.TextField(_("编者按"), blank=True, help_text=_("每段一行。"))
    continued_to_label = models.CharField(_("下转版号"), max_length=10, blank=True)
    continued_to_page = models.PositiveSmallIntegerField(_("下转版序"), null=True, blank=True)
    continued_from_label = models.CharField(_("上接版号"), max_length=10, blank=True)
    continued_from_page = models.PositiveSmallIntegerField(_("上接版序"), null=True, blank=True)
    next_part = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="previous_part",
        verbose_name=_("转版后续"),
        help_text=_("本稿“下转”到的另一部分。"),
    )
    source_text = models.TextField(_("原始文本"), blank=True)
    import_fingerprint = models.CharField(
        _("导入指纹"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("导入时内容的摘要：与当前内容不同，说明编辑改过这篇稿件。"),
    )
    search_document = models.TextField(_("检索文本"), blank=True, editable=False)
    # Where the article is printed on its page's image: polygons of [x, y] fractions of the page
    # (0–1, origin top left), as edition JSON has them (importer.core.areas checks them).
    areas = models.JSONField(_("版面区域"), default=list, blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("修改时间"), auto_now=True)

    tags = TaggableManager(_("标签"), blank=True)
    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated", "search_document", "source_text"], bases=[TaggedVersion]
    )

    class Meta:
        ordering = ["page", "position"]
        verbose_name = _("稿件")
        verbose_name_plural = _("稿件")
        constraints = [
            models.UniqueConstraint(fields=["page", "position"], name="article_unique_position"),
            models.CheckConstraint(condition=Q(position__gte=1), name="article_position_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=ArticleKinds.values),
                name="article_kind_valid",
            ),
            models.CheckConstraint(condition=~Q(headline=""), name="article_headline_not_empty"),
            models.CheckConstraint(
                condition=Q(next_part__isnull=True) | ~Q(next_part=models.F("pk")),
                name="article_not_own_continuation",
            ),
        ]
        indexes = [models.Index(fields=["column"], name="article_column_idx")]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        # The page's address and the article's number: `articles:article` extends `editions:page`
        # (tests/articles/test_models.py holds the two to the URLconf). A page lists a dozen
        # articles, and reverse() costs more than the rest of a card.
        return f"{self.page.get_absolute_url()}{self.pk}/"

    def clean(self):
        super().clean()
        if self.next_part_id is None or self.page_id is None:
            return
        problem = self.continuation_problem(self.page_id, self.next_part_id)
        if problem:
            raise ValidationError({"next_part": problem})

    @staticmethod
    def continuation_problem(page_id, next_part_id):
        """Why the article on page `page_id` cannot go on (下转) in article `next_part_id`, or "".
        Both parts of a continued story are printed in one edition (a link into another would have
        a published page point readers at a draft, or at another day), on different pages."""
        other = Article.objects.filter(pk=next_part_id).values_list("page_id", "page__edition_id").first()
        edition = Page.objects.filter(pk=page_id).values_list("edition_id", flat=True).first()
        if other is None or other[1] != edition:
            return _("转版后续必须是同一期中的稿件。")
        if other[0] == page_id:
            return _("转版后续必须在另一个版面上。")
        return ""

    @property
    def place(self):
        """Where the article is printed, for pickers and lists: date, page and position."""
        return f"{self.page.edition.date:%Y-%m-%d} {self.page.label}版 第{self.position}篇"

    @property
    def placed_headline(self):
        """The headline after its place: pickers offer several parts of one story, and one headline
        on several days."""
        return f"{self.place}：{self.headline}"

    @cached_property
    def next_part_url(self):
        """The address of the story's next part (下转), or None when it is not stored."""
        return self._part_url("next_part")

    @cached_property
    def previous_part_url(self):
        """The address of the story's previous part (上接), or None when it is not stored."""
        return self._part_url("previous_part")

    def _part_url(self, part):
        """The other part's address; None too for a part in another edition (the two parts of a
        story are printed in one edition, and a link elsewhere could reach a draft)."""
        if not hasattr(self, f"{part}_link_pk"):
            # Not loaded by with_continuation_links(): follow the relation.
            other = getattr(self, part, None)
            if other is None or other.page.edition_id != self.page.edition_id:
                return None
            return other.get_absolute_url()
        pk = getattr(self, f"{part}_link_pk")
        if pk is None or getattr(self, f"{part}_link_edition") != self.page.edition_id:
            return None
        return reverse(
            "articles:article",
            kwargs={
                "publication": getattr(self, f"{part}_link_publication"),
                "date": getattr(self, f"{part}_link_date").isoformat(),
                "label": getattr(self, f"{part}_link_label"),
                "pk": pk,
            },
        )

    @property
    def area_polygons(self) -> list[str]:
        """The article's area as SVG polygon points in page fractions ("x,y x,y …"), numbers only."""
        return [" ".join(f"{float(x):.4f},{float(y):.4f}" for x, y in points) for points in self.areas or []]

    @property
    def is_story(self):
        return self.kind not in self.NOT_STORIES

    @property
    def editor_note_paragraphs(self):
        return [line.strip() for line in self.editor_note.splitlines() if line.strip()]

    @property
    def title(self):
        return " ".join(part for part in (self.kicker, self.headline, self.subheadline) if part)


class BlockTypes(models.TextChoices):
    """The core's `BlockType`."""

    PARAGRAPH = "paragraph", _("段落")
    SUBHEAD = "subhead", _("小标题")


class Block(models.Model):
    """One block of an article's body, in order: a paragraph or a subhead."""

    Type = BlockTypes

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("稿件")
    )
    order = models.PositiveIntegerField(_("顺序"))
    type = models.CharField(_("类型"), max_length=10, choices=Type.choices, default=Type.PARAGRAPH)
    text = models.TextField(_("文字"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "order"]
        verbose_name = _("正文段落")
        verbose_name_plural = _("正文段落")
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="block_unique_order"),
            models.CheckConstraint(condition=Q(type__in=BlockTypes.values), name="block_type_valid"),
        ]

    def __str__(self):
        return self.text[:40]


class BylineRoles(models.TextChoices):
    """The core's `BylineRole`."""

    REPORTER = "reporter", _("记者")
    CORRESPONDENT = "correspondent", _("通讯员")
    INTERN = "intern", _("实习生")
    AUTHOR = "author", _("作者")
    PHOTOGRAPHER = "photographer", _("摄影")
    EDITOR = "editor", _("编辑")


class Byline(models.Model):
    Role = BylineRoles

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines", verbose_name=_("稿件")
    )
    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("作者")
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    label = models.CharField(
        _("署名称谓"), max_length=30, blank=True, help_text=_("印出的称谓，如“全媒体记者”。")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "order"]
        verbose_name = _("署名")
        verbose_name_plural = _("署名")
        constraints = [
            models.UniqueConstraint(fields=["article", "contributor", "role"], name="byline_unique_role"),
            models.CheckConstraint(
                condition=Q(role__in=BylineRoles.values),
                name="byline_role_valid",
            ),
        ]
        indexes = [models.Index(fields=["contributor", "article"], name="byline_contributor_idx")]

    def __str__(self):
        return f"{self.label or self.get_role_display()} {self.contributor_id}"


class Photo(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="photos", verbose_name=_("稿件")
    )
    image = models.ImageField(_("图片"), upload_to="photos/%Y/%m/%d/", blank=True)
    caption = models.TextField(_("图片说明"), blank=True)
    credit = models.CharField(
        _("来源署名"), max_length=100, blank=True, help_text=_("如“企业供图”“新华社记者 张金加摄”。")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    # The image the web renditions were made from: pages know whether a photo has renditions
    # without asking the storage, which on S3 would be a request per photo per page. A database
    # default too: the importer writes photo rows by COPY, without this column.
    renditions_of = models.CharField(
        _("网页版所据原图"), max_length=100, blank=True, editable=False, default="", db_default=""
    )

    history = HistoricalRecords(excluded_fields=["renditions_of"])

    class Meta:
        ordering = ["article", "order"]
        verbose_name = _("图片")
        verbose_name_plural = _("图片")

    def __str__(self):
        return self.caption[:40] or self.credit or f"#{self.pk}"

    def make_renditions(self):
        """Write the image's web renditions (images.py) and note that they are there."""
        images.make_renditions(self.image)
        self.renditions_of = self.image.name
        # Not an editor's change: no history entry, but cached pages are forgotten (post_save).
        self.skip_history_when_saving = True
        try:
            self.save(update_fields=["renditions_of"])
        finally:
            del self.skip_history_when_saving

    @property
    def has_renditions(self):
        """Renditions were made from the image it has now (not one replaced or cleared since)."""
        return bool(self.image) and self.renditions_of == self.image.name

    @property
    def srcset(self):
        """The web renditions for `<img srcset>` ("" when the image has none), see images.py."""
        return images.srcset(self.image) if self.has_renditions else ""

    def rendition_url(self, width):
        return images.rendition_url(self.image, width) if self.has_renditions else None

    @property
    def rendition_url_1200(self):
        """The large rendition, the `src` of a photo for browsers without srcset."""
        return self.rendition_url(1200)


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("更正")
    CLARIFICATION = "clarification", _("说明")


class Correction(models.Model):
    """A dated correction or clarification, shown to readers at the top of the article."""

    Kind = CorrectionKind

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("稿件")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("内容"))
    created = models.DateTimeField(_("时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "created"]
        verbose_name = _("更正")
        verbose_name_plural = _("更正")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid")
        ]

    def __str__(self):
        return self.text[:40]


# Editors' changes to published articles, held for a desk chief (a module of their own).
from .revisions import Revision, RevisionStatus  # noqa: E402, F401
