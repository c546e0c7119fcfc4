"""One policy for outside text (newsroom.text): a page dump and an edition JSON document keep the
same characters of the same text."""

from importer.core.jsonio import edition_from_json, edition_to_json
from importer.core.parser import parse_page
from importer.core.text import decode_dump
from newsroom.text import clean_text, clean_value, without_controls
from tests.importer import helpers as h

HOSTILE = "储能\u202e电站\u200f并网\x07投运\ufeff"
CLEAN = "储能电站并网投运"


def test_a_dump_and_edition_json_drop_the_same_invisible_characters():
    dump = decode_dump(f"{HOSTILE}\n\n本报讯 {HOSTILE}。\n".encode())
    assert dump == f"{CLEAN}\n\n本报讯 {CLEAN}。\n"
    parsed = parse_page(dump, number=1, label="01")
    assert parsed.articles[0].headline == CLEAN

    document = edition_to_json(h.edition(pages=1, continued=False))
    article = document["pages"][0]["articles"][0]
    article["headline"] = HOSTILE
    article["editor_note"] = [HOSTILE, "\u200f"]
    article["tags"] = [HOSTILE, "\u202e"]
    article["body"][0]["text"] = HOSTILE
    article["bylines"][0]["name"] = "李\u202e军"
    read = edition_from_json(document).pages[0].articles[0]
    assert read.headline == CLEAN
    assert read.editor_note == [CLEAN]  # a note of nothing but a mark is no note
    assert read.tags == [CLEAN]
    assert read.body[0].text == CLEAN
    assert read.bylines[0].name == "李军"


def test_json_keeps_line_separators_inside_a_value_a_dump_makes_them_line_ends():
    # A value of a document is one field: its U+2028 is text (the pages escape it); a dump's is
    # a line end.
    assert clean_value("并网\u2028投运") == "并网\u2028投运"
    assert clean_text("并网\u2028投运\r\n") == "并网\n投运\n"


def test_the_policy_is_idempotent_and_nfc():
    decomposed = "e\u0301\u202e"
    assert clean_value(decomposed) == "\u00e9" == clean_value(clean_value(decomposed))
    assert clean_text(clean_text("a\r\nb\u2029")) == clean_text("a\r\nb\u2029") == "a\nb\n"


def test_stored_text_loses_controls_but_what_an_editor_typed_stays():
    assert without_controls("标题\x00\x07\u200f") == "标题\u200f"
    assert without_controls("一\t二\n三") == "一\t二\n三"
