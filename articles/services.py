"""Editorial writes on articles and contributors, and the articles' part of publishing."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Photo

# Photos named in a refusal to publish; the editor fixes them and sees the rest next time.
UNREADY_PHOTOS_SHOWN = 5


def unready_photos(edition):
    """Photos of the edition that cannot be published yet: caption or credit missing."""
    return (
        Photo.objects.filter(article__page__edition=edition)
        .filter(Q(caption="") | Q(credit=""))
        .select_related("article__page")
        .order_by("article__page__number", "article__position", "order")
    )


def unready_photos_problem(edition):
    """The publication check of the articles (editions.services.register_publication_check):
    every photo of a published edition has its caption and credit."""
    photos = list(unready_photos(edition)[: UNREADY_PHOTOS_SHOWN + 1])
    if not photos:
        return ""
    named = "；".join(
        f"{photo.article.page.label}版《{photo.article.headline}》" for photo in photos[:UNREADY_PHOTOS_SHOWN]
    )
    more = "等" if len(photos) > UNREADY_PHOTOS_SHOWN else ""
    return str(_("发布前每张图片都要有图片说明和来源署名，缺少的有：")) + named + more
