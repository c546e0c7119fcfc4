"""Page images and article areas in edition JSON: what is read, what is refused, what a document
from before them means."""

import pytest

from importer.core.areas import MAX_POINTS, MAX_POLYGONS, check_areas, check_size, round_areas
from importer.core.draft import EditionImportError
from importer.core.jsonio import edition_from_json, edition_to_json
from tests.importer import helpers as h

L_SHAPE = [[0.1, 0.1], [0.6, 0.1], [0.6, 0.3], [0.35, 0.3], [0.35, 0.5], [0.1, 0.5]]


def test_an_l_shaped_area_and_a_page_image_survive_edition_json():
    draft = h.edition(pages=1)
    page = draft.pages[0]
    page.pdf, page.image = "/media/pages/pdf/01.pdf", "/media/pages/01-1600.webp"
    page.size = (841.89, 1190.55)
    page.articles[0].areas = [L_SHAPE, [[0.7, 0.1], [0.9, 0.1], [0.9, 0.2]]]
    document = edition_to_json(draft)
    assert document["pages"][0]["size"] == [841.89, 1190.55]
    assert document["pages"][0]["articles"][0]["areas"][0] == L_SHAPE
    again = edition_from_json(document)
    assert edition_to_json(again) == document


def test_a_document_without_the_new_keys_reads_as_unknown():
    document = edition_to_json(h.edition(pages=1))
    for page in document["pages"]:
        del page["pdf"], page["image"], page["size"]
        for article in page["articles"]:
            del article["areas"]
    draft = edition_from_json(document)
    assert (draft.pages[0].pdf, draft.pages[0].image, draft.pages[0].size) == (None, None, None)
    assert all(a.areas == [] for a in draft.articles())
    assert edition_to_json(draft)["pages"][0]["size"] is None


@pytest.mark.parametrize(
    ("areas", "says"),
    [
        ({"x": 1}, "must be a list of polygons"),
        ([[[0.1, 0.1], [0.2, 0.2]]], "between 3 and"),
        ([[[0.1, 0.1], [0.2, 0.2], [1.2, 0.3]]], "on the page"),
        ([[[0.1, 0.1], [0.2, 0.2], [-0.01, 0.3]]], "on the page"),
        ([[[0.1, 0.1], [0.2, 0.2], ["0.3", 0.3]]], "pair [x, y] of numbers"),
        ([[[0.1, 0.1], [0.2, 0.2], [True, 0.3]]], "pair [x, y] of numbers"),
        ([[[0.1, 0.1], [0.2, 0.2], [0.3]]], "pair [x, y] of numbers"),
        ([[[0.1, 0.1], [0.2, 0.2], [float("nan"), 0.3]]], "pair [x, y] of numbers"),
        ([L_SHAPE] * (MAX_POLYGONS + 1), f"more than {MAX_POLYGONS}"),
        ([[[0.5, 0.5]] * (MAX_POINTS + 1)], f"between 3 and {MAX_POINTS}"),
    ],
)
def test_areas_no_page_holds_are_refused_with_where(areas, says):
    document = edition_to_json(h.edition(pages=1))
    document["pages"][0]["articles"][1]["areas"] = areas
    with pytest.raises(EditionImportError) as refused:
        edition_from_json(document)
    assert says in str(refused.value)
    assert "pages[0].articles[1].areas" in str(refused.value)


@pytest.mark.parametrize("size", [[0, 800], [800], "800x600", [800, 1e9], [True, 600]])
def test_a_page_size_must_be_two_positive_point_counts(size):
    document = edition_to_json(h.edition(pages=1))
    document["pages"][0]["size"] = size
    with pytest.raises(EditionImportError, match=r"pages\[0\]\.size"):
        edition_from_json(document)


@pytest.mark.parametrize("key", ["pdf", "image"])
def test_page_files_are_paths_or_null(key):
    document = edition_to_json(h.edition(pages=1))
    document["pages"][0][key] = 42
    with pytest.raises(EditionImportError, match=rf"pages\[0\]\.{key} must be a string or null"):
        edition_from_json(document)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_a_sample_page_is_said_with_true_or_false(value):
    document = edition_to_json(h.edition(pages=1))
    document["pages"][0]["sample"] = value
    with pytest.raises(EditionImportError, match=r"pages\[0\]\.sample must be true or false"):
        edition_from_json(document)
    del document["pages"][0]["sample"]  # an export from before the key
    assert edition_from_json(document).pages[0].sample is False


def test_stored_areas_are_rounded_and_kept_on_the_page():
    assert round_areas([[(0.123456, -0.2), (1.5, 0.5), (0.3, 0.333333)], [(0.1, 0.1)]]) == [
        [(0.1235, 0.0), (1.0, 0.5), (0.3, 0.3333)]
    ]
    assert check_areas([[[0, 0], [1, 0], [1, 1]]], "a") == [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]]
    assert check_size(None, "s") is None
