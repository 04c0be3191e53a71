"""Every read of the public registry.

Only what the certificate itself shows is public (Annex К, Л.4): number, status, validity,
manufacturer, products, the protocols the decisions refer to. Nothing here touches the dossier,
the acts, the votes, the grounds of a decision or who recorded it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Greatest
from django.utils import timezone

from certification.models import (
    Certificate,
    CertificateAnnex,
    CertificateEvent,
    CertificateProduct,
    CertificateStatus,
    ProductCategory,
)
from halal_portal.models import DocumentStatus, RenderedDocument

from .cards import Category
from .models import PublicRecord
from .queries import RegistryQuery

LIVE = (CertificateStatus.VALID, CertificateStatus.SUSPENDED)
# Л.4.6: a certificate is issued when the head has signed it. A decision without the signature
# is no certificate yet: the public registry (page, search, CSV, feed, API) leaves it out.
PUBLIC_CERTIFICATES = Q(signed_at__isnull=False)
# What makes a product public: on the certificate, or in an issued annex; a requested one is
# not certified (GOST 8.18).
PUBLIC_PRODUCTS = Q(annex_request__isnull=True) | Q(annex__isnull=False)


# --- One certificate ------------------------------------------------------------------------


def registry_record(number: str) -> dict | None:
    """The public record of certificate ``number`` (canonical form), one query; None when the
    registry does not know it (or it is not signed yet, Л.4.6)."""
    return (
        PublicRecord.objects.filter(certificate__number=number)
        .values_list("record", flat=True)
        .first()
    )


def registry_pdf(number: str, *, annex: int | None = None) -> RenderedDocument | None:
    """The ready PDF of certificate ``number`` or of its annex No. ``annex``, if the certificate
    is in the public registry (signed, Л.4.6); else None."""
    certificates = Certificate.objects.filter(PUBLIC_CERTIFICATES, number=number)
    if annex is None:
        kind, model = "certificate", Certificate
        objects = certificates.values("pk")
    else:
        kind, model = "certificate_annex", CertificateAnnex
        objects = CertificateAnnex.objects.filter(
            certificate__in=certificates, number=annex
        ).values("pk")
    return (
        RenderedDocument.objects.filter(
            kind=kind,
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=objects,
            status=DocumentStatus.READY,
        )
        .exclude(file="")
        .first()
    )


# --- Search ---------------------------------------------------------------------------------


def _status_expression(today: datetime.date):
    """GOST 8.6 in SQL, for lists: past its end date a live certificate is expired (the
    certificate page and the API detail apply the same rule, cards.record_status)."""
    return Case(
        When(status__in=LIVE, valid_to__lt=today, then=Value(CertificateStatus.EXPIRED.value)),
        default=F("status"),
        output_field=CharField(),
    )


def _status_filter(status: str, today: datetime.date) -> Q:
    if status == CertificateStatus.EXPIRED:
        return Q(status=CertificateStatus.EXPIRED) | Q(status__in=LIVE, valid_to__lt=today)
    if status in LIVE:
        return Q(status=status, valid_to__gte=today)
    return Q(status=status)


def _contains(field: str, text: str) -> Q:
    """Case-insensitive substring match. PostgreSQL: ``icontains``, which the trigram indexes
    serve. SQLite's LIKE and UPPER fold ASCII only, so «дала» would miss «Дала»; there Django's
    ``iregex`` (Python's re, Unicode-aware) does the plain matching of the embedded mode."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__icontains": text})
    return Q(**{f"{field}__iregex": re.escape(text)})


def by_certificate(text: str) -> QuerySet:
    return (
        Certificate.objects.filter(
            _contains("manufacturer_name", text) | _contains("product_type", text)
        )
        .order_by()
        .values_list("pk", flat=True)
    )


def by_product(text: str) -> QuerySet:
    return (
        CertificateProduct.objects.filter(_contains("name", text))
        .filter(PUBLIC_PRODUCTS)
        .order_by()
        .values_list("certificate_id", flat=True)
    )


MATCH_LIMIT = 1000


@dataclass(frozen=True)
class Matches:
    """The certificates a text matches, at most MATCH_LIMIT from each of its two sources."""

    ids: frozenset[int]
    truncated: bool


def match_sources(text: str) -> tuple[QuerySet, QuerySet]:
    """The two bounded sources of a text search, as (id, source) rows: certificates by their
    manufacturer or product type (source 0), by a certified product (source 1)."""
    names = by_certificate(text).annotate(source=Value(0)).values_list("pk", "source")
    products = by_product(text).annotate(source=Value(1)).values_list("certificate_id", "source")
    return names[:MATCH_LIMIT], products[:MATCH_LIMIT]


def registry_matches(text: str) -> Matches:
    """The certificates whose manufacturer, product type or certified product contains
    ``text``: each source bounded and served by its trigram index on PostgreSQL. A text that
    every manufacturer contains («ООО») would otherwise make each search collect, join and sort
    the whole registry; past MATCH_LIMIT the visitor is asked to narrow it instead.

    One query where the database takes a LIMIT in each part of a UNION (PostgreSQL), two
    elsewhere (SQLite, the embedded mode)."""
    names, products = match_sources(text)
    if connection.features.supports_slicing_ordering_in_compound:
        rows = list(names.union(products, all=True))
    else:
        rows = [*names, *products]
    found = [0, 0]
    for _pk, source in rows:
        found[source] += 1
    return Matches(frozenset(pk for pk, _source in rows), MATCH_LIMIT in found)


def registry_list(
    *,
    query: RegistryQuery | None = None,
    matches: Matches | None = None,
    status: str = "",
    category: str = "",
    country: str = "",
    today: datetime.date | None = None,
) -> QuerySet[Certificate]:
    """Certificates as the public sees them, newest number first, with ``public_status``.

    A text matches the manufacturer, the product type or a certified product: the certificates
    of ``matches`` (searches: bounded, see registry_matches) or, without it, of a union
    subquery of both sources (the CSV export streams every match). Each source is its own
    query so that PostgreSQL serves it from its GIN(UPPER(col) gin_trgm_ops) index
    (``icontains`` compiles to ``UPPER(col::text) LIKE UPPER(%s)``).
    """
    today = today or timezone.localdate()
    queryset = (
        Certificate.objects.filter(PUBLIC_CERTIFICATES)
        .select_related("category")
        .annotate(public_status=_status_expression(today))
        .order_by("-number")
    )
    query = query or RegistryQuery()
    if query.error:
        return queryset.none()
    if query.number:
        queryset = queryset.filter(number=query.number)
    elif matches is not None:
        queryset = queryset.filter(pk__in=matches.ids)
    elif query.text:
        text = query.text
        queryset = queryset.filter(pk__in=by_certificate(text).union(by_product(text)))
    if status:
        queryset = queryset.filter(_status_filter(status, today))
    if category:
        # The certificate's category, or any certified product's (an annex may add another).
        in_category = CertificateProduct.objects.filter(
            PUBLIC_PRODUCTS, certificate=OuterRef("pk"), category__code=category
        )
        queryset = queryset.filter(Q(category__code=category) | Exists(in_category))
    if country:
        queryset = queryset.filter(manufacturer_country=country)
    return queryset


def registry_page(queryset: QuerySet, *, page: int, size: int) -> tuple[list, bool]:
    """One page and whether another follows, without COUNT(*): the cost of a page does not grow
    with the registry (a million rows would make every count a scan)."""
    offset = (page - 1) * size
    rows = list(queryset[offset : offset + size + 1])
    return rows[:size], len(rows) > size


@dataclass(frozen=True)
class Choices:
    """What the search form's filters offer: the product categories (reference data of the
    standard's section 1) and the manufacturers' countries."""

    categories: list[Category]
    countries: list[str]


def _choices() -> Choices:
    return Choices(
        categories=[
            Category(*row)
            for row in ProductCategory.objects.order_by("order").values_list(
                "code", "name_ru", "name_en"
            )
        ],
        countries=sorted(
            Certificate.objects.filter(PUBLIC_CERTIFICATES)
            .order_by()
            .values_list("manufacturer_country", flat=True)
            .distinct()
        ),
    )


def registry_choices() -> Choices:
    """The filters' choices, kept in the cache for ten minutes under one key (one round trip
    per search): they change rarely (a new country, a category in the admin), and DISTINCT over
    the whole registry is not cheap."""
    choices = cache.get("registry:choices")
    if choices is None:
        choices = _choices()
        cache.set("registry:choices", choices, 600)
    return choices


# --- Open data ------------------------------------------------------------------------------


def registry_events(*, limit: int = 50) -> list[CertificateEvent]:
    """The latest changes of the registry, for the feed, each with ``published``: when it became
    public. An event before the head's signature (the decision to issue, Л.4.6) is public from
    the signature on, so a certificate signed days after its decision comes first in the feed
    when it enters the registry, not below the changes of those days."""
    return list(
        CertificateEvent.objects.filter(certificate__signed_at__isnull=False)
        .annotate(published=Greatest("at", "certificate__signed_at"))
        .select_related("certificate", "meeting")
        .order_by("-published", "-pk")[:limit]
    )


def registry_export(queryset: QuerySet[Certificate], *, chunk_size: int = 1000):
    """Certificates with their certified products, fetched a chunk at a time for streaming."""
    return queryset.prefetch_related(
        Prefetch(
            "products",
            queryset=CertificateProduct.objects.filter(PUBLIC_PRODUCTS)
            .select_related("normative_document")
            .order_by("order", "pk"),
            to_attr="public_products",
        )
    ).iterator(chunk_size=chunk_size)
