"""The importer's refusals reach editors in Chinese: the pure core's English templates are
translated at the edge (importer/messages.py), with the files they name kept as they are."""

import ast
import datetime
import io
import pickle
import re
import zipfile

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext

from importer.core.areas import check_areas, check_size
from importer.core.errors import EditionImportError, gettext_noop, say
from importer.core.jsonio import edition_from_json, edition_to_json
from importer.core.learn.lessons import read_lessons
from importer.core.pdf import read_pdf_page
from importer.core.profile import Profile, ProfileError
from importer.core.sources import collect_uploads
from importer.core.text import decode_dump
from importer.messages import describe
from importer.services.normalise import normalize_draft
from tests.conftest import ROOT
from tests.importer import helpers as h

CATALOGUE = ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"


def refusal(data: bytes) -> EditionImportError:
    with pytest.raises(EditionImportError) as raised:
        decode_dump(data)
    return raised.value


def test_a_refusal_is_english_in_the_core_and_chinese_for_editors():
    error = refusal(b"\x89PNG\r\n\x1a\n....").at("2023-08-09.zip").at("upload")
    assert str(error) == "upload: 2023-08-09.zip: binary data, not a page dump (a PNG image)"
    assert describe(error) == "upload: 2023-08-09.zip: 二进制数据，不是版面文本（PNG 图片）"
    with translation.override("en"):
        assert describe(error) == str(error)


def test_a_refusal_keeps_its_words_across_processes():
    error = refusal("第一段\n".encode() + b"\x00" * 10).at("01.txt")
    again = pickle.loads(pickle.dumps(error))
    assert describe(again) == "01.txt: 二进制数据，不是版面文本（含空字节）"


# -- every refusal an editor can meet is marked, and the catalogue has its Chinese -----------------

# Where the importer's refusals are raised: its core (the lessons tune_importer reads too), its
# services and edge, and the text policy.
SOURCES = sorted(
    path
    for folder in ("importer", "newsroom")
    for path in (ROOT / folder).rglob("*.py")
    if "migrations" not in path.parts and path.name != "errors.py"
)
REFUSALS = {"EditionImportError", "ProfileError"}
# Django's gettext at the edge: the project's own words, written in Chinese.
EDGE_GETTEXT = {"_", "gettext", "ngettext"}


def _calls(path, names):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in names:
                yield node


def test_every_refusal_of_the_importer_is_words_marked_for_translation():
    """A refusal written as an f-string reaches an editor in English whatever the catalogue holds:
    each is a gettext_noop template with its values apart, or the edge's own Chinese."""
    unmarked = []
    for path in SOURCES:
        for call in _calls(path, REFUSALS):
            first = call.args[0] if call.args else None
            named = getattr(getattr(first, "func", None), "id", None)
            if isinstance(first, ast.BinOp) and isinstance(first.left, ast.Call):
                named = getattr(first.left.func, "id", None)  # _("…%(x)s") % {...}
            if named not in {"gettext_noop", *EDGE_GETTEXT}:
                unmarked.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert unmarked == []


def _templates():
    for path in SOURCES:
        for call in _calls(path, {"gettext_noop"}):
            if call.args and isinstance(call.args[0], ast.Constant):
                yield path, call.args[0].value


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%\(\w+\)\.\d+f")


def test_every_marked_template_has_its_chinese_with_the_same_placeholders():
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(CATALOGUE))}
    problems = []
    for path, template in _templates():
        entry = catalogue.get(template)
        if entry is None or not entry.msgstr:
            problems.append(f"{path.relative_to(ROOT)}: {template!r} has no Chinese in {CATALOGUE.name}")
        elif sorted(PLACEHOLDER.findall(template)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            problems.append(f"{template!r}: the Chinese has other placeholders")
        elif re.search("[A-Za-z]", PLACEHOLDER.sub("", template)) and not re.search(
            r"[\u4e00-\u9fff]", entry.msgstr
        ):
            problems.append(f"{template!r}: the Chinese has no Chinese")
    assert problems == []


@pytest.mark.parametrize(
    ("refuse", "chinese"),
    [
        (lambda: check_areas({"x": 1}, "areas"), "areas 应是多边形的列表"),
        (lambda: check_size([0, 1], "size"), "size 应是以 PDF 点计的 [宽, 高]"),
        (lambda: read_pdf_page(b"%PDF-1.4 broken", label="03", number=3), "第03版: 不是可以读取的 PDF 文件"),
        (lambda: _collect("02.pdf", b"plain text"), "02.pdf: 不是 PDF 文件"),
        (
            lambda: _collect("a.zip", _zip({"readme.md": b"x"})),
            "a.zip: 压缩包里没有版面文本、版面 PDF 或期次 JSON",
        ),
        (
            lambda: _json(["pages", 0, "label"], "A/1"),
            "期次 JSON：pages[0].label 'A/1' 含有 '/'，网址中不能用",
        ),
        (
            lambda: _json(["pages", 0, "articles", 0, "areas"], 5),
            "期次 JSON: pages[0].articles[0].areas 应是",
        ),
        (lambda: _json(["pages", 0, "image"], 5), "期次 JSON：pages[0].image 应为字符串或 null"),
        (lambda: _normalised(headline="题" * 301), "第01版第1条: 主题有 301 个字，超过上限 300"),
        (lambda: _normalised(position=10**6), "第01版第1000000条: 顺序 1000000 不在 1 到 10000 之间"),
    ],
)
def test_refusals_of_json_pdfs_zips_and_the_import_service_read_in_chinese(refuse, chinese):
    with pytest.raises(EditionImportError) as raised:
        refuse()
    with translation.override("zh-hans"):
        said = describe(raised.value)
    assert chinese in said, said
    assert not re.search(r"\b(must|holds|between|characters|not a)\b", said), said


def test_a_profile_s_refusal_reads_in_chinese():
    with pytest.raises(ProfileError) as raised:
        Profile.from_dict({"conventions": {"author_labels": 5}})
    with translation.override("zh-hans"):
        assert say(raised.value.args[0], gettext) == "conventions.author_labels：应是文字的列表"
    assert str(raised.value) == "conventions.author_labels: expected a list of texts"


def test_the_lessons_tune_importer_reads_are_refused_in_chinese(tmp_path):
    """A folder of corrected editions (importer/core/learn/lessons.py) refused naming the file."""
    folder = tmp_path / "2026-03-28"
    folder.mkdir()
    (folder / "edition.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(EditionImportError) as raised:
        read_lessons(tmp_path)
    with translation.override("zh-hans"):
        said = describe(raised.value)
    assert said.startswith(f"{folder / 'edition.json'}: 不是期次 JSON 文件（"), said
    (folder / "edition.json").unlink()
    with pytest.raises(EditionImportError) as raised:
        read_lessons(tmp_path)
    with translation.override("zh-hans"):
        said = describe(raised.value)
    assert said == f"{folder}: 缺少 edition.json：可用 export_edition --format json 导出"


def _collect(name, data):
    return collect_uploads([(name, data)], date=datetime.date(2023, 8, 9))


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _json(path, value):
    document = edition_to_json(h.edition(pages=1))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return edition_from_json(document)


def _normalised(**changes):
    draft = h.edition(pages=1)
    article = draft.pages[0].articles[0]
    for name, value in changes.items():
        setattr(article, name, value)
    return normalize_draft(draft)


def test_control_characters_in_a_zip_member_s_name_are_escaped_in_the_line(tmp_path):
    """Issue 14: a member named with a bell, a line break or a right-to-left override cannot
    break, garble or hide the command's one line."""
    from django.core.management import CommandError, call_command

    name = "2023-08-09/\u202e\x07\n 01.txt"
    archive = tmp_path / "upload.zip"
    archive.write_bytes(_zip({name: b"\x89PNG\r\n\x1a\n...."}))
    with pytest.raises(CommandError) as raised:
        call_command("import_edition", str(archive), "--dry-run")
    line = str(raised.value)
    assert "\n" not in line and "\x07" not in line and "\u202e" not in line
    assert "2023-08-09/\\u202e\\x07\\n 01.txt: 二进制数据" in line
    error = EditionImportError(
        gettext_noop("%(member)s cannot be unpacked"), where=("a.zip",), member="a\x1b[2J"
    )
    assert str(error) == "a.zip: a\\x1b[2J cannot be unpacked"
