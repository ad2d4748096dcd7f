"""Benchmark the archive at size N: import, re-import, parse, pages, downloads.

Run it with ``make bench N=100000`` (database from ``DATABASE_URL``; SQLite
when unset); ``bench/run.py --adversarial`` times only the parser on the
shapes of bench/adversarial.py, with no database. It works on a database
of its own next to the one named — for
PostgreSQL the same server with ``_bench`` added to the database name, for
SQLite ``bench/bench.sqlite3`` — which it drops and rebuilds, so it never
touches real data. Page times are taken through a real gunicorn process on
loopback, after a warm-up, as medians and 95th percentiles. Results go to
``bench/results.json`` and to the generated part of ``docs/benchmarks.md``.
No time is asserted: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
ADV_START, ADV_END = "<!-- bench:adversarial:start -->", "<!-- bench:adversarial:end -->"


def bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parsed = urllib.parse.urlsplit(url)
        name = parsed.path.lstrip("/") or "archive"
        return urllib.parse.urlunsplit(parsed._replace(path=f"/{name}_bench"))
    return f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}"


def reset_database(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    parsed = urllib.parse.urlsplit(url)
    name = parsed.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def environment(url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=url,
        DJANGO_SECRET_KEY="benchmark-only-secret-key-not-for-production-use-0123456789",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def manage(env: dict, *args: str) -> tuple[float, float, str]:
    """Run manage.py; return seconds, peak memory of that process in MB, and output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode not in (0,):
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def analyze(url: str) -> None:
    """What autovacuum would do soon after a bulk load: fresh statistics, a visibility map."""
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")


def parse_rate(folder: Path) -> float:
    sys.path.insert(0, str(ROOT))
    from archive.text import decode_source, parse_document

    files = sorted(folder.glob("*.txt"))
    started = time.perf_counter()
    for path in files:
        parse_document(decode_source(path.read_bytes(), path.name), path.name)
    return len(files) / (time.perf_counter() - started)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn on loopback, started and stopped by the benchmark."""

    def __init__(self, env: dict, workers: int = 2) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        gunicorn = str(Path(PY).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).read()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def worker_rss_mb(self) -> float:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        total = 0.0
        for pid in children.read_text().split() if children.exists() else []:
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                match = re.search(r"VmRSS:\s+(\d+)", status.read_text())
                total = max(total, int(match[1]) / 1024 if match else 0)
        return total

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


def login(server: Server, username: str, password: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(server.base + "/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token,
         "next": "/admin/"}
    ).encode()  # fmt: skip
    request = urllib.request.Request(server.base + "/admin/login/", data=data)
    request.add_header("Referer", server.base + "/admin/login/")
    opener.open(request).read()
    return opener


def timed(opener, url: str, repeat: int, warmup: int = 3) -> dict:
    for _ in range(warmup):
        opener.open(url).read()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        with opener.open(url) as response:
            while response.read(65536):
                pass
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"median_ms": round(statistics.median(samples), 1), "p95_ms": round(p95, 1)}


def query_counts(env: dict, paths: dict[str, str], username: str) -> dict[str, int]:
    """Queries per page, counted in-process with Django's test client."""
    script = f"""
import json, django
django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["testserver"]
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
client.force_login(get_user_model().objects.get(username={username!r}))
counts = {{}}
for name, path in json.loads({json.dumps(json.dumps(paths))}).items():
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
        if getattr(response, "streaming", False):
            for _ in response.streaming_content:
                break
    counts[name] = len(context.captured_queries)
print(json.dumps(counts))
"""
    result = subprocess.run(
        [PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def pick(env: dict) -> dict:
    script = """
import json, django
django.setup()
from django.db.models import Count
from archive.models import Person, PersonMention, Place, Telegram
documents = Telegram.objects.public().order_by("pk")
middle = documents[documents.count() // 2]
person = Person.objects.annotate(n=Count("sent")).order_by("-n").first()
# The place page at its heaviest: the place the most public documents name.
place = Place.objects.order_by("-public_documents", "pk").first()
# The editor's page at its heaviest: the document with the most people named.
busy = (
    PersonMention.objects.values("telegram").annotate(n=Count("pk")).order_by("-n", "telegram")
    .first()
)
print(json.dumps({"identifier": middle.identifier, "person": person.pk, "place": place.pk,
                  "busy": busy["telegram"] if busy else middle.pk}))
"""
    result = subprocess.run(
        [PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = match[1].strip() if match else ""
    memory = ""
    if Path("/proc/meminfo").exists():
        match = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        memory = f"{int(match[1]) / 1024 / 1024:.0f} GiB" if match else ""
    return f"{os.cpu_count()} cores, {memory}, {cpu}, Python {platform.python_version()}"


def write_markdown(results: dict) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = (
        path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    )
    rows = "\n".join(
        f"| {name} | {page['median_ms']} | {page['p95_ms']} | {page['queries']} |"
        for name, page in results["pages"].items()
    )
    generated = f"""{START}
## Latest run

- date: {results["date"]}
- machine: {results["machine"]}
- database: {results["database"]}
- documents: {results["n"]} synthetic (`bench/corpus.py {results["n"]} … --seed {results["seed"]}`)

| measure | value |
| --- | --- |
| parse alone | {results["parse_docs_per_s"]} docs/s |
| fresh import | {results["import_docs_per_s"]} docs/s ({results["import_seconds"]} s) |
| re-import, unchanged | {results["reimport_docs_per_s"]} docs/s |
| peak memory of an import | {results["peak_rss_mb"]} MB |
| CSV of all documents: server memory growth | {results["csv_memory_growth_mb"]} MB |

| page | median ms | p95 ms | queries |
| --- | --- | --- | --- |
{rows}
{END}"""
    if START in text and END in text:
        text = text[: text.index(START)] + generated + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + generated + "\n"
    path.write_text(text, encoding="utf-8")


def write_adversarial(results: dict) -> None:
    """Record the adversarial parse times in results.json and docs/benchmarks.md."""
    results_path = ROOT / "bench" / "results.json"
    stored = json.loads(results_path.read_text()) if results_path.exists() else {}
    stored["adversarial"] = results
    results_path.write_text(json.dumps(stored, indent=2) + "\n")
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8")
    rows = "\n".join(
        f"| {name} | {shape.get('bytes', '')} | "
        f"{'–' if shape['seconds'] is None else shape['seconds']} | {shape['outcome']} |"
        for name, shape in results["shapes"].items()
    )
    generated = f"""{ADV_START}
### Adversarial parse times (latest `bench/run.py --adversarial`)

- date: {results["date"]}
- machine: {results["machine"]}

| shape | bytes | seconds (best of {results["repeat"]}) | outcome |
| --- | --- | --- | --- |
{rows}
{ADV_END}"""
    if ADV_START in text and ADV_END in text:
        text = (
            text[: text.index(ADV_START)] + generated + text[text.index(ADV_END) + len(ADV_END) :]
        )
    else:
        text = text.rstrip() + "\n\n" + generated + "\n"
    path.write_text(text, encoding="utf-8")


def adversarial(repeat: int, write_docs: bool) -> None:
    from bench import adversarial as shapes

    print("timing the parser on the adversarial shapes…", flush=True)
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "repeat": repeat,
        "shapes": shapes.run(repeat=repeat),
    }
    if write_docs:
        write_adversarial(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/benchmarks.md alone")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="keep the benchmark database of the last run (migrated) and time the pages again",
    )
    parser.add_argument(
        "--adversarial",
        action="store_true",
        help="time only the parser on the adversarial shapes (bench/adversarial.py); no database",
    )
    args = parser.parse_args()
    if args.adversarial:
        sys.path.insert(0, str(ROOT))
        adversarial(repeat=3, write_docs=not args.no_docs)
        return

    url = bench_database_url()
    env = environment(url)
    corpus = ROOT / "bench" / f"corpus-{args.n}-{args.seed}"
    if not args.pages_only and (not corpus.exists() or len(list(corpus.glob("*.txt"))) != args.n):
        shutil.rmtree(corpus, ignore_errors=True)
        print(f"generating {args.n} documents…", flush=True)
        subprocess.run(
            [PY, "bench/corpus.py", str(args.n), str(corpus), "--seed", str(args.seed)],
            cwd=ROOT,
            check=True,
        )
    previous = {}
    results_path = ROOT / "bench" / "results.json"
    if args.pages_only and results_path.exists():
        previous = json.loads(results_path.read_text())
    if args.pages_only:
        if previous.get("n") != args.n:
            raise SystemExit("--pages-only needs a previous run of the same size")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        analyze(url)
        parse = previous["parse_docs_per_s"]
        seconds = previous["import_seconds"]
        again = args.n / previous["reimport_docs_per_s"]
        peak = peak_again = previous["peak_rss_mb"]
    else:
        print("resetting the benchmark database…", flush=True)
        reset_database(url)
        manage(env, "migrate", "--noinput", "-v", "0")
        # As `make run` sets up: the shipped office holdings first, so headings
        # resolve through them while the corpus is imported (their cost counts).
        manage(env, "import_offices", "-v", "0")
        manage(env, "import_seeds", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        print("parsing…", flush=True)
        parse = parse_rate(corpus)
        print("importing…", flush=True)
        seconds, peak, _ = manage(env, "import_seeds", str(corpus), "--no-authorities", "-v", "0")
        print("re-importing…", flush=True)
        again, peak_again, _ = manage(
            env, "import_seeds", str(corpus), "--no-authorities", "-v", "0"
        )
        analyze(url)
    username, password = "bench-editor", "bench-password-0123456789"
    manage(
        {**env, "DJANGO_SUPERUSER_USERNAME": username, "DJANGO_SUPERUSER_PASSWORD": password},
        "ensure_editor",
    )

    chosen = pick(env)
    paths = {
        "home": "/",
        "list": "/telegrams/",
        "filtered list": "/telegrams/?kind=telegram&from=1935-01-01&to=1936-12-31&sort=-date",
        "search": "/telegrams/?q=Soviet+Government",
        # The rest of the search language, the same on both databases.
        "search phrase or exclusion": '/telegrams/?q="Soviet+Government"+-Japan+or+Litvinov',
        "document": f"/telegrams/{chosen['identifier']}/",
        "person": f"/people/{chosen['person']}/",
        "place": f"/places/{chosen['place']}/",
        "people": "/people/",
        "files": "/files/",
        "admin changelist": "/admin/archive/telegram/",
        "admin search": "/admin/archive/telegram/?q=Litvinov",
        "admin filter": (
            "/admin/archive/telegram/?kind__exact=despatch&review_status__exact=unreviewed"
        ),
        "admin change page": f"/admin/archive/telegram/{chosen['busy']}/change/",
    }
    queries = query_counts(env, {**paths, "csv": "/telegrams/?format=csv"}, username)
    print("timing pages through gunicorn…", flush=True)
    server = Server(env)
    try:
        public = urllib.request.build_opener()
        editor = login(server, username, password)
        pages = {}
        for name, path in paths.items():
            opener = editor if name.startswith("admin") else public
            pages[name] = {
                **timed(opener, server.base + path, args.repeat),
                "queries": queries[name],
            }
            print(f"  {name}: {pages[name]}", flush=True)
        before = server.worker_rss_mb()
        pages["csv of all documents"] = {
            **timed(public, server.base + "/telegrams/?format=csv", max(3, args.repeat // 5), 1),
            "queries": queries["csv"],
        }
        growth = max(0.0, server.worker_rss_mb() - before)
    finally:
        server.stop()

    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "database": "PostgreSQL" if url.startswith("postgres") else "SQLite",
        "n": args.n,
        "seed": args.seed,
        "parse_docs_per_s": round(parse),
        "import_seconds": round(seconds, 1),
        "import_docs_per_s": round(args.n / seconds),
        "reimport_docs_per_s": round(args.n / again),
        "peak_rss_mb": round(max(peak, peak_again)),
        "csv_memory_growth_mb": round(growth, 1),
        "pages": pages,
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    if not args.no_docs:
        write_markdown(results)
    print(json.dumps({k: v for k, v in results.items() if k != "pages"}, indent=2))


if __name__ == "__main__":
    main()
