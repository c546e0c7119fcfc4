#!/usr/bin/env python
"""Newsroom benchmarks: every figure is reported with a baseline measured in the same run.

    python bench/run.py parse            # parser alone vs reading the same text
    python bench/run.py import           # 1 year of editions through import_edition, SQLite and PostgreSQL
    python bench/run.py read             # the site under gunicorn + wrk, each view vs /healthz/
    python bench/run.py rush             # 50 connections on four views, then again during an import
    python bench/run.py growth           # page, article, search, query counts: 1 edition vs 10 years
    python bench/run.py all              # everything (what `make bench` runs)

Options: --quick (smaller sizes, for a smoke run), --years N for growth (default 10), --reuse for
growth (measure again on the archive an earlier growth run left in the bench_growth database).
Results are printed as Markdown tables and saved as JSON under bench/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
PG = "postgres://postgres@127.0.0.1:5432/{name}"
SECRET = "bench-only-secret-" + "x" * 40


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
SIZES = (("1 KB", 1_000), ("20 KB", 20_000), ("1 MB", 1_000_000), ("5 MB", 5_000_000))


def real_pages():
    pages = [(ROOT / "seeds" / "000_092d2e3a62978a8e.txt").read_bytes()]
    pages += [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "corpus").rglob("0*.txt"))]
    return pages


def story_blocks():
    """The corpus's stories as a dump prints them: title lines, then paragraphs, one block each."""
    blocks = []
    for truth in sorted((ROOT / "tests" / "fixtures").glob("*corpus*/*/truth.json")):
        for page in json.loads(truth.read_text(encoding="utf-8"))["pages"]:
            for story in page["articles"]:
                titles = story.get("title_lines") or [
                    story[key] for key in ("kicker", "headline", "subheadline") if story.get(key)
                ]
                blocks += [*titles, *story["paragraphs"]]
    return blocks


def sized_page(blocks, size):
    """A page of about ``size`` bytes: the corpus's stories one after another, cycled."""
    out, total, index = [], 0, 0
    while total < size:
        block = blocks[index % len(blocks)]
        out.append(block)
        total += len(block.encode()) + 2
        index += 1
    return "\n\n".join(out) + "\n"


def tiny_pairs_page(size):
    """The hostile dump of issue 14: tiny title / paragraph pairs, up to ``size`` bytes."""
    out, total, index = [], 0, 0
    while total < size:
        pair = f"标题{index}\n\n正文{index}。\n"
        out.append(pair)
        total += len(pair.encode()) + 1
        index += 1
    return "\n".join(out)


def cpu_best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return min(times)


def bench_parse(args):
    sys.path.insert(0, str(ROOT))
    from importer.core.parser import parse_page
    from importer.core.text import decode_dump

    pages = real_pages()
    count = 300 if args.quick else 1000
    work = [pages[i % len(pages)] for i in range(count)]
    size = sum(len(p) for p in work)

    def baseline():
        for data in work:
            unicodedata.normalize("NFC", data.decode("utf-8-sig")).splitlines()

    def parse():
        for i, data in enumerate(work):
            parse_page(decode_dump(data), label=f"{i % 8 + 1:02d}", number=i % 8 + 1)

    results = {}
    for name, fn in (("read + split lines (baseline)", baseline), ("decode + parse_page", parse)):
        results[name] = cpu_best(fn)
    base = results["read + split lines (baseline)"]
    rows = [
        (name, f"{count / t:,.0f}", f"{size / t / 1e6:.2f}", f"{t / base:.1f}×")
        for name, t in results.items()
    ]
    print(f"\n### Parser alone: {count} real pages ({size / 1e6:.1f} MB), CPU time, best of 3\n")
    print(table(["what", "pages/s", "MB/s", "time vs baseline"], rows))

    blocks = story_blocks()
    sized, sized_rows = {}, []
    sizes = SIZES[:3] if args.quick else SIZES
    for kind, make in (("stories", lambda n: sized_page(blocks, n)), ("tiny pairs", tiny_pairs_page)):
        for label, target in sizes:
            data = make(target).encode()
            repeat = max(1, min(200, 2_000_000 // len(data)))

            def run(data=data, repeat=repeat):
                for _ in range(repeat):
                    parse_page(decode_dump(data))

            seconds = cpu_best(run, 3 if len(data) < 2_000_000 else 1) / repeat
            sized[f"{kind} {label}"] = {"bytes": len(data), "seconds": seconds}
            sized_rows.append((kind, label, f"{1 / seconds:,.1f}", f"{len(data) / seconds / 1e6:.2f}"))
    print("\n### Parser alone by page size (stories of the corpora cycled; the hostile dump of tiny")
    print("title/paragraph pairs), CPU time; the aim is at least 1 MB/s on each\n")
    print(table(["page", "size", "pages/s", "MB/s"], sized_rows))
    save("parse", {"pages": count, "bytes": size, "seconds": results, "sizes": sized})


# ---------------------------------------------------------------- import
def bench_import(args):
    editions = 30 if args.quick else 365
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        dumps = workdir / "archive"
        manage("generate_archive", "--editions", str(editions), "--dumps-dir", str(dumps), "--seed", "1")
        folders = sorted(str(p) for p in dumps.iterdir())
        pages = sum(1 for _ in dumps.rglob("*.txt"))
        rows, data = [], {}
        backends = [
            ("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}"),
            ("PostgreSQL", fresh_pg("bench_import")),
        ]
        for name, url in backends:
            # Production settings: debug off, so Django keeps no query log.
            env = base_env(DATABASE_URL=url, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET)
            manage("migrate", "--noinput", env=env)
            elapsed, peak, _ = run_with_rusage(
                [PY, "manage.py", "import_edition", *folders, "--publish"], env
            )
            again, _peak, _ = run_with_rusage(
                [PY, "manage.py", "import_edition", *folders[: editions // 3]], env
            )
            rows.append(
                (
                    name,
                    pages,
                    f"{elapsed:.1f}",
                    f"{pages / elapsed:.0f}",
                    f"{peak:.0f}",
                    f"{(editions // 3) * pages / editions / again:.0f}",
                )
            )
            data[name] = {"pages": pages, "seconds": elapsed, "peak_mib": peak, "reimport_seconds": again}
        print(f"\n### Import: {editions} editions, {pages} pages, one process per backend\n")
        print(
            table(
                ["database", "pages", "seconds", "pages/s", "peak MiB", "re-import pages/s (unchanged)"], rows
            )
        )

        # Where the time goes: a profile of the PostgreSQL import of a few editions.
        env = base_env(DATABASE_URL=fresh_pg("bench_profile"), DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET)
        manage("migrate", "--noinput", env=env)
        prof = workdir / "import.prof"
        subprocess.run(
            [PY, "-m", "cProfile", "-o", str(prof), "manage.py", "import_edition", *folders[:20]],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        import pstats

        stats = pstats.Stats(str(prof))
        total = stats.total_tt
        interesting = []
        for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
            if "/newsroom/" in filename or ("/work/" in filename and ".venv" not in filename):
                interesting.append((ct, f"{Path(filename).parent.name}/{Path(filename).name}:{func}"))
        interesting.sort(reverse=True)
        print("\nWhere the time goes (cumulative, 20 editions on PostgreSQL, project code only):\n")
        print(table(["function", "share of run"], [(n, f"{ct / total:.0%}") for ct, n in interesting[:12]]))
        save("import", data)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


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


def load_seed_and_corpus(env):
    manage("migrate", "--noinput", env=env)
    manage("import_edition", "seeds/000_092d2e3a62978a8e.txt", "--date", "2023-08-09", "--publish", env=env)
    for folder in sorted(p for p in (ROOT / "tests" / "fixtures" / "corpus").iterdir() if p.is_dir()):
        manage("import_edition", str(folder), "--publish", env=env)


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
                        "--publish",
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
    manage("generate_archive", "--editions", str(editions), "--end", "2023-08-08", "--dumps-dir", str(dumps))
    folders = sorted(str(p) for p in dumps.iterdir())
    pages = sum(1 for _ in dumps.rglob("*.txt"))
    elapsed, peak, _ = run_with_rusage(
        [PY, "manage.py", "import_edition", *folders, "--publish"],
        {**env, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": SECRET},
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


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "what", nargs="?", default="all", choices=["parse", "import", "read", "growth", "rush", "all"]
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="growth: keep the archive an earlier run built")
    args = parser.parse_args()
    os.chdir(ROOT)
    print(f"Machine: {os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}")
    steps = {
        "parse": bench_parse,
        "import": bench_import,
        "read": bench_read,
        "rush": bench_rush,
        "growth": bench_growth,
    }
    for name, step in steps.items():
        if args.what in (name, "all"):
            step(args)


if __name__ == "__main__":
    main()
