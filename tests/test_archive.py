import datetime

from editions.archive import ArchiveGenerator
from editions.importing.jsonio import edition_to_json


def generate(seed, count=3):
    generator = ArchiveGenerator(
        seed=seed,
        publication_slug="zhuzhou-daily",
        publication_name="株洲日报",
        dateline="株洲日报讯",
        pages=4,
        articles_per_page=5,
        contributors=50,
    )
    return [edition_to_json(d) for d in generator.editions(end=datetime.date(2023, 8, 8), count=count)]


def test_same_seed_gives_the_same_archive():
    assert generate(seed=7) == generate(seed=7)


def test_another_seed_gives_another_archive():
    assert generate(seed=7) != generate(seed=8)


def test_archive_is_daily_and_shaped_like_a_paper():
    editions = generate(seed=1, count=5)
    assert [e["date"] for e in editions] == [
        "2023-08-04",
        "2023-08-05",
        "2023-08-06",
        "2023-08-07",
        "2023-08-08",
    ]
    first = editions[0]
    assert [p["label"] for p in first["pages"]] == ["01", "02", "03", "04"]
    front = first["pages"][0]["articles"]
    continued = [a for a in front if a["continued_to"]]
    assert continued, "front-page stories continue to later pages"
    for article in continued:
        target = first["pages"][article["continued_to"]["page"] - 1]
        parts = [
            a for a in target["articles"] if a["continued_from"] and a["headline"] == article["headline"]
        ]
        assert len(parts) == 1
    names = {b["name"] for e in editions for p in e["pages"] for a in p["articles"] for b in a["bylines"]}
    assert 10 < len(names) <= 50, "bylines repeat from a fixed pool of reporters"
