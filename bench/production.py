"""The production layout (README "Production"): PostgreSQL 15 and Redis, two gunicorn
processes and two task workers, on loopback. Run by `make bench` after bench.run, inside
scripts/with-postgres.sh (a throwaway cluster; DATABASE_URL points at it):

    scripts/with-postgres.sh .venv/bin/python -m bench.production

Steps: migrate + load_demo + volume (as bench.run) -> Redis, two gunicorn servers (each
--workers N) and two `db_worker` processes -> the page table, wrk on both servers at once
(as a load balancer would spread visitors), anonymous and signed in, with the ceiling ->
a publication seen by both servers on the next request -> the registration race over
HTTP, alternating between the two servers -> a section of bench/results.md between the
markers below (the rest of the file is bench.run's).
"""

import argparse
import datetime
import os
import re
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import run as bench

WORK = bench.WORK / "production"
BEGIN = "<!-- production layout: begin -->"
END = "<!-- production layout: end -->"


def wrk_both(bases: list[str], url: str, seconds: int, connections: int, cookie=None) -> dict:
    """wrk on every server at once, each with its share of the connections; requests/s
    summed, latency the worse of the servers'."""
    share = max(1, connections // len(bases))
    with ThreadPoolExecutor(len(bases)) as pool:
        results = list(pool.map(lambda base: bench.wrk(base + url, seconds, share, cookie), bases))
    return {
        "rps": sum(result["rps"] for result in results),
        "requests": sum(result["requests"] for result in results),
        "p50": max(result["p50"] for result in results),
        "p99": max(result["p99"] for result in results),
        "non_2xx": sum(result["non_2xx"] for result in results),
        "socket_errors": "; ".join(r["socket_errors"] for r in results if r["socket_errors"]),
        "load": os.getloadavg()[0],
    }


def get(url: str) -> tuple[str | None, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  # nosec B310
        return response.headers.get("X-Page-Cache"), response.read().decode()


def heading(html: str) -> str:
    return html.split("<h1>")[1].split("</h1>")[0].strip()


def publish_check(bases: list[str], url: str, env) -> dict:
    """Both servers serve the page from their cache; a publish from a third process; the
    next request on each server shows the new title."""
    before = {}
    for base in bases:
        for _ in range(3):  # every worker of the server, most likely
            get(base + url)
        before[base] = get(base + url)
    published = bench.python_json("bench.publish", "--url", url, env=env)
    after = {base: get(base + url) for base in bases}
    seconds = time.time() - published["published_at"]
    return {
        "url": url,
        "title": published["title"],
        "before": {base: state for base, (state, _html) in before.items()},
        "after": {base: (state, heading(html)) for base, (state, html) in after.items()},
        "seen": all(heading(html) == published["title"] for _state, html in after.values()),
        "seconds": seconds,
    }


def start_workers(count: int, env) -> list:
    return [
        subprocess.Popen(  # noqa: S603
            [bench.PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--interval", "1"],
            cwd=bench.PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(WORK / f"db_worker-{number}.log").open("w"),
        )
        for number in range(count)
    ]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--news", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=2_000)
    parser.add_argument("--registrations", type=int, default=50_000)
    parser.add_argument("--programmes", type=int, default=60)
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="per server")
    parser.add_argument("--race-threads", type=int, default=200)
    parser.add_argument("--output", default=str(bench.BENCH / "results.md"))
    return parser.parse_args()


def main() -> None:  # noqa: PLR0915
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run inside scripts/with-postgres.sh (DATABASE_URL=postgres://...)")
    WORK.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "MEDIA_ROOT": str(WORK / "media"),
        "PYTHONPATH": str(bench.PROJECT),
        "EVENTS_REGISTRATION_RATE_LIMIT": "100000/h",
    }
    began = time.monotonic()
    loads = [os.getloadavg()[0]]

    def log(message: str) -> None:
        loads.append(os.getloadavg()[0])
        elapsed = (time.monotonic() - began) / 60
        print(f"bench production [{elapsed:4.1f} min, load {loads[-1]:.1f}]: {message}", flush=True)

    log("migrate + load_demo (PostgreSQL)")
    bench.run(bench.PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=env)
    bench.run(bench.PYTHON, "manage.py", "load_demo", env=env, capture_output=True)
    worker = ("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    bench.run(bench.PYTHON, "manage.py", *worker, env=env, capture_output=True)
    applicant = bench.python_json("bench.applicant", env=env)
    inventory = bench.python_json("e2e.discover", env=env)
    targets = [(label, bench.resolve(inventory, target)) for label, target in bench.PAGES]
    targets = [(label, url) for label, url in targets if url]
    translated = [
        (f"{label} ({language[:2].upper()})", bench.resolve(inventory, target, language))
        for language in bench.OTHER_LANGUAGES
        for label, target in bench.TRANSLATED_PAGES
    ]
    translated = [(label, url) for label, url in translated if url]
    log("generating volume")
    generated = bench.python_json(
        "bench.generate",
        *("--news", str(args.news), "--events", str(args.events)),
        *("--registrations", str(args.registrations), "--programmes", str(args.programmes)),
        *("--applications", str(args.applications)),
        env=env,
    )
    redis, redis_url = bench.start_redis()
    if redis is None:
        raise SystemExit("redis-server is not installed (apt-get install -y redis-server)")
    env["CACHE_URL"] = redis_url
    env["PAGE_CACHE_ENABLED"] = "True"
    servers, workers, results, publish, race = [], [], {}, None, None
    try:
        ports = [bench.free_port(), bench.free_port()]
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for number, port in enumerate(ports):
            servers.append(
                bench.start_gunicorn(port, args.workers, env, WORK / f"gunicorn-{number}.log")
            )
        workers = start_workers(2, env)
        for base, (server, _log) in zip(bases, servers, strict=True):
            bench.wait_for(base + bench.CEILING, server, seconds=300)
        log(f"two gunicorn servers ({args.workers} workers each), two task workers, Redis")
        cookie = bench.sign_in(bases[0], applicant["email"], applicant["password"])
        rows = [(bench.CEILING_LABEL, bench.CEILING, (False, True))]
        rows += [(label, url, (False, True)) for label, url in targets]
        rows += [(label, url, (False,)) for label, url in translated]
        rows += [(label, url, (True,)) for label, url in bench.SIGNED_IN_PAGES]
        for label, url, visitors in rows:
            for signed_in in visitors:
                for base in bases:
                    bench.settle(base, args.workers)
                session = cookie if signed_in else None
                log(f"wrk {'signed in' if signed_in else 'anonymous'} {url} on both servers")
                wrk_both(bases, url, 2, args.connections, session)
                results[(label, signed_in)] = {
                    "url": url,
                    **wrk_both(bases, url, args.seconds, args.connections, session),
                    "ceiling": wrk_both(
                        bases, bench.CEILING, bench.NEAR_CEILING_SECONDS, args.connections
                    )["rps"],
                }
        news_index = bench.resolve(inventory, "news.NewsIndexPage")
        log(f"publish {news_index}, seen by both servers?")
        publish = publish_check(bases, news_index, env)
        log(f"publish: {publish}")
        if args.race_threads:
            log(f"race: {args.race_threads} registrations for 50 seats")
            try:
                race = bench.python_json(
                    "bench.race",
                    *("--base", ",".join(bases), "--event", str(generated["race event"])),
                    *("--threads", str(args.race_threads)),
                    env=env,
                )
                race["cache"] = "Redis, PostgreSQL, both servers"
            except subprocess.CalledProcessError as error:
                race = {"error": (error.stderr or "")[-2000:]}
            log(f"race: {race.get('final', race.get('error'))}")
    finally:
        for process in [*(server for server, _log in servers), *workers]:
            process.terminate()
            process.wait(timeout=30)
        redis.terminate()
        redis.wait(timeout=10)
    loads.append(os.getloadavg()[0])
    section = render(args, env, [*targets, *translated], results, publish, race, loads, began)
    write_section(Path(args.output), section)
    print(section)


def render(args, env, targets, results, publish, race, loads, began) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    postgres = int(
        bench.run(
            bench.PYTHON,
            "-c",
            "import django; django.setup(); from django.db import connection; "
            "print(connection.cursor().connection.info.server_version)",
            env=env,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
    )
    lines = [
        BEGIN,
        "## Production layout: PostgreSQL and Redis, two servers, two task workers",
        "",
        f"- Date: {now}; this part took {(time.monotonic() - began) / 60:.0f} minutes.",
        f"- Machine: {bench.machine()}; load average (1 min) {loads[0]:.1f} at the start, "
        f"{min(loads):.1f} to {max(loads):.1f} during the run (mean "
        f"{sum(loads) / len(loads):.1f}).",
        f"- Code: {bench.revision()}.",
        f"- Layout: PostgreSQL {postgres // 10000}.{postgres % 10000} (a throwaway cluster "
        "from scripts/with-postgres.sh: fsync off), one Redis (`CACHE_URL`), two gunicorn "
        f"servers with {args.workers} sync workers each, two `db_worker` task workers, all "
        "on 127.0.0.1. The same volume as above.",
        f"- Load: wrk on both servers at once ({args.connections // 2} connections each, "
        f"{args.seconds} s after a 2 s warm-up); requests/s summed, p50/p99 the slower "
        "server's. Share: of the ceiling (anonymous) in this layout, measured for "
        f"{bench.NEAR_CEILING_SECONDS} s right after the page.",
        "",
        "| page | URL | visitor | req/s | p50 ms | p99 ms | share |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    rows = [(bench.CEILING_LABEL, bench.CEILING), *targets, *bench.SIGNED_IN_PAGES]
    for label, url in rows:
        for signed_in in (False, True):
            result = results.get((label, signed_in))
            if result is None:
                continue
            visitor = "signed in" if signed_in else "anonymous"
            near = bench.near_ceiling(results, result)
            lines.append(f"| {label} | `{url}` | {visitor} | {bench._cell(result, near)} |")
    lines.append("")
    if publish:
        after = "; ".join(
            f"server {number + 1}: {state or 'not cached'}, title {title!r}"
            for number, (state, title) in enumerate(publish["after"].values())
        )
        before = ", ".join(f"{state or 'not cached'}" for state in publish["before"].values())
        lines += [
            "### A publication, seen by both servers on the next request",
            "",
            f"Both servers served `{publish['url']}` from the cache ({before}); a third "
            f"process (bench/publish.py) published a new title, {publish['title']!r}; the "
            f"next request to each server, {publish['seconds'] * 1000:.0f} ms later: {after}. "
            f"Seen by both: {'yes' if publish['seen'] else 'NO'}.",
            "",
        ]
    if race:
        table = bench.race_table(race)
        table[0] = table[0].replace("## ", "### ")
        lines += table
    lines.append(END)
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    text = path.read_text() if path.exists() else ""
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
