"""A publication's profile: the conventions the parser reads its pages with (importer.core.profile),
stored per publication with every earlier version (`PublicationProfile.history`)."""

from __future__ import annotations

from dataclasses import dataclass

from editions.models import Edition
from importer.core.draft import ArticleDraft, PublicationDraft
from importer.core.errors import EditionImportError, gettext_noop
from importer.core.headlines import SAME_STORY
from importer.core.parser import parse_edition
from importer.core.profile import Profile, ProfileError
from importer.models import PublicationProfile
from newsroom.text import label_key


def profile_for(slug: str) -> Profile:
    """The profile the importer reads `slug`'s pages with: its stored one, else the defaults."""
    row = PublicationProfile.objects.filter(publication__slug=slug).only("data").first()
    if row is None:
        return Profile()
    try:
        return row.profile
    except ProfileError as error:
        raise EditionImportError(
            gettext_noop("the import profile of %(slug)s is not valid (%(error)s): fix it in the admin"),
            slug=slug,
            error=error.args[0],
        ) from None


def same_story(slug: str) -> float:
    """From what headline similarity `slug`'s continued parts are one story, as its parser links
    them (`Limits.same_story`); the default where its stored profile cannot be read (the parse,
    which reads it whole, refuses that profile)."""
    try:
        return profile_for(slug).limits.same_story
    except EditionImportError:
        return SAME_STORY


def save_profile(
    publication, profile: Profile, *, user, note: str = "", scores=None, row=None
) -> PublicationProfile:
    """Store `profile` as the publication's current one; the version before it stays in the
    history (who, when, the note and the scores), from which the admin restores it. `row` is the
    row to write when the caller holds it (the admin's form: a new one, or one given another
    publication); else the publication's own, or a new one."""
    if row is None:
        row = PublicationProfile.objects.filter(publication=publication).first() or PublicationProfile(
            publication=publication
        )
    row.publication = publication
    row.data = profile.to_dict()
    row.note = note
    row.scores = scores if scores is not None else {}
    row.updated_by = user
    row._change_reason = note
    row.save()
    return row


@dataclass
class ArticleChange:
    page: str
    position: int
    before: str  # the article as the stored profile reads it ("" when it was not there)
    after: str  # as the changed profile reads it ("" when it is no longer there)


@dataclass
class ProfilePreview:
    edition: object
    articles: int  # articles the changed profile reads in the edition
    changes: list[ArticleChange]


def _article_line(article: ArticleDraft) -> str:
    title = " / ".join(part for part in (article.kicker, article.headline, article.subheadline) if part)
    bylines = "、".join(f"{b.label}{b.name}" for b in article.bylines)
    parts = [title, article.dateline, bylines, f"{len(article.paragraphs)} 段"]
    return " | ".join(part for part in parts if part)


def preview_profile(publication, before: Profile, after: Profile) -> ProfilePreview | None:
    """What changing the publication's profile from `before` to `after` does to its last edition
    with stored page dumps: each article that reads differently. Parsing an edition takes well
    under a second, so this runs in the admin's request for that one edition; None when the
    publication has no stored dumps."""
    edition = (
        Edition.objects.filter(publication=publication, page_dumps__isnull=False)
        .order_by("-date")
        .distinct()
        .first()
    )
    if edition is None:
        return None
    dumps = sorted(edition.page_dumps.all(), key=lambda dump: label_key(dump.label))
    pages = [(dump.label, dump.text) for dump in dumps]
    draft = PublicationDraft(slug=publication.slug, name=publication.name)
    old, new = (
        parse_edition(pages, publication=draft, date=edition.date, profile=profile)
        for profile in (before, after)
    )
    changes = []
    for old_page, new_page in zip(old.pages, new.pages, strict=True):
        count = max(len(old_page.articles), len(new_page.articles))
        for index in range(count):
            was = _article_line(old_page.articles[index]) if index < len(old_page.articles) else ""
            now = _article_line(new_page.articles[index]) if index < len(new_page.articles) else ""
            if was != now:
                changes.append(ArticleChange(new_page.label, index + 1, was, now))
    return ProfilePreview(edition, sum(len(page.articles) for page in new.pages), changes)
