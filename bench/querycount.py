"""Queries per public view on the database of DATABASE_URL, for an anonymous reader with the page
cache off; printed as JSON {view: queries}. Run by `bench/run.py growth` on a one-edition and on a
ten-year database: the counts must be the same (tests/articles/test_views_queries.py asserts them
too).

The views are those of the latest edition's first story, so both databases show the same pages;
the contributor is that story's first, who has bylines across the whole archive in the large one;
the whole story is the latest continued one.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Byline  # noqa: E402


def public_urls():
    articles = Article.objects.published().with_placement()
    first = articles.order_by("-page__edition__date", "page__number", "position").first()
    edition = first.page.edition
    slug, day = edition.publication.slug, edition.date
    contributor = Byline.objects.filter(article=first).select_related("contributor").first()
    continued = articles.filter(next_part__isnull=False).order_by("-page__edition__date", "pk").first()
    urls = {
        "front": "/",
        "edition": edition.get_absolute_url(),
        "page": first.page.get_absolute_url(),
        "article": first.get_absolute_url(),
        "edition json": f"/{slug}/{day.isoformat()}.json",
        "archive": f"/{slug}/archive/?month={day:%Y-%m}",
        "search": "/search/?q=%E4%BA%BA%E6%B0%91",
        "feed atom": "/feeds/latest.atom",
        "sitemap index": "/sitemap.xml",
        "news sitemap": "/sitemap-news.xml",
        "robots": "/robots.txt",
    }
    if continued is not None:
        urls["whole story"] = f"{continued.get_absolute_url()}whole/"
    if contributor is not None:
        urls["contributor"] = contributor.contributor.get_absolute_url()
        urls["contributor feed"] = f"/feeds/contributors/{contributor.contributor.slug}.atom"
    return urls


def main():
    client = Client()
    counts = {}
    for name, url in public_urls().items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        counts[name] = len(queries)
    print(json.dumps(counts, ensure_ascii=False))


if __name__ == "__main__":
    main()
