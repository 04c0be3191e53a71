"""Benchmark: the public registry under load, against a bare Django view as the ceiling.

What it measures, on PostgreSQL with the registry seeded to 100,000 certificates and the cache
on Redis (as production runs it):

* requests per second and p99 latency (``wrk`` on loopback) of the certificate page
  ``/registry/ХП.NNNNN/`` and the API detail ``/api/v1/registry/certificates/ХП.NNNNN/``, each
  warm (a set of 1,000 certificates whose answers are kept in the cache, hit at random) and
  cold (the cache cleared before the run, every request a certificate not asked for since), and
  of the search page ``/registry/?q=<manufacturer>``;
* the same for the ceiling: a bare Django view (same settings, same middleware, same gunicorn)
  that does one indexed lookup, ``Certificate.objects.filter(number=...)``; the ratios to it
  (targets: page >= 0.8 and API detail >= 0.9 warm, page >= 0.25 and API >= 0.4 cold, search
  page >= 0.2);
* SQL queries per request at 10 and at 100,000 certificates (targets: the page and the API
  detail 1 cold and 0 warm, the search page constant);
* after growing the registry to 1,000,000 certificates: the server time of a manufacturer
  search by brand name (about 37 certificates each; median target <= 20 ms) and of the worst
  case, a «kind place» pair of very common words (1,250 certificates, cut at
  selectors.MATCH_LIMIT; median target <= 40 ms), with the indexes the query plans use.

How: it creates its own PostgreSQL database (``halal_bench`` by default; dropped at the end
unless ``--keep``), migrates it, runs ``seed_demo`` and clones the demo rows with
``generate_series`` (registry_data.py: two products and one event per certificate; a share of
them suspended, withdrawn or expired); the public records of the clones are built by
``manage.py rebuild_registry_records``. Numbers follow Л.4.1, ХП.00001-ХП.99999; rows past that
space get bench-only numbers (``Z0100000``...) and are reached by search only. The ceiling view
lives in a URLconf module written to a temporary directory, with a settings module that only
swaps ``ROOT_URLCONF``: nothing of it is in the app. gunicorn serves both with 2 sync workers
and persistent database connections; the cache is ``--cache-url`` under a key prefix of the
run's own (clearing it deletes that prefix only); the API's rate limit is lifted for the run
but stays in the path. The endpoints are loaded in interleaved rounds and each one's best round
is reported, as other load on the machine comes and goes. Queries per request and the search
times are measured in-process (registry_inprocess.py: Django's test client, same settings).

Run from the project root (``wrk`` is the Debian package: ``apt-get install -y wrk``)::

    .venv/bin/python bench/registry.py                    # 100k + 1M, 5 x 8 s per endpoint
    .venv/bin/python bench/registry.py --certificates 20000 --search-rows 200000 --duration 5

Exit status: 0 when every target holds, 1 when one is missed, 2 when the benchmark could not run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg
import redis
from registry_data import (
    BROAD_SEARCHES,
    NUMBER_SPACE,
    SEARCHES,
    brand,
    create_database,
    drop_database,
    grow,
    psql_url,
)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn" if (BIN / "gunicorn").exists() else ROOT / ".venv" / "bin" / "gunicorn"
SMALL = 10  # the registry size queries per request are first counted at
HOT = 1_000  # certificates whose answers the warm runs find in the cache

TARGETS = {"page warm": 0.8, "api warm": 0.9, "page cold": 0.25, "api cold": 0.4, "search": 0.2}
SEARCH_TARGET_MS = 20.0
BROAD_TARGET_MS = 40.0

PAGE = "/registry/"
API = "/api/v1/registry/certificates/"


class BenchError(Exception):
    pass


BENCH_SETTINGS = """
from halal_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
"""

BENCH_URLS = '''
from django.http import Http404, HttpResponse
from django.urls import path

from certification.models import Certificate
from halal_portal.urls import urlpatterns as portal


def ceiling(request, number):
    """One indexed lookup and a tiny response: what Django itself costs on this machine."""
    status = Certificate.objects.filter(number=number).values_list("status", flat=True).first()
    if status is None:
        raise Http404
    return HttpResponse(status, content_type="text/plain")


urlpatterns = [path("bench/ceiling/<str:number>/", ceiling), *portal]
'''


# --- Processes --------------------------------------------------------------------------------


def bench_env(tmp: Path, db_url: str, cache_url: str, prefix: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
            "DJANGO_ENV": "embedded",
            "DATABASE_URL": db_url,
            "DB_CONN_MAX_AGE": "600",  # persistent connections
            "CACHE_URL": cache_url,
            "CACHE_KEY_PREFIX": prefix,
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "MEDIA_ROOT": str(tmp / "media"),
            "AWS_STORAGE_BUCKET_NAME": "",
            "CELERY_BROKER_URL": "",
            "AXES_ENABLED": "false",
            "REGISTRY_API_RATE": "1000000000/second",  # the limit stays in the path, never hit
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def run_quiet(args: list[str], env: dict[str, str], what: str) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def in_process(mode: str, argument, env: dict[str, str]):
    script = str(ROOT / "bench" / "registry_inprocess.py")
    # -P: bench/ stays off sys.path, where this file would shadow the registry app.
    out = run_quiet([sys.executable, "-P", script, mode, json.dumps(argument)], env, mode)
    return json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "halal_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--worker-tmp-dir",
            "/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir(),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise BenchError(f"gunicorn did not start; see {log}:\n{log.read_text()[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


# --- The cache --------------------------------------------------------------------------------

ANSWER = re.compile(r":registry:(?:page:\w+|detail):ХП\.(\d{5})$")


def clear_answers(cache_url: str, prefix: str, keep: int) -> int:
    """Delete the kept answers of the run (its key prefix only) except those of certificates
    1..``keep``, the warm runs' set. Returns how many were deleted."""
    client = redis.Redis.from_url(cache_url)
    doomed = []
    for key in client.scan_iter(match=f"{prefix}:*", count=10_000):
        match = ANSWER.search(key.decode())
        if match and int(match.group(1)) > keep:
            doomed.append(key)
    for start in range(0, len(doomed), 10_000):
        client.unlink(*doomed[start : start + 10_000])
    return len(doomed)


def forget_run(cache_url: str, prefix: str) -> None:
    client = redis.Redis.from_url(cache_url)
    for key in client.scan_iter(match=f"{prefix}:*", count=10_000):
        client.unlink(key)


def warm_up(port: int, numbers: range) -> None:
    """Ask once for the page and the API detail of each of ``numbers`` (one keep-alive
    connection), so that the warm runs find them kept."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for n in numbers:
        for prefix in (PAGE, API):
            connection.request("GET", prefix + quote(f"ХП.{n:05d}") + "/")
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise BenchError(f"warm-up of ХП.{n:05d} answered {response.status}")
    connection.close()


# --- wrk --------------------------------------------------------------------------------------

LUA = """
math.randomseed(__SEED__)
local prefix = "__PREFIX__"
local mode = "__MODE__"
local queries = {__QUERIES__}
local low, high = __LOW__, __HIGH__
local next_number = low
request = function()
  local path
  if mode == "search" then
    path = prefix .. queries[math.random(#queries)]
  else
    local n
    if mode == "random" then
      n = math.random(low, high)
    else  -- "sequence": each number once, so that every request is the first for its number
      n = next_number
      next_number = next_number + 1
      if next_number > high then next_number = low end
    end
    -- ХП.NNNNN, percent-encoded («%" is written «%%» in Lua's format)
    path = prefix .. string.format("%%D0%%A5%%D0%%9F.%05d/", n)
  end
  return wrk.format("GET", path)
end
"""


def wrk_script(tmp: Path, name: str, prefix: str, mode: str, low: int, high: int) -> Path:
    queries = ",".join(f'"{quote(q)}"' for q in SEARCHES)
    text = LUA.replace("__PREFIX__", prefix).replace("__MODE__", mode).replace("__SEED__", "42")
    text = text.replace("__QUERIES__", queries).replace("__LOW__", str(low))
    path = tmp / f"{name.replace(' ', '-')}.lua"
    path.write_text(text.replace("__HIGH__", str(high)))
    return path


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, script: Path, args) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


# --- Main -------------------------------------------------------------------------------------


def count_queries(top: int, env: dict[str, str]) -> dict:
    sample = sorted({1, 2, top // 2, top})
    return in_process(
        "queries",
        {
            "page": [f"{PAGE}{quote(f'ХП.{n:05d}')}/" for n in sample],
            "api": [f"{API}{quote(f'ХП.{n:05d}')}/" for n in sample],
            # Brands present at every size (certificates 5 to 8 are clones).
            "search": [f"{PAGE}?q={quote(brand(g))}" for g in (5, 6, 7, 8)],
        },
        env,
    )


def load(args, tmp: Path, port: int, env: dict[str, str], top: int, prefix: str) -> dict:
    """The wrk rounds; each endpoint's best round."""
    base = f"http://127.0.0.1:{port}"
    hot, cold = min(HOT, top // 2), (min(HOT, top // 2) + 1, top)
    scripts = {
        "ceiling": wrk_script(tmp, "ceiling", "/bench/ceiling/", "random", 1, top),
        "page warm": wrk_script(tmp, "page warm", PAGE, "random", 1, hot),
        "api warm": wrk_script(tmp, "api warm", API, "random", 1, hot),
        "page cold": wrk_script(tmp, "page cold", PAGE, "sequence", *cold),
        "api cold": wrk_script(tmp, "api cold", API, "sequence", *cold),
        "search": wrk_script(tmp, "search", f"{PAGE}?q=", "search", 1, 1),
    }
    warm_up(port, range(1, hot + 1))
    short = argparse.Namespace(**{**vars(args), "duration": 2})
    for script in scripts.values():
        run_wrk(base, script, short)
    # Rounds interleave the endpoints, and each figure is the endpoint's best round: other
    # load on the machine only ever slows a run down, so the best round is the one closest
    # to the undisturbed figure (on a quiet machine the rounds agree anyway).
    runs: dict[str, list[dict]] = {name: [] for name in scripts}
    for round_ in range(args.rounds):
        for name, script in scripts.items():
            if name.endswith("cold"):
                clear_answers(args.cache_url, prefix, keep=hot)
            run = run_wrk(base, script, args)
            if name.endswith("cold") and run["requests"] > cold[1] - cold[0]:
                raise BenchError(f"{name}: more requests than certificates; shorten --duration")
            runs[name].append(run)
            print(f"  round {round_ + 1} {name}: {run}", flush=True)
    return {name: max(r, key=lambda run: run["rps"]) for name, r in runs.items()}


def report(args, results: dict, queries: dict, search: dict, broad: dict) -> int:
    ceiling = results["ceiling"]["rps"]
    print()
    print(
        f"Registry benchmark: {args.certificates:,} certificates, gunicorn 2 sync workers, "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, best of {args.rounds} "
        f"interleaved rounds, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'endpoint':<22}{'req/s':>10}{'p99 ms':>10}{'ratio':>8}{'target':>8}")
    missed = []
    for name, r in results.items():
        ratio = r["rps"] / ceiling
        target = TARGETS.get(name)
        mark = f">={target}" if target is not None else ""
        if target is not None and ratio < target:
            missed.append(f"{name} ratio {ratio:.2f} < {target}")
        bad = f"  ({r['non2xx']} non-2xx!)" if r["non2xx"] else ""
        print(f"{name:<22}{r['rps']:>10.0f}{r['p99']:>10.1f}{ratio:>8.2f}{mark:>8}{bad}")
    print()
    print("SQL queries per request (cold: the answer's cache entry dropped first):")
    for name in ("page", "api", "search"):
        small, large = queries[SMALL][name], queries[args.certificates][name]
        print(
            f"  {name:<8} at {SMALL}: cold {small['cold']} warm {small['warm']}; "
            f"at {args.certificates:,}: cold {large['cold']} warm {large['warm']}"
        )
        if name == "search":
            counts = set(small["cold"] + small["warm"] + large["cold"] + large["warm"])
            if len(counts) != 1:
                missed.append(f"search queries not constant: {sorted(counts)}")
        elif {*small["cold"], *large["cold"]} != {1} or {*small["warm"], *large["warm"]} != {0}:
            missed.append(f"{name} queries: {small} at {SMALL}, {large} at {args.certificates}")
    print()
    for label, figures, target in (
        (f"by brand, {len(SEARCHES)} names", search, SEARCH_TARGET_MS),
        (f"worst case, {len(BROAD_SEARCHES)} «kind place» pairs", broad, BROAD_TARGET_MS),
    ):
        print(
            f"Manufacturer search at {args.search_rows:,} certificates ({label}; median target "
            f"<= {target:.0f} ms): median server time {figures['server_ms']:.1f} ms (p90 "
            f"{figures['server_p90_ms']:.1f} ms, max {figures['worst_ms']:.1f} ms), SQL "
            f"{figures['db_ms']:.1f} ms, {figures['rows_on_page']:.0f} rows on the page; "
            f"indexes used: {', '.join(figures['indexes'])}"
        )
        if figures["server_ms"] > target:
            missed.append(f"search {label}: {figures['server_ms']:.1f} ms > {target} ms")
    if missed:
        print("MISSED: " + "; ".join(missed))
        return 1
    print("All targets met.")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--certificates", type=int, default=100_000)
    parser.add_argument("--search-rows", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5, help="wrk runs per endpoint (best)")
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--db", default="halal_bench")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    if args.certificates < 2 * SMALL:
        print(f"--certificates must be at least {2 * SMALL}", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="registry-bench-"))
    prefix = f"registry-bench-{os.getpid()}"
    db_url = psql_url(args.admin_url, args.db)
    env = bench_env(tmp, db_url, args.cache_url, prefix)
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
    (tmp / "bench_urls.py").write_text(BENCH_URLS)
    server = None
    try:
        print(f"database {args.db}: creating, migrating, seed_demo ...", flush=True)
        create_database(args.admin_url, args.db)
        run_quiet([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env, "migrate")
        run_quiet([sys.executable, "manage.py", "seed_demo"], env, "seed_demo")
        queries = {}
        for size in (SMALL, args.certificates):
            took = grow(db_url, size)
            started = time.monotonic()
            # The clones' public records, by the app's own builder.
            run_quiet([sys.executable, "manage.py", "rebuild_registry_records"], env, "rebuild")
            print(
                f"seeded {size:,} certificates in {took:.0f} s, their public records in "
                f"{time.monotonic() - started:.0f} s",
                flush=True,
            )
            queries[size] = count_queries(min(size, NUMBER_SPACE), env)
        forget_run(args.cache_url, prefix)

        port = free_port()
        server = start_gunicorn(env, port, tmp / "gunicorn.log")
        results = load(args, tmp, port, env, min(args.certificates, NUMBER_SPACE), prefix)
        stop(server)
        server = None

        took = grow(db_url, args.search_rows)
        print(f"grew to {args.search_rows:,} certificates in {took:.0f} s", flush=True)
        search = in_process("search", SEARCHES, env)
        broad = in_process("search", BROAD_SEARCHES, env)
    except (BenchError, subprocess.CalledProcessError, psycopg.Error) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            stop(server)
        forget_run(args.cache_url, prefix)
        if not args.keep:
            drop_database(args.admin_url, args.db)
        shutil.rmtree(tmp, ignore_errors=True)
    return report(args, results, queries, search, broad)


if __name__ == "__main__":
    sys.exit(main())
