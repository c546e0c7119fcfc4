"""Text from dumps and editors is data on every page: a page dump and an edition JSON full of markup,
template syntax and script-breaking text go through the real importer (`import_edition`), get
published, and every public view, feed, sitemap, the edition JSON and the admin show them as text.

Each response is parsed (html.parser, or XML for feeds and sitemaps): no element, attribute, URL or
script from the dump may be live, JSON-LD must parse and carry the text exactly, and the text must
still be shown (escaped, not dropped)."""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Contributor
from editions.models import Edition
from tests.importer import helpers as h

SLUG = "zhuzhou-daily"
DUMP_DATE = "2023-08-09"
JSON_DATE = "2023-08-10"

# Every tag planted below carries class="dump" or an on* handler or a javascript: URL, so any of them
# coming out live is caught whatever the site's own markup uses.
DUMP = """2023年8月9日 星期三
第01版：要闻
责任编辑：周文

【<i class="dump">专栏</i>说"'>】

湘赣边最大独立共享储能电站 并网投运

<script>alert("headline")</script>标题</script><script>alert(1)</script>

党建{{ settings.SECRET_KEY }}

——副题"><img src=x onerror=alert('sub')>{% debug %}

编者按

编者按语<iframe class="dump" src="javascript:alert('note')"></iframe>。

株洲日报讯(全媒体记者/李军 通讯员/尹照) 记者获悉<a href="javascript:alert('body')">点我</a>。

名单出炉</script><script>alert("json")</script>。

第二段正文' onmouseover='alert(2)' x='。

<style class="dump">body{display:none}</style>航拍小区<img src=x onerror=alert('cap')>。企业供图
"""

# What the dump must have stored as text somewhere (where exactly is the parser's business).
DUMP_PLANTED = [
    '<script>alert("headline")</script>标题</script><script>alert(1)</script>',
    '<i class="dump">专栏</i>说"\'>',
    "{{ settings.SECRET_KEY }}",
    "<img src=x onerror=alert('sub')>{% debug %}",
    '<iframe class="dump" src="javascript:alert(\'note\')"></iframe>',
    "<a href=\"javascript:alert('body')\">点我</a>",
    '</script><script>alert("json")</script>',
    "' onmouseover='alert(2)' x='",
    "<style class=\"dump\">body{display:none}</style>航拍小区<img src=x onerror=alert('cap')>",
]

HEADLINE = (
    "<script>alert(15)</script>储能电站</script><script>alert(16)</script>\"'>"
    "{{ settings.SECRET_KEY }}{% debug %}\u2028并网\u2029投运"
)
KICKER = '湖南\'"><svg class="dump" onload=alert(14)>引题'
SUBHEADLINE = '副题"><img src=x onerror=alert(17)>'
COLUMN = '<i class="dump" onmouseover=alert(13)>专栏</i>/评论'
CONTRIBUTOR = "<img src=x onerror=alert(18)>李军"
ORGANIZATION = '"\'><b class="dump">报社</b>'
TAGS = ["<script>alert(25)</script>标签", '"><svg onload=alert(26)>', "新闻/评论"]
CAPTION = '<style class="dump">body{display:none}</style>航拍<img src=x onerror=alert(23)>'
NOTE = '编者按<iframe class="dump" src="javascript:alert(19)"></iframe>'
BODY = [
    {"type": "paragraph", "text": '储能正文<a class="dump" href="javascript:alert(20)">点我</a>储能'},
    {"type": "subhead", "text": "</script><script>alert(22)</script>"},
    {"type": "paragraph", "text": "' onmouseover='alert(21)' x='\u2028第三段"},
]


def hostile_document():
    article = {
        "position": 1,
        "kind": "news",
        "kicker": KICKER,
        "headline": HEADLINE,
        "subheadline": SUBHEADLINE,
        "column": COLUMN,
        "dateline": '株洲日报讯<u class="dump">',
        "bylines": [
            {
                "name": CONTRIBUTOR,
                "role": "reporter",
                "label": '记者"><b class="dump">',
                "organization": ORGANIZATION,
            }
        ],
        "editor_note": [NOTE],
        "body": BODY,
        "photos": [{"caption": CAPTION, "credit": "企业<script>alert(24)</script>供图", "image": None}],
        "continued_to": None,
        "continued_from": None,
        "tags": TAGS,
    }
    second = {**article, "position": 2, "headline": "第二篇" + HEADLINE, "bylines": [], "photos": []}
    article["continued_to"] = {"page": 2, "label": "02"}
    rest = {**article, "position": 1, "continued_to": None, "continued_from": {"page": 1, "label": "01"}}
    return {
        "schema": "newsroom.edition/1",
        "publication": {"slug": SLUG, "name": "株洲日报"},
        "date": JSON_DATE,
        "number": None,
        "pages": [
            {
                "number": 1,
                "label": "01",
                "name": '要闻<b class="dump" onclick=alert(11)>版</b>',
                "editor": '周文"><script>alert(12)</script>',
                "articles": [article, second],
            },
            {"number": 2, "label": "02", "name": "", "editor": "", "articles": [rest]},
        ],
    }


@pytest.fixture
def hostile(db, tmp_path):
    cache.clear()
    dump = tmp_path / "01.txt"
    dump.write_text(DUMP, encoding="utf-8")
    call_command(
        "import_edition", str(dump), "--date", DUMP_DATE, "--page", "01", *h.publishing(), stdout=_Null()
    )
    document = tmp_path / "edition.json"
    document.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    call_command("import_edition", str(document), *h.publishing(), stdout=_Null())
    assert Edition.objects.published().count() == 2
    yield
    cache.clear()


class _Null:
    def write(self, text):
        pass

    def flush(self):
        pass


def stored_text(edition_date):
    parts = []
    for article in Article.objects.filter(page__edition__date=edition_date).prefetch_related(
        "blocks", "photos"
    ):
        parts += [article.kicker, article.headline, article.subheadline, article.column, article.editor_note]
        parts += [block.text for block in article.blocks.all()]
        parts += [f"{photo.caption}。{photo.credit}" for photo in article.photos.all()]
    return "\n".join(parts)


class Scan(HTMLParser):
    """Elements, scripts (with their raw content) and the text a reader sees."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self.texts = [], [], []
        self._script = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data):
        (self._script[1] if self._script is not None else self.texts).append(data)

    @property
    def text(self):
        return "".join(self.texts)

    def meta(self):
        """(property or name, content) of every <meta> element."""
        metas = [dict(attrs) for tag, attrs in self.elements if tag == "meta"]
        return [(m.get("property") or m.get("name"), m.get("content")) for m in metas]


def assert_no_live_markup(html, where, admin=False):
    """The admin draws its icons with its own <svg>; the public site has none, nor <style>."""
    forbidden = {"iframe", "object", "embed"} | (set() if admin else {"svg", "style"})
    scan = Scan(html)
    for tag, attrs in scan.elements:
        assert tag not in forbidden, f"{where}: live <{tag}>"
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: live {name} on <{tag}>"
            assert "dump" not in (value or "").split() or name != "class", f"{where}: live <{tag} class=dump>"
            assert not (value or "").strip().lower().startswith("javascript:"), f"{where}: {name}={value!r}"
    static = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    json_ld = []
    for attrs, body in scan.scripts:
        if "src" in attrs:
            own = attrs["src"].startswith(static) or (admin and attrs["src"] == reverse("admin:jsi18n"))
            assert own and not body.strip(), f"{where}: script {attrs}"
            continue
        assert attrs.get("type") in ("application/ld+json", "application/json"), (
            f"{where}: inline script {body[:80]!r}"
        )
        data = json.loads(body)  # a dump's </script> would have cut it short
        if attrs.get("type") == "application/ld+json":
            json_ld.append(data)
    assert settings.SECRET_KEY not in html, f"{where}: template syntax from a dump was rendered"
    return scan, json_ld


def public_urls():
    """Every public view that shows the hostile editions' text."""
    urls = [reverse("editions:front")]
    for date in (DUMP_DATE, JSON_DATE):
        urls += [
            reverse("editions:edition", kwargs={"publication": SLUG, "date": date}),
            reverse("editions:page", kwargs={"publication": SLUG, "date": date, "label": "01"}),
        ]
    for article in Article.objects.filter(page__edition__publication__slug=SLUG):
        urls.append(article.get_absolute_url())
        if article.next_part_id:
            urls.append(article.get_absolute_url() + "whole/")
    assert any(url.endswith("/whole/") for url in urls), "the continued story is linked"
    urls += [reverse("articles:contributor", kwargs={"slug": c.slug}) for c in Contributor.objects.all()]
    urls += [reverse("articles:tag", kwargs={"name": name}) for name in TAGS]
    urls += [reverse("articles:column", kwargs={"name": COLUMN})]
    urls += [
        reverse("articles:search") + "?q=储能",
        reverse("editions:archive", kwargs={"publication": SLUG}),
    ]
    return urls


def test_the_dump_was_stored_as_text(hostile):
    stored = stored_text(DUMP_DATE)
    for planted in DUMP_PLANTED:
        assert planted in stored
    article = Article.objects.get(page__edition__date=JSON_DATE, page__label="01", position=1)
    assert (article.kicker, article.headline, article.column) == (KICKER, HEADLINE, COLUMN)


def test_every_public_page_shows_the_text_and_no_live_markup(client, hostile):
    shown = ""
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        scan, _ = assert_no_live_markup(response.content.decode(), url)
        shown += scan.text
    # The text is shown as text, not swallowed.
    for text in [KICKER, HEADLINE, SUBHEADLINE, COLUMN, CONTRIBUTOR, CAPTION, NOTE, *TAGS]:
        assert text in shown, text
    for block in BODY:
        assert block["text"] in shown
    for planted in DUMP_PLANTED[:3]:
        assert planted in shown


def test_article_meta_and_json_ld_carry_the_text_as_data(client, hostile):
    article = Article.objects.get(page__edition__date=JSON_DATE, page__label="01", position=1)
    response = client.get(article.get_absolute_url())
    scan, json_ld = assert_no_live_markup(response.content.decode(), "article")
    assert len(json_ld) == 1
    data = json_ld[0]
    assert data["headline"] == HEADLINE
    assert data["alternativeHeadline"] == SUBHEADLINE
    assert [a["name"] for a in data["author"]] == [CONTRIBUTOR]
    meta = dict(scan.meta())
    assert meta["og:title"] == HEADLINE and meta["og:description"] == SUBHEADLINE
    assert meta["description"] == SUBHEADLINE
    assert sorted(content for name, content in scan.meta() if name == "article:tag") == sorted(TAGS)
    assert HEADLINE.split("\u2028")[0] in scan.text


def test_search_hit_is_highlighted_without_live_markup(client, hostile):
    response = client.get(reverse("articles:search"), {"q": "储能"})
    scan, _ = assert_no_live_markup(response.content.decode(), "search")
    marks = [t for t, _ in scan.elements if t == "mark"]
    assert marks, "the hit is highlighted"
    assert "点我" in scan.text and '<a class="dump"' in scan.text


def feed_html_fields(root):
    """Texts a feed reader renders as HTML: RSS descriptions and Atom content of type html."""
    atom = "{http://www.w3.org/2005/Atom}"
    fields = [e.text or "" for e in root.iterfind("channel/item/description")]
    fields += [e.text or "" for e in root.iter() if e.tag.startswith(atom) and e.get("type") == "html"]
    return fields


def test_feeds_sitemaps_and_edition_json(client, hostile):
    contributor = Contributor.objects.get(name=CONTRIBUTOR)
    feeds = [
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("articles:contributor_feed_rss", kwargs={"slug": contributor.slug}),
        reverse("articles:contributor_feed_atom", kwargs={"slug": contributor.slug}),
    ]
    seen = ""
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)  # well-formed: the dump's markup is escaped
        seen += "".join(root.itertext())
        for html in feed_html_fields(root):
            # A reader renders these as HTML: the dump's markup must arrive escaped once more.
            assert_no_live_markup(html, url)
    assert HEADLINE in seen
    sitemap = client.get(reverse("articles:sitemap"))
    urls = [reverse("articles:sitemap"), reverse("articles:sitemap_news")]
    urls += [
        e.text.split("://", 1)[1].split("/", 1)[1]
        for e in ET.fromstring(sitemap.content).iter()
        if e.tag.endswith("loc")
    ]
    for url in urls:
        response = client.get(url if url.startswith("/") else "/" + url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)
    news = ET.fromstring(client.get(reverse("articles:sitemap_news")).content)
    assert HEADLINE in "".join(news.itertext())
    response = client.get(reverse("editions:edition_json", kwargs={"publication": SLUG, "date": JSON_DATE}))
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(response.content)
    assert document["pages"][0]["articles"][0]["headline"] == HEADLINE
    assert document["pages"][0]["articles"][0]["tags"] == sorted(TAGS)


def test_admin_shows_the_text_and_no_live_markup(client, hostile, staff_user):
    client.force_login(staff_user)
    article = Article.objects.get(page__edition__date=JSON_DATE, page__label="01", position=1)
    edition = Edition.objects.get(date=JSON_DATE)
    contributor = Contributor.objects.get(name=CONTRIBUTOR)
    urls = [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?q=储能",
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:editions_edition_changelist"),
        reverse("admin:editions_edition_change", args=[edition.pk]),
        reverse("admin:editions_page_changelist"),
        reverse("admin:editions_page_change", args=[article.page_id]),
        reverse("admin:articles_contributor_changelist"),
        reverse("admin:articles_contributor_change", args=[contributor.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_live_markup(response.content.decode(), url, admin=True)
    form = Scan(client.get(urls[2]).content.decode())
    values = {dict(a).get("name"): dict(a).get("value") for t, a in form.elements if t == "input"}
    assert values["kicker"] == KICKER and values["headline"] == HEADLINE
