"""`make bench`: builds a large site, serves it with gunicorn on 127.0.0.1 and measures it
with wrk; writes bench/results.md. Not part of CI. See bench/README.md.

Steps: fresh SQLite file in bench/work/ -> migrate + load_demo -> the signed-in applicant
(bench/applicant.py) -> SQL queries per page (small) -> bench.generate (news, events with
registrations, programmes with calls and applications) -> SQL queries per page (large)
-> for each cache set-up (none, local memory, Redis): gunicorn, sign in through the login
form, wrk on every page anonymous and signed in, and on /bench/ceiling/, memory of each
worker -> the registration race on the last server (bench/race.py) -> bench/results.md.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.browser import Browser

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
WORK = BENCH / "work"
PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
REDIS = shutil.which("redis-server")

# Page types to measure, in table order: (label, Wagtail page type or fixed path).
PAGES = [
    ("home", "core.HomePage"),
    ("news index", "news.NewsIndexPage"),
    ("news page", "news.NewsPage"),
    ("news index, page 50", "news.NewsIndexPage?page=50"),
    ("events list", "events.EventIndexPage"),
    ("event page", "events.EventPage"),
    ("programme catalogue", "mobility.ProgrammeIndexPage"),
    ("programme page", "mobility.ProgrammePage"),
    ("partner index", "partners.PartnerIndexPage"),
    ("advising topic", "advising.AdvisingTopicPage"),
    ("search", "/de/search/?q=Kooperation"),
]
# The same pages in the other languages, anonymous only (signed in, the language makes no
# difference to the cost: the page is rendered either way).
OTHER_LANGUAGES = ("en", "zh-hans")
TRANSLATED_PAGES = [
    (label, target) for label, target in PAGES if "?" not in target and not target.startswith("/")
]
# Pages only a signed-in visitor sees (anonymous visitors are sent to the login form).
SIGNED_IN_PAGES = [("applicant's account", "/de/account/")]
CEILING = "/bench/ceiling/"
CEILING_LABEL = "ceiling (trivial view)"
NEAR_CEILING_SECONDS = 2
# Cache set-ups, in column order: (key, heading, CACHE_URL or None for Redis, whether the
# whole-page cache is on).
CACHES = {
    "none": ("no cache", "dummycache://", True),
    "nopage": ("local memory, page cache off", "locmemcache://qiao", False),
    "locmem": ("local memory (default)", "locmemcache://qiao", True),
    "redis": ("Redis", None, True),
}


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=PROJECT, env=env, check=True, **kwargs)


def python_json(module: str, *args: str, env) -> dict:
    done = run(PYTHON, "-m", module, *args, env=env, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def resolve(inventory: dict, target: str, language: str = "de") -> str | None:
    if target.startswith("/"):
        return target
    page_type, _sep, query = target.partition("?")
    for entry in inventory["pages"]:
        if entry["type"] == page_type and entry["language"] == language:
            return entry["url"] + (f"?{query}" if query else "")
    return None


def wrk(url: str, seconds: int, connections: int, cookie: str | None = None) -> dict:
    command = [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    out = done.stdout

    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
        "load": os.getloadavg()[0],
    }


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310  # nosec B310
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"no answer from {url}")


def start_redis():
    """A throwaway Redis on a free port (no persistence); None if none is installed."""
    if not REDIS:
        return None, None
    port = free_port()
    process = subprocess.Popen(
        [REDIS, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"redis://127.0.0.1:{port}/1"
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("redis-server did not start")


def start_gunicorn(port: int, workers: int, env, log_path: Path):
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            "qiao.wsgi",
        ],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return server, log


def sign_in(base: str, email: str, password: str) -> str:
    """Sign in through the site's login form, as a browser does; the session cookie."""
    browser = Browser(base)
    status, html = browser.request("/de/accounts/login/")
    status, _html = browser.request(
        "/de/accounts/login/",
        {"csrfmiddlewaretoken": browser.csrf_token(html), "login": email, "password": password},
    )
    session = browser.cookie("sessionid")
    if status != 302 or not session:
        raise RuntimeError(f"sign-in failed: {status}")
    status, _html = browser.request("/de/account/")
    if status != 200:
        raise RuntimeError(f"the signed-in session does not open the account page: {status}")
    return f"sessionid={session}"


def settle(base: str, workers: int, limit: float = 120) -> float:
    """Wait until every worker is free again (slow requests queued by the last wrk run
    are still being served after wrk stops): all of ``workers`` simultaneous requests to
    the ceiling answer within a second. Returns the seconds waited."""
    from concurrent.futures import ThreadPoolExecutor

    def probe(_number) -> float:
        began = time.monotonic()
        try:
            urllib.request.urlopen(base + CEILING, timeout=5).read()  # noqa: S310  # nosec B310
        except OSError:
            return 99.0
        return time.monotonic() - began

    began = time.monotonic()
    with ThreadPoolExecutor(workers) as pool:
        while time.monotonic() - began < limit:
            if max(pool.map(probe, range(workers))) < 1:
                break
            time.sleep(1)
    return time.monotonic() - began


def measure_server(
    base, targets, signed_in_targets, *, translated=(), cookie, seconds, connections, workers, log
):
    """wrk on the ceiling and on every page, anonymous and signed in; the translated pages
    anonymous only."""
    results = {}
    rows = [(CEILING_LABEL, CEILING, (False, True))]
    rows += [(label, url, (False, True)) for label, url in targets]
    rows += [(label, url, (False,)) for label, url in translated]
    rows += [(label, url, (True,)) for label, url in signed_in_targets]
    for label, url, users in rows:
        for signed_in in users:
            waited = settle(base, workers)
            if waited > 2:
                log(f"waited {waited:.0f} s for the workers to finish earlier requests")
            log(f"wrk {'signed in' if signed_in else 'anonymous'} {url}")
            session = cookie if signed_in else None
            wrk(base + url, 2, connections, session)  # warm every worker
            results[(label, signed_in)] = {
                "url": url,
                **wrk(base + url, seconds, connections, session),
                # The ceiling again, right after: what this machine could do at that
                # moment (a shared machine's speed drifts by a third within one run).
                "ceiling": wrk(base + CEILING, NEAR_CEILING_SECONDS, connections)["rps"],
            }
    return results


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {memory / 1024 / 1024:.0f} GiB RAM, "
        f"{platform.system()} {platform.release()}"
    )


def revision() -> str:
    """The commit measured, and whether the working tree had changes on top of it."""
    git = ["git", "-C", str(PROJECT)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    changes = subprocess.run(
        [*git, "status", "--porcelain", "--", "qiao"], capture_output=True, text=True
    )
    dirty = " with uncommitted changes in qiao/" if changes.stdout.strip() else ""
    return f"commit {commit.stdout.strip()}{dirty}"


def versions(env) -> str:
    code = (
        "import django, wagtail, sqlite3, platform; "
        "print(f'Python {platform.python_version()}, Django {django.get_version()}, "
        "Wagtail {wagtail.__version__}, SQLite {sqlite3.sqlite_version}')"
    )
    return run(PYTHON, "-c", code, env=env, capture_output=True, text=True).stdout.strip()


def database_counts(database: Path) -> dict:
    tables = {
        "pages": "wagtailcore_page",
        "news items": "news_newspage",
        "events": "events_eventpage",
        "registrations": "events_registration",
        "programmes": "mobility_programmepage",
        "calls": "mobility_call",
        "applications": "mobility_application",
        "user accounts": "auth_user",
    }
    with sqlite3.connect(database) as db:
        return {
            label: db.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608  # nosec B608
            for label, table in tables.items()
        }


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--news", type=int, default=10_000, help="news items per language")
    parser.add_argument("--events", type=int, default=2_000, help="events (German)")
    parser.add_argument("--registrations", type=int, default=50_000)
    parser.add_argument("--programmes", type=int, default=60, help="extra programmes")
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument(
        "--caches",
        default="nopage,locmem,redis",
        help="cache set-ups to measure, in order (none, nopage, locmem, redis)",
    )
    parser.add_argument("--race-threads", type=int, default=200)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 0)))
    parser.add_argument("--output", default=str(BENCH / "results.md"))
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir()
    database = WORK / "bench.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(WORK / "media"),
        "PYTHONPATH": str(PROJECT),
    }
    began = time.monotonic()
    loads = [os.getloadavg()[0]]
    measured_revision = revision()

    def log(message: str) -> None:
        loads.append(os.getloadavg()[0])
        elapsed = time.monotonic() - began
        print(f"bench [{elapsed / 60:4.1f} min, load {loads[-1]:.1f}]: {message}", flush=True)

    log("migrate + load_demo")
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=env)
    run(PYTHON, "manage.py", "load_demo", env=env, capture_output=True)
    # What a task worker does after publishing (search and reference index, e-mails to
    # the console): without it the demo pages are not in the search index.
    log("db_worker --batch (search index of the demo pages)")
    worker = ("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    run(PYTHON, "manage.py", *worker, env=env, capture_output=True)
    applicant = python_json("bench.applicant", env=env)
    inventory = python_json("e2e.discover", env=env)
    targets = [(label, resolve(inventory, target)) for label, target in PAGES]
    targets = [(label, url) for label, url in targets if url]
    translated = [
        (f"{label} ({language[:2].upper()})", resolve(inventory, target, language))
        for language in OTHER_LANGUAGES
        for label, target in TRANSLATED_PAGES
    ]
    translated = [(label, url) for label, url in translated if url]
    urls = [url for _label, url in targets + translated + SIGNED_IN_PAGES]
    log("SQL queries per page (demo volume)")
    # Counted without the page cache: what a page costs when it is rendered.
    uncached = {**env, "PAGE_CACHE_ENABLED": "False"}
    queries_small = python_json("bench.queries", *urls, env=uncached)

    log("generating volume")
    generated = python_json(
        "bench.generate",
        *("--news", str(args.news), "--events", str(args.events)),
        *("--registrations", str(args.registrations), "--programmes", str(args.programmes)),
        *("--applications", str(args.applications)),
        env=env,
    )
    log(f"generated: {generated}")
    log("SQL queries per page (large volume)")
    queries_large = python_json("bench.queries", *urls, env=uncached)
    counts = database_counts(database)
    log("statistics and funder report (server time, large volume)")
    reports = python_json("bench.reports", env=env)

    caches = [key for key in args.caches.split(",") if key]
    redis, redis_url = (None, None)
    if "redis" in caches:
        redis, redis_url = start_redis()
        if redis is None:
            log("redis-server is not installed: no Redis column")
            caches.remove("redis")
    results, memory, race = {}, {}, None
    cookie = None
    try:
        for number, key in enumerate(caches):
            cache_url = CACHES[key][1] or redis_url
            port = args.port or free_port()
            base = f"http://127.0.0.1:{port}"
            server_env = {
                **env,
                "CACHE_URL": cache_url,
                "PAGE_CACHE_ENABLED": str(CACHES[key][2]),
                # 200 registrations from one address (the race) are not an attack here.
                "EVENTS_REGISTRATION_RATE_LIMIT": "100000/h",
            }
            log(f"gunicorn with CACHE_URL={cache_url}")
            server, server_log = start_gunicorn(
                port, args.workers, server_env, WORK / f"gunicorn-{key}.log"
            )
            try:
                wait_for(base + CEILING, server)
                cookie = cookie or sign_in(base, applicant["email"], applicant["password"])
                results[key] = measure_server(
                    base,
                    targets,
                    SIGNED_IN_PAGES,
                    translated=translated,
                    cookie=cookie,
                    seconds=args.seconds,
                    connections=args.connections,
                    workers=args.workers,
                    log=log,
                )
                memory[key] = [rss_mib(pid) for pid in worker_pids(server.pid)]
                if number == len(caches) - 1 and args.race_threads:
                    log(f"race: {args.race_threads} registrations for 50 seats")
                    try:
                        race = python_json(
                            "bench.race",
                            *("--base", base, "--event", str(generated["race event"])),
                            *("--threads", str(args.race_threads)),
                            env=env,
                        )
                    except subprocess.CalledProcessError as error:
                        race = {"error": (error.stderr or "")[-2000:]}
                    race["cache"] = CACHES[key][0]
                    log(f"race: {race.get('final', race.get('error'))}")
            finally:
                server.terminate()
                server.wait(timeout=30)
                server_log.close()
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
    loads.append(os.getloadavg()[0])

    write_results(
        Path(args.output),
        args=args,
        env=env,
        caches=caches,
        cache_urls={key: CACHES[key][1] or "redis://127.0.0.1:<port>/1" for key in caches},
        targets=[*targets, *translated, *SIGNED_IN_PAGES],
        results=results,
        queries_small=queries_small,
        queries_large=queries_large,
        counts=counts,
        generated=generated,
        memory=memory,
        race=race,
        reports=reports,
        loads=loads,
        revision=measured_revision,
        minutes=(time.monotonic() - began) / 60,
    )
    print(Path(args.output).read_text())


def near_ceiling(results: dict, result: dict | None) -> float:
    """The ceiling measured right after this page (the one at the start for the ceiling's
    own rows)."""
    return (result or {}).get("ceiling") or results[(CEILING_LABEL, False)]["rps"]


def _cell(result: dict | None, ceiling: float) -> str:
    if result is None:
        return "- | - | - | -"
    if not result["requests"]:
        return "0 (no answer in time) | - | - | 0%"
    notes = []
    if result["non_2xx"]:
        notes.append(f"{result['non_2xx']} non-2xx")
    if result["socket_errors"]:
        timeouts = re.search(r"timeout (\d+)", result["socket_errors"])
        other = re.sub(r",? ?timeout \d+", "", result["socket_errors"])
        if timeouts and int(timeouts.group(1)):
            notes.append(f"{timeouts.group(1)} timeouts")
        if re.search(r"[1-9]", other):
            notes.append(f"socket errors {other}")
    note = f" ({'; '.join(notes)})" if notes else ""
    rps = f"{result['rps']:.1f}" if result["rps"] < 10 else f"{result['rps']:.0f}"
    return (
        f"{rps}{note} | {result['p50']:.0f} | {result['p99']:.0f} | {result['rps'] / ceiling:.1%}"
    )


def write_results(path, *, args, env, caches, cache_urls, targets, results, **facts):
    counts, generated, memory, race = (
        facts["counts"],
        facts["generated"],
        facts["memory"],
        facts["race"],
    )
    loads = facts["loads"]
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    headings = [CACHES[key][0] for key in caches]
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {now}; `make bench` took {facts['minutes']:.0f} minutes.",
        f"- Machine: {machine()}. Shared with other engineers' browser tests: load average "
        f"(1 min) {loads[0]:.1f} at the start, {min(loads):.1f} to {max(loads):.1f} during the "
        f"run (mean {sum(loads) / len(loads):.1f}) on {os.cpu_count()} CPUs.",
        f"- Code: {facts['revision']}.",
        f"- Software: {versions(env)}; gunicorn {args.workers} sync workers on 127.0.0.1, "
        "SQLite (WAL) database, DEBUG off.",
        f"- Load: wrk, 2 threads, {args.connections} connections, {args.seconds} s per page "
        "and visitor after a 2 s warm-up, 10 s timeout.",
        f"- Volume (large): {counts['pages']} pages; {counts['news items']} news items "
        f"({args.news} per language in DE, EN and ZH plus the demo's); {counts['events']} "
        f"events ({generated['events (de)']} German, {generated['events (en)']} English, "
        f"{generated['events (zh)']} Chinese; {generated['future events (de)']} German ones "
        f"still ahead) with {counts['registrations']} registrations; {counts['programmes']} "
        f"programme pages, {counts['calls']} calls, {counts['applications']} applications "
        f"from {counts['user accounts']} accounts.",
        "- Visitor: *anonymous*, or *signed in* as an applicant (a session cookie from the "
        "site's own login form, sent by wrk as `Cookie: sessionid=...`).",
        "- Cache (`CACHE_URL` of the server): "
        + "; ".join(f"*{CACHES[key][0]}* = `{cache_urls[key]}`" for key in caches)
        + ". Anonymous visitors get whole pages from the cache (qiao.core.pagecache, keyed "
        "by address, language and content version; pages with live figures for 10 s), "
        "except with *page cache off* (`PAGE_CACHE_ENABLED=False`: the state before the "
        "page cache) and *no cache*. Signed-in visitors always get the page rendered, with "
        "the header and footer fragments from the cache. *Local memory* keeps one copy "
        "per worker; *Redis* is the production set-up, shared by all workers (each worker "
        "also keeps a copy of the pages it served last, under the same versioned key).",
        "- Share of ceiling: requests/s of the page divided by the ceiling's (anonymous), "
        f"measured for {NEAR_CEILING_SECONDS} s right after the page on the same server (the "
        "speed of this shared machine drifts by up to a third within one run). SQL "
        "queries: Django's test client with the page cache off, second request "
        "(anonymous / signed in); server ms: the same, anonymous, best "
        "of three, in one process (what a page costs when it is not cached); HTML kB: its "
        "size (site.css adds 15 kB, theme.css under 1 kB; there is no JavaScript).",
        "",
    ]
    header = "| page | URL | visitor | " + " | ".join(
        f"{heading}: req/s | p50 ms | p99 ms | share" for heading in headings
    )
    header += " | SQL queries (demo) | SQL queries (large) | server ms (large) | HTML kB |"
    lines += [header, "| --- | --- | --- | " + "---: | " * (4 * len(caches) + 4)]
    rows = [(CEILING_LABEL, CEILING), *targets]
    for label, url in rows:
        for signed_in in (False, True):
            if not any((label, signed_in) in results[key] for key in caches):
                continue
            cells = []
            for key in caches:
                result = results[key].get((label, signed_in))
                cells.append(_cell(result, near_ceiling(results[key], result)))
            suffix = "_user" if signed_in else ""
            small = facts["queries_small"].get(url, {}).get(f"queries{suffix}", "-")
            large = facts["queries_large"].get(url, {}).get(f"queries{suffix}", "-")
            visitor = "signed in" if signed_in else "anonymous"
            measured = facts["queries_large"].get(url, {})
            server_ms = measured.get("ms", "-") if not signed_in else "-"
            size = f"{measured['bytes'] / 1000:.0f}" if "bytes" in measured else "-"
            lines.append(
                f"| {label} | `{url}` | {visitor} | {' | '.join(cells)} | {small} | {large} "
                f"| {server_ms} | {size if not signed_in else '-'} |"
            )
    lines += ["", "Memory per worker after its run (RSS):", ""]
    for key in caches:
        values = memory.get(key, [])
        lines.append(
            f"- {CACHES[key][0]}: {', '.join(f'{value:.0f}' for value in values)} MiB "
            f"(mean {sum(values) / max(len(values), 1):.0f} MiB)"
        )
    lines += [
        "",
        "The ceiling is `/bench/ceiling/` (bench/urls.py): a view that returns two bytes "
        "through the same middleware; no page can be faster on this server.",
        "",
    ]
    if race:
        lines += race_table(race)
    lines += reports_table(facts["reports"])
    path.write_text("\n".join(lines))


def reports_table(reports: dict) -> list[str]:
    """Server time of the statistics and the funder report (bench/reports.py)."""
    lines = [
        f"## Statistics and the funder report for {reports['year']} "
        f"({reports['registrations']:,} registrations)",
        "",
        "Measured in one process through Django's test client (no HTTP); best and median "
        "of five runs (three for the files). Target: under 1 s for the statistics page.",
        "",
        "| what | best ms | median ms |",
        "|---|---|---|",
    ]
    for label in ("statistics()", "statistics page", "funder report XLSX", "funder report PDF"):
        timing = reports[label]
        lines.append(f"| {label} | {timing['best_ms']} | {timing['median_ms']} |")
    return [*lines, ""]


def race_table(race: dict) -> list[str]:
    if "error" in race:
        return ["## The registration race failed", "", "```", race["error"], "```", ""]
    final = race["final"]
    lines = [
        f"## {race['threads']} concurrent registrations for one event with {race['seats']} seats",
        "",
        f"Through HTTP against the gunicorn server above ({race['cache']} cache): "
        f"{race['threads']} threads, each with its own cookies, GET the public registration "
        "form (CSRF token), wait at a barrier, then POST it; the site asks each participant "
        "to confirm their e-mail address, and seats are only taken then, so the same "
        "threads then GET and, released by a second barrier, POST their signed confirmation "
        "link (made with the app's own `services.confirmation_token`, as in the e-mail). "
        "The registration rate limit (20/h per address) is raised for this run, since all "
        "threads share one address.",
        "",
        "| step | requests | time (barrier to last answer) | answers | "
        "HTTP >= 500 | connection errors |",
        "| --- | ---: | ---: | --- | ---: | ---: |",
    ]
    for step in race["steps"]:
        statuses = ", ".join(f"{count}x {code}" for code, count in sorted(step["status"].items()))
        lines.append(
            f"| {step['name']} | {step['requests']} | {step['seconds']:.1f} s | {statuses} | "
            f"{step['server_errors']} | {step['connection_errors']} |"
        )
    expected = min(race["seats"], race["threads"])
    verdict = "yes" if final.get("confirmed") == expected else "NO"
    lines += [
        "",
        "Final counts in the database: "
        + ", ".join(f"{status} {count}" for status, count in sorted(final.items()))
        + f". Exactly {expected} confirmed: {verdict}. "
        + race["messages"],
        "",
    ]
    return lines


if __name__ == "__main__":
    main()
