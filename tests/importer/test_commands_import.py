"""The import_edition and export_edition commands: arguments, output, archives, uploads."""

import datetime
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from editions.models import Edition, Page, Publication
from importer.core import sources
from importer.core.draft import EditionImportError
from importer.core.jsonio import edition_from_json, edition_to_json
from tests.articles.admin_helpers import member_of
from tests.conftest import CORPUS, FIXTURES, SEED
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db


def run(command, *args):
    out, err = StringIO(), StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def drafts_from_uploads(files, *, publication, **options):
    """The editions uploaded files hold, parsed, as the admin's import page reads them."""
    return [source.draft(publication) for source in sources.collect_uploads(files, **options)]


MAKE_SEED = ("import_edition", "--seed", "--publish", "--operator-confirms", "示例期次（make seed）")


def test_make_run_imports_and_publishes_the_seed_every_time():
    make_seed = MAKE_SEED
    out, err = run(*make_seed)
    assert out.startswith("株洲日报 2023-08-09：新建；1 个版面，8 篇稿件")
    assert "（广告 1、评论 1、消息 6）" in out and out.strip().endswith("已发布")
    assert err.strip() == "正在导入 2023-08-09（1 个版面）"
    ids = list(Article.objects.values_list("pk", flat=True).order_by("pk"))
    out, _ = run(*make_seed)
    assert out.startswith("株洲日报 2023-08-09：内容不变；")
    assert list(Article.objects.values_list("pk", flat=True).order_by("pk")) == ids
    edition = Edition.objects.get()
    assert edition.is_visible and edition.publication.slug == "zhuzhou-daily"
    assert edition.publication.name == "株洲日报"
    headlines = list(Article.objects.values_list("headline", flat=True))
    assert headlines[0] == "我市2村入选省级美丽乡村示范"
    assert Article.objects.exclude(continued_to_label="").count() == 2


def test_make_demo_adds_the_seed_page_s_pdf_to_the_seed_page():
    out, _ = run(*MAKE_SEED[:2], FIXTURES / "pdf" / "seed" / "01.pdf", *MAKE_SEED[2:])
    assert out.startswith("株洲日报 2023-08-09：新建；1 个版面，8 篇稿件")
    page = Page.objects.get()
    assert page.pdf and page.image and page.sample
    assert page.articles.first().headline == "我市2村入选省级美丽乡村示范"  # the dump's text


def test_the_seed_is_the_same_page_as_its_path_on_its_date_and_a_date_may_move_it():
    as_path, _ = run("import_edition", SEED, "--date", "2023-08-09", "--dry-run", "--format", "json")
    as_seed, _ = run("import_edition", "--seed", "--dry-run", "--format", "json")
    assert as_seed == as_path and json.loads(as_seed)["date"] == "2023-08-09"
    moved, _ = run("import_edition", "--seed", "--date", "2023-08-10", "--dry-run", "--format", "json")
    assert json.loads(moved)["date"] == "2023-08-10"


def test_nothing_to_import_is_refused_in_one_chinese_line():
    with pytest.raises(
        CommandError, match=r"^请给出要导入的文件或文件夹（PATH），或用 --seed 导入示例期次。$"
    ):
        run("import_edition", "--dry-run")
    assert not Edition.objects.exists()


def test_a_dry_run_prints_edition_json_and_writes_nothing():
    out, _ = run("import_edition", SEED, "--date", "2023-08-09", "--dry-run", "--format", "json")
    document = json.loads(out)
    assert document["schema"] == "newsroom.edition/1" and document["date"] == "2023-08-09"
    assert document["publication"] == {"slug": "zhuzhou-daily", "name": "株洲日报"}
    assert edition_to_json(edition_from_json(document)) == document
    assert not Publication.objects.exists() and not Edition.objects.exists()


def test_a_dry_run_outline_shows_what_an_editor_checks():
    out, _ = run("import_edition", SEED, "--date", "2023-08-09", "--dry-run")
    lines = out.splitlines()
    assert lines[0] == "2023-08-09 株洲日报 (zhuzhou-daily): 1 page, 8 articles"
    assert lines[1] == "01版: 8 articles"
    assert lines[2].split() == ["1.", "news", "我市2村入选省级美丽乡村示范"]
    assert "副题: 分别是茶陵县桃坑乡双元村、攸县酒埠江镇酒仙湖村" in out
    assert "株洲日报讯 · 全媒体记者/李军, 通讯员/尹照 · 6 paragraphs" in out
    assert "▶ 下转08版" in out and "▶ 下转02版" in out
    assert not Edition.objects.exists()


def test_a_corpus_folder_is_one_edition_and_an_archive_is_many(tmp_path):
    out, _ = run("import_edition", CORPUS / "2019-10-05", "--dry-run", "--format", "json")
    document = json.loads(out)
    assert [p["label"] for p in document["pages"]] == ["01", "02", "03", "04"]
    assert [p["number"] for p in document["pages"]] == [1, 2, 3, 4]
    # Several dated folders: one compact document per line, in date order.
    folders = sorted(CORPUS.iterdir())
    out, _ = run("import_edition", *folders, "--dry-run", "--format", "json")
    dates = [json.loads(line)["date"] for line in out.splitlines()]
    assert dates == ["2019-10-05", "2019-10-19", "2019-10-24"]
    # The folder holding the dated folders imports them all.
    out, err = run("import_edition", CORPUS)
    assert [line.split("：")[0] for line in out.splitlines()] == [
        "株洲日报 2019-10-05",
        "株洲日报 2019-10-19",
        "株洲日报 2019-10-24",
    ]
    assert Edition.objects.count() == 3 and all(line.startswith("正在导入") for line in err.splitlines())


def test_many_editions_show_a_progress_bar(tmp_path):
    for day in range(1, 8):
        folder = tmp_path / f"2023-08-{day:02d}"
        folder.mkdir()
        (folder / "01.txt").write_bytes((FIXTURES / "bad" / "gbk.txt").read_bytes())
    out, err = run("import_edition", *sorted(tmp_path.iterdir()))
    assert len(out.splitlines()) == 7
    progress = err.splitlines()
    assert progress[0].startswith("[....................] 1/7 正在导入 2023-08-01（1 个版面）")
    assert progress[-1].startswith("[####################] 7/7 完成")


def test_pages_of_one_date_given_as_files_are_one_edition(tmp_path):
    for label in ("01", "02"):
        (tmp_path / f"{label}.txt").write_text(
            (CORPUS / "2019-10-05" / f"{label}.txt").read_text("utf-8-sig")
        )
    run("import_edition", tmp_path / "01.txt", tmp_path / "02.txt", "--date", "2019-10-05")
    edition = Edition.objects.get()
    assert list(edition.pages.values_list("label", flat=True)) == ["01", "02"]
    # Page 01 goes on to page 02 on this date: the parts are linked.
    assert Article.objects.filter(page__edition=edition, next_part__isnull=False).exists()


def test_the_date_comes_from_the_masthead_and_the_label_from_the_page_header(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("2023年8月9日 星期三\n第08版：综合\n\n" + SEED.read_text("utf-8"), encoding="utf-8")
    run("import_edition", path)
    page = Edition.objects.get(date=datetime.date(2023, 8, 9)).pages.get()
    assert (page.label, page.name) == ("08", "综合")


def test_an_edition_json_file_is_imported_as_it_says(tmp_path):
    document = h.truth_document(CORPUS / "2019-10-19")
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out, _ = run("import_edition", path, *h.publishing())
    assert out.startswith("株洲日报 2019-10-19：新建；4 个版面")
    with pytest.raises(CommandError, match="是 2019-10-19 的期次，不是 --date 给的 2019-10-20"):
        run("import_edition", path, "--date", "2019-10-20")


def test_another_publication_by_slug(tmp_path):
    Publication.objects.create(slug="people-daily", name="人民日报")
    run("import_edition", SEED, "--date", "2023-08-09", "--publication", "people-daily")
    assert Edition.objects.get().publication.slug == "people-daily"
    out, _ = run("export_edition", "2023-08-09", "--publication", "people-daily")
    assert json.loads(out)["publication"] == {"slug": "people-daily", "name": "人民日报"}


def test_export_refuses_what_it_cannot_find():
    with pytest.raises(CommandError, match=r"^zhuzhou-daily 没有 2023-08-09 的期次：请换一个日期"):
        run("export_edition", "2023-08-09")
    with pytest.raises(CommandError, match=r"^没有报纸“nowhere”：请用后台里已有报纸的代号$"):
        run("export_edition", "2023-08-09", "--publication", "nowhere")
    with pytest.raises(CommandError, match=r"^date 2023-02-30 是不存在的日期"):
        run("export_edition", "2023-02-30")


def test_export_refuses_an_output_that_is_not_a_folder_in_one_chinese_line(tmp_path):
    run("import_edition", SEED, "--date", "2023-08-09")
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(CommandError, match=f"^{target} 不是文件夹：--output 请给一个文件夹$"):
        run("export_edition", "2023-08-09", "--output", target)


def test_replace_overwrites_what_an_editor_changed(tmp_path):
    def import_text(text, *args):
        path = tmp_path / "01.txt"
        path.write_text(text, encoding="utf-8")
        return run("import_edition", path, "--date", "2023-08-09", *args)

    import_text(SEED.read_text("utf-8"))
    article = Article.objects.get(position=1)
    article.headline = "编辑改过的标题"
    article.save()
    corrected = SEED.read_text("utf-8").replace("全省共评选出", "全省共评出")
    out, _ = import_text(corrected)
    assert "保留编辑改过的 1 篇：第01版第1条《编辑改过的标题》（用 --replace 覆盖）" in out
    article.refresh_from_db()
    assert article.headline == "编辑改过的标题"
    import_text(corrected, "--replace")
    article.refresh_from_db()
    assert article.headline == "我市2村入选省级美丽乡村示范"
    assert "全省共评出" in article.blocks.first().text


def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_uploads_of_pages_and_of_a_zipped_folder():
    publication = h.PUBLICATION
    pages = {
        f"2019-10-05/{label}.txt": (CORPUS / "2019-10-05" / f"{label}.txt").read_bytes()
        for label in ("01", "02")
    }
    pages["2019-10-05/readme.md"] = b"ignored"
    drafts = drafts_from_uploads([("edition.zip", _zip(pages))], publication=publication)
    assert [(d.date, [p.label for p in d.pages]) for d in drafts] == [
        (datetime.date(2019, 10, 5), ["01", "02"])
    ]
    seed = SEED.read_bytes()
    drafts = drafts_from_uploads(
        [("front.txt", seed)],
        date=datetime.date(2023, 8, 9),
        publication=publication,
        labels={"front.txt": "1"},
    )
    assert drafts[0].pages[0].label == "01" and len(drafts[0].pages[0].articles) == 8


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(sources, "MAX_ZIP_BYTES", 1024 * 1024)
    bomb = _zip({"2023-08-09/01.txt": b"\n" * (2 * 1024 * 1024)})
    assert len(bomb) < 10_000
    with pytest.raises(EditionImportError, match=r"edition\.zip: unpacks to more than 1 MB"):
        drafts_from_uploads([("edition.zip", bomb)], publication=h.PUBLICATION)
    with pytest.raises(EditionImportError, match="not a readable zip archive"):
        drafts_from_uploads([("edition.zip", b"PK\x03\x04 broken")], publication=h.PUBLICATION)


DOUBTFUL = FIXTURES / "bad/markers-to-missing-pages.txt"


def test_publishing_an_edition_with_open_doubts_needs_a_named_desk_chief(django_user_model):
    """Issue 15: --publish of an edition with open doubts is refused in one line, nothing written,
    unless --confirm-doubts names the desk chief who confirms them (recorded as the admin's
    确认核对 records it); an editor cannot be named."""
    with pytest.raises(CommandError) as refused:
        run("import_edition", DOUBTFUL, "--date", "2023-08-09", "--publish")
    line = str(refused.value)
    assert "\n" not in line and "待核对问题" in line and "--confirm-doubts" in line and "值班主任" in line
    assert not Edition.objects.exists()
    member_of(django_user_model, "编辑", "bian")
    with pytest.raises(CommandError, match="不是可以确认核对的用户"):
        run("import_edition", DOUBTFUL, "--date", "2023-08-09", "--publish", "--confirm-doubts", "bian")
    with pytest.raises(CommandError, match="只和 --publish 一起用"):
        run("import_edition", DOUBTFUL, "--date", "2023-08-09", "--confirm-doubts", "bian")
    chief = member_of(django_user_model, "值班主任", "zhuren")
    out, _ = run(
        "import_edition", DOUBTFUL, "--date", "2023-08-09", "--publish", "--confirm-doubts", "zhuren"
    )
    assert out.strip().endswith("已发布")
    edition = Edition.objects.get()
    assert edition.status == "published" and edition.doubt_confirmation.confirmed_by == chief
    assert edition.doubt_confirmation.open_doubts > 0


def test_the_operator_confirms_open_doubts_only_saying_why(admin_client):
    """The demo seed (make seed) and editions moved from another system are published with their
    doubts on the operator's word: --operator-confirms REASON, with --publish only, never beside a
    named desk chief, its reason one line kept as the confirmation's note and shown in the admin."""
    doubtful = ("import_edition", DOUBTFUL, "--date", "2023-08-09")
    for args, refusal in (
        ((*doubtful, "--operator-confirms", "示例"), "只和 --publish 一起用"),
        ((*doubtful, "--publish", "--operator-confirms", "示例", "--confirm-doubts", "x"), "只能用一个"),
        ((*doubtful, "--publish", "--operator-confirms", "  "), "写明原因"),
        ((*doubtful, "--publish", "--operator-confirms", "一行\n两行"), "写明原因"),
        ((*doubtful, "--publish", "--operator-confirms", "长" * 201), "不超过 200 字"),
    ):
        with pytest.raises(CommandError, match=refusal):
            run(*args)
    assert not Edition.objects.exists()
    out, _ = run(*doubtful, "--publish", "--operator-confirms", "示例期次（make seed）")
    assert out.strip().endswith("已发布")
    edition = Edition.objects.get()
    confirmation = edition.doubt_confirmation
    assert edition.status == "published" and confirmation.confirmed_by is None
    assert confirmation.note == "示例期次（make seed）" and confirmation.open_doubts > 0
    page = admin_client.get(f"/admin/editions/edition/{edition.pk}/change/").content.decode()
    assert "命令行操作员（示例期次（make seed））" in page


def test_publishing_a_photo_without_its_credit_is_refused_in_one_line_nothing_written(tmp_path):
    """--publish asks the publication checks the admin's 发布 asks: an edition whose photo has no
    credit is refused, the whole import with it (as open doubts refuse it: nothing half-done), in
    one Chinese line naming the photo's article; with the credit it is published, and
    `published` (the score's job) sent once."""
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(edition_to_json(h.without_credit(h.edition(pages=1)))), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run("import_edition", path, "--publish")
    line = str(refused.value)
    assert "\n" not in line and "发布前每张图片都要有图片说明和来源署名，缺少的有：01版《第1版第2条》" in line
    assert not Edition.objects.exists() and not Article.objects.exists()
    path.write_text(json.dumps(edition_to_json(h.edition(pages=1))), encoding="utf-8")
    with h.published_signals() as sent:
        out, _ = run("import_edition", path, "--publish")
    assert out.strip().endswith("已发布") and sent == [Edition.objects.get().pk]
