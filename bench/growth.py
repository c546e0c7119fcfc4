"""The same views on one edition and on a ten-year archive (growth)."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import (
    ARCHIVE_TEXTS,
    PG,
    PY,
    ROOT,
    SECRET,
    base_env,
    fresh_pg,
    manage,
    publish_args,
    run_with_rusage,
    save,
    table,
)
from reading import Server, load_seed_and_corpus, reading_urls, site_env


def summary(times):
    times = sorted(times)
    return {"p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1]}


def paired_latency(small, large, n):
    """p50 / p95 of the same view on two servers, one request to each in turn: whatever the shared
    machine is doing at the time slows both alike."""
    times = {"small": [], "large": []}
    for base, path in (small, large):
        # Warm: each worker prepares a query after its fifth run (DATABASE_PREPARE_THRESHOLD).
        for _ in range(15):
            urllib.request.urlopen(base + path).read()
    for _ in range(n):
        for which, (base, path) in (("small", small), ("large", large)):
            started = time.perf_counter()
            with urllib.request.urlopen(base + path) as response:
                response.read()
            times[which].append((time.perf_counter() - started) * 1000)
    return summary(times["small"]), summary(times["large"])


# Searched in the growth run: a common word; a word of the corpus that the generated archive
# recombines into many stories (mid-frequency); a name only the seed page's headline holds (rare:
# the generator draws paragraphs, not the seed's titles). The run prints how many stories each
# matches.
SEARCHES = {"common (人民)": "人民", "mid (屠呦呦)": "屠呦呦", "rare (曹慧泉)": "曹慧泉"}


def build_archive(env, editions, workdir):
    """`editions` generated daily editions ending the day before the seed, written as page dumps
    and imported through import_edition, as a newsroom would load its back issues."""
    dumps = workdir / "archive"
    manage(
        "generate_archive",
        *ARCHIVE_TEXTS,
        "--editions",
        str(editions),
        "--end",
        "2023-08-08",
        "--dumps-dir",
        str(dumps),
    )
    folders = sorted(str(p) for p in dumps.iterdir())
    pages = sum(1 for _ in dumps.rglob("*.txt"))
    production = {**env, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": SECRET}
    elapsed, peak, _ = run_with_rusage(
        [PY, "manage.py", "import_edition", *folders, *publish_args(production)], production
    )
    shutil.rmtree(dumps, ignore_errors=True)
    print(f"imported {editions} editions ({pages} pages) in {elapsed:.0f} s: {pages / elapsed:.0f} pages/s")
    return {"editions": editions, "pages": pages, "seconds": elapsed, "peak_mib": peak}


def match_counts(env):
    code = (
        "from articles.models import Article; from articles import search; from django.db import connection; "
        f"words = {list(SEARCHES.values())!r}; "
        "print(Article.objects.count()); "
        "all_ = Article.objects.all(); "
        "[print(search.matching(all_, search.query_terms(w), connection).count()) for w in words]"
    )
    out = manage("shell", "-c", code, env=env).stdout.split()[-(len(SEARCHES) + 1) :]
    return int(out[0]), dict(zip(SEARCHES, map(int, out[1:]), strict=True))


def query_counts(env):
    """Queries per public view (bench/querycount.py), in a process of its own."""
    result = subprocess.run(
        [PY, "bench/querycount.py"],
        cwd=ROOT,
        env={**env, "DJANGO_ALLOWED_HOSTS": "testserver"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench/querycount.py failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def archive_editions(url):
    """How many editions the database at `url` holds, or None when it has no schema yet."""
    name = url.rsplit("/", 1)[1]
    result = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            name,
            "-Atc",
            "SELECT count(*) FROM editions_edition",
        ],
        capture_output=True,
        text=True,
    )
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip() else None


def bench_growth(args):
    """Page, article and search latency with the seed and corpus editions only and with years of
    daily editions added; both databases are served side by side and measured in turn."""
    years = 1 if args.quick else args.years
    editions = 365 * years
    requests = 30 if args.quick else 100
    rows, data = [], {}
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-growth-"))
    small_url = fresh_pg("bench_growth_small")
    load_seed_and_corpus(base_env(DATABASE_URL=small_url))
    large_url = PG.format(name="bench_growth")
    # --reuse: keep an archive an earlier run built (29,200 pages take minutes to import).
    # (Generated dates overlap the corpus editions' dates, which the archive then replaces.)
    if args.reuse and (archive_editions(large_url) or 0) >= editions:
        print(f"reusing the {years}-year archive in bench_growth")
    else:
        large_url = fresh_pg("bench_growth")
        load_seed_and_corpus(base_env(DATABASE_URL=large_url))
        data["import"] = build_archive(base_env(DATABASE_URL=large_url), editions, workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    servers, urls = {}, {}
    try:
        for label, url, port in (("small", small_url, 8766), ("large", large_url, 8768)):
            env = base_env(DATABASE_URL=url)
            manage(
                "shell",
                "-c",
                "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
                env=env,
            )
            articles, counts = match_counts(env)
            data[f"{label} matches"] = {"articles": articles, **counts}
            print(f"{label}: {articles} articles; stories matching: {counts}")
            senv = site_env(url, 0)
            data[f"{label} queries"] = query_counts(senv)
            servers[label] = Server(senv, port)
            paths = reading_urls(senv)
            base = f"http://127.0.0.1:{port}"
            urls[label] = {"page": (base, paths["page"]), "article": (base, paths["article"])}
            for name, word in SEARCHES.items():
                urls[label][f"search {name}"] = (base, "/search/?q=" + urllib.parse.quote(word))
        for view in urls["small"]:
            small, large = paired_latency(urls["small"][view], urls["large"][view], requests)
            data[view] = {"1 edition": small, f"{years} years": large}
            rows.append(
                (
                    view,
                    f"{small['p50']:.1f}",
                    f"{large['p50']:.1f}",
                    f"{large['p50'] / small['p50']:.2f}",
                    f"{small['p95']:.1f}",
                    f"{large['p95']:.1f}",
                )
            )
    finally:
        for server in servers.values():
            server.stop()
    print(
        f"\n### Growth: 1 edition vs a {years}-year archive on PostgreSQL, uncached, "
        f"one client, {requests} requests to each in turn\n"
    )
    print(
        table(
            [
                "view",
                "p50 ms (1 edition)",
                f"p50 ms ({years} years)",
                "ratio",
                "p95 ms (1 edition)",
                f"p95 ms ({years} years)",
            ],
            rows,
        )
    )
    print(f"\n### Queries per public view (anonymous reader, page cache off): 1 edition vs {years} years\n")
    print(
        table(
            ["view", "queries (1 edition)", f"queries ({years} years)"],
            [
                (view, count, data["large queries"].get(view, "—"))
                for view, count in data["small queries"].items()
            ],
        )
    )
    save("growth", data)
