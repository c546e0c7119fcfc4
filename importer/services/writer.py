"""Writing an import's plan: pages, then articles (removed, moved aside, changed, added, placed),
then their parts (blocks, bylines, photos, tags) in bulk, a fixed number of queries per edition."""

from __future__ import annotations

import json

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Block, Byline, Photo
from articles.services import contributor_ids
from editions.models import Edition, Page
from importer.core.draft import ArticleDraft

from .media import image_name
from .normalise import MAX_POSITION, PreparedEdition
from .plan import ADDED, CHANGED, MOVED, REMOVED, ArticlePlan, ImportPlan, PageFiles, Stored
from .rows import copy_to_history, insert_rows, record_history_tags

# Rows whose place changes step to temporary places above every real one first, so the unique
# (page, number) and (page, position) constraints hold at every row.
TEMPORARY_OFFSET = MAX_POSITION

# The reason an import's versions give in the articles' history (stored, shown to editors).
IMPORTED = "导入"


class Writer:
    def __init__(self, edition: Edition, stored: Stored, plan: ImportPlan, prepared: PreparedEdition):
        self.edition = edition
        self.stored = stored
        self.plan = plan
        self.prepared = prepared
        self.contributors_new = 0
        self.contributors_reused = 0
        self.now = timezone.now()

    def write(self):
        pages = self._write_pages()
        plans = self.plan.articles
        removed = [a.article_id for a in plans if a.action == REMOVED]
        if removed:
            Article.objects.filter(pk__in=removed).delete()
        contributors = self._contributors([a.draft for a in plans if a.draft is not None])
        self._move_aside([a for a in plans if a.article_id and a.action != REMOVED])
        self._update([a for a in plans if a.action == CHANGED], pages)
        self._add([a for a in plans if a.action == ADDED], pages)
        self._place([a for a in plans if a.article_id and a.action != REMOVED])
        self._write_content([a for a in plans if a.action in (ADDED, CHANGED)], contributors)

    def record_history(self, relinked=()):
        """A version in the history of each article the import wrote, and of its parts, as the
        import left them (continuations linked): the imported state is the first version an
        editor can go back to. Copied table to table in a few statements (no model instance, no
        query per article). `relinked`: articles whose continuation link the import changed."""
        plans = self.plan.articles
        added = [a.article_id for a in plans if a.action == ADDED]
        rewritten = [a.article_id for a in plans if a.action == CHANGED]
        touched = {a.article_id for a in plans if a.action in (CHANGED, MOVED)} | set(relinked)
        history = {"date": self.now, "reason": IMPORTED}
        copy_to_history(Article, "id", added, "+", **history)
        copy_to_history(Article, "id", sorted(touched - set(added)), "~", **history)
        for model in (Block, Byline, Photo):
            copy_to_history(model, "article_id", added + rewritten, "+", **history)
        # The versions hold the tags too (articles.history): those of the drafts written.
        tags = {a.article_id: sorted(a.draft.tags) for a in plans if a.action in (ADDED, CHANGED) and a.draft}
        record_history_tags(Article, tags, date=self.now)

    def _update(self, changed: list[ArticlePlan], pages: dict[str, Page]):
        """Changed articles: their parts go (written again with the new ones), their fields are
        set from their drafts."""
        if not changed:
            return
        ids = [a.article_id for a in changed]
        for model in (Block, Byline, Photo):
            model.objects.filter(article_id__in=ids).delete()
        TaggedItem.objects.filter(content_type=self._content_type(), object_id__in=ids).delete()
        by_id = self.stored.by_id()
        articles = []
        for item in changed:
            article, values = by_id[item.article_id], self._values(item.draft, pages[item.page])
            for name, value in values.items():
                setattr(article, name, value)
            articles.append(article)
        Article.objects.bulk_update(articles, list(values), batch_size=500)

    def _add(self, added: list[ArticlePlan], pages: dict[str, Page]):
        ids = self._create([(a.draft, pages[a.page]) for a in added])
        for item, pk in zip(added, ids, strict=True):
            item.article_id = pk

    def _values(self, draft: ArticleDraft, page: Page) -> dict:
        """A stored article's fields as its draft gives them (all but its id, its next part and
        when it was created), by attribute name."""
        return {
            # By id: assigning the instance would ask the database router for every article.
            "page_id": page.pk,
            "position": draft.position,
            "kind": draft.kind,
            "kicker": draft.kicker,
            "headline": draft.headline,
            "subheadline": draft.subheadline,
            "column": draft.column,
            "dateline": draft.dateline,
            "editor_note": "\n".join(draft.editor_note),
            "continued_to_label": draft.continued_to.label if draft.continued_to else "",
            "continued_to_page": draft.continued_to.page if draft.continued_to else None,
            "continued_from_label": draft.continued_from.label if draft.continued_from else "",
            "continued_from_page": draft.continued_from.page if draft.continued_from else None,
            "source_text": draft.source_text,
            "areas": [[list(point) for point in polygon] for polygon in draft.areas],
            "import_fingerprint": self.prepared.fingerprint(page.label, draft),
            "search_document": self.prepared.document(page.label, draft),
            "updated": self.now,
        }

    def _create(self, drafts: list[tuple[ArticleDraft, Page]]) -> list[int]:
        """Insert new articles; their ids in order. On PostgreSQL the ids are taken from the
        table's sequence and the rows sent by COPY, built straight from the drafts: a model
        instance per article, and Django's conversion of each value, cost more than the rows'
        writing. Elsewhere bulk_create. (Like bulk_create, no save() and no signals.)"""
        if not drafts:
            return []
        if connection.vendor != "postgresql":
            articles = [Article(**self._values(draft, page)) for draft, page in drafts]
            Article.objects.bulk_create(articles, batch_size=500)
            return [article.pk for article in articles]
        rows = [self._values(draft, page) for draft, page in drafts]
        meta = Article._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        for values in rows:
            # COPY sends text: PostgreSQL reads the JSON column from it.
            values["areas"] = json.dumps(values["areas"])
        insert_rows(
            Article,
            ["id", *rows[0], "created"],
            [(pk, *values.values(), self.now) for pk, values in zip(ids, rows, strict=True)],
        )
        return ids

    def _write_pages(self) -> dict[str, Page]:
        pages = dict(self.stored.pages)
        moving = [p for p in self.plan.pages if p.page_id and pages[p.label].number != p.number]
        if moving:
            for item in moving:
                pages[item.label].number = TEMPORARY_OFFSET + item.number
            Page.objects.bulk_update([pages[p.label] for p in moving], ["number"])
        new = [
            Page(
                edition=self.edition,
                number=p.number,
                label=p.label,
                name=p.name,
                editor=p.editor,
                **p.files.values(),
            )
            for p in self.plan.pages
            if p.action == ADDED
        ]
        Page.objects.bulk_create(new)
        pages.update({p.label: p for p in new})
        changed = []
        for item in self.plan.pages:
            page = pages[item.label]
            if item.page_id and (page.number, page.name, page.editor, PageFiles.of(page)) != (
                item.number,
                item.name,
                item.editor,
                item.files,
            ):
                page.number, page.name, page.editor = item.number, item.name, item.editor
                for name, value in item.files.values().items():
                    setattr(page, name, value)
                changed.append(page)
        if changed:
            Page.objects.bulk_update(changed, ["number", "name", "editor", *PageFiles.FIELDS])
        return pages

    def _move_aside(self, plans: list[ArticlePlan]):
        """Stored articles whose position changes step aside first, so no two share a place."""
        by_id = self.stored.by_id()
        moving = [by_id[p.article_id] for p in plans if by_id[p.article_id].position != p.position]
        for offset, article in enumerate(moving, start=1):
            article.position = TEMPORARY_OFFSET + offset
        if moving:
            Article.objects.bulk_update(moving, ["position"], batch_size=500)
        self._moved = {a.pk for a in moving}

    def _place(self, plans: list[ArticlePlan]):
        by_id = self.stored.by_id()
        placed = []
        for plan in plans:
            if plan.article_id in self._moved:
                article = by_id[plan.article_id]
                article.position = plan.position
                placed.append(article)
        if placed:
            Article.objects.bulk_update(placed, ["position"], batch_size=500)

    def _content_type(self):
        return ContentType.objects.get_for_model(Article)

    def _contributors(self, drafts: list[ArticleDraft]) -> dict[tuple[str, str], int]:
        """The id of every byline's contributor, matched by name and organisation."""
        found, self.contributors_new, self.contributors_reused = contributor_ids(
            (b.name, b.organization) for d in drafts for b in d.bylines
        )
        return found

    def _write_content(self, plans: list[ArticlePlan], contributors):
        blocks, byline_rows, photos, tagged = [], [], [], []
        for plan in plans:
            draft, article_id = plan.draft, plan.article_id
            blocks += [(article_id, i, b.type, b.text) for i, b in enumerate(draft.body, start=1)]
            byline_rows += [
                (article_id, contributors[(b.name, b.organization)], b.role, b.label, i)
                for i, b in enumerate(draft.bylines)
            ]
            photos += [
                (article_id, p.caption, p.credit, image_name(p.image), i) for i, p in enumerate(draft.photos)
            ]
            tagged += [(article_id, name) for name in draft.tags]
        insert_rows(Block, ["article", "order", "type", "text"], blocks)
        insert_rows(Byline, ["article", "contributor", "role", "label", "order"], byline_rows)
        insert_rows(Photo, ["article", "caption", "credit", "image", "order"], photos)
        if tagged:
            names = sorted({name for _, name in tagged})
            tags = {t.name: t for t in Tag.objects.filter(name__in=names)}
            for name in names:
                if name not in tags:
                    tags[name], _ = Tag.objects.get_or_create(name=name)
            content_type = self._content_type()
            insert_rows(
                TaggedItem,
                ["tag", "content_type", "object_id"],
                [(tags[name].pk, content_type.pk, i) for i, name in tagged],
            )
