"""An editor builds an edition by hand in the admin: edition with pages, then articles on a page,
then an article's bylines, body and photos."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Article, Block, Byline, Contributor, Photo
from editions.models import Edition, Page, Publication
from tests.articles.admin_helpers import article_post_data, management, png_upload

pytestmark = pytest.mark.django_db


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
