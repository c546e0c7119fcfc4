"""Forgetting cached pages when what they show changes: the page cache's signal receivers.

They sit above the editions and articles apps (they know both apps' models) and are connected by
the page cache's own AppConfig. They only forget cached pages; they never write to the database.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Subquery
from django.db.models.signals import post_delete, post_save, pre_delete
from taggit.models import TaggedItem

from articles.models import Article, Block, Byline, Contributor, Correction, Photo
from editions.models import Edition, Page, Publication
from editions.signals import went_live

from .tokens import SEARCH_SCOPE, SITE_SCOPE, bump_now_and_after_commit, edition_scope, publication_scope


def invalidate_edition(edition, withdrawn=False):
    """Forget every cached page of `edition`, of its publication's front page and archive, and of
    its published neighbours (whose 上一期 / 下一期 links may point at it). `withdrawn`: something
    they showed is gone (the edition unpublished, a part of it deleted), and no copy built before
    may be served while they are rebuilt."""
    slug = Publication.objects.filter(pk=edition.publication_id).values_list("slug", flat=True).first()
    if slug is None:
        return
    published = Edition.objects.published().filter(publication_id=edition.publication_id)
    neighbours = [
        published.filter(date__lt=edition.date).order_by("-date").values_list("date", flat=True).first(),
        published.filter(date__gt=edition.date).order_by("date").values_list("date", flat=True).first(),
    ]
    scopes = [edition_scope(slug, edition.date), publication_scope(slug), SEARCH_SCOPE]
    scopes += [edition_scope(slug, date) for date in neighbours if date is not None]
    bump_now_and_after_commit(scopes, withdrawn)


def invalidate_site(withdrawn=False):
    """Forget every cached page (a contributor's name shows in bylines of every edition)."""
    bump_now_and_after_commit([SITE_SCOPE], withdrawn)


# Cache invalidation on every change to what a reader sees. These receivers only forget cached
# pages; they never write to the database.
#
# Deleting an edition deletes its pages, articles, blocks, bylines, photos and tags, and Django
# sends a signal for every row. Each would look up its edition and invalidate it again: thousands
# of queries for one edition. So `pre_delete`, which Django sends for every row before it deletes
# any (children first), notes which edition each doomed row belongs to (one query per edition),
# and `post_delete` invalidates each edition once per deletion.


class _Deletion:
    """The edition of each page and article being deleted in the current transaction, and the
    editions already invalidated for the deletion."""

    def __init__(self):
        self.editions = {}  # edition id -> Edition
        self.edition_of_page = {}
        self.edition_of_article = {}
        self.invalidated = set()


def _deletion():
    """The deletion state of the current transaction; a fresh one once it has committed or rolled
    back. (The state is tied to a commit callback: Django drops those on rollback.)"""
    if not connection.in_atomic_block:
        return _Deletion()  # Django deletes inside a transaction; nothing to share outside one
    current = getattr(connection, "_newsroom_deletion", None)
    if current is not None and any(entry[1] is current[0] for entry in connection.run_on_commit):
        return current[1]

    def forget():
        if getattr(connection, "_newsroom_deletion", None) is state:
            connection._newsroom_deletion = None

    state = (forget, _Deletion())
    connection._newsroom_deletion = state
    transaction.on_commit(forget)
    return state[1]


def _invalidate_deleted(edition_id):
    """Invalidate, once per deletion, the edition a deleted row belonged to."""
    deletion = _deletion()
    if edition_id is None or edition_id in deletion.invalidated:
        return
    deletion.invalidated.add(edition_id)
    edition = deletion.editions.get(edition_id)
    if edition is None:
        edition = Edition.objects.filter(pk=edition_id).first()
    if edition is not None:
        invalidate_edition(edition, withdrawn=True)


def _edition_going(sender, instance, **kwargs):
    _deletion().editions[instance.pk] = instance


def _page_going(sender, instance, **kwargs):
    _deletion().edition_of_page[instance.pk] = instance.edition_id


def _article_going(sender, instance, **kwargs):
    deletion = _deletion()
    if instance.page_id not in deletion.edition_of_page:
        # Django announces the rows it will delete children first (articles before their pages),
        # so learn every page of the article's edition at once.
        edition = Page.objects.filter(pk=instance.page_id).values("edition_id")
        siblings = (
            Page.objects.filter(edition_id=Subquery(edition)).order_by().values_list("pk", "edition_id")
        )
        deletion.edition_of_page.update(siblings)
    deletion.edition_of_article[instance.pk] = deletion.edition_of_page.get(instance.page_id)


def _edition_deleted(sender, instance, **kwargs):
    _invalidate_deleted(instance.pk)


def _page_deleted(sender, instance, **kwargs):
    _invalidate_deleted(instance.edition_id)


def _article_deleted(sender, instance, **kwargs):
    _invalidate_deleted(_deletion().edition_of_article.get(instance.pk))


def _part_of_article_deleted(article_id):
    deletion = _deletion()
    if article_id in deletion.edition_of_article:
        _invalidate_deleted(deletion.edition_of_article[article_id])
    else:  # the part alone (a paragraph removed in the admin): its article is still there
        _article_changed_by_id(article_id, withdrawn=True)


def _article_part_deleted(sender, instance, **kwargs):
    _part_of_article_deleted(instance.article_id)


def _tagged_article_id(tagged_item):
    """The article a tag assignment belongs to, or None when it tags something else."""
    if tagged_item.content_type_id == ContentType.objects.get_for_model(Article).pk:
        return tagged_item.object_id
    return None


def _tagged_item_deleted(sender, instance, **kwargs):
    article_id = _tagged_article_id(instance)
    if article_id is not None:
        _part_of_article_deleted(article_id)


def _edition_changed(sender, instance, **kwargs):
    # An edition readers cannot see now (unpublished, or rescheduled for later) is withdrawn.
    invalidate_edition(instance, withdrawn=not instance.is_visible)


def _page_changed(sender, instance, **kwargs):
    edition = Edition.objects.filter(pk=instance.edition_id).first()
    if edition is not None:
        invalidate_edition(edition)


def _article_changed_by_id(article_id, withdrawn=False):
    edition = Edition.objects.filter(pages__articles__pk=article_id).first()
    if edition is not None:
        invalidate_edition(edition, withdrawn)


def _article_changed(sender, instance, **kwargs):
    edition = Edition.objects.filter(pages__pk=instance.page_id).first()
    if edition is not None:
        invalidate_edition(edition)


def _article_part_changed(sender, instance, **kwargs):
    _article_changed_by_id(instance.article_id)


def _tagged_item_changed(sender, instance, **kwargs):
    article_id = _tagged_article_id(instance)
    if article_id is not None:
        _article_changed_by_id(article_id)


def _contributor_changed(sender, instance, **kwargs):
    invalidate_site()


def _contributor_deleted(sender, instance, **kwargs):
    invalidate_site(withdrawn=True)


def _went_live(sender, edition, **kwargs):
    invalidate_edition(edition)


def connect():
    post_save.connect(_edition_changed, sender=Edition, dispatch_uid="newsroom_cache_edition")
    post_save.connect(_page_changed, sender=Page, dispatch_uid="newsroom_cache_page")
    post_save.connect(_article_changed, sender=Article, dispatch_uid="newsroom_cache_article")
    post_save.connect(_tagged_item_changed, sender=TaggedItem, dispatch_uid="newsroom_cache_tag")
    post_save.connect(_contributor_changed, sender=Contributor, dispatch_uid="newsroom_cache_contributor")
    post_delete.connect(_contributor_deleted, sender=Contributor, dispatch_uid="newsroom_cache_contributor")

    pre_delete.connect(_edition_going, sender=Edition, dispatch_uid="newsroom_cache_edition_going")
    pre_delete.connect(_page_going, sender=Page, dispatch_uid="newsroom_cache_page_going")
    pre_delete.connect(_article_going, sender=Article, dispatch_uid="newsroom_cache_article_going")
    post_delete.connect(_edition_deleted, sender=Edition, dispatch_uid="newsroom_cache_edition")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="newsroom_cache_page")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="newsroom_cache_article")
    post_delete.connect(_tagged_item_deleted, sender=TaggedItem, dispatch_uid="newsroom_cache_tag")
    went_live.connect(_went_live, dispatch_uid="newsroom_cache_went_live")
    for signal, receiver in ((post_save, _article_part_changed), (post_delete, _article_part_deleted)):
        for model in (Block, Byline, Photo, Correction):
            signal.connect(receiver, sender=model, dispatch_uid=f"newsroom_cache_{model.__name__}")
