"""Page labels: one normalisation and one sort key (newsroom.text), and the scorers' page key
made of the two (importer.core.learn.texts.page_key)."""

import pytest

from importer.core.learn.texts import page_key
from newsroom.text import label_key, normalise_label


def test_a_label_is_normalised_as_navigation_prints_it():
    assert [normalise_label(label) for label in ("1", " 08 ", "12", "a2", "A02", "B")] == [
        "01",
        "08",
        "12",
        "A2",
        "A02",
        "B",
    ]


def test_labels_sort_as_printed():
    labels = ["B1", "10", "A2", "02", "A10", "01", "A1"]
    assert sorted(labels, key=label_key) == ["01", "02", "10", "A1", "A2", "A10", "B1"]


@pytest.mark.parametrize(
    ("printed", "same"),
    [("A03", "A3"), ("a3", "A3"), ("第8版", "08"), ("8", "08"), (" 12 ", "第12版"), ("0", "00")],
)
def test_the_scorers_read_one_page_however_its_label_is_printed(printed, same):
    assert page_key(printed) == page_key(same) == label_key(normalise_label(same.strip("第版 ")))


def test_a_label_naming_no_page_has_no_page_key():
    assert [page_key(label) for label in ("", None, "要闻", "A/1", "AB1")] == [None] * 5
    assert page_key("A3") != page_key("B3") and page_key("03") != page_key("A3")
