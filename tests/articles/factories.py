"""Small builders for tests that need stored editions without going through the importer."""

import datetime

from django.utils import timezone

from articles.models import Article, Block, Byline, Contributor
from editions.models import Edition, Page, Publication


def publication(slug="zhuzhou-daily", name="株洲日报"):
    pub, _ = Publication.objects.get_or_create(slug=slug, defaults={"name": name, "dateline": "株洲日报讯"})
    return pub


def edition(date=datetime.date(2023, 8, 9), pages=2, articles_per_page=3, published=True, pub=None):
    """An edition with `pages` pages of `articles_per_page` articles, each with a byline and two
    paragraphs."""
    pub = pub or publication()
    ed = Edition.objects.create(publication=pub, date=date)
    if published:
        ed.publish(at=timezone.now() - datetime.timedelta(minutes=1))
        ed.save()
    reporter, _ = Contributor.objects.get_or_create(name="李军", defaults={"slug": "li-jun"})
    for number in range(1, pages + 1):
        page = Page.objects.create(edition=ed, number=number, label=f"{number:02d}", name="要闻")
        for position in range(1, articles_per_page + 1):
            article = Article.objects.create(
                page=page,
                position=position,
                headline=f"第{number}版第{position}条新闻标题",
                dateline="株洲日报讯",
            )
            Block.objects.create(article=article, order=1, text=f"人民群众的第{position}段正文。")
            Block.objects.create(article=article, order=2, text="第二段正文。")
            Byline.objects.create(article=article, contributor=reporter, role="reporter", label="全媒体记者")
    return ed
