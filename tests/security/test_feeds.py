"""Every feed element a feed reader renders as HTML carries editors' text escaped, every other one
plain; entries carry bounded summaries (issue 14, items 14 and 10)."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.models import Article, Block, Contributor
from tests.articles import factories

pytestmark = pytest.mark.django_db

SUMMARY_CHARS = 200  # articles.feeds.SUMMARY_CHARS

ATOM = "{http://www.w3.org/2005/Atom}"
NAME = '<img src=x onerror=alert("name")>李军'
ORGANIZATION = '"><script>alert("org")</script>报社'
HEADLINE = "<svg onload=alert(1)>标题"
OPENING = '<a href="javascript:alert(2)">点我</a>正文'
TAG = "<b onclick=alert(3)>标签</b>"


class Elements(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


@pytest.fixture
def hostile():
    cache.clear()
    edition = factories.edition(pages=1, articles_per_page=2)
    contributor = Contributor.objects.get(slug="li-jun")
    contributor.name, contributor.organization = NAME, ORGANIZATION
    contributor.save()
    article = Article.objects.filter(page__edition=edition).order_by("position").first()
    article.headline = HEADLINE
    article.save()
    article.tags.add(TAG)
    Block.objects.filter(article=article, order=1).update(text=OPENING)
    yield contributor
    cache.clear()


def feeds(contributor):
    return [
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("articles:contributor_feed_rss", kwargs={"slug": contributor.slug}),
        reverse("articles:contributor_feed_atom", kwargs={"slug": contributor.slug}),
    ]


def html_elements(root):
    """Elements a reader renders as HTML: every RSS <description> (channel and items), and Atom
    text constructs of type html or xhtml."""
    found = list(root.iter("description"))
    return found + [e for e in root.iter() if e.tag.startswith(ATOM) and e.get("type") in ("html", "xhtml")]


def test_no_feed_element_read_as_html_carries_live_markup(client, hostile):
    for url in feeds(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        elements = html_elements(root)
        assert elements, url
        for element in elements:
            shown = Elements(element.text or "")
            assert shown.tags == [], (url, element.tag, element.text)
        text = "".join(root.itertext())
        assert HEADLINE in text  # titles are text: shown as typed


def test_the_contributor_rss_channel_description_is_escaped(client, hostile):
    response = client.get(reverse("articles:contributor_feed_rss", kwargs={"slug": hostile.slug}))
    description = ET.fromstring(response.content).find("channel/description").text
    shown = Elements(description)
    assert shown.tags == []
    assert NAME in shown.text and ORGANIZATION in shown.text  # what the reader sees, as text


def test_the_contributor_atom_subtitle_is_plain_text(client, hostile):
    response = client.get(reverse("articles:contributor_feed_atom", kwargs={"slug": hostile.slug}))
    subtitle = ET.fromstring(response.content).find(f"{ATOM}subtitle")
    assert subtitle.get("type") in (None, "text")
    assert NAME in subtitle.text and ORGANIZATION in subtitle.text


def test_entries_carry_a_bounded_summary_of_a_long_paragraph(client):
    cache.clear()
    edition = factories.edition(pages=1, articles_per_page=1)
    Block.objects.filter(article__page__edition=edition, order=1).update(text="长" * 1_000_000)
    for url in (reverse("articles:feed_rss"), reverse("articles:feed_atom")):
        response = client.get(url)
        assert len(response.content) < 20_000, url
        root = ET.fromstring(response.content)
        summary = root.findtext("channel/item/description") or root.findtext(f"{ATOM}entry/{ATOM}summary")
        assert summary == "长" * SUMMARY_CHARS + "…"
