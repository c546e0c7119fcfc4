"""Sitemaps of the published site: editions, pages and articles (django.contrib.sitemaps). The
news sitemap of the last two days is a view (articles.views.news_sitemap)."""

from django.contrib.sitemaps import Sitemap

from articles.models import Article
from editions.models import Edition, Page


class EditionSitemap(Sitemap):
    changefreq = "never"
    priority = 0.6

    def items(self):
        return Edition.objects.published().select_related("publication").order_by("-date", "pk")

    def lastmod(self, edition):
        return edition.updated


class PageSitemap(Sitemap):
    changefreq = "never"
    priority = 0.5

    def items(self):
        return (
            Page.objects.filter(edition__in=Edition.objects.published().values("pk"))
            .select_related("edition__publication")
            .order_by("-edition__date", "edition_id", "number")
        )

    def lastmod(self, page):
        return page.edition.updated


class ArticleSitemap(Sitemap):
    changefreq = "never"
    priority = 0.7

    def items(self):
        return (
            Article.objects.published()
            .with_placement()
            .order_by("-page__edition__date", "page_id", "position")
        )

    def lastmod(self, article):
        return article.updated


sitemaps = {"editions": EditionSitemap, "pages": PageSitemap, "articles": ArticleSitemap}
