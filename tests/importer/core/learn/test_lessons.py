"""Corrected editions read from a folder (tune_importer --from DIR): one folder per date with the
page dumps and edition.json; a bad folder is refused with one line naming it."""

import json

import pytest

from importer.core.draft import EditionImportError
from importer.core.learn.lessons import read_lessons

from .editions import RIVER, article, edition, page


def write(folder, published, dumps):
    folder.mkdir(parents=True)
    for name, text in dumps.items():
        (folder / name).write_text(text, encoding="utf-8")
    if published is not None:
        (folder / "edition.json").write_text(json.dumps(published, ensure_ascii=False), encoding="utf-8")


def test_each_dated_folder_is_one_corrected_edition_with_its_pages_in_order(tmp_path):
    published = edition(page("A01", article("堤防加固年内完工", *RIVER)), page("A02"), date="2026-03-28")
    write(
        tmp_path / "2026-03-28",
        published,
        {"A02.txt": "第二版\n", "A01.txt": "堤防加固年内完工\n\n" + RIVER[0]},
    )
    (tmp_path / "notes").mkdir()  # not an edition: ignored
    (lesson,) = read_lessons(tmp_path)
    assert lesson.date == "2026-03-28"
    assert [label for label, _text in lesson.pages] == ["A01", "A02"]
    assert lesson.pages[0][1].startswith("堤防加固年内完工")
    assert lesson.published["pages"][0]["articles"][0]["headline"] == "堤防加固年内完工"


@pytest.mark.parametrize(
    ("published", "dumps", "message"),
    [
        (None, {"A01.txt": "标题\n"}, "no edition.json"),
        (edition(date="2026-03-28"), {}, "no page dumps"),
        (edition(date="2026-03-29"), {"A01.txt": "标题\n"}, "the edition of 2026-03-29"),
        ({"schema": "something else"}, {"A01.txt": "标题\n"}, "edition.json"),
    ],
)
def test_a_folder_that_is_not_a_corrected_edition_is_refused_naming_it(tmp_path, published, dumps, message):
    write(tmp_path / "2026-03-28", published, dumps)
    with pytest.raises(EditionImportError, match=message):
        read_lessons(tmp_path)


def test_a_folder_without_dated_editions_is_refused(tmp_path):
    with pytest.raises(EditionImportError, match="no edition folders named by date"):
        read_lessons(tmp_path)
    with pytest.raises(EditionImportError, match="not a folder"):
        read_lessons(tmp_path / "missing")
