"""The importer learning from its editors (issue 16): `importer_report` scores each published
edition's stored dumps against what the editors published; `tune_importer` fits a paper's
profile, stores it as a new version or refuses it; tuning one paper leaves the others' reading."""

import io
import json
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Block
from editions.models import Edition, Publication
from editions.services import publish
from importer.models import PublicationProfile
from importer.services.doubts import clear_fixed, confirm
from importer.services.profiles import profile_for
from tests.importer.core.learn.editions import MARKET, RIVER, SCHOOL, article, edition, page

pytestmark = pytest.mark.django_db


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def dump(*blocks):
    return "\n\n".join(blocks) + "\n"


WIRE = dump(
    "堤防加固年内完工",
    *RIVER,
    "摘自人民网",
    "课后服务全覆盖",
    *SCHOOL,
    "摘自光明网",
    "春笋蚕豆上市价格回落",
    *MARKET,
)
CORRECTED = edition(
    page(
        "A01",
        article("堤防加固年内完工", *RIVER, "摘自人民网"),
        article("课后服务全覆盖", *SCHOOL, "摘自光明网"),
        article("春笋蚕豆上市价格回落", *MARKET),
    ),
    slug="daily",
)
TOMORROW = dump("夜市开张人气旺", *MARKET, "摘自澎湃新闻", "新学期课后服务", *SCHOOL)


@pytest.fixture
def daily():
    return Publication.objects.create(slug="daily", name="日报")


def import_and_correct(tmp_path, user):
    """The night's import of WIRE, then what the editors did: each closing source line moved from
    the next story's kicker to the end of its own story; then they published."""
    path = tmp_path / "2026-03-28" / "A01.txt"
    path.parent.mkdir(parents=True)
    path.write_text(WIRE, encoding="utf-8")
    run("import_edition", path.parent, "--publication", "daily")
    edition_row = Edition.objects.get(publication__slug="daily")
    articles = list(Article.objects.filter(page__edition=edition_row).order_by("position"))
    for before, after in pairwise(articles):
        source = after.kicker
        Block.objects.create(article=before, order=before.blocks.count() + 1, type="paragraph", text=source)
        after.kicker = ""
        after.save()
        clear_fixed(after, user=user)
    confirm(Edition.objects.filter(pk=edition_row.pk), user=user)  # the desk chief's word on the rest
    problems = publish(Edition.objects.filter(pk=edition_row.pk), user=user)[1]
    assert problems == [], problems
    return edition_row


def test_the_report_counts_match_a_hand_made_example(tmp_path, daily, staff_user):
    import_and_correct(tmp_path, staff_user)
    report = json.loads(run("importer_report", "--publication", "daily", "--format", "json"))
    (line,) = report["editions"]
    assert (line["publication"], line["date"], line["corrections"]) == ("daily", "2026-03-28", 2)
    checks = {name: (c["passed"], c["total"]) for name, c in line["checks"].items()}
    # By hand: the two source lines in the next stories' titles cost those two their title lines,
    # and the two stories they close their text kept; everything else holds.
    assert checks == {
        "page present": (1, 1),
        "page number": (1, 1),
        "article count": (1, 1),
        "article found": (3, 3),
        "headline exact": (3, 3),
        "title lines": (1, 3),
        "text kept": (1, 3),
        "no foreign text": (3, 3),
        "paragraphs whole": (6, 6),
        "no paragraphs merged": (3, 3),
        "no false continuation": (1, 1),
    }
    assert report["total"]["score"] == round(24 / 28, 4)
    (kind,) = report["corrections"]
    assert (kind["kind"], kind["count"]) == ("source line → title", 2)
    second = Article.objects.get(page__edition__publication=daily, position=2)
    assert kind["example"]["example"] == "摘自人民网"
    assert kind["example"]["link"] == f"/admin/articles/article/{second.pk}/change/"
    text = run("importer_report", "--publication", "daily")
    assert "daily 2026-03-28  0.857" in text and "source line → title: 2" in text


def test_the_report_counts_in_words_that_agree_with_their_numbers(tmp_path, daily, staff_user):
    import_and_correct(tmp_path, staff_user)
    text = run("importer_report", "--publication", "daily")
    assert "(24/28 checks, 2 corrections)" in text and "checks) over 1 edition\n" in text


def test_tuning_on_the_corrections_teaches_the_source_line_form_and_the_next_import_reads_it(
    tmp_path, daily, staff_user
):
    import_and_correct(tmp_path, staff_user)
    other = Publication.objects.create(slug="other", name="另一报")
    out = run("tune_importer", "--publication", "daily", "--holdout", "0")
    assert "learned source_forms: 摘自{}" in out and "已保存为 daily 的导入配置（第 1 版）" in out
    assert "摘自{}" in profile_for("daily").conventions.source_forms
    tomorrow = tmp_path / "2026-03-29" / "A01.txt"
    tomorrow.parent.mkdir()
    tomorrow.write_text(TOMORROW, encoding="utf-8")

    def read(slug):
        printed = run(
            "import_edition", tomorrow.parent, "--publication", slug, "--dry-run", "--format", "json"
        )
        return json.loads(printed)["pages"][0]["articles"]

    tuned = read("daily")
    assert [a["kicker"] for a in tuned] == ["", ""] and tuned[0]["body"][-1]["text"] == "摘自澎湃新闻"
    # Another paper's reading is its own: still the defaults' (the source line a kicker).
    assert read(other.slug)[1]["kicker"] == "摘自澎湃新闻"
    assert not PublicationProfile.objects.filter(publication=other).exists()


def write_lessons(root, lessons):
    for date, text, published in lessons:
        folder = root / date
        folder.mkdir(parents=True)
        (folder / "A01.txt").write_text(text, encoding="utf-8")
        (folder / "edition.json").write_text(json.dumps({**published, "date": date}, ensure_ascii=False))


def test_tune_from_a_folder_stores_a_version_with_who_when_and_the_scores(tmp_path, daily):
    write_lessons(tmp_path, [("2026-03-28", WIRE, CORRECTED)])
    run("tune_importer", "--publication", "daily", "--from", tmp_path, "--holdout", "0", "--dry-run")
    assert not PublicationProfile.objects.filter(publication=daily).exists()
    run("tune_importer", "--publication", "daily", "--from", tmp_path, "--holdout", "0")
    row = PublicationProfile.objects.get(publication=daily)
    assert row.scores["accepted"] and row.scores["scores"]["after"] > row.scores["scores"]["before"]
    assert row.scores["learned"][0]["value"] == "摘自{}"
    assert "tuned on 1 edition(s)" in row.note
    assert row.history.count() == 1 and row.history.first().history_date is not None


def test_a_profile_worse_than_the_defaults_on_the_held_back_edition_is_not_stored(tmp_path, daily):
    from importer.core.profile import DEFAULT
    from importer.services.profiles import save_profile

    broken = DEFAULT.to_dict()
    broken["conventions"]["source_forms"] = ["来源：{}"]
    from importer.core.profile import Profile

    save_profile(daily, Profile.from_dict(broken), user=None, note="an editor's slip")
    quiet = [
        (
            date,
            dump("堤防加固年内完工", *one, "课后服务全覆盖", *two),
            edition(
                page("A01", article("堤防加固年内完工", *one), article("课后服务全覆盖", *two)), slug="daily"
            ),
        )
        for date, one, two in [("2026-03-29", RIVER, SCHOOL), ("2026-03-30", SCHOOL, MARKET)]
    ]
    wire = dump("堤防加固年内完工", *RIVER, "据新华社", "课后服务全覆盖", *SCHOOL)
    published = edition(
        page("A01", article("堤防加固年内完工", *RIVER, "据新华社"), article("课后服务全覆盖", *SCHOOL)),
        slug="daily",
    )
    write_lessons(tmp_path, [("2026-03-28", wire, published), *quiet])
    with pytest.raises(CommandError, match="未保存：调好的配置读留出的期次不如默认配置"):
        run("tune_importer", "--publication", "daily", "--from", tmp_path, "--holdout", "1", "--seed", "3")
    row = PublicationProfile.objects.get(publication=daily)
    assert row.history.count() == 1 and row.note == "an editor's slip"


def test_an_earlier_version_of_the_profile_is_restored_from_its_history(tmp_path, daily):
    write_lessons(tmp_path, [("2026-03-28", WIRE, CORRECTED)])
    run("tune_importer", "--publication", "daily", "--from", tmp_path, "--holdout", "0")
    row = PublicationProfile.objects.get(publication=daily)
    tuned = row.data
    row.data = {}
    row.note = "back to the defaults"
    row.save()
    assert "摘自{}" not in profile_for("daily").conventions.source_forms
    first = row.history.order_by("history_date", "history_id").first()
    first.instance.save()  # what the admin's history page does when a version is restored
    assert PublicationProfile.objects.get(publication=daily).data == tuned
    assert "摘自{}" in profile_for("daily").conventions.source_forms


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--publication", "nowhere"], "^没有报纸“nowhere”：请在后台新建"),
        (["--publication", "daily"], "^daily 没有可以学习的校正过的期次：请先发布"),
        (["--publication", "daily", "--from", "/nonexistent"], "^/nonexistent: 不是文件夹：请给出"),
        (["--publication", "daily", "--since", "yesterday"], "^--since 'yesterday' 不是日期"),
    ],
)
def test_tune_importer_refuses_bad_input_in_one_line(daily, args, message):
    with pytest.raises(CommandError, match=message) as error:
        run("tune_importer", *args)
    assert "\n" not in str(error.value)


def test_importer_report_refuses_bad_input_in_one_line_and_says_when_there_is_nothing(daily):
    for args, message in [
        (["--publication", "nowhere"], "^没有报纸“nowhere”：请用后台里已有报纸的代号$"),
        (["--since", "2026-13-01"], "^--since 2026-13-01 是不存在的日期"),
    ]:
        with pytest.raises(CommandError, match=message) as error:
            run("importer_report", *args)
        assert "\n" not in str(error.value)
    assert (
        run("importer_report", "--publication", "daily")
        == "没有存有版面文本的已发布期次：请先从版面文本导入并发布一期\n"
    )


def test_tune_importer_refuses_a_folder_of_lessons_in_one_chinese_line(daily, tmp_path):
    (tmp_path / "notes").mkdir()
    with pytest.raises(CommandError, match="没有按日期命名的期次文件夹：请把每一期放进 2026-03-28/") as error:
        run("tune_importer", "--publication", "daily", "--from", tmp_path)
    assert (
        str(error.value) == f"{tmp_path}: 没有按日期命名的期次文件夹：请把每一期放进 2026-03-28/ 这样的文件夹"
    )
