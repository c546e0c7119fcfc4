"""A stored edition read back as an `EditionDraft` (edition JSON, page dumps, and what a re-import
compares with), in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch

from articles.models import Article
from articles.querysets import bylines
from editions.models import Edition, Page
from importer.core.draft import (
    ArticleDraft,
    BlockDraft,
    BylineDraft,
    EditionDraft,
    PageDraft,
    PageRef,
    PhotoDraft,
    PublicationDraft,
)
from importer.core.dumps import edition_to_dumps

from .media import image_url


def articles_for_export():
    # Into plain lists: a prefetch into the related managers builds a queryset per article and
    # relation, which cost more than the queries themselves (an unchanged re-import reads every
    # stored article back).
    return Article.objects.prefetch_related(
        Prefetch("blocks", to_attr="block_list"),
        bylines(),
        Prefetch("photos", to_attr="photo_list"),
        Prefetch("tags", to_attr="tag_list"),
    )


def article_draft(article: Article) -> ArticleDraft:
    """A stored article, as `_articles_for_export` reads it, as a draft."""

    def ref(label, page):
        return PageRef(label=label, page=page) if label else None

    return ArticleDraft(
        position=article.position,
        kind=article.kind,
        kicker=article.kicker,
        headline=article.headline,
        subheadline=article.subheadline,
        column=article.column,
        dateline=article.dateline,
        bylines=[
            BylineDraft(
                name=b.contributor.name, role=b.role, label=b.label, organization=b.contributor.organization
            )
            for b in article.byline_list
        ],
        editor_note=article.editor_note_paragraphs,
        body=[BlockDraft(type=b.type, text=b.text) for b in article.block_list],
        photos=[
            PhotoDraft(caption=p.caption, credit=p.credit, image=image_url(p.image.name or ""))
            for p in article.photo_list
        ],
        continued_to=ref(article.continued_to_label, article.continued_to_page),
        continued_from=ref(article.continued_from_label, article.continued_from_page),
        tags=sorted(tag.name for tag in article.tag_list),
        areas=article.areas or [],
        source_text=article.source_text,
    )


def export_edition(edition: Edition) -> EditionDraft:
    """The stored edition as a draft, in a fixed number of queries (pages, articles, blocks,
    bylines with contributors, photos, tags)."""
    pages = Page.objects.filter(edition=edition).prefetch_related(
        Prefetch("articles", queryset=articles_for_export().order_by("position"))
    )
    publication = edition.publication
    return EditionDraft(
        publication=PublicationDraft(slug=publication.slug, name=publication.name),
        date=edition.date,
        number=edition.number,
        pages=[
            PageDraft(
                number=page.number,
                label=page.label,
                name=page.name,
                editor=page.editor,
                articles=[article_draft(a) for a in page.articles.all()],
                pdf=image_url(page.pdf.name or ""),
                image=image_url(page.image.name or ""),
                size=page.size,
                renditions={int(w): image_url(name) for w, name in (page.renditions or {}).items()},
                sample=page.sample,
            )
            for page in pages.order_by("number")
        ],
    )


def export_dumps(edition: Edition) -> list[tuple[str, str]]:
    """The stored edition as page dumps in the seed's flat format (label, text), page by page."""
    return edition_to_dumps(export_edition(edition))
