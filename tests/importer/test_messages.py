"""The importer's refusals reach editors in Chinese: the pure core's English templates are
translated at the edge (importer/messages.py), with the files they name kept as they are."""

import pickle

import pytest
from django.utils import translation

from importer.core.errors import EditionImportError
from importer.core.text import decode_dump
from importer.messages import describe


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
