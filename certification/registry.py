"""The public registry: certificate numbers as people type them, and the reads of the public side.

Only what the certificate itself shows is public (Annex К, Л.4): number, status, validity,
manufacturer, products, the protocols the decisions refer to. Nothing here touches the dossier,
the acts, the votes, the grounds of a decision or who recorded it.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
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
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import (
    Certificate,
    CertificateEvent,
    CertificateProduct,
    CertificateStatus,
    ProductCategory,
)
from .registry_records import PUBLIC_PRODUCTS
from .services.certificates import CERTIFICATE_MAXIMUM, format_number

# --- Numbers (Л.4.1: the index «ХП» and a five-digit sequential number, ХП.00001) -------------

# What may stand between the parts of a number: spaces, dots, dashes of every kind, «/».
_SEPARATORS = r"[\s.·,_/\-‐‑‒–—―−]*"
# «Х» and «П» as typed: Cyrillic or the Latin look-alikes (X, P; Cyrillic «Р» looks like P).
_CANONICAL = re.compile(r"ХП\.[0-9]{5}\Z")
_NUMBER = re.compile(rf"^{_SEPARATORS}(?:[ХX]{_SEPARATORS}[ПPР])?{_SEPARATORS}(\d+){_SEPARATORS}$")


def normalize_number(text: str) -> str | None:
    """The canonical ``ХП.00001`` for any spelling of a certificate number, else None.

    ``XP.00001``, ``хп 1``, ``ХП-00001``, ``хп００００１`` and a bare ``1`` all give ``ХП.00001``:
    NFKC folds full-width forms, case is ignored, separators and leading zeros are optional.
    """
    if not text or len(text) > 40:
        return None
    if _CANONICAL.match(text) and text != "ХП.00000":  # as QR codes and links carry it
        return text
    # «№» first: NFKC would turn it into the letters «No».
    folded = unicodedata.normalize("NFKC", text.replace("№", " ")).upper()
    match = _NUMBER.match(folded)
    if not match:
        return None
    value = int(match.group(1))  # int() reads any Unicode decimal digits
    if not 1 <= value <= CERTIFICATE_MAXIMUM:
        return None
    return format_number(value)


_SAMPLE_NUMBER = "ХП.00000"  # never issued: numbers start at 1
_SAMPLE_ANNEX = 987_654_321


@functools.lru_cache(maxsize=32)
def _url_parts(name: str, script_prefix: str, annex: bool) -> tuple[str, ...]:
    """reverse() of a registry URL once per process, cut where the number (and the annex) go:
    the hot path writes several of them per request."""
    kwargs = {"number": _SAMPLE_NUMBER, **({"annex": _SAMPLE_ANNEX} if annex else {})}
    before, after = reverse(name, kwargs=kwargs).split(quote(_SAMPLE_NUMBER))
    return (before, *after.split(str(_SAMPLE_ANNEX))) if annex else (before, after)


def registry_path(name: str, number: str, annex: int | None = None) -> str:
    """What reverse(name, kwargs={"number": number[, "annex": annex]}) gives for a canonical
    number, without resolving the URL conf on every call."""
    parts = _url_parts(name, get_script_prefix(), annex is not None)
    if annex is None:
        return f"{parts[0]}{quote(number)}{parts[1]}"
    return f"{parts[0]}{quote(number)}{parts[1]}{annex}{parts[2]}"


def public_path(number: str) -> str:
    return registry_path("registry:certificate", number)


def public_url(number: str) -> str:
    """The stable public address of a certificate: what its QR code carries."""
    return f"{settings.SITE_URL}{public_path(number)}"


# --- Queries --------------------------------------------------------------------------------

MIN_QUERY_LENGTH = 3  # below this a text search cannot use the trigram indexes
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class RegistryQuery:
    """What the visitor asked for: a certificate number, a text to look for, or nothing."""

    number: str | None = None
    text: str = ""
    error: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.number or self.text or self.error)


def parse_query(raw: str) -> RegistryQuery:
    """A number (in any spelling) or a text of 3 to 100 characters; anything else is an error
    with a message, so a short query never turns into a scan of the whole registry."""
    text = " ".join((raw or "").split())
    if not text:
        return RegistryQuery()
    if number := normalize_number(text):
        return RegistryQuery(number=number)
    if len(text) < MIN_QUERY_LENGTH:
        return RegistryQuery(
            error=_(
                "Type at least %(min)s characters of a manufacturer or a product, "
                "or a certificate number such as ХП.00001."
            )
            % {"min": MIN_QUERY_LENGTH}
        )
    if len(text) > MAX_QUERY_LENGTH:
        return RegistryQuery(
            error=_("The query is too long: at most %(max)s characters.")
            % {"max": MAX_QUERY_LENGTH}
        )
    return RegistryQuery(text=text)


# --- Status as the public sees it -----------------------------------------------------------

LIVE = (CertificateStatus.VALID, CertificateStatus.SUSPENDED)
# Л.4.6: a certificate is issued when the head has signed it. A decision without the signature
# is no certificate yet: the public registry (page, search, CSV, feed, API) leaves it out.
PUBLIC_CERTIFICATES = Q(signed_at__isnull=False)
STATUS_LABELS = dict(CertificateStatus.choices)


def _status_expression(today: datetime.date):
    """GOST 8.6 in SQL, for lists: past its end date a live certificate is expired (the
    certificate page and the API detail apply the same rule in `record_status`)."""
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


def _by_certificate(text: str) -> QuerySet:
    return (
        Certificate.objects.filter(
            _contains("manufacturer_name", text) | _contains("product_type", text)
        )
        .order_by()
        .values_list("pk", flat=True)
    )


def _by_product(text: str) -> QuerySet:
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


def registry_matches(text: str) -> Matches:
    """Two bounded queries, each served by its trigram index on PostgreSQL. A text that every
    manufacturer contains («ООО») would otherwise make each search collect, join and sort the
    whole registry; past MATCH_LIMIT the visitor is asked to narrow it instead."""
    by_certificate = list(_by_certificate(text)[:MATCH_LIMIT])
    by_product = list(_by_product(text)[:MATCH_LIMIT])
    truncated = MATCH_LIMIT in (len(by_certificate), len(by_product))
    return Matches(frozenset(by_certificate) | frozenset(by_product), truncated)


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
        queryset = queryset.filter(pk__in=_by_certificate(text).union(_by_product(text)))
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


COUNTRIES_CACHE_KEY = "registry:countries"


def registry_countries() -> list[str]:
    """The manufacturers' countries for the filter; cached, as the list changes rarely and
    DISTINCT over the whole table is not cheap."""
    countries = cache.get(COUNTRIES_CACHE_KEY)
    if countries is None:
        countries = sorted(
            Certificate.objects.filter(PUBLIC_CERTIFICATES)
            .order_by()
            .values_list("manufacturer_country", flat=True)
            .distinct()
        )
        cache.set(COUNTRIES_CACHE_KEY, countries, 600)
    return countries


CATEGORIES_CACHE_KEY = "registry:categories"


def registry_categories() -> list[Category]:
    """The product categories (reference data of the standard's section 1), cached."""
    categories = cache.get(CATEGORIES_CACHE_KEY)
    if categories is None:
        categories = [
            Category(*row)
            for row in ProductCategory.objects.order_by("order").values_list(
                "code", "name_ru", "name_en"
            )
        ]
        cache.set(CATEGORIES_CACHE_KEY, categories, 600)
    return categories


# --- One certificate ------------------------------------------------------------------------
#
# The certificate page and the API detail are what QR codes and other systems hit, so they are
# the hot path. Each certificate carries its public record (Certificate.public_record, built by
# registry_records.py in the transaction of every change): one indexed query returns it ready,
# whether the certificate was viewed before or never. Only the date is applied on reading.


@functools.cache
def _by_number_sql(vendor: str, columns: tuple[str, ...]) -> str:
    """The SQL of ``Certificate.objects.filter(number=...).values_list(*columns)``, compiled by
    the ORM once per process and database vendor (names and quoting stay the model's)."""
    queryset = Certificate.objects.filter(number="").order_by().values_list(*columns)
    sql, params = queryset.query.sql_with_params()
    assert len(params) == 1, sql  # noqa: S101  (the number is the one parameter)
    return sql


def _row_by_number(number: str, *columns: str) -> tuple | None:
    """``columns`` of certificate ``number`` as the driver returns them, or None.

    The page and the API detail answer every QR scan with this one indexed lookup; building the
    same query through the ORM on each request cost about a tenth of the request, so the SQL the
    ORM compiled is run directly. No field conversion is applied: JSON comes as text (Django
    reads jsonb as text on PostgreSQL, as SQLite stores it), a date as a date on PostgreSQL and
    ISO text on SQLite (expired_by_date takes either)."""
    with connection.cursor() as cursor:
        cursor.execute(_by_number_sql(connection.vendor, columns), [number])
        return cursor.fetchone()


def registry_record(number: str) -> dict | None:
    """The public record of certificate ``number`` (canonical form): one query; None when the
    registry does not know it.

    A certificate enters the public registry when the head of the authorized organization has
    signed it (Л.4.6): until then the decision is taken but the certificate is not issued, and
    the registry must not show it as valid (nor at all: its record is null, and the search, the
    CSV, the feed and the API leave it out too, see PUBLIC_CERTIFICATES)."""
    row = _row_by_number(number, "public_record")
    if row is None or row[0] is None:
        return None
    record = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    return record or None


def expired_by_date(status: str, valid_to: datetime.date | str, today=None) -> bool:
    """GOST 8.6: past its end date a live certificate is expired, even in the hours before the
    nightly job records it (``valid_to`` a date or its ISO text)."""
    if status not in LIVE:
        return False
    today = today or timezone.localdate()
    if isinstance(valid_to, str):
        return valid_to < today.isoformat()  # ISO dates compare as text
    return valid_to < today


def record_status(record: dict, today: datetime.date | None = None) -> tuple[str, bool]:
    """The status to show and whether the date made it (see expired_by_date)."""
    if expired_by_date(record["status"], record["valid_to"], today):
        return CertificateStatus.EXPIRED.value, True
    return record["status"], False


def registry_detail_json(number: str, *, today: datetime.date | None = None) -> str | None:
    """The API detail of certificate ``number`` (canonical form) as JSON text, ready to send:
    one query; None when the registry does not know it. Of the two answers kept for it
    (registry_records.api_answers), the date picks one (expired_by_date, on the certificate's
    own status and end date)."""
    row = _row_by_number(number, "status", "valid_to", "public_api", "public_api_expired")
    if row is None:
        return None
    status, valid_to, body, expired = row
    if body is not None and expired is not None and expired_by_date(status, valid_to, today):
        return expired
    return body


def expired_since(valid_to: datetime.date) -> datetime.datetime:
    """When a certificate ending on ``valid_to`` expires: the start of the next day."""
    day = valid_to + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class Protocol:
    """The commission protocol a decision refers to (Л.4.5)."""

    number: int | None
    date: datetime.date | None

    @property
    def reference(self) -> str:
        """«протокол от ДД.ММ.ГГГГ № N», as Meeting.protocol_reference."""
        if not self.number:
            return ""
        return _("protocol of %(date)s No. %(number)s") % {
            "date": self.date.strftime("%d.%m.%Y"),
            "number": self.number,
        }


def _protocol(data: dict | None) -> Protocol | None:
    if not data:
        return None
    return Protocol(data["number"], datetime.date.fromisoformat(data["date"]))


@dataclass(frozen=True)
class Category:
    code: str
    name_ru: str
    name_en: str

    def __str__(self) -> str:
        return self.name_en if (get_language() or "ru").startswith("en") else self.name_ru


@dataclass(frozen=True)
class PublicPdf:
    """The PDF of the certificate or of one of its annexes: ready, with its SHA-256 (what the
    «check a PDF» form compares an upload with), or still being rendered."""

    ready: bool
    sha256: str = ""
    size: int | None = None


def _pdf(data: dict | None) -> PublicPdf | None:
    if data is None:
        return None
    if data["ready"]:
        return PublicPdf(ready=True, sha256=data["sha256"], size=data["size"])
    return PublicPdf(ready=False)


@dataclass(frozen=True)
class PublicCertificate:
    """What the certificate of Annex К shows (Л.4), its PDF, and nothing else."""

    number: str
    status: str  # as recorded; CertificateCard.status is the one to show
    status_changed_at: datetime.datetime
    valid_from: datetime.date
    valid_to: datetime.date
    manufacturer_name: str
    manufacturer_address: str
    manufacturer_country: str
    product_type: str
    head_name: str
    category: Category | None
    basis: Protocol | None
    pdf: PublicPdf | None
    # GOST 8.17: the production-check act the decision rests on ({"number", "date"}).
    act: dict | None = None

    @property
    def act_reference(self) -> str:
        if not self.act:
            return ""
        return _("production-check act No. %(number)s of %(date)s") % {
            "number": self.act["number"],
            "date": datetime.date.fromisoformat(self.act["date"]).strftime("%d.%m.%Y"),
        }

    @property
    def pdf_path(self) -> str:
        return registry_path("registry:certificate-pdf", self.number)

    @property
    def pdf_filename(self) -> str:
        return f"{self.number}.pdf"


@dataclass(frozen=True)
class PublicEvent:
    pk: int
    kind: str
    status: str
    at: datetime.datetime
    protocol: Protocol | None
    annex: int | None = None

    @property
    def kind_label(self) -> str:
        return CertificateEvent.Kind(self.kind).label


@dataclass(frozen=True)
class PublicProduct:
    name: str
    category: str  # code
    designation: str
    title: str
    batch_text: str

    @property
    def normative_document(self) -> str:
        return f"{self.designation} «{self.title}»"  # as NormativeDocument.__str__


@dataclass
class PublicAnnex:
    certificate: str  # its number
    number: int
    issued_at: datetime.datetime
    protocol: Protocol | None
    pdf: PublicPdf | None
    products: list[PublicProduct] = field(default_factory=list)

    @property
    def pdf_path(self) -> str:
        return registry_path("registry:annex-pdf", self.certificate, self.number)

    @property
    def pdf_filename(self) -> str:
        return annex_filename(self.certificate, self.number)


def annex_filename(number: str, annex: int) -> str:
    return _("%(number)s annex %(annex)s.pdf") % {"number": number, "annex": annex}


@dataclass
class CertificateCard:
    """Everything the public page shows about one certificate, from its public record."""

    certificate: PublicCertificate
    status: str
    status_protocol: Protocol | None
    events: list[PublicEvent]
    products: list[PublicProduct]
    annexes: list[PublicAnnex]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def status_since(self) -> datetime.datetime:
        if self.status != self.certificate.status:  # expired by date, not yet recorded
            return expired_since(self.certificate.valid_to)
        return self.certificate.status_changed_at

    def pdfs(self) -> list[tuple[int | None, PublicPdf]]:
        """The ready PDFs: (None, the certificate's), then (N, annex No. N's)."""
        found = [(None, self.certificate.pdf), *((a.number, a.pdf) for a in self.annexes)]
        return [(annex, pdf) for annex, pdf in found if pdf is not None and pdf.ready]


def _products(items: list[dict]) -> list[PublicProduct]:
    return [
        PublicProduct(p["name"], p["category"], p["normative_document"], p["title"], p["batch"])
        for p in items
    ]


def registry_card(record: dict, *, today: datetime.date | None = None) -> CertificateCard:
    """The card of a certificate from its public record, as of ``today``; no query."""
    number = record["number"]
    category = record["category"]
    certificate = PublicCertificate(
        number=number,
        status=record["status"],
        status_changed_at=datetime.datetime.fromisoformat(record["status_since"]),
        valid_from=datetime.date.fromisoformat(record["valid_from"]),
        valid_to=datetime.date.fromisoformat(record["valid_to"]),
        manufacturer_name=record["manufacturer_name"],
        manufacturer_address=record["manufacturer_address"],
        manufacturer_country=record["manufacturer_country"],
        product_type=record["product_type"],
        head_name=record["head_name"],
        category=Category(**category) if category else None,
        basis=_protocol(record["basis"]),
        pdf=_pdf(record["pdf"]),
        act=record.get("act"),
    )
    shown, by_date = record_status(record, today)
    return CertificateCard(
        certificate=certificate,
        status=shown,
        status_protocol=None if by_date else _protocol(record["status_protocol"]),
        events=[
            PublicEvent(
                pk=e["id"],
                kind=e["kind"],
                status=e["status"],
                at=datetime.datetime.fromisoformat(e["at"]),
                protocol=_protocol(e["protocol"]),
                annex=e["annex"],
            )
            for e in record["events"]
        ],
        products=_products(record["products"]),
        annexes=[
            PublicAnnex(
                certificate=number,
                number=a["number"],
                issued_at=datetime.datetime.fromisoformat(a["issued_at"]),
                protocol=_protocol(a["protocol"]),
                pdf=_pdf(a["pdf"]),
                products=_products(a["products"]),
            )
            for a in record["annexes"]
        ],
    )


def registry_certificate_get(number: str, *, today: datetime.date | None = None):
    """The card of certificate ``number`` (canonical form), or None: one query."""
    record = registry_record(number)
    return None if record is None else registry_card(record, today=today)


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
