"""Story URLs (the `articles` namespace), and the pages of an edition this app's views show
(`edition_urlpatterns`: the front page, an edition, a page), which newsroom/urls.py puts in the
`editions` namespace. Included before the editions' URLs: the fixed prefixes here (search/,
contributors/, tags/, columns/, feeds/, sitemap, robots.txt) come before the `<publication>/…`
patterns, so those words cannot be publication slugs."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_control

import editions.converters  # noqa: F401  (registers the isodate and text converters)
from articles import feeds, views
from articles.sitemaps import sitemaps

app_name = "articles"

public = cache_control(public=True, max_age=settings.NEWSROOM_PAGE_CACHE_SECONDS)

urlpatterns = [
    path("search/", views.search, name="search"),
    path("contributors/<text:slug>/", views.contributor, name="contributor"),
    path("tags/<textpath:name>/", views.tag, name="tag"),  # a tag may hold "/"
    path("columns/<textpath:name>/", views.column, name="column"),
    path("feeds/latest.rss", public(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feeds/latest.atom", public(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path("feeds/contributors/<text:slug>.rss", public(feeds.ContributorFeed()), name="contributor_feed_rss"),
    path(
        "feeds/contributors/<text:slug>.atom",
        public(feeds.ContributorAtomFeed()),
        name="contributor_feed_atom",
    ),
    path(
        "sitemap.xml",
        public(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml", views.news_sitemap, name="sitemap_news"
    ),  # before the sections: "news" is not one
    path(
        "sitemap-<section>.xml",
        public(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots, name="robots"),
    path("<text:publication>/<isodate:date>/<text:label>/<int:pk>/", views.article, name="article"),
    path(
        "<text:publication>/<isodate:date>/<text:label>/<int:pk>/whole/",
        views.whole_story,
        name="whole_story",
    ),
]

edition_urlpatterns = [
    path("", views.front, name="front"),
    path("<text:publication>/<isodate:date>/", views.edition, name="edition"),
    path("<text:publication>/<isodate:date>/<text:label>/", views.page, name="page"),
]
