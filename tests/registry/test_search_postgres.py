"""PostgreSQL: the search queries are served by the trigram indexes of migration 0004."""

import pytest
from django.db import connection

from registry.queries import parse_query
from registry.selectors import MATCH_LIMIT, by_certificate, registry_list

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's"),
]


def plan_of(queryset) -> str:
    with connection.cursor() as cursor:
        # A test table is tiny: without this the planner rightly prefers a scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_manufacturer_search_uses_the_trigram_index(make_certificate):
    make_certificate(manufacturer="ООО «Казанские сладости»")
    plan = plan_of(by_certificate("казанские")[:MATCH_LIMIT])
    assert "cert_manufacturer_trgm" in plan


def test_the_export_query_uses_it_too(make_certificate):
    make_certificate(manufacturer="ООО «Казанские сладости»")
    plan = plan_of(registry_list(query=parse_query("казанские")))
    assert "cert_manufacturer_trgm" in plan


def test_the_database_is_utf8_for_cyrillic_trigrams():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT upper('халва'), pg_encoding_to_char(encoding) FROM pg_database "
            "WHERE datname = current_database()"
        )
        assert cursor.fetchone() == ("ХАЛВА", "UTF8")
