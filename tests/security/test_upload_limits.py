"""An upload is one edition, read and parsed within a request: a zip that inflates to far more than
an edition prints, or page dumps of far more lines than one prints, are refused before anything is
parsed, fast, with one line saying what to do (issue 14, item 7)."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editions.models import Edition, Publication
from importer.core import sources
from importer.core.draft import EditionImportError

# One edition's worth (importer/core/budget.py): 8 MB unpacked, 40,000 lines of page dumps.
UPLOAD_BYTES = 8 * 2**20

PAIR = "我市召开全市经济工作会议\n会议强调，要坚定信心、真抓实干，推动经济持续回升向好。\n"


def dump_of(size):
    text = ("2023年8月9日 星期三\n第01版：要闻\n" + PAIR * (size // len(PAIR.encode()) + 1)).encode()
    return text[: text.rindex(b"\n", 0, size) + 1]  # whole lines, at most `size` bytes


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refused(files, match):
    started = time.monotonic()
    with pytest.raises(EditionImportError) as raised:
        sources.collect_uploads(files)
    message = str(raised.value)
    assert "\n" not in message
    assert match in message, message
    assert time.monotonic() - started < 2  # nothing parsed, little unpacked
    return message


def test_a_zip_inflating_to_180_mb_is_refused_from_its_directory():
    """The issue's zip: nine 20 MB page dumps (each under the 20 MB a dump may be, 180 MB under the
    200 MB a zip may hold), 1.4 MB packed."""
    page = dump_of(sources.MAX_DUMP_BYTES)
    archive = zipped({f"2023-08-09/{n:02d}.txt": page for n in range(1, 10)})
    message = refused([("edition.zip", archive)], "edition.zip: unpacks to 180.0 MB, more than the 8 MB")
    assert len(archive) < 2 * 2**20
    assert "manage.py import_edition" in message


def test_a_zip_whose_directory_lies_is_read_no_further_than_the_budget(monkeypatch):
    page = dump_of(12 * 2**20)
    archive = bytearray(zipped({"2023-08-09/01.txt": page}))
    # Rewrite the declared size (local header and central directory) to 1 kB.
    real = len(page).to_bytes(4, "little")
    assert archive.count(real) == 2
    archive = bytes(archive).replace(real, (1024).to_bytes(4, "little"))
    read = []
    original = zipfile.ZipExtFile.read

    def spy(stream, n=-1):
        data = original(stream, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", spy)
    # The zip module itself stops at the declared size, or the budget does; either way no more
    # than the budget is ever unpacked.
    with pytest.raises(EditionImportError):
        sources.collect_uploads([("edition.zip", archive)])
    assert sum(read) <= UPLOAD_BYTES + 1


def test_page_dumps_of_more_lines_than_an_edition_prints_are_refused():
    """1.4 MB of short title/paragraph pairs: 100,000 lines (the quadratic parse of issue 14)."""
    lines = "".join(f"标题{n}\n这是第{n}段。\n" for n in range(50_000)).encode()
    assert len(lines) < UPLOAD_BYTES
    refused([("01.txt", lines)], "01.txt: more than 40,000 lines of page dumps")
    # Spread over several uploaded files, or zipped, the same.
    half = "".join(f"标题{n}\n这是第{n}段。\n" for n in range(15_000)).encode()
    refused([("01.txt", half), ("02.txt", half)], "02.txt: more than 40,000 lines")
    refused([("e.zip", zipped({"01.txt": half, "02.txt": half}))], "e.zip:02.txt: more than 40,000 lines")


def test_edition_json_in_a_zip_is_held_to_the_same_budget():
    document = b'{"schema": "newsroom.edition/1", "pad": "' + b"x" * (20 * 2**20) + b'"}'
    refused([("e.zip", zipped({"2023-08-09.json": document}))], "e.zip: unpacks to 20.0 MB")


def test_a_real_edition_fits_the_budget_many_times(corpus_dates):
    """Every page of a People's Daily edition, zipped: read as before."""
    pages = {
        f"{corpus_dates[0].name}/{p.name}": p.read_bytes() for p in sorted(corpus_dates[0].glob("*.txt"))
    }
    (edition,) = sources.collect_uploads([("edition.zip", zipped(pages))])
    assert len(edition.pages) == len(pages)
    assert sum(map(len, pages.values())) * 20 < UPLOAD_BYTES


def test_the_command_reads_archives_larger_than_an_upload(tmp_path, monkeypatch):
    from importer.core import budget

    monkeypatch.setattr(budget, "MAX_UPLOAD_BYTES", 1000)
    folder = tmp_path / "2023-08-09"
    folder.mkdir()
    (folder / "01.txt").write_bytes(dump_of(5000))
    (edition,) = sources.collect_paths([folder])
    assert [page.label for page in edition.pages] == ["01"]


@pytest.mark.django_db
def test_the_admin_refuses_an_oversized_zip_with_a_form_error_before_parsing(staff_client, monkeypatch):
    from importer.core import budget, edition_source

    monkeypatch.setattr(budget, "MAX_UPLOAD_BYTES", 2**20)
    parsed = []
    monkeypatch.setattr(edition_source, "parse_edition", lambda *a, **k: parsed.append(1))
    archive = zipped({f"2023-08-09/{n:02d}.txt": dump_of(2**19) for n in range(1, 4)})
    data = {
        "files": [SimpleUploadedFile("edition.zip", archive)],
        "publication": str(Publication.objects.default().pk),
        "date": "",
        "encoding": "",
    }
    response = staff_client.post(reverse("admin:editions_edition_import"), data)
    assert response.status_code == 200
    (error,) = response.context["upload_errors"]
    assert error.startswith("edition.zip: 解压后有 1.5 MB，超过一次上传最多 1 MB")
    assert not parsed and not Edition.objects.exists()
