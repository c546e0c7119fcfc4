"""What every benchmark shares: the environment of a run, the project's commands, PostgreSQL
databases of its own, tables and saved results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
PG = "postgres://postgres@127.0.0.1:5432/{name}"
SECRET = "bench-only-secret-" + "x" * 40
sys.path.insert(0, str(ROOT))
from newsroom import seed  # noqa: E402  (the project is importable once ROOT is on the path)

SEED = seed.DUMP
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
# The generated archive's text: the corpus' truth files and the seed page.
ARCHIVE_TEXTS = ("--texts", str(CORPUS), str(SEED))


def base_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    env.update(extra)
    return env


def manage(*args, env=None, check=True, quiet=True):
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env or base_env(), capture_output=quiet, text=True
    )
    if check and result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


# The desk chief whose confirmation of open doubts a bench's `import_edition --publish` records
# (an edition with doubts is published with its import only so).
DESK_CHIEF = "bench-chief"


def publish_args(env):
    """import_edition's arguments to publish, with the bench's desk chief made in `env`'s database
    (a login with a throwaway password) confirming the doubts."""
    password = {"NEWSROOM_EDITOR_PASSWORD": "bench-" + os.urandom(12).hex()}
    manage("create_editor", DESK_CHIEF, "--desk-chief", "--noinput", env={**env, **password}, check=False)
    return ["--publish", "--confirm-doubts", DESK_CHIEF]


def run_with_rusage(cmd, env):
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{output[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, output


def fresh_pg(name):
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-q",
            "-c",
            f"DROP DATABASE IF EXISTS {name}",
            "-c",
            f"CREATE DATABASE {name}",
        ],
        check=True,
        capture_output=True,
    )
    return PG.format(name=name)


def table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def save(name, data):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# ---------------------------------------------------------------- parse
