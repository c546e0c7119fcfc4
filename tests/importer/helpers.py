"""Edition drafts and documents for the import, export and command tests."""

import contextlib
import datetime
import json

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
from importer.core.jsonio import edition_from_json, edition_to_json


def snapshot():
    """Everything an import writes, as comparable values."""
    from taggit.models import Tag

    from articles.models import Article, Block, Contributor
    from editions.models import Edition, Publication
    from importer.services import export_edition

    return {
        "publications": list(Publication.objects.values_list("slug", "name").order_by("slug")),
        "editions": [
            edition_to_json(export_edition(e)) | {"status": e.status}
            for e in Edition.objects.select_related("publication").order_by("date")
        ],
        "contributors": list(
            Contributor.objects.values_list("pk", "name", "organization", "slug").order_by("pk")
        ),
        "tags": list(Tag.objects.values_list("name", flat=True).order_by("name")),
        "articles": list(
            Article.objects.values_list("pk", "import_fingerprint", "next_part_id").order_by("pk")
        ),
        "blocks": Block.objects.count(),
    }


PUBLICATION = PublicationDraft(slug="zhuzhou-daily", name="株洲日报")
DATE = datetime.date(2023, 8, 9)


def article(position, headline, **fields):
    fields.setdefault(
        "body", [BlockDraft("paragraph", f"{headline}的第一段。"), BlockDraft("paragraph", "第二段。")]
    )
    fields.setdefault("bylines", [BylineDraft("李军", "reporter", "全媒体记者")])
    return ArticleDraft(position=position, headline=headline, **fields)


def edition(pages=2, articles_per_page=3, date=DATE, continued=True):
    """`pages` pages of `articles_per_page` articles; the first article of page 01 goes on to page 02."""
    result = EditionDraft(publication=PUBLICATION, date=date)
    for number in range(1, pages + 1):
        label = f"{number:02d}"
        page = PageDraft(number=number, label=label, name="要闻" if number == 1 else "综合")
        for position in range(1, articles_per_page + 1):
            page.articles.append(
                article(
                    position,
                    f"第{number}版第{position}条",
                    bylines=[
                        BylineDraft("李军", "reporter", "全媒体记者"),
                        BylineDraft(f"通讯员{number}{position}", "correspondent", "通讯员"),
                    ],
                    photos=[PhotoDraft(caption=f"图{number}-{position}", credit="企业供图")]
                    if position == 2
                    else [],
                    tags=["乡村振兴"] if position == 3 else [],
                )
            )
        result.pages.append(page)
    if continued and pages >= 2:
        first = result.pages[0].articles[0]
        first.headline = "党建赋能治理 共建幸福家园"
        first.continued_to = PageRef("02", 2)
        result.pages[1].articles.append(
            article(
                articles_per_page + 1,
                "党建赋能治理",
                continued_from=PageRef("01", 1),
                body=[BlockDraft("paragraph", "上文接续的段落。")],
            )
        )
    return result


def page_only(draft, label):
    """The same edition with only one of its pages (a page arriving on its own)."""
    page = next(p for p in draft.pages if p.label == label)
    return EditionDraft(publication=draft.publication, date=draft.date, pages=[page])


def truth_document(folder):
    """The edition JSON of a corpus date built from its truth.json (what a perfect parser gives)."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))

    def ref(number):
        return None if number is None else {"page": number, "label": f"{number:02d}"}

    pages = []
    for page in truth["pages"]:
        articles = []
        for position, item in enumerate(page["articles"], start=1):
            articles.append(
                {
                    "position": position,
                    "kind": "news",
                    "kicker": item["kicker"],
                    "headline": item["headline"],
                    "subheadline": item["subheadline"].lstrip("—"),
                    "column": "",
                    "dateline": "",
                    "bylines": [],
                    "editor_note": [],
                    "body": [{"type": "paragraph", "text": text} for text in item["paragraphs"]],
                    "photos": [],
                    "continued_to": ref(item["continued_to"]),
                    "continued_from": ref(item["continued_from"]),
                    "tags": [],
                }
            )
        pages.append(
            {
                "number": page["number"],
                "label": f"{page['number']:02d}",
                "name": "",
                "editor": "",
                "articles": articles,
            }
        )
    return {
        "schema": "newsroom.edition/1",
        "publication": {"slug": PUBLICATION.slug, "name": PUBLICATION.name},
        "date": truth["date"],
        "number": None,
        "pages": pages,
    }


def truth_edition(folder):
    return edition_from_json(truth_document(folder))


DESK_CHIEF = "zhuren"


def desk_chief():
    """The desk chief (值班主任) who confirms an edition's open doubts when it is published with
    its import (import_edition's confirmed_by, the command's --confirm-doubts)."""
    from django.contrib.auth import get_user_model

    from tests.roles import newsroom_group

    user, created = get_user_model().objects.get_or_create(username=DESK_CHIEF, defaults={"is_staff": True})
    if created:
        user.groups.add(newsroom_group("值班主任"))
    return user


def publishing():
    """import_edition's arguments to publish with the import, a desk chief confirming its doubts."""
    return ("--publish", "--confirm-doubts", desk_chief().username)


@contextlib.contextmanager
def published_signals():
    """The pks of the editions `editions.signals.published` is sent for while the block runs."""
    from editions.signals import published

    sent = []

    def hear(sender, edition, **kwargs):
        sent.append(edition.pk)

    published.connect(hear, weak=False)
    try:
        yield sent
    finally:
        published.disconnect(hear)


def without_credit(draft):
    """`draft` with the credit of its first photo taken away (what the admin's 发布 refuses)."""
    photo = next(photo for page in draft.pages for article in page.articles for photo in article.photos)
    photo.credit = ""
    return draft


def published_as_readers_saw(editions=None):
    """Publish stored editions of the real pages (the corpus, its page PDFs), whose photos the
    dumps and PDFs leave without caption or credit, as their readers saw them: test setup only (as
    factories.edition), past the publication checks, which refuse them to the import's --publish
    as to the admin's 发布. Without `editions`, every draft."""
    from django.utils import timezone

    from editions.models import Edition

    for edition in editions if editions is not None else Edition.objects.filter(status=Edition.Status.DRAFT):
        edition.publish(at=timezone.now() - datetime.timedelta(minutes=1))
        edition.save()
