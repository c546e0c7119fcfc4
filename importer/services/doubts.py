"""The parser's doubts as rows editors check: written with the articles of an import, cleared when
an editor changes the fields a doubt concerns (fixed) or says the article is right as it is
(accepted), and, while any is open, an edition goes out only once a desk chief has confirmed it."""

from __future__ import annotations

import hashlib
import json

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import signals as article_signals
from articles.models import Article
from importer.core.draft import ArticleDraft, DoubtKind
from importer.core.jsonio import article_to_json
from importer.models import ArticleDoubt, DoubtConfirmation

from .export import article_draft, articles_for_export

TITLE = ("kicker", "headline", "subheadline", "column")
CONTENT = (*TITLE, "dateline", "bylines", "editor_note", "body", "photos")
CONTINUATION = ("continued_to", "continued_from")
# The article's fields (as the edition JSON names them) each kind of doubt is about: once an editor
# changes one of them, the doubt is fixed.
CONCERNS = {
    DoubtKind.TITLE_SPLIT: TITLE,
    DoubtKind.NO_TITLE: TITLE,
    DoubtKind.BOUNDARY: CONTENT,
    DoubtKind.UNPLACED: CONTENT,
    DoubtKind.BYLINE: ("bylines",),
    DoubtKind.EDITOR_NOTE: ("editor_note", "body"),
    DoubtKind.CONTINUATION_MISSING: CONTINUATION,
    DoubtKind.CONTINUATION_NOT_FOUND: CONTINUATION,
    DoubtKind.CONTINUATION_GUESSED: CONTINUATION,
    DoubtKind.TOO_LONG: ("body",),
    DoubtKind.MARKUP: (*TITLE, "body"),
}


def snapshot(kind: str, draft: ArticleDraft) -> str:
    """A digest of the fields of `draft` that a doubt of `kind` concerns."""
    data = article_to_json(draft)
    concerned = {name: data[name] for name in CONCERNS.get(kind, CONTENT)}
    encoded = json.dumps(concerned, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def write_doubts(plans) -> int:
    """The doubts of the articles an import wrote (added or changed: `plans` are the import's
    `ArticlePlan`s carried out), in place of what those articles had. Articles the import left
    alone keep theirs, checked or not. Two queries."""
    ids = [plan.article_id for plan in plans]
    if not ids:
        return 0
    ArticleDoubt.objects.filter(article_id__in=ids).delete()
    rows = [
        ArticleDoubt(
            article_id=plan.article_id,
            kind=doubt.kind,
            message=doubt.message,
            lines=list(doubt.lines),
            snapshot=snapshot(doubt.kind, plan.draft),
        )
        for plan in plans
        for doubt in plan.draft.doubts
    ]
    ArticleDoubt.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def clear_fixed(article: Article, *, user) -> int:
    """Clear the open doubts of `article` whose fields an editor has changed; how many."""
    doubts = list(ArticleDoubt.objects.open().filter(article=article))
    if not doubts:
        return 0
    draft = article_draft(articles_for_export().get(pk=article.pk))
    fixed = [doubt.pk for doubt in doubts if snapshot(doubt.kind, draft) != doubt.snapshot]
    return _clear(ArticleDoubt.objects.filter(pk__in=fixed), user, ArticleDoubt.Clearing.FIXED)


# The doubts an editor's one-step fix settles (articles.signals): saying what an article is settles
# whether it needed a title and what its unplaced text is; putting it on its page places that text;
# linking or unlinking parts settles every doubt about the continuation, of each part.
SETTLED = {
    article_signals.KIND: (DoubtKind.NO_TITLE, DoubtKind.UNPLACED),
    article_signals.PAGE: (DoubtKind.UNPLACED,),
    article_signals.CONTINUATION: (
        DoubtKind.CONTINUATION_MISSING,
        DoubtKind.CONTINUATION_NOT_FOUND,
        DoubtKind.CONTINUATION_GUESSED,
    ),
}


def clear_settled(sender, *, articles, fix, user, **kwargs) -> int:
    """The receiver of articles.signals.fixed: clear, as fixed, the open doubts of `articles` that
    the fix settles; how many."""
    if not articles:
        return 0
    doubts = ArticleDoubt.objects.open().filter(article__in=articles, kind__in=SETTLED[fix])
    return _clear(doubts, user, ArticleDoubt.Clearing.FIXED)


def accept(doubts, *, user) -> int:
    """An editor has checked these doubts (a queryset) and the articles stand as they are."""
    return _clear(doubts.open(), user, ArticleDoubt.Clearing.ACCEPTED)


def _clear(doubts, user, how) -> int:
    return doubts.update(cleared_at=timezone.now(), cleared_by=user, cleared_how=how)


def _open_count(path: str):
    """The number of open doubts of the row a queryset lists, `path` leading from a doubt to it:
    a subquery, so the list's other counts are not multiplied by a join."""
    doubts = (
        ArticleDoubt.objects.open()
        .filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(doubts, output_field=IntegerField()), 0)


def with_open_doubts(queryset, path: str):
    """`queryset` (editions, pages or articles) with `open_doubts` counted on each row."""
    return queryset.annotate(open_doubts=_open_count(path))


EDITION = "article__page__edition"
PAGE = "article__page"
ARTICLE = "article"


def unconfirmed(edition) -> int:
    """How many of the edition's open doubts no desk chief has confirmed."""
    doubts = ArticleDoubt.objects.open().filter(article__page__edition=edition)
    confirmation = DoubtConfirmation.objects.filter(edition=edition).first()
    if confirmation is not None:
        doubts = doubts.filter(created__gt=confirmation.confirmed_at)
    return doubts.count()


def confirm(editions, *, user) -> int:
    """A desk chief's word that `editions` may go out with the doubts open now; how many
    editions had any. A doubt an import records later needs a new confirmation."""
    now = timezone.now()
    counted = with_open_doubts(editions, EDITION)
    for edition in counted:
        DoubtConfirmation.objects.update_or_create(
            edition=edition,
            defaults={"confirmed_at": now, "confirmed_by": user, "open_doubts": edition.open_doubts},
        )
    return sum(1 for edition in counted if edition.open_doubts)


def publication_problem(edition) -> str:
    """The publication check (registered by the importer's AppConfig): open doubts that no desk
    chief has confirmed keep an edition from readers."""
    count = unconfirmed(edition)
    if not count:
        return ""
    return _("有 %(count)d 个待核对问题，值班主任确认核对后才能发布") % {"count": count}
