"""The articles' read paths: what a list, a card and an article's own page read, in a fixed number
of queries. `Article.objects` is an `ArticleQuerySet`."""

import functools

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.db.models.functions import Left

from editions.models import Edition

# A card shows the opening cut to 90 characters (`truncatechars:90`); one more tells the filter
# whether to add its ellipsis.
CARD_OPENING_CHARS = 91

# The two ends of a continued story, and what a link to the other end needs.
CONTINUATION_PARTS = ("next_part", "previous_part")
CONTINUATION_LINK_FIELDS = {
    "pk": "pk",
    "edition": "page__edition_id",
    "label": "page__label",
    "date": "page__edition__date",
    "publication": "page__edition__publication__slug",
}


class ArticleQuerySet(models.QuerySet):
    def continuation_candidates(self, article):
        """The articles `article` may go on in (转版后续): its edition's articles on its other pages
        that no other article goes on in, with their pages and edition (for `Article.place`)."""
        if article.page_id is None:
            return self.none()
        taken = self.model.objects.exclude(pk=article.pk).filter(next_part__isnull=False)
        return (
            self.filter(page__edition__pages=article.page_id)
            .exclude(page_id=article.page_id)
            .exclude(pk__in=taken.values("next_part"))
            .select_related("page__edition")
            .order_by("page__number", "position")
        )

    def visible_to(self, user):
        editions = Edition.objects.visible_to(user)
        return self.filter(page__edition__in=editions.values("pk"))

    def published(self):
        return self.filter(page__edition__in=Edition.objects.published().values("pk"))

    def stories(self):
        """Without advertisements and notices: no feed or news sitemap carries them."""
        return self.exclude(kind__in=self.model.NOT_STORIES)

    def bylined(self, **lookup):
        """The articles with a byline matching `lookup` (`contributor=…`, `contributor__slug=…`): a
        subquery, not a join, so an article with two of a contributor's bylines is one row."""
        return self.filter(pk__in=_model("Byline").objects.filter(**lookup).values("article_id"))

    def with_placement(self):
        return self.select_related("page__edition__publication")

    def with_continuation_links(self):
        """What a 下转 / 上接 link needs of the other part of a continued story (its id, page label,
        edition date and publication) as columns of each article, rather than the other part and
        its page, edition and publication as whole objects: see `Article.next_part_url`."""
        annotations = {}
        for part in CONTINUATION_PARTS:
            for name, path in CONTINUATION_LINK_FIELDS.items():
                annotations[f"{part}_link_{name}"] = models.F(f"{part}__{path}")
        return self.annotate(**annotations)

    def with_optional_part_flags(self):
        """Whether each article has photos, tags and corrections (`has_photos`, `has_tags`,
        `has_corrections`): most articles have none, so `fetch_optional_parts` then fetches each
        only for the articles that have some, instead of a query each that finds nothing."""
        tagged = _model("Article").tags.through.objects.filter(
            object_id=OuterRef("pk"), content_type__app_label="articles", content_type__model="article"
        )
        return self.annotate(
            has_photos=Exists(_model("Photo").objects.filter(article=OuterRef("pk"))),
            has_tags=Exists(tagged),
            has_corrections=Exists(_model("Correction").objects.filter(article=OuterRef("pk"))),
        )

    def without_stored_text(self):
        """Leave out the columns no public page shows (the dump's text, the search text, the
        import fingerprint: several kilobytes an article)."""
        return self.defer(*_model("Article").STORED_TEXT_FIELDS)

    def with_opening(self, chars=None):
        """`opening`: each article's first paragraph, or only its first `chars` characters where
        a list shows no more (a long paragraph then need not cross the wire, nor be cut short in
        the template)."""
        paragraphs = (
            _model("Block")
            .objects.filter(article=OuterRef("pk"), type=_model("Block").Type.PARAGRAPH)
            .order_by("order")
        )
        text = Left("text", chars) if chars else models.F("text")
        return self.annotate(opening=Subquery(paragraphs.annotate(opening=text).values("opening")[:1]))

    def for_listing(self):
        """Everything a list of articles shows, in a fixed number of queries: their place (page,
        edition, publication) and bylines."""
        return self.with_placement().prefetch_related(bylines())

    def for_cards(self, *, placement=True, opening=True):
        """Articles as cards in a list: title lines, bylines, both ends of a continuation and the
        opening cut to what a card shows (`CARD_OPENING_CHARS`), without the stored text. Without
        `placement` where the list is one page's (the caller sets the page); without `opening`
        where the list shows other text (search hits)."""
        cards = self.for_listing() if placement else self.prefetch_related(bylines())
        cards = cards.with_continuation_links().without_stored_text()
        return cards.with_opening(CARD_OPENING_CHARS) if opening else cards

    def for_reading(self):
        """An article with everything its own page shows, and both ends of a continuation (its
        photos, tags and corrections then come from `fetch_optional_parts`). The parts are ordered
        within the article only (the models' orderings start with the article, which would join
        its page, edition and publication in every prefetch just to sort). Neither the page nor
        the edition is joined in: the views found them first and set them on the article."""
        return (
            self.with_continuation_links()
            .with_optional_part_flags()
            .without_stored_text()
            .prefetch_related(
                bylines(), Prefetch("blocks", queryset=_model("Block").objects.order_by("order"))
            )
        )


def bylines():
    """An article's bylines with their contributors, as the list `byline_list`, for
    `prefetch_related`. Ordered within the article only: the model's ordering starts with the
    article, which would join its page, edition and publication just to sort. A plain list: the
    templates read it twice per article, and a related manager is rebuilt on every read."""
    return Prefetch(
        "bylines",
        queryset=_model("Byline").objects.select_related("contributor").order_by("order", "pk"),
        to_attr="byline_list",
    )


@functools.cache
def _optional_parts():
    return (
        (
            "has_photos",
            Prefetch(
                "photos", queryset=_model("Photo").objects.order_by("order", "pk"), to_attr="photo_list"
            ),
        ),
        ("has_tags", Prefetch("tags", to_attr="tag_list")),
        (
            "has_corrections",
            Prefetch(
                "corrections",
                queryset=_model("Correction").objects.order_by("created", "pk"),
                to_attr="correction_list",
            ),
        ),
    )


def fetch_optional_parts(articles):
    """Set `photo_list`, `tag_list` and `correction_list` on articles loaded
    `with_optional_part_flags()`: one query for each kind of part that any of them has, none for
    the others."""
    for flag, prefetch in _optional_parts():
        having = [article for article in articles if getattr(article, flag)]
        for article in articles:
            if not getattr(article, flag):
                setattr(article, prefetch.to_attr, [])
        if having:
            prefetch_related_objects(having, prefetch)


def _model(name):
    # articles.models imports this module: its models are looked up when a query is built.
    return apps.get_model("articles", name)
