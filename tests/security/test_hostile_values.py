"""Values no column holds, no address carries or no encoding writes are refused where they enter,
with one line saying what is wrong: by import_edition (a CommandError, nothing written) and by the
admin's import page (the upload page again with the error, nothing written), never a 500 or a
traceback. Integers are range-checked before they are written: PostgreSQL, binding server-side,
would otherwise wrap 2**40 to 0 (issue 14, items 1, 8 and 9), in the editors' Chinese (issue 18, item 9)."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from editions.models import Edition, Publication
from importer.core.jsonio import edition_to_json
from tests.articles.admin_helpers import management
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:editions_edition_import")


def first_article(document):
    return document["pages"][0]["articles"][0]


def setter(path, value):
    """A change to the edition JSON: `path` is a list of keys, `first_article` a shorthand."""

    def change(document):
        target = document
        for key in path[:-1]:
            target = first_article(target) if key == "article" else target[key]
        target[path[-1]] = value

    return change


HOSTILE = {
    # item 1: what cannot be part of a reader's address
    "label with /": (setter(["pages", 0, "label"], "A/1"), "pages[0].label 'A/1' 含有 '/'"),
    "label ..": (setter(["pages", 0, "label"], ".."), "pages[0].label '..' 含有 '.'"),
    "label with a space": (setter(["pages", 0, "label"], "A 1"), "含有 ' '"),
    "slug with / and ..": (
        setter(["publication", "slug"], "bad slug/../x"),
        "publication.slug 'bad slug/../x' 含有 ' '",
    ),
    "slug in Chinese": (setter(["publication", "slug"], "株洲日报"), "含有 '株'"),
    "continuation to A/1": (
        setter(["article", "continued_to"], {"page": 2, "label": "A/1"}),
        "continued_to.label 'A/1' 含有 '/'",
    ),
    # item 8: what the database refuses
    "150-character slug": (setter(["publication", "slug"], "a" * 150), "网址名（slug） 'aaaa"),
    "300-character publication name": (
        setter(["publication", "name"], "报" * 300),
        "报纸名称有 300 个字，超过上限 100",
    ),
    "11-character label": (setter(["pages", 0, "label"], "A" * 11), "有 11 个字，超过上限 10"),
    "image path with NUL": (
        setter(
            ["article", "photos"], [{"caption": "图", "credit": "摄", "image": "/media/photos/a\x00.jpg"}]
        ),
        "图片路径含有文件名不能用的字符",
    ),
    "150-character image path": (
        setter(
            ["article", "photos"],
            [{"caption": "图", "credit": "摄", "image": "/media/" + "p" * 146 + ".jpg"}],
        ),
        "图片路径有 150 个字符，超过上限 100",
    ),
    "number 10**30": (
        setter(["number"], 10**30),
        "期号 1000000000000000000000000000000 不在 1 到",
    ),
    # item 9: what PostgreSQL would wrap
    "number 2**40": (setter(["number"], 2**40), "期号 1099511627776 不在 1 到 2147483647 之间"),
    "number 2**32+7": (setter(["number"], 2**32 + 7), "期号 4294967303 不在 1 到 2147483647 之间"),
    "page number 2**40": (
        setter(["pages", 0, "number"], 2**40),
        "版序 1099511627776 不在 1 到",
    ),
    "position 2**40": (setter(["article", "position"], 2**40), "顺序 1099511627776 不在 1 到"),
    "150-character tag": (
        setter(["article", "tags"], ["乡村", "签" * 150]),
        "第01版第1条: 标签有 150 个字，超过上限 100",
    ),
    # a date no paper prints, which would take the archive's calendar past its years
    "date 9999-12-31": (setter(["date"], "9999-12-31"), "出版日期 9999-12-31 不在 1900 至 2200 年之间"),
    "date 0001-01-01": (setter(["date"], "0001-01-01"), "出版日期 0001-01-01 不在 1900 至 2200 年之间"),
}
# A lone surrogate in any text field: no encoding writes it (UTF-8 for the database, the fingerprint).
SURROGATE_FIELDS = {
    "headline": ["article", "headline"],
    "kicker": ["article", "kicker"],
    "dateline": ["article", "dateline"],
    "page name": ["pages", 0, "name"],
    "page editor": ["pages", 0, "editor"],
    "page label": ["pages", 0, "label"],
    "publication name": ["publication", "name"],
    "publication slug": ["publication", "slug"],
}
for name, path in SURROGATE_FIELDS.items():
    HOSTILE[f"surrogate in the {name}"] = (setter(path, "株洲\ud800"), "含有孤立的代理码位（U+D800）")
HOSTILE |= {
    "surrogate in a paragraph": (
        setter(["article", "body"], [{"type": "paragraph", "text": "\udfff正文"}]),
        "body[0].text 含有孤立的代理码位（U+DFFF）",
    ),
    "surrogate in a byline": (
        setter(
            ["article", "bylines"],
            [{"name": "李\ud800", "role": "reporter", "label": "", "organization": ""}],
        ),
        "bylines[0].name 含有孤立的代理码位",
    ),
    "surrogate in a tag": (
        setter(["article", "tags"], ["乡村", "振兴\ud800"]),
        "tags[1] 含有孤立的代理码位",
    ),
    "surrogate in the editor's note": (
        setter(["article", "editor_note"], ["\ud800"]),
        "editor_note[0] 含有",
    ),
    "surrogate in a caption": (
        setter(["article", "photos"], [{"caption": "\ud800", "credit": "", "image": None}]),
        "photos[0].caption 含有孤立的代理码位",
    ),
    "surrogate in an image path": (
        setter(["article", "photos"], [{"caption": "图", "credit": "", "image": "/media/\ud800.jpg"}]),
        "photos[0].image 含有孤立的代理码位",
    ),
}


def hostile_document(change):
    document = edition_to_json(h.edition(pages=2))
    change(document)
    # ensure_ascii: a lone surrogate travels as the \ud800 escape, as a hostile file holds it.
    return json.dumps(document, ensure_ascii=True).encode()


@pytest.fixture
def existing():
    from importer.services import import_edition

    import_edition(h.edition(date=datetime.date(2023, 8, 1)))


@pytest.mark.parametrize("case", HOSTILE)
def test_the_command_refuses_in_one_line_and_writes_nothing(existing, tmp_path, case):
    change, match = HOSTILE[case]
    path = tmp_path / "edition.json"
    path.write_bytes(hostile_document(change))
    before = h.snapshot()
    with pytest.raises(CommandError) as raised:
        call_command("import_edition", str(path))
    message = str(raised.value)
    assert "\n" not in message and match in message, message
    message.encode("utf-8")  # printable: no surrogate carried into the message
    assert h.snapshot() == before


@pytest.mark.parametrize("case", HOSTILE)
def test_the_admin_import_shows_the_error_on_the_upload_page(staff_client, existing, case):
    change, match = HOSTILE[case]
    before = h.snapshot()
    upload = SimpleUploadedFile("edition.json", hostile_document(change), content_type="application/json")
    publication = Publication.objects.get()
    response = staff_client.post(
        IMPORT, {"files": [upload], "publication": str(publication.pk), "encoding": ""}
    )
    assert response.status_code == 200
    errors = response.context["upload_errors"]
    assert len(errors) == 1 and match in errors[0], errors
    assert match.split("'")[0] in response.content.decode()
    assert h.snapshot() == before


def test_a_publication_slug_on_the_command_line_that_is_no_slug_is_refused(tmp_path):
    path = tmp_path / "edition.json"
    path.write_bytes(hostile_document(lambda document: None))
    # What a shell passes for bytes that are not UTF-8 (surrogateescape).
    for slug in ("a\udcffb", "bad slug/x"):
        with pytest.raises(CommandError, match="不是报纸的网址名"):
            call_command("import_edition", str(path), "--publication", slug)
    assert not Edition.objects.exists()


def test_numbers_within_their_columns_import(tmp_path):
    path = tmp_path / "edition.json"
    path.write_bytes(hostile_document(setter(["number"], 2**31 - 1)))
    call_command("import_edition", str(path))
    assert Edition.objects.get().number == 2**31 - 1


def edition_post(**changes):
    data = {
        "publication": str(Publication.objects.default().pk),
        "date": "2023-08-10",
        "number": "9999",
        "status": "draft",
        **management("pages", 1),
        "pages-0-number": "1",
        "pages-0-label": "01",
        "pages-0-name": "要闻",
    }
    return data | changes


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pages-0-label": "A/1"}, "label"),
        ({"pages-0-label": "A 1?"}, "label"),
        ({"pages-0-number": str(2**40)}, "number"),
        ({"number": str(2**40)}, "number"),
        ({"number": str(2**32 + 7)}, "number"),
        ({"date": "9999-12-31"}, "date"),
        ({"date": "0001-01-01"}, "date"),
    ],
)
def test_the_admin_forms_refuse_what_no_address_or_column_holds(staff_client, changes, field):
    response = staff_client.post(reverse("admin:editions_edition_add"), edition_post(**changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    inline = response.context["inline_admin_formsets"][0].formset.errors
    assert field in errors or any(field in form_errors for form_errors in inline), (errors, inline)
    assert not Edition.objects.exists()


def test_an_editor_typing_a_label_on_a_page_is_told_what_a_label_may_hold(staff_client):
    edition = Edition.objects.create(
        publication=Publication.objects.default(), date=datetime.date(2023, 8, 9)
    )
    page = edition.pages.create(number=1, label="01")
    data = {
        "edition": str(edition.pk),
        "number": "1",
        "label": "A/1",
        "name": "",
        "editor": "",
        **management("articles", 0),
    }
    response = staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)
    assert response.status_code == 200
    assert "不能用作网址的一部分" in response.content.decode()
    page.refresh_from_db()
    assert page.label == "01"


def test_an_editor_s_text_goes_through_the_same_policy_as_an_import(staff_client):
    """Invisible controls and bidi overrides pasted into the admin are dropped as an import drops
    them; a paragraph longer than a page holds is refused with the reason."""
    from articles.models import Block
    from newsroom.text import MAX_PARAGRAPH_CHARS
    from tests.articles import factories
    from tests.articles.admin_helpers import article_post_data

    edition = factories.edition(pages=1, articles_per_page=1)
    article = edition.pages.get().articles.get()
    block = article.blocks.order_by("order").first()
    data = article_post_data(article, headline="\u202e标题\x07被改")
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = staff_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "标题被改"
    blocks = [k for k in data if k.startswith("blocks-") and k.endswith("-id") and data[k] == str(block.pk)]
    prefix = blocks[0][: -len("id")]
    data = article_post_data(article) | {f"{prefix}text": "长" * (MAX_PARAGRAPH_CHARS + 1)}
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "超过版面能容纳的 20000 字" in response.content.decode()
    assert Block.objects.get(pk=block.pk).text == block.text
