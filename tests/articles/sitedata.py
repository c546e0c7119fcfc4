"""Editions for the reading-site tests: a continued story across two pages, searchable text."""

import datetime

from django.utils import timezone

from articles.models import Article, Block, Byline, Contributor, Photo
from articles.search import refresh_search_document
from tests.articles import factories

DAY = "/zhuzhou-daily/2023-08-09"


def parts(edition):
    """The two parts of the continued story of `continued_edition`."""
    first = Article.objects.get(page__edition=edition, page__number=1, position=1)
    return first, first.next_part


def text(response):
    return response.content.decode()


def continued_edition(date=datetime.date(2023, 8, 9), pages=2, articles_per_page=3, published=True):
    """A factories edition whose first story on page 01 goes on (下转02版) as the first story of
    page 02 (上接01版), with searchable text, an editor's note, a photo and tags."""
    edition = factories.edition(
        date=date, pages=pages, articles_per_page=articles_per_page, published=published
    )
    first = Article.objects.get(page__edition=edition, page__number=1, position=1)
    second = Article.objects.get(page__edition=edition, page__number=2, position=1)
    first.kicker = "湖南株洲市着力构建城市基层治理新格局"
    first.headline = "党建赋能治理 共建幸福家园"
    first.subheadline = "小区党支部建设整体推进"
    first.column = "聚焦“三微”“六位” 建设幸福株洲"
    first.editor_note = "党的二十大报告提出，坚持大抓基层的鲜明导向。\n湖南株洲市加强城市社区党建工作。"
    first.continued_to_label, first.continued_to_page = "02", 2
    first.next_part = second
    first.save()
    first.tags.add("基层治理", "党建")
    Block.objects.filter(article=first, order=2).update(
        type=Block.Type.SUBHEAD, text="建阵地强班子,让人心聚起来"
    )
    Block.objects.create(article=first, order=3, text="美丽乡村示范村名单出炉，人民群众拍手称快。")
    Photo.objects.create(article=first, caption="航拍淞亿小区。", credit="企业供图", order=1)
    second.headline = "党建赋能治理 共建幸福家园"
    second.continued_from_label, second.continued_from_page = "01", 1
    second.save()
    Block.objects.filter(article=second, order=1).update(text="淞亿小区着实打了一场翻身仗。")
    photographer, _ = Contributor.objects.get_or_create(name="刘平", defaults={"slug": "刘平"})
    Byline.objects.create(article=first, contributor=photographer, role="photographer", label="摄", order=2)
    for article in Article.objects.filter(page__edition=edition):
        refresh_search_document(article)
    return edition


def draft_edition(date=datetime.date(2023, 8, 10)):
    return factories.edition(date=date, pages=1, articles_per_page=1, published=False)


def scheduled_edition(date=datetime.date(2023, 8, 11)):
    edition = factories.edition(date=date, pages=1, articles_per_page=1, published=False)
    edition.publish(at=timezone.now() + datetime.timedelta(days=1))
    edition.save()
    return edition
