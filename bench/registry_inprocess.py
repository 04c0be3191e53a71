"""The registry benchmark's in-process measurements (see registry.py), run as a script with the
benchmark's settings: Django's test client, so that no instrumentation slows the served app.

    registry_inprocess.py queries '{"page": [url, ...], ...}'   SQL queries per request, cold
                                                                and warm
    registry_inprocess.py search '["text", ...]'                server time of searches
"""

import json
import re
import statistics
import sys
import time
from urllib.parse import unquote

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils.translation import get_language  # noqa: E402

from registry import answers  # noqa: E402
from registry.queries import normalize_number, parse_query  # noqa: E402
from registry.selectors import match_sources, registry_list, registry_matches  # noqa: E402

ROW = re.compile(r'class="nowrap"><a href="/registry/')
NUMBER = re.compile(r"/(ХП\.\d{5})/")


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    return len(context)


def queries(urls: dict[str, list[str]]) -> dict[str, dict[str, list[int]]]:
    """Per endpoint: the queries of each URL with its kept answer deleted (cold), then again
    (warm). A search's filters' choices are in the cache already (one request before)."""
    client = Client()
    result = {}
    for name, group in urls.items():
        cold, warm = [], []
        for url in group:
            client.get(url)
            if match := NUMBER.search(unquote(url)):
                number = normalize_number(match.group(1))
                cache.delete_many(
                    [answers.detail_key(number), answers.page_key(number, get_language())]
                )
            cold.append(count(client, url))
            warm.append(count(client, url))
        result[name] = {"cold": cold, "warm": warm}
    return result


def search(texts: list[str]) -> dict:
    """Median and 90th percentile of the server time of a search page, three times each text
    (after one round that warms the filters' choices), and the indexes its queries use."""
    client = Client()
    for text in texts:
        client.get("/registry/", {"q": text})
    server, db, found = [], [], []
    for _ in range(3):
        for text in texts:
            with CaptureQueriesContext(connection) as context:
                start = time.perf_counter()
                response = client.get("/registry/", {"q": text})
                server.append((time.perf_counter() - start) * 1000)
            db.append(sum(float(q["time"]) for q in context.captured_queries) * 1000)
            found.append(len(ROW.findall(response.content.decode())))
    # The plans of the search's two queries: the bounded matches of both sources, the page.
    query = parse_query(texts[0])
    names, products = match_sources(query.text)
    page = registry_list(query=query, matches=registry_matches(query.text))[:26]
    plan = names.union(products, all=True).explain() + "\n" + page.explain()
    return {
        "server_ms": statistics.median(server),
        "server_p90_ms": statistics.quantiles(server, n=10)[-1],
        "worst_ms": max(server),
        "db_ms": statistics.median(db),
        "rows_on_page": statistics.median(found),
        "indexes": sorted(set(re.findall(r"Index Scan (?:Backward )?(?:on|using) (\w+)", plan))),
    }


if __name__ == "__main__":
    mode, argument = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(queries(argument) if mode == "queries" else search(argument)))
