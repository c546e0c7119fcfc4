"""Every bad or hostile input to import_edition, with its exact outcome: an edition with a sensible
structure, or one clear line, a non-zero exit and the database as it was (issues 3 and 7)."""

import datetime
import json
import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from articles.models import Article
from editions.models import Edition
from importer.core import sources
from importer.core.jsonio import MAX_ARTICLES
from newsroom.text import MAX_PAGE_ARTICLES
from tests.conftest import CORPUS, FIXTURES, ROOT
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db

BAD = FIXTURES / "bad"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_edition", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def refused(*args, match):
    """The import is refused with one line naming the problem, and nothing is written. The
    command speaks the admin's language (zh-hans); `match` is the line's English form."""
    before = h.snapshot()
    with pytest.raises(CommandError) as raised:
        run(*args)
    chinese = str(raised.value)
    assert "\n" not in chinese
    assert re.search(r"[\u4e00-\u9fff]", chinese.split(": ")[-1]), chinese
    with translation.override("en"), pytest.raises(CommandError) as raised:
        run(*args)
    message = str(raised.value)
    assert "\n" not in message
    assert match in message, message
    assert h.snapshot() == before
    return message


@pytest.fixture
def existing():
    """An edition already stored, which a refused import must leave exactly as it is."""
    from importer.services import import_edition

    import_edition(h.edition(date=datetime.date(2023, 8, 1)))


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("empty.txt", "empty.txt: empty page dump"),
        ("blank-lines.txt", "blank-lines.txt: empty page dump"),
        ("binary.txt", "binary.txt: binary data, not a page dump"),
        ("png-renamed.txt", "png-renamed.txt: binary data, not a page dump (a PNG image)"),
        ("invalid-utf8-middle.txt", "invalid-utf8-middle.txt: not valid UTF-8 at byte"),
        ("json-missing-keys.json", "pages[0].articles[0] has no 'bylines'"),
        ("json-wrong-types.json", "pages[0].number must be a whole number"),
        ("not-edition.json", "not edition JSON"),
        ("broken.json", "broken.json: not a JSON document"),
    ],
)
def test_unreadable_inputs_are_refused(existing, name, match):
    refused(BAD / name, "--date", "2023-08-09", match=match)


def test_a_date_that_does_not_exist_is_refused(existing):
    refused(BAD / "2023-02-30.txt", match="the name holds an impossible date 2023-02-30")
    refused(BAD / "gbk.txt", "--date", "2023-02-30", match="--date 2023-02-30 is an impossible date")
    refused(BAD / "gbk.txt", "--date", "9 August", match="--date '9 August' is not a date; use YYYY-MM-DD")


def test_a_page_header_that_contradicts_page_is_refused(existing):
    refused(
        BAD / "page-header-08.txt",
        "--page",
        "01",
        "--date",
        "2023-08-09",
        match="its page header says page 08, not --page 01",
    )
    run(BAD / "page-header-08.txt", "--page", "08", "--date", "2023-08-09")
    page = Edition.objects.get(date="2023-08-09").pages.get()
    assert (page.label, page.name) == ("08", "综合")


def test_missing_files_folders_without_dumps_and_doubled_pages(existing, tmp_path):
    refused(tmp_path / "nowhere.txt", match="nowhere.txt: no such file or folder")
    (tmp_path / "notes.md").write_text("not a page", encoding="utf-8")
    refused(tmp_path, "--date", "2023-08-09", match="no page dumps in this folder")
    folder = tmp_path / "2023-08-09"
    folder.mkdir()
    (folder / "01.txt").write_bytes((BAD / "gbk.txt").read_bytes())
    (folder / "page01.txt").write_bytes((BAD / "utf16.txt").read_bytes())
    refused(folder, match="two files for page 01 of 2023-08-09")
    refused(BAD / "gbk.txt", BAD / "utf16.txt", "--date", "2023-08-09", match="which page is this?")
    refused(BAD / "gbk.txt", match="no date for this page; pass --date YYYY-MM-DD")


def test_an_unknown_publication_is_refused(existing):
    refused(
        BAD / "gbk.txt", "--date", "2023-08-09", "--publication", "nowhere-daily", match="unknown publication"
    )


@pytest.mark.parametrize("name", ["gbk.txt", "utf16.txt"])
def test_gbk_and_utf16_pages_are_imported_correctly(name):
    run(BAD / name, "--date", "2023-08-09")
    article = Article.objects.get()
    assert article.headline == "我市2村入选省级美丽乡村示范"
    assert article.subheadline == "分别是茶陵县桃坑乡双元村、攸县酒埠江镇酒仙湖村"
    assert article.dateline == "株洲日报讯"
    assert [b.contributor.name for b in article.bylines.all()] == ["李军", "尹照"]
    assert article.blocks.first().text.startswith("记者从市农业农村局获悉")


def test_markup_in_a_dump_is_stored_as_text():
    run(BAD / "html-script.txt", "--date", "2023-08-09")
    article = Article.objects.get()
    assert article.headline == '<script>alert("头条")</script>我市2村入选省级美丽乡村示范'
    body = " ".join(article.blocks.values_list("text", flat=True))
    assert "<b>示范村</b>" in body and "<img src=x onerror=alert(1)>" in body
    assert "<script>document.cookie</script>" in body


def test_control_characters_and_bidi_marks_are_dropped():
    run(BAD / "control-characters.txt", "--date", "2023-08-09")
    run(BAD / "right-to-left-marks.txt", "--date", "2023-08-10")
    for article in Article.objects.all():
        text = article.headline + "".join(article.blocks.values_list("text", flat=True))
        assert article.headline == "我市2村入选省级美丽乡村示范"
        assert not any(ord(c) < 32 or c in "\u200f\u202e\u2067\u2069" for c in text), text


def test_only_headlines_import_as_one_article_with_title_lines():
    run(BAD / "only-headlines.txt", "--date", "2023-08-09")
    article = Article.objects.get()
    assert article.title == "我市2村入选省级美丽乡村示范 党建赋能治理 共建幸福家园 干到极致"
    assert article.blocks.count() == 0


def test_only_continuation_markers_import_as_articles_to_check():
    """A page that holds nothing but markers is still a page: nothing is refused, and what the
    parser could not place is an article marked to check, titled by the line it printed."""
    run(BAD / "only-markers.txt", "--date", "2023-08-09")
    article = Article.objects.get()
    assert article.headline == "▶▶下转08版"
    assert not article.blocks.exists()


def test_markers_to_pages_that_do_not_exist_are_kept_unlinked():
    run(BAD / "markers-to-missing-pages.txt", "--date", "2023-08-09")
    first = Article.objects.get(position=1)
    assert (first.continued_to_label, first.next_part) == ("999", None)
    assert Article.objects.count() == 2
    assert not Article.objects.exclude(continued_from_label="").exists()


def test_a_line_of_100000_characters_without_a_title_imports_titled_by_its_first_words(tmp_path):
    path = tmp_path / "01.txt"
    path.write_text("据悉，今天天气很好。" * 10_000, encoding="utf-8")
    run(path, "--date", "2023-08-09")
    article = Article.objects.get()
    assert article.headline == "据悉，今天天气很好"
    # No paragraph longer than a page holds (newsroom.text.MAX_PARAGRAPH_CHARS): cut at sentence ends.
    paragraphs = list(article.blocks.values_list("text", flat=True))
    assert [len(p) for p in paragraphs] == [20_000] * 5
    assert "".join(paragraphs) == "据悉，今天天气很好。" * 10_000


def test_a_line_of_one_megabyte_is_more_than_any_page_holds(existing, tmp_path):
    path = tmp_path / "01.txt"
    path.write_text("据悉，今天天气很好。" * 100_000, encoding="utf-8")
    refused(
        path, "--date", "2023-08-09", match="the article is 1000000 characters, more than any printed page"
    )


def test_a_page_dump_over_the_size_cap_is_refused(existing, tmp_path):
    path = tmp_path / "01.txt"
    with path.open("wb") as file:
        file.truncate(sources.MAX_DUMP_BYTES + 1)  # sparse: no 20 MB written to disk
    refused(path, "--date", "2023-08-09", match="01.txt: 20 MB is larger than the 20 MB a file may be")


def test_edition_json_with_more_articles_than_an_edition_holds_is_refused(existing, tmp_path):
    """Each page at its count (MAX_PAGE_ARTICLES), the edition past its own."""
    document = h.truth_document(CORPUS / "2019-10-05")
    one = document["pages"][0]["articles"][0] | {"body": [{"type": "paragraph", "text": "正文。"}]}
    document["pages"] = [
        {
            "number": n,
            "label": f"{n:02d}",
            "name": "",
            "editor": "",
            "articles": [one | {"position": p} for p in range(1, MAX_PAGE_ARTICLES + 1)],
        }
        for n in range(1, MAX_ARTICLES // MAX_PAGE_ARTICLES + 2)
    ]
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    refused(path, match="more than 20000 articles in one edition")


def test_the_command_exits_non_zero_with_one_line_and_no_traceback(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_edition", str(BAD / "png-renamed.txt"), "--date", "2023-08-09"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: {BAD / 'png-renamed.txt'}: 二进制数据，不是版面文本（PNG 图片）"
    ]
    assert "Traceback" not in result.stderr


HOSTILE_FIRST_LINE = (
    '<script>alert("头条")</script><img src=x onerror=alert(1)>这一行不是标题，它太长了，'
    "而且一句话说了很多事情，有逗号也有句号。\n\n株洲日报讯 第二段正文。\n"
)


def test_a_page_whose_first_line_is_hostile_markup_imports_and_shows_escaped(client, tmp_path):
    """Nothing on a page is refused for what it holds: an untitled first line of markup gives
    the article its headline (its first words, marked to check), shown as text on every page."""
    path = tmp_path / "01.txt"
    path.write_text(HOSTILE_FIRST_LINE, encoding="utf-8")
    run(path, "--date", "2023-08-09", *h.publishing())
    article = Article.objects.get()
    assert article.headline == "<script>alert"
    for url in (article.get_absolute_url(), article.page.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(" in html
        assert '<script>alert("头条")' not in html and "<img src=x" not in html
