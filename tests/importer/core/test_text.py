import codecs
import datetime
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importer.core.draft import EditionImportError
from importer.core.text import DumpHeader, decode_dump, read_header
from newsroom.text import clean_text, nfkc

PAGE = "2023年8月9日 星期三\n第01版：要闻\n\n我市2村入选省级美丽乡村示范\n\n株洲日报讯 记者获悉。\n"


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode("utf-8"),
        codecs.BOM_UTF8 + PAGE.encode("utf-8"),
        PAGE.encode("utf-16"),  # with the platform's BOM
        codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"),
        PAGE.encode("gb18030"),
        PAGE.encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-le", "utf16-be", "gb18030", "gbk"],
)
def test_encodings_are_detected(data):
    assert decode_dump(data) == PAGE


def test_gbk_after_an_ascii_prefix_is_still_detected():
    text = "2023-08-09\n" + "x" * 500 + "\n" + PAGE
    assert decode_dump(text.encode("gbk")) == text


def test_forced_encoding_wins():
    text = "中華民國\n"
    assert decode_dump(text.encode("big5"), encoding="big5") == text


def test_forced_encoding_that_does_not_fit_is_refused_with_the_offset():
    with pytest.raises(EditionImportError, match=r"^not valid utf-8 at byte 4$"):
        decode_dump(PAGE.encode("gbk"), encoding="utf-8")


def test_unknown_forced_encoding_is_refused():
    with pytest.raises(EditionImportError, match="unknown encoding 'klingon'"):
        decode_dump(b"abc", encoding="klingon")


def test_line_ends_are_normalised_to_lf():
    assert decode_dump("一\r\n二\r三\u2028四\n".encode()) == "一\n二\n三\n四\n"


def test_text_is_nfc():
    decomposed = "Cafe\u0301\n"
    assert decode_dump(decomposed.encode()) == "Café\n"


def test_invisible_and_bidi_characters_are_removed():
    assert clean_text("标\u202e题\u200f\ufeff\x07") == "标题"
    assert decode_dump("\ufeff正文\u202e内容\x01。\n".encode()) == "正文内容。\n"


@pytest.mark.parametrize("data", [b"", b"\n\n  \r\n\t", "\u3000\n".encode()])
def test_empty_input_is_refused(data):
    with pytest.raises(EditionImportError, match="empty page dump"):
        decode_dump(data)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"text\x00with\x00nul", "NUL"),
        (bytes(range(1, 32)) * 10, "control characters"),
    ],
)
def test_binary_data_is_refused(data, what):
    with pytest.raises(EditionImportError, match=f"binary data.*{what}"):
        decode_dump(data)


def test_a_few_control_characters_in_a_page_are_dropped_not_refused():
    text = ("正文。" * 200 + "\x0c\x1b\n").encode()
    assert decode_dump(text) == "正文。" * 200 + "\n"


def test_invalid_utf8_in_the_middle_of_a_utf8_page_is_refused_with_its_offset():
    good = "第01版：要闻\n标题\n".encode()
    data = good + b"\xff\xfe\xfa" + "正文。\n".encode()
    with pytest.raises(EditionImportError, match=f"^not valid UTF-8 at byte {len(good)}$"):
        decode_dump(data)


def test_bytes_that_are_neither_utf8_nor_gb18030_are_refused():
    with pytest.raises(EditionImportError, match="neither UTF-8 nor GB18030"):
        decode_dump(b"abc \x80\x20\x81")


def test_header_reads_masthead_page_and_editor():
    text = "2023年8月9日 星期三\n第01版：要闻\n\n标题\n\n正文。\n\n本版责编：王三  版式设计：李四\n"
    assert read_header(text) == DumpHeader(
        date=datetime.date(2023, 8, 9), label="01", name="要闻", editor="王三"
    )


@pytest.mark.parametrize(
    ("line", "label", "name"),
    [
        ("第01版：要闻", "01", "要闻"),
        ("01版:要闻", "01", "要闻"),
        ("A2版：经济", "A2", "经济"),
        ("第8版：评论", "08", "评论"),
        ("第b3版", "B3", ""),
    ],
)
def test_page_header_forms(line, label, name):
    header = read_header(f"{line}\n标题\n正文。\n")
    assert (header.label, header.name) == (label, name)


def test_masthead_and_page_header_on_one_line():
    header = read_header("2023年8月9日 星期三 | 第02版：综合\n正文。\n")
    assert header == DumpHeader(date=datetime.date(2023, 8, 9), label="02", name="综合", editor="")


def test_iso_masthead_date():
    assert read_header("2023-08-09\n正文。\n").date == datetime.date(2023, 8, 9)


def test_dates_inside_prose_are_not_the_masthead():
    header = read_header("2023年8月9日,市委召开常委会。\n编辑部召开会议\n")
    assert header == DumpHeader()


def test_impossible_masthead_date_is_refused():
    with pytest.raises(EditionImportError, match="impossible date in the dump: 2023年2月30日"):
        read_header("2023年2月30日 星期四\n第01版：要闻\n")


def test_impossible_date_inside_prose_is_not_an_error():
    assert read_header("2023年2月30日并不存在。\n").date is None


def test_editor_line_at_the_foot_of_a_long_page():
    text = "\n".join(["正文段落。"] * 50) + "\n责任编辑/赵六\n"
    assert read_header(text).editor == "赵六"


@pytest.mark.parametrize(
    "text, folded",
    [
        ("（新华社北京８月８日电）", "(新华社北京8月8日电)"),
        ("ＣＯＶＩＤ－１９\u3000疫情", "COVID-19 疫情"),
        ("①②③…", "123..."),
        ("ｶﾞ", "ガ"),  # half-width kana and its voicing mark compose into one character
        ("Ａ\u0301", "Á"),  # a folded letter composes with the accent after it
        ("人民日报", "人民日报"),
        ("", ""),
    ],
)
def test_nfkc_folds_width_and_compatibility_forms(text, folded):
    assert nfkc(text) == folded


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_nfkc_is_unicode_nfkc(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(
    st.lists(
        st.sampled_from(
            ["，", "。", "Ａ", "１", "\u3000", "\u0301", "\u3099", "ｶ", "ﾞ", "①", "㈱", "人", "a", "é"]
        ),
        max_size=30,
    )
)
def test_nfkc_is_unicode_nfkc_where_folds_meet_combining_marks(pieces):
    text = "".join(pieces)
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
