import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from editions.models import Edition
from importer.archive import ArchiveGenerator, TextPool
from importer.core.jsonio import edition_to_json
from tests.conftest import CORPUS, SEED


def generate(seed, count=3):
    generator = ArchiveGenerator(
        pool=TextPool([CORPUS, SEED]),
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


def run_generate(*args):
    out = io.StringIO()
    call_command("generate_archive", *args, stdout=out)
    return out.getvalue()


def test_page_dumps_are_written_without_a_database(tmp_path):
    """Not marked django_db: any query would fail the test. The same seed writes the same bytes."""
    for folder in ("a", "b"):
        run_generate("--editions", "2", "--pages", "2", "--dumps-dir", str(tmp_path / folder), "--seed", "7")
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.txt"))
    assert [str(p.parent) for p in first] == ["2023-08-07", "2023-08-07", "2023-08-08", "2023-08-08"]
    for path in first:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()
    assert "株洲日报" in (tmp_path / "a" / first[0]).read_text(encoding="utf-8")


@pytest.mark.django_db
def test_editions_are_written_through_the_import_service():
    run_generate("--editions", "2", "--pages", "2", "--articles-per-page", "3")
    editions = Edition.objects.order_by("date")
    assert [e.date for e in editions] == [datetime.date(2023, 8, 7), datetime.date(2023, 8, 8)]
    assert all(e.is_visible for e in editions)
    assert Article.objects.filter(page__edition__in=editions).count() >= 2 * 2 * 2


def test_bad_sizes_are_refused_with_one_line():
    with pytest.raises(CommandError, match=r"^--editions 至少为 1。$"):
        run_generate("--editions", "0", "--dumps-dir", "/nonexistent")


def test_a_bad_end_date_is_refused_with_one_chinese_line():
    with pytest.raises(CommandError, match=r"^--end '8 August' 不是日期：请写成 YYYY-MM-DD。$"):
        run_generate("--end", "8 August", "--dumps-dir", "/nonexistent")
