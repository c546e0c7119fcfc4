"""Export and the round trip: export -> import into an empty database -> export gives the same
edition JSON; page dumps from export_edition --format text import back to the same structure."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from articles.models import Contributor
from editions.models import Edition, Publication
from importer.core.draft import BylineDraft, PageRef, PhotoDraft
from importer.core.jsonio import edition_from_json
from importer.core.parser import parse_edition
from importer.services import export_dumps, export_edition, import_edition
from tests.conftest import FIXTURES, SEED
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db

CORPUS_DATES = ["2019-10-05", "2019-10-19", "2019-10-24"]


def run(command, *args):
    out = StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def import_input(name):
    if name == "seed":
        run("import_edition", SEED, "--date", "2023-08-09", *h.publishing())
        return "2023-08-09"
    run("import_edition", FIXTURES / "corpus" / name)
    h.published_as_readers_saw()
    return name


def empty_database():
    Edition.objects.all().delete()
    Contributor.objects.all().delete()
    Tag.objects.all().delete()
    Publication.objects.all().delete()


@pytest.mark.parametrize("name", ["seed", *CORPUS_DATES])
def test_export_import_export_gives_identical_json(name, tmp_path):
    date = import_input(name)
    first = run("export_edition", date)
    (tmp_path / "edition.json").write_text(first, encoding="utf-8")
    empty_database()
    run("import_edition", tmp_path / "edition.json")
    assert run("export_edition", date) == first
    document = json.loads(first)
    assert document["pages"] and all(page["articles"] for page in document["pages"])


def test_everything_the_json_holds_survives_the_round_trip(tmp_path):
    draft = h.edition(pages=3)
    draft.number = 12345
    first = draft.pages[0].articles[0]
    first.kicker, first.subheadline, first.column = "引题", "副题", "栏目"
    first.dateline, first.editor_note = "株洲日报讯", ["编者按一。", "编者按二。"]
    first.bylines.append(BylineDraft("孙超", "reporter", "记者", organization="人民日报"))
    first.photos = [PhotoDraft("说明", "企业供图", "/media/photos/2023/08/09/a.jpg")]
    first.kind = "commentary"
    draft.pages[2].articles[0].continued_to = PageRef("A9", None)
    import_edition(draft, publish=True, confirmed_by=h.desk_chief())
    exported = run("export_edition", "2023-08-09")
    (tmp_path / "e.json").write_text(exported, encoding="utf-8")
    empty_database()
    run("import_edition", tmp_path / "e.json")
    again = run("export_edition", "2023-08-09")
    assert again == exported
    article = json.loads(again)["pages"][0]["articles"][0]
    assert article["photos"] == [
        {"caption": "说明", "credit": "企业供图", "image": "/media/photos/2023/08/09/a.jpg"}
    ]
    assert article["bylines"][-1] == {
        "name": "孙超",
        "role": "reporter",
        "label": "记者",
        "organization": "人民日报",
    }
    assert json.loads(again)["number"] == 12345


def structure(draft):
    return [
        (
            page.label,
            [
                (
                    a.kind,
                    a.kicker,
                    a.headline,
                    a.subheadline,
                    a.column,
                    a.dateline,
                    [(b.name, b.role, b.label, b.organization) for b in a.bylines],
                    a.editor_note,
                    [(b.type, b.text) for b in a.body],
                    [(p.caption, p.credit) for p in a.photos],
                    a.continued_to and a.continued_to.label,
                    a.continued_from and a.continued_from.label,
                )
                for a in page.articles
            ],
        )
        for page in draft.pages
    ]


@pytest.mark.parametrize(
    "name",
    [
        "seed",
        *CORPUS_DATES,
    ],
)
def test_exported_page_dumps_import_back_to_the_same_structure(name, tmp_path):
    date = import_input(name)
    edition = Edition.objects.get(date=date)
    stored = export_edition(edition)
    run("export_edition", date, "--format", "text", "--output", tmp_path)
    folder = tmp_path / date
    assert sorted(p.name for p in folder.iterdir()) == [f"{p.label}.txt" for p in stored.pages]
    out = run("import_edition", folder, "--dry-run", "--format", "json")
    assert structure(edition_from_json(json.loads(out))) == structure(stored)
    # And through the parser directly, as printed by export_dumps.
    reparsed = parse_edition(export_dumps(edition), publication=stored.publication, date=stored.date)
    assert structure(reparsed) == structure(stored)


def test_export_costs_a_fixed_number_of_queries():
    small = import_edition(h.edition(pages=1, articles_per_page=2)).edition
    large = import_edition(h.edition(pages=8, articles_per_page=8, date=h.DATE.replace(day=10))).edition
    counts = []
    for edition in (small, large):
        with CaptureQueriesContext(connection) as queries:
            export_edition(edition)
        counts.append(len(queries))
    assert counts[0] == counts[1] == 6  # pages, articles, blocks, bylines with contributors, photos, tags


def test_page_files_size_and_areas_survive_the_round_trip(tmp_path):
    draft = h.edition(pages=2)
    page = draft.pages[0]
    page.pdf, page.image = "/media/pages/pdf/2023/08/09/01.pdf", "/media/pages/2023/08/09/01-1600.webp"
    page.renditions = {800: "/media/pages/2023/08/09/01-800.webp", 1600: page.image}
    page.size, page.sample = (841.89, 1190.55), True
    page.articles[0].areas = [[[0.1, 0.1], [0.6, 0.1], [0.6, 0.3], [0.35, 0.3], [0.35, 0.5], [0.1, 0.5]]]
    import_edition(draft, publish=True, confirmed_by=h.desk_chief())
    stored = Edition.objects.get().pages.get(label="01")
    assert stored.renditions == {
        "800": "pages/2023/08/09/01-800.webp",
        "1600": "pages/2023/08/09/01-1600.webp",
    }
    assert stored.image.name == "pages/2023/08/09/01-1600.webp" and stored.size == (841.89, 1190.55)
    exported = run("export_edition", "2023-08-09")
    document = json.loads(exported)
    first = document["pages"][0]
    assert (first["pdf"], first["image"], first["size"]) == (page.pdf, page.image, [841.89, 1190.55])
    # Readers are told a typeset sample is not the printed page, in the other database too.
    assert first["sample"] is True and document["pages"][1]["sample"] is False
    assert first["articles"][0]["areas"][0][3] == [0.35, 0.3]
    assert document["pages"][1]["image"] is None and document["pages"][1]["articles"][0]["areas"] == []
    (tmp_path / "e.json").write_text(exported, encoding="utf-8")
    empty_database()
    run("import_edition", tmp_path / "e.json")
    assert Edition.objects.get().pages.get(label="01").sample
    assert run("export_edition", "2023-08-09") == exported


def test_a_dump_reimported_keeps_the_page_image_and_an_area_edit_is_the_editors(tmp_path):
    draft = h.edition(pages=1)
    draft.pages[0].image, draft.pages[0].size = "/media/pages/01.webp", (800.0, 1200.0)
    draft.pages[0].articles[0].areas = [[[0.1, 0.1], [0.5, 0.1], [0.5, 0.4]]]
    draft.pages[0].articles[1].areas = [[[0.1, 0.5], [0.5, 0.5], [0.5, 0.9]]]
    import_edition(draft)
    article = Edition.objects.get().pages.get().articles.get(position=1)
    article.areas = [[[0.2, 0.1], [0.5, 0.1], [0.5, 0.4]]]
    article.save()
    again = h.edition(pages=1)  # the same text, from a dump: no image, no areas
    result = import_edition(again)
    page = Edition.objects.get().pages.get()
    assert (page.image.name, page.size) == ("pages/01.webp", (800.0, 1200.0))
    article.refresh_from_db()
    assert article.areas == [[[0.2, 0.1], [0.5, 0.1], [0.5, 0.4]]]
    assert result.plan.count("kept") == 1 and result.plan.count("changed") == 0
    assert page.articles.get(position=2).areas == [[[0.1, 0.5], [0.5, 0.5], [0.5, 0.9]]]
