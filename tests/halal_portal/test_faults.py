"""The portal under faults: with Redis away, pages and the public registry answer from the
database; with PostgreSQL away, every page is the portal's own 503, never a traceback."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.test_deploy import make_env, run_python

# Nothing listens on port 1 of the loopback: a connection is refused at once.
GONE = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_stopped(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "halal_portal.cache.ResilientRedisCache",
            "LOCATION": GONE,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


def test_the_cache_reads_as_empty_and_drops_writes_while_redis_is_away(redis_stopped):
    cache.set("key", "value")
    assert cache.get("key", "missing") == "missing"
    assert cache.get_many(["key"]) == {}
    assert cache.add("key", "value") is False


@pytest.mark.django_db
def test_pages_and_the_registry_answer_while_redis_is_away(redis_stopped):
    client = Client(raise_request_exception=False)
    for url in (reverse("home"), reverse("registry:search"), "/api/v1/registry/certificates/"):
        assert client.get(url).status_code == 200, url


# A request to each page while the database refuses connections (DEBUG off, as in production).
DATABASE_DOWN = """
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
for url in ("/registry/", "/registry/ХП.00001/", "/"):
    response = client.get(url)
    traceback = "Traceback" in response.content.decode()
    print(url, response.status_code, response.get("Retry-After"), traceback)
"""


def test_a_page_needing_the_database_is_a_branded_503_while_it_is_down():
    env = make_env(
        DATABASE_URL="postgres://nobody@127.0.0.1:1/gone", DJANGO_DEBUG="false", DJANGO_ENV=None
    )
    result = run_python(["-c", DATABASE_DOWN], env)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    # Pages that need the database say so; a page that does not (the home page) still answers.
    assert lines == [
        "/registry/ 503 120 False",
        "/registry/ХП.00001/ 503 120 False",
        "/ 200 None False",
    ]
