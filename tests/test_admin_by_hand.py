"""An editor builds an edition by hand in the admin: edition with pages, then articles on a page,
then an article's bylines, body and photos."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, Block, Byline, Contributor, Photo
from editions.models import Edition, Page, Publication

pytestmark = pytest.mark.django_db


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def png_upload(name="photo.png", size=(640, 480)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def article_post_data(article, **changes):
    """The article change form as the browser would send it back unchanged, plus `changes`."""
    data = {
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "column": article.column,
        "dateline": article.dateline,
        "editor_note": article.editor_note,
        "page": str(article.page_id),
        "position": str(article.position),
        "kind": article.kind,
        "continued_to_label": article.continued_to_label,
        "continued_to_page": article.continued_to_page or "",
        "continued_from_label": article.continued_from_label,
        "continued_from_page": article.continued_from_page or "",
        "next_part": article.next_part_id or "",
        "tags": ", ".join(article.tags.names()),
        "opened_updated": article.updated.isoformat(),
    }
    bylines = list(article.bylines.order_by("order"))
    data.update(management("bylines", len(bylines), len(bylines)))
    for i, byline in enumerate(bylines):
        data.update(
            {
                f"bylines-{i}-id": str(byline.pk),
                f"bylines-{i}-article": str(article.pk),
                f"bylines-{i}-order": str(byline.order),
                f"bylines-{i}-contributor": str(byline.contributor_id),
                f"bylines-{i}-role": byline.role,
                f"bylines-{i}-label": byline.label,
            }
        )
    blocks = list(article.blocks.order_by("order"))
    data.update(management("blocks", len(blocks), len(blocks)))
    for i, block in enumerate(blocks):
        data.update(
            {
                f"blocks-{i}-id": str(block.pk),
                f"blocks-{i}-article": str(article.pk),
                f"blocks-{i}-order": str(block.order),
                f"blocks-{i}-type": block.type,
                f"blocks-{i}-text": block.text,
            }
        )
    photos = list(article.photos.order_by("order"))
    data.update(management("photos", len(photos), len(photos)))
    for i, photo in enumerate(photos):
        data.update(
            {
                f"photos-{i}-id": str(photo.pk),
                f"photos-{i}-article": str(article.pk),
                f"photos-{i}-order": str(photo.order),
                f"photos-{i}-caption": photo.caption,
                f"photos-{i}-credit": photo.credit,
            }
        )
    data.update(management("corrections", 0))
    data.update(changes)
    return data


def test_editor_builds_an_edition_by_hand(staff_client):
    publication = Publication.objects.default()
    data = {
        "publication": str(publication.pk),
        "date": "2023-08-10",
        "number": "9999",
        "status": "draft",
        **management("pages", 2),
        "pages-0-number": "1",
        "pages-0-label": "01",
        "pages-0-name": "要闻",
        "pages-0-editor": "王芳",
        "pages-1-number": "2",
        "pages-1-label": "02",
        "pages-1-name": "综合",
    }
    response = staff_client.post(reverse("admin:editions_edition_add"), data)
    assert response.status_code == 302, response.context["adminform"].errors
    edition = Edition.objects.get(date=datetime.date(2023, 8, 10))
    assert edition.status == Edition.Status.DRAFT
    assert list(edition.pages.values_list("label", "name")) == [("01", "要闻"), ("02", "综合")]

    page = edition.pages.get(label="01")
    data = {
        "edition": str(edition.pk),
        "number": "1",
        "label": "01",
        "name": "要闻",
        "editor": "王芳",
        **management("articles", 2),
        "articles-0-position": "1",
        "articles-0-kind": "news",
        "articles-0-headline": "株洲启动城市更新行动",
        # A second article left without a position goes last.
        "articles-1-kind": "commentary",
        "articles-1-kicker": "——评论",
        "articles-1-headline": "让城市更宜居",
    }
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 302
    assert list(page.articles.values_list("position", "headline")) == [
        (1, "株洲启动城市更新行动"),
        (2, "让城市更宜居"),
    ]

    article = page.articles.get(position=1)
    reporter = Contributor.objects.create(name="温琳", slug="wen-lin")
    data = article_post_data(article, dateline="株洲日报讯")
    data.update(
        {
            **management("bylines", 1),
            "bylines-0-order": "1",
            "bylines-0-contributor": str(reporter.pk),
            "bylines-0-role": "reporter",
            "bylines-0-label": "全媒体记者",
            **management("blocks", 2),
            "blocks-0-order": "1",
            "blocks-0-type": "paragraph",
            "blocks-0-text": "记者从市住建局获悉，……",
            "blocks-1-type": "subhead",
            "blocks-1-text": "建阵地强班子",
            **management("photos", 1),
            "photos-0-order": "1",
            "photos-0-image": png_upload(),
            "photos-0-caption": "航拍城市新貌。",
            "photos-0-credit": "株洲日报全媒体记者/刘平 摄",
        }
    )
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.dateline == "株洲日报讯"
    assert list(Byline.objects.filter(article=article).values_list("contributor__name", "label")) == [
        ("温琳", "全媒体记者")
    ]
    assert list(Block.objects.filter(article=article).values_list("order", "type")) == [
        (1, "paragraph"),
        (2, "subhead"),
    ]
    photo = Photo.objects.get(article=article)
    assert photo.image.name.endswith(".png")
    assert photo.caption == "航拍城市新貌。"


def test_editor_adds_an_article_from_its_page(staff_client):
    edition = Edition.objects.create(
        publication=Publication.objects.default(), date=datetime.date(2023, 8, 11)
    )
    page = Page.objects.create(edition=edition, number=1, label="01")
    url = reverse("admin:articles_article_add") + f"?page={page.pk}"
    response = staff_client.get(url)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.fields["page"].queryset) == [page]
    data = {
        "headline": "新稿件",
        "page": str(page.pk),
        "position": "1",
        "kind": "notice",
        **management("bylines", 0),
        **management("blocks", 1),
        "blocks-0-order": "1",
        "blocks-0-type": "paragraph",
        "blocks-0-text": "公告正文。",
        **management("photos", 0),
        **management("corrections", 0),
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(headline="新稿件")
    assert article.kind == "notice"
    assert article.blocks.get().text == "公告正文。"
