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
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
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
from registry_serve import (
    API,
    PAGE,
    BenchError,
    bench_env,
    clear_answers,
    forget_run,
    free_port,
    in_process,
    run_quiet,
    run_wrk,
    start_gunicorn,
    stop,
    warm_up,
    wrk_script,
)

SMALL = 10  # the registry size queries per request are first counted at
HOT = 1_000  # certificates whose answers the warm runs find in the cache

TARGETS = {"page warm": 0.8, "api warm": 0.9, "page cold": 0.25, "api cold": 0.4, "search": 0.2}
SEARCH_TARGET_MS = 20.0
BROAD_TARGET_MS = 40.0

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
