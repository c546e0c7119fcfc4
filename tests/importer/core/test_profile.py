"""A publication's conventions are data: a Profile round-trips as JSON, and the parser reads a page
by the profile it is given (the default when none)."""

import dataclasses
import json

import pytest

from importer.core.parser import parse_page
from importer.core.profile import DEFAULT, Profile, ProfileError


def to_json(profile: Profile) -> str:
    return json.dumps(profile.to_dict(), ensure_ascii=False, indent=1)


def from_json(text: str) -> Profile:
    return Profile.from_dict(json.loads(text))


def test_the_default_profile_round_trips_through_json():
    document = to_json(DEFAULT)
    assert from_json(document) == DEFAULT
    assert json.loads(document)["conventions"]["role_labels"][0] == ["本报特约通讯员", "correspondent"]


def test_a_stored_profile_missing_new_fields_reads_with_the_defaults():
    assert Profile.from_dict({"name": "old", "weights": {"opening": 4}}) == dataclasses.replace(
        DEFAULT, name="old", weights=dataclasses.replace(DEFAULT.weights, opening=4)
    )


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"weights": {"opening": "three"}}, "weights.opening"),
        ({"weights": {"opening": True}}, "weights.opening"),
        ({"limits": {"max_title_length": 50.5}}, "limits.max_title_length"),
        ({"conventions": {"source_forms": "据{}"}}, "conventions.source_forms"),
        ({"conventions": {"role_labels": [["记者", "boss"]]}}, "conventions.role_labels"),
        ({"conventions": {"weather": []}}, "conventions.weather"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_document_that_is_no_profile_is_refused_naming_the_field(document, field):
    with pytest.raises(ProfileError, match=field.replace(".", r"\.")):
        Profile.from_dict(document)


def test_every_weight_and_threshold_is_a_named_number():
    numbers = DEFAULT.numbers()
    assert numbers["weights.opening"] == 3 and "limits.cohesion_window" in numbers
    assert all(isinstance(value, int | float) for value in numbers.values())
    tuned = DEFAULT.with_numbers({"weights.lead_follows": 2.5})
    assert tuned.weights.lead_follows == 2.5 and tuned.limits == DEFAULT.limits
    with pytest.raises(ProfileError, match=r"weights\.nothing"):
        DEFAULT.with_numbers({"weights.nothing": 1})


def test_the_parser_reads_a_convention_the_profile_adds():
    """A role word the defaults do not know makes a byline once the profile has it."""
    local = dataclasses.replace(
        DEFAULT,
        conventions=dataclasses.replace(DEFAULT.conventions, role_labels=(("快讯编辑", "editor"),)),
    )
    page = "一篇稿件\n\n快讯编辑 王五\n\n正文。"
    assert [(b.name, b.role) for b in parse_page(page, profile=local).articles[0].bylines] == [
        ("王五", "editor")
    ]
    assert not parse_page(page).articles[0].bylines


def test_the_same_profile_gives_the_same_parse(seed_text):
    profile = from_json(to_json(DEFAULT))
    assert parse_page(seed_text, profile=profile) == parse_page(seed_text)


def test_every_weight_is_a_named_signal_the_opening_pass_documents():
    from importer.core.parser import opening

    for weight in dataclasses.fields(type(DEFAULT.weights)):
        assert f"``{weight.name}``" in opening.__doc__, weight.name
        assert isinstance(getattr(DEFAULT.weights, weight.name), float), weight.name
