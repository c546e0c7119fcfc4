"""Faults during an import: a real kill -9 of the command mid-import, and two imports of the same
edition at once (PostgreSQL). Both run `manage.py import_edition` in subprocesses."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.conftest import CORPUS, ROOT
from tests.importer import helpers as h

TABLES = ["editions_edition", "editions_page", "articles_article", "articles_block", "articles_byline"]


def big_document(date, pages, per_page):
    """An edition large enough that importing it takes a few seconds."""
    document = h.truth_document(CORPUS / "2019-10-05")
    document["date"] = date
    document["pages"] = [
        {
            "number": p,
            "label": f"{p:02d}",
            "name": "",
            "editor": "",
            "articles": [
                {
                    **document["pages"][0]["articles"][0],
                    "position": i,
                    "headline": f"第{p}版第{i}条",
                    "bylines": [
                        {
                            "name": f"记者{(p * per_page + i) % 200}",
                            "role": "reporter",
                            "label": "记者",
                            "organization": "",
                        }
                    ],
                    "continued_to": None,
                    "continued_from": None,
                }
                for i in range(1, per_page + 1)
            ],
        }
        for p in range(1, pages + 1)
    ]
    return document


class Database:
    """The database the subprocesses use: an SQLite file of its own, or PostgreSQL's test database."""

    def __init__(self, tmp_path):
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.path = tmp_path / "db.sqlite3"
            self.url = f"sqlite:///{self.path}"
            self.manage("migrate", "-v0")
        elif connection.vendor == "postgresql":
            self.path = None
            password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
            self.url = (
                f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            )
        else:
            pytest.skip(f"no subprocess database for {connection.vendor}")

    def env(self):
        return {**os.environ, "DATABASE_URL": self.url, "PYTHONUNBUFFERED": "1"}

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )

    def start(self, *args):
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def counts(self):
        if self.path is not None:
            with sqlite3.connect(self.path) as db:
                return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        with connection.cursor() as cursor:
            result = {}
            for table in TABLES:
                cursor.execute(f"SELECT count(*) FROM {table}")
                result[table] = cursor.fetchone()[0]
            return result

    def importing(self):
        """Whether an import transaction is open right now: it holds SQLite's write lock, or
        PostgreSQL's advisory lock for the edition."""
        if self.path is not None:
            db = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                db.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
            return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_kill_9_in_the_middle_of_an_import_leaves_the_database_as_it_was(tmp_path):
    database = Database(tmp_path)
    small = tmp_path / "small.json"
    small.write_text(json.dumps(h.truth_document(CORPUS / "2019-10-05")), "utf-8")
    assert database.manage("import_edition", str(small)).returncode == 0
    exported = database.manage("export_edition", "2019-10-05").stdout
    before = database.counts()
    big = tmp_path / "big.json"
    big.write_text(
        json.dumps(big_document("2023-09-01", pages=16, per_page=200), ensure_ascii=False), "utf-8"
    )

    process = database.start("import_edition", str(big))
    deadline = time.monotonic() + 120
    while not database.importing():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.02)
    time.sleep(0.1)  # inside the transaction: pages and articles are being written
    assert process.poll() is None, "the import finished before it could be killed; make it bigger"
    os.kill(process.pid, signal.SIGKILL)
    stdout, _stderr = process.communicate()
    assert process.returncode == -signal.SIGKILL
    assert "新建" not in stdout, "the import committed before it was killed; make it bigger"

    assert database.counts() == before
    assert database.manage("export_edition", "2019-10-05").stdout == exported
    missing = database.manage("export_edition", "2023-09-01")
    assert missing.returncode == 1 and "没有 2023-09-01 的期次" in missing.stderr
    rerun = database.manage("import_edition", str(big))
    assert rerun.returncode == 0, rerun.stderr
    assert "2023-09-01：新建；16 个版面，3200 篇稿件" in rerun.stdout
    assert database.counts()["articles_article"] == before["articles_article"] + 3200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_edition_at_once_end_with_one_edition(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent imports are serialised by PostgreSQL's advisory lock; SQLite has one writer")
    from articles.models import Article, Contributor
    from editions.models import Edition

    database = Database(tmp_path)
    path = tmp_path / "edition.json"
    path.write_text(
        json.dumps(big_document("2023-09-02", pages=4, per_page=150), ensure_ascii=False), "utf-8"
    )
    processes = [database.start("import_edition", str(path), "--publish") for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    statuses = sorted(out.split("：")[1].split("；")[0] for out, _ in outputs)
    assert statuses == ["内容不变", "新建"]
    assert Edition.objects.filter(date="2023-09-02").count() == 1
    assert Article.objects.count() == 600
    assert Article.objects.values("page", "position").distinct().count() == 600
    assert (
        Contributor.objects.count() == Contributor.objects.values("name", "organization").distinct().count()
    )
