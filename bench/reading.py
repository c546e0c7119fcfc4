"""The site under load: gunicorn and wrk on the reading views (read), and a rush of readers
during an import (rush)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import (
    ARCHIVE_TEXTS,
    CORPUS,
    DESK_CHIEF,
    PY,
    ROOT,
    SECRET,
    SEED,
    base_env,
    fresh_pg,
    manage,
    publish_args,
    save,
    table,
)


# ---------------------------------------------------------------- read
class Server:
    def __init__(self, env, port):
        self.port = port
        manage("collectstatic", "--noinput", env=env)
        self.proc = subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                "newsroom.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(os.cpu_count() or 2),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=30)


def wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": rps,
        "p50": ms("50"),
        "p99": ms("99"),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
    }


def site_env(url, cache_seconds):
    return base_env(
        DATABASE_URL=url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_SECONDS="0",
        NEWSROOM_PAGE_CACHE_SECONDS=str(cache_seconds),
        REDIS_URL="redis://127.0.0.1:6379/5",
    )


def reading_urls(env):
    code = (
        "from articles.models import Article; "
        "a = Article.objects.published().with_placement().order_by('-page__edition__date', 'page__number', "
        "'position').first(); e = a.page.edition; "
        "print(a.page.get_absolute_url()); print(a.get_absolute_url()); "
        "print(e.get_absolute_url().rstrip('/') + '.json')"
    )
    out = manage("shell", "-c", code, env=env).stdout.split()
    page, article, edition_json = out[-3:]
    return {
        "baseline /healthz/": "/healthz/",
        "front page /": "/",
        "page": page,
        "article": article,
        "edition JSON": edition_json,
        "search 人民": "/search/?q=%E4%BA%BA%E6%B0%91",
    }


# The corpus is real pages, some of whose photos their dumps leave without caption or credit,
# which publishing refuses (--publish as the admin's 发布): imported as drafts, then the desk's part
# done for the bench (the photos filled in, the doubts confirmed) and published through the service.
DESK_PUBLISHES = (
    "from django.contrib.auth import get_user_model; from articles.models import Photo; "
    "from editions.models import Edition; from editions.services import publish; "
    "from importer.services.doubts import confirm; "
    "Photo.objects.filter(caption='').update(caption='图片'); "
    "Photo.objects.filter(credit='').update(credit='本报记者摄'); "
    f"chief = get_user_model().objects.get(username={DESK_CHIEF!r}); "
    "drafts = Edition.objects.filter(status=Edition.Status.DRAFT); "
    "confirm(drafts, user=chief); published, refused = publish(drafts, user=chief); "
    "assert not refused, refused"
)


def load_seed_and_corpus(env):
    manage("migrate", "--noinput", env=env)
    publish = publish_args(env)
    manage("import_edition", str(SEED), "--date", "2023-08-09", *publish, env=env)
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        manage("import_edition", str(folder), env=env)
    manage("shell", "-c", DESK_PUBLISHES, env=env)


def measure_site(url, seconds, connections, label):
    """Each view under wrk, between two runs of the baseline (/healthz/) of half the time each: its
    ratio is taken to the mean of the two, so the shared machine's drift during the run (it can
    halve or double the baseline from one minute to the next) counts alike for both."""
    rows, data = [], {}
    for mode, cache_seconds in (("cold (no cache)", 0), ("warm (cached)", 300)):
        env = site_env(url, cache_seconds)
        subprocess.run(["redis-cli", "-n", "5", "flushdb"], capture_output=True)
        server = Server(env, 8765)
        results = {}
        try:
            urls = reading_urls(env)
            baseline = f"http://127.0.0.1:8765{urls.pop('baseline /healthz/')}"
            for path in urls.values():
                # Warm: the cached run then measures hits, not the first misses, and each worker
                # has prepared its queries (after their fifth run, DATABASE_PREPARE_THRESHOLD).
                for _ in range(6 * (os.cpu_count() or 2)):
                    urllib.request.urlopen(f"http://127.0.0.1:8765{path}").read()
            half = max(1, seconds // 2)
            before = wrk(baseline, half, connections)
            for name, path in urls.items():
                result = wrk(f"http://127.0.0.1:8765{path}", seconds, connections)
                after = wrk(baseline, half, connections)
                result["baseline_rps"] = (before["rps"] + after["rps"]) / 2
                results[name] = result
                before = after
        finally:
            server.stop()
        for name, r in results.items():
            rows.append(
                (
                    mode,
                    name,
                    f"{r['rps']:,.0f}",
                    f"{r['baseline_rps']:,.0f}",
                    f"{r['rps'] / r['baseline_rps']:.1%}",
                    f"{r['p50']:.1f}",
                    f"{r['p99']:.1f}",
                    r["non2xx"] + r["socket_errors"],
                )
            )
        data[mode] = results
    print(
        f"\n### Reading ({label}): gunicorn, {os.cpu_count()} workers, "
        f"wrk {connections} connections, {seconds}s each, baseline /healthz/ just before and after\n"
    )
    print(
        table(
            ["mode", "view", "req/s", "baseline req/s", "vs baseline", "p50 ms", "p99 ms", "errors"],
            rows,
        )
    )
    return data


def bench_read(args):
    url = fresh_pg("bench_read")
    load_seed_and_corpus(base_env(DATABASE_URL=url))
    seconds = 3 if args.quick else 10
    save("read", measure_site(url, seconds, 16, "seed + corpus editions, PostgreSQL"))


# ---------------------------------------------------------------- rush
def bench_rush(args):
    """The morning rush: 50 connections on the front page, a page, an article and a search, cached
    as in production; then again while an import of other editions runs (a year of them, so that
    it lasts through the whole phase; each publishes, invalidating the front page and searches).
    Zero errors expected."""
    url = fresh_pg("bench_rush")
    load_seed_and_corpus(base_env(DATABASE_URL=url))
    seconds = 5 if args.quick else 30
    env = site_env(url, 300)
    subprocess.run(["redis-cli", "-n", "5", "flushdb"], capture_output=True)
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-rush-"))
    editions = 40 if args.quick else 365
    manage(
        "generate_archive",
        *ARCHIVE_TEXTS,
        "--editions",
        str(editions),
        "--end",
        "2023-08-01",
        "--dumps-dir",
        str(workdir),
        env=env,
    )
    server = Server(env, 8767)
    rows, data = [], {}
    try:
        urls = reading_urls(env)
        targets = {name: urls[name] for name in ("front page /", "page", "article", "search 人民")}
        for phase in ("readers only", f"while importing {editions} editions"):
            importer = None
            started = time.perf_counter()
            if phase != "readers only":
                importer = subprocess.Popen(
                    [
                        PY,
                        "manage.py",
                        "import_edition",
                        *sorted(str(p) for p in workdir.iterdir()),
                        *publish_args(env),
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            for name, path in targets.items():
                r = wrk(f"http://127.0.0.1:8767{path}", seconds, 50)
                rows.append(
                    (
                        phase,
                        name,
                        f"{r['rps']:,.0f}",
                        f"{r['p50']:.1f}",
                        f"{r['p99']:.1f}",
                        r["non2xx"],
                        r["socket_errors"],
                    )
                )
                data[f"{phase}: {name}"] = r
            if importer is not None:
                phase_seconds = time.perf_counter() - started
                running = importer.poll() is None
                data["import exit code"] = importer.wait(timeout=1800)
                data["import seconds"] = time.perf_counter() - started
                data["import outlasted the phase"] = running
                data["phase seconds"] = phase_seconds
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n### Morning rush: gunicorn, wrk 50 connections, {seconds}s each, page cache on\n")
    print(table(["phase", "view", "req/s", "p50 ms", "p99 ms", "non-2xx/3xx", "socket errors"], rows))
    print(
        f"\nThe import during the rush exited with {data['import exit code']} after "
        f"{data['import seconds']:.0f} s; the phase lasted {data['phase seconds']:.0f} s "
        f"({'all of it' if data['import outlasted the phase'] else 'not all of it'} under the import)."
    )
    save("rush", data)


# ---------------------------------------------------------------- growth
