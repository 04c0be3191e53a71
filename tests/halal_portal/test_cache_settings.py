"""Django's cache from the environment (CACHE_URL / REDIS_URL): Redis shared by every worker in
production, a per-process memory cache in the embedded mode; the registry's per-IP rate limit
counts across processes on the shared cache. Settings are evaluated once per process, so each
case runs Django in a subprocess (as tests/test_deploy.py)."""

import json
import os
import uuid

import pytest

from tests.test_deploy import make_env, production_env, run_python

CACHES_DUMP = """
import json
from django.conf import settings
print(json.dumps(settings.CACHES))
"""

# One request to the registry's throttle from IP sys.argv[1]; prints whether it was allowed.
THROTTLE_ONCE = """
import sys
import django
django.setup()
from django.test import RequestFactory
from registry.api import RegistryRateThrottle
request = RequestFactory().get("/", REMOTE_ADDR=sys.argv[1])
print("allowed" if RegistryRateThrottle().allow_request(request, None) else "refused")
"""

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def cache_settings(env: dict[str, str], alias: str = "default") -> dict:
    result = run_python(["-c", CACHES_DUMP], env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])[alias]


def test_embedded_default_is_a_memory_cache():
    assert cache_settings(make_env())["BACKEND"].endswith("LocMemCache")


def test_cache_url_selects_djangos_redis_cache():
    cache = cache_settings(make_env(CACHE_URL="redis://cache.internal:6379/2"))
    assert (cache["BACKEND"], cache["LOCATION"]) == (
        "halal_portal.cache.ResilientRedisCache",
        "redis://cache.internal:6379/2",
    )


def test_redis_url_is_read_when_cache_url_is_empty():
    cache = cache_settings(make_env(REDIS_URL="redis://cache.internal:6379/3"))
    assert cache["LOCATION"] == "redis://cache.internal:6379/3"


def test_an_unknown_cache_url_is_refused():
    result = run_python(["manage.py", "check"], make_env(CACHE_URL="memcached://x:11211"))
    assert result.returncode != 0 and "CACHE_URL" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_python(["manage.py", "check"], production_env(CACHE_URL=None))
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "ImproperlyConfigured" in output and "CACHE_URL" in output


def test_the_rate_limit_counts_across_worker_processes():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex}"  # this test's own counters
    # One request a day: the second process finds the first one's request in the shared cache.
    env = make_env(CACHE_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix, REGISTRY_API_RATE="1/day")
    try:
        answers = [
            run_python(["-c", THROTTLE_ONCE, "192.0.2.10"], env).stdout.strip() for _ in range(2)
        ]
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
    assert answers == ["allowed", "refused"]
