"""`make bench`: builds a large site, serves it with gunicorn on 127.0.0.1 and measures it
with wrk; writes bench/results.md. Not part of CI. See bench/README.md.

Steps: fresh SQLite file in bench/work/ -> migrate + load_demo -> SQL queries per page (small)
-> bench.generate (news volume) -> SQL queries per page (large) -> gunicorn -> wrk on every
page and on /bench/ceiling/ -> memory of each worker -> bench/results.md.
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

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
WORK = BENCH / "work"
PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"

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
CEILING = "/bench/ceiling/"


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=PROJECT, env=env, check=True, **kwargs)


def python_json(module: str, *args: str, env) -> dict:
    done = run(PYTHON, "-m", module, *args, env=env, capture_output=True, text=True)
    return json.loads(done.stdout)


def resolve(inventory: dict, target: str, language: str = "de") -> str | None:
    if target.startswith("/"):
        return target
    page_type, _sep, query = target.partition("?")
    for entry in inventory["pages"]:
        if entry["type"] == page_type and entry["language"] == language:
            return entry["url"] + (f"?{query}" if query else "")
    return None


def wrk(url: str, seconds: int, connections: int) -> dict:
    done = subprocess.run(
        [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout

    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
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


def wait_for(url: str, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310  # nosec B310
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"no answer from {url}")


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    load = os.getloadavg()
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {memory / 1024 / 1024:.0f} GiB RAM, "
        f"{platform.system()} {platform.release()}; load average before the run "
        f"{load[0]:.1f}"
    )


def versions(env) -> str:
    code = (
        "import django, wagtail, sqlite3, platform; "
        "print(f'Python {platform.python_version()}, Django {django.get_version()}, "
        "Wagtail {wagtail.__version__}, SQLite {sqlite3.sqlite_version}')"
    )
    return run(PYTHON, "-c", code, env=env, capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--news", type=int, default=10_000, help="news items per language")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 0)))
    parser.add_argument("--output", default=str(BENCH / "results.md"))
    args = parser.parse_args()

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
    print("bench: migrate + load_demo", flush=True)
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=env)
    run(PYTHON, "manage.py", "load_demo", env=env, capture_output=True)
    inventory = python_json("e2e.discover", env=env)
    targets = [(label, resolve(inventory, target)) for label, target in PAGES]
    targets = [(label, url) for label, url in targets if url]
    urls = [url for _label, url in targets]
    queries_small = python_json("bench.queries", *urls, env=env)

    print(f"bench: generating {args.news} news items per language", flush=True)
    run(PYTHON, "-m", "bench.generate", "--news", str(args.news), env=env)
    queries_large = python_json("bench.queries", *urls, env=env)
    with sqlite3.connect(database) as db:
        counts = {
            "news items": db.execute("select count(*) from news_newspage").fetchone()[0],
            "pages": db.execute("select count(*) from wagtailcore_page").fetchone()[0],
        }

    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    log = (WORK / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            "qiao.wsgi",
        ],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    results = {}
    try:
        wait_for(base + CEILING, server)
        for label, url in [("ceiling (trivial view)", CEILING), *targets]:
            print(f"bench: wrk {url}", flush=True)
            wrk(base + url, 2, args.connections)  # warm every worker
            results[label] = {"url": url, **wrk(base + url, args.seconds, args.connections)}
        memory = [rss_mib(pid) for pid in worker_pids(server.pid)]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    write_results(
        Path(args.output),
        args=args,
        env=env,
        results=results,
        queries_small=queries_small,
        queries_large=queries_large,
        counts=counts,
        memory=memory,
        minutes=(time.monotonic() - began) / 60,
    )
    print(Path(args.output).read_text())


def write_results(
    path, *, args, env, results, queries_small, queries_large, counts, memory, minutes
):
    ceiling = results["ceiling (trivial view)"]["rps"]
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {now}; `make bench` took {minutes:.0f} minutes.",
        f"- Machine: {machine()}.",
        f"- Software: {versions(env)}; gunicorn {args.workers} sync workers on 127.0.0.1, "
        "SQLite (WAL) database, local-memory cache, DEBUG off, anonymous requests.",
        f"- Load: wrk, 2 threads, {args.connections} connections, {args.seconds} s per page "
        "after a 2 s warm-up.",
        f"- Volume (large): {counts['news items']} news items "
        f"({args.news} per language in DE, EN and ZH plus the demo's), {counts['pages']} pages.",
        "",
        "| page | URL | requests/s | p50 ms | p99 ms | share of ceiling | "
        "SQL queries (demo) | SQL queries (large) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, result in results.items():
        url = result["url"]
        small = queries_small.get(url, {}).get("queries", "-")
        large = queries_large.get(url, {}).get("queries", "-")
        notes = []
        if result["non_2xx"]:
            notes.append(f"{result['non_2xx']} non-2xx")
        if result["socket_errors"]:
            notes.append(f"socket errors {result['socket_errors']}")
        note = f" ({'; '.join(notes)})" if notes else ""
        lines.append(
            f"| {label}{note} | `{url}` | {result['rps']:.0f} | {result['p50']:.1f} | "
            f"{result['p99']:.1f} | {result['rps'] / ceiling:.0%} | {small} | {large} |"
        )
    lines += [
        "",
        f"Memory per worker after the run (RSS): "
        f"{', '.join(f'{value:.0f}' for value in memory)} MiB "
        f"(mean {sum(memory) / max(len(memory), 1):.0f} MiB).",
        "",
        "The ceiling is `/bench/ceiling/` (bench/urls.py): a view that returns two bytes "
        "through the same middleware; no page can be faster on this server.",
        "",
    ]
    path.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
