"""The public registry: certificate numbers as people type them, and the reads of the public side.

Only what the certificate itself shows is public (Annex К, Л.4): number, status, validity,
manufacturer, products, the protocols the decisions refer to. Nothing here touches the dossier,
the acts, the votes, the grounds of a decision or who recorded it.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import unicodedata
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from halal_portal.models import DocumentStatus, RenderedDocument

from .models import (
    Certificate,
    CertificateAnnex,
    CertificateEvent,
    CertificateProduct,
    CertificateStatus,
    ProductCategory,
)
from .services.certificates import CERTIFICATE_MAXIMUM, format_number

# --- Numbers (Л.4.1: the index «ХП» and a five-digit sequential number, ХП.00001) -------------

# What may stand between the parts of a number: spaces, dots, dashes of every kind, «/».
_SEPARATORS = r"[\s.·,_/\-‐‑‒–—―−]*"
# «Х» and «П» as typed: Cyrillic or the Latin look-alikes (X, P; Cyrillic «Р» looks like P).
_NUMBER = re.compile(rf"^{_SEPARATORS}(?:[ХX]{_SEPARATORS}[ПPР])?{_SEPARATORS}(\d+){_SEPARATORS}$")


def normalize_number(text: str) -> str | None:
    """The canonical ``ХП.00001`` for any spelling of a certificate number, else None.

    ``XP.00001``, ``хп 1``, ``ХП-00001``, ``хп００００１`` and a bare ``1`` all give ``ХП.00001``:
    NFKC folds full-width forms, case is ignored, separators and leading zeros are optional.
    """
    if not text or len(text) > 40:
        return None
    # «№» first: NFKC would turn it into the letters «No».
    folded = unicodedata.normalize("NFKC", text.replace("№", " ")).upper()
    match = _NUMBER.match(folded)
    if not match:
        return None
    value = int(match.group(1))  # int() reads any Unicode decimal digits
    if not 1 <= value <= CERTIFICATE_MAXIMUM:
        return None
    return format_number(value)


def public_path(number: str) -> str:
    return reverse("registry:certificate", kwargs={"number": number})


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


def effective_status(certificate, today: datetime.date | None = None) -> str:
    """GOST 8.6: past its end date a certificate is expired, even in the hours before the
    nightly job records it; the registry never shows it as valid."""
    today = today or timezone.localdate()
    if certificate.status in LIVE and certificate.valid_to < today:
        return CertificateStatus.EXPIRED
    return certificate.status


def _status_expression(today: datetime.date):
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


# Products on the certificate or in an issued annex; requested ones are not certified (GOST 8.18).
PUBLIC_PRODUCTS = Q(annex_request__isnull=True) | Q(annex__isnull=False)


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
# the hot path. One query reads the certificate's row with its PDF (`registry_record`); its
# stamp (registry_version and what the date does to the status) keys the cached page and API
# answer, so a request served from the cache costs that one query, and a changed certificate is
# never answered from the cache. A miss reads the events and the products (`registry_card`):
# three queries in all. Each query is compiled by the ORM once per connection (`_Compiled`) and
# read as plain values into the small read-only records below, not model instances.


class _Compiled:
    """A read query built with the ORM, compiled to SQL once per database connection and then
    run with a new value in place of a sentinel. Compiling a query with joins costs more than
    running it; the ORM's own converters still turn the columns into Python values."""

    def __init__(self, build: Callable[[Any], QuerySet], sentinel: Any):
        self.build = build
        self.sentinel = sentinel
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _compile(self, conn):
        compiler = self.build(self.sentinel).query.get_compiler(connection=conn)
        sql, params = compiler.as_sql()
        slots = [i for i, p in enumerate(params) if p == self.sentinel]
        if len(slots) != 1:
            raise ImproperlyConfigured("A compiled registry query takes exactly one value.")
        # The columns' converters too (what results_iter would look up on every call).
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = list(compiler.get_converters(fields).items())
        return sql, list(params), slots[0], converters

    def __call__(self, value) -> list[tuple]:
        conn = connections[DEFAULT_DB_ALIAS]
        if conn not in self._compiled:
            self._compiled[conn] = self._compile(conn)
        sql, params, slot, converters = self._compiled[conn]
        params = params.copy()
        params[slot] = value
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for pos, (functions, expression) in converters:
                for function in functions:
                    row[pos] = function(row[pos], expression, conn)
            converted.append(tuple(row))
        return converted


_ID = -987_654_321  # no certificate has this id

_CERTIFICATE = _Compiled(
    lambda number: (
        Certificate.objects.annotate(
            pdf=FilteredRelation("documents", condition=Q(documents__kind="certificate"))
        )
        .filter(number=number)
        .values_list(
            "id",
            "number",
            "registry_version",
            "status",
            "status_changed_at",
            "valid_from",
            "valid_to",
            "manufacturer_name",
            "manufacturer_address",
            "manufacturer_country",
            "product_type",
            "head_name",
            "signed_at",
            "category__code",
            "category__name_ru",
            "category__name_en",
            "meeting__protocol_number",
            "meeting__protocol_date",
            "pdf__status",
            "pdf__file",
            "pdf__sha256",
            "pdf__size",
        )
    ),
    sentinel="ХП.?????",
)
_EVENTS = _Compiled(
    lambda pk: (
        CertificateEvent.objects.filter(certificate_id=pk)
        .order_by("at", "pk")
        .values_list(
            "id",
            "kind",
            "status",
            "at",
            "meeting_id",
            "meeting__protocol_number",
            "meeting__protocol_date",
        )
    ),  # fmt: skip
    sentinel=_ID,
)


def _annex_pdf(column: str) -> Subquery:
    """A column of an annex's PDF (kind "certificate_annex"), for the products query."""
    return Subquery(
        RenderedDocument.objects.filter(
            kind="certificate_annex",
            content_type=ContentType.objects.get_for_model(CertificateAnnex),
            object_id=OuterRef("annex_id"),
        ).values(column)[:1]
    )


_PRODUCTS = _Compiled(
    lambda pk: (
        CertificateProduct.objects.filter(PUBLIC_PRODUCTS, certificate_id=pk)
        .annotate(
            annex_pdf_status=_annex_pdf("status"),
            annex_pdf_file=_annex_pdf("file"),
            annex_pdf_sha256=_annex_pdf("sha256"),
            annex_pdf_size=_annex_pdf("size"),
        )
        .order_by("order", "pk")
        .values_list(
            "name",
            "category__code",
            "normative_document__designation",
            "normative_document__title",
            "batch_text",
            "annex__number",
            "annex__issued_at",
            "annex__meeting_id",
            "annex__meeting__protocol_number",
            "annex__meeting__protocol_date",
            "annex_pdf_status",
            "annex_pdf_file",
            "annex_pdf_sha256",
            "annex_pdf_size",
        )
    ),
    sentinel=_ID,
)


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


def _protocol(number, date) -> Protocol | None:
    return Protocol(number, date) if number else None


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


def _pdf(status, file, sha256, size) -> PublicPdf | None:
    """None when the object has no PDF at all; not ready while queued, rendering or failed (the
    body's staff see why and retry it; the public only learns that it is not there yet)."""
    if status is None:
        return None
    if status == DocumentStatus.READY and file and sha256:
        return PublicPdf(ready=True, sha256=sha256, size=size)
    return PublicPdf(ready=False)


@dataclass(frozen=True)
class PublicCertificate:
    """What the certificate of Annex К shows (Л.4), its PDF, and nothing else."""

    pk: int
    number: str
    version: uuid.UUID  # Certificate.registry_version
    status: str  # as recorded; CertificateCard.status is the one to show
    status_changed_at: datetime.datetime
    valid_from: datetime.date
    valid_to: datetime.date
    manufacturer_name: str
    manufacturer_address: str
    manufacturer_country: str
    product_type: str
    head_name: str
    signed_at: datetime.datetime
    category: Category | None
    basis: Protocol | None
    pdf: PublicPdf | None

    def stamp(self, today: datetime.date | None = None) -> str:
        """Changes with everything the page and the API show: the registry version (a new one
        with every change of the certificate, its events, annexes, products and PDFs), the
        status as of today (the date expires it at midnight), the PDF, and the code and
        templates that render it. The ETag and the key of the cached answers."""
        pdf = self.pdf
        version = "|".join(
            (
                self.number,
                str(self.version),
                effective_status(self, today),
                self.status_changed_at.isoformat(),
                self.signed_at.isoformat(),
                "" if pdf is None else f"{pdf.ready}:{pdf.sha256}",
                build_stamp(),
            )
        )
        return hashlib.sha256(version.encode()).hexdigest()[:32]

    @property
    def pdf_path(self) -> str:
        return reverse("registry:certificate-pdf", kwargs={"number": self.number})

    @property
    def pdf_filename(self) -> str:
        return f"{self.number}.pdf"


@dataclass(frozen=True)
class PublicEvent:
    pk: int
    kind: str
    status: str
    at: datetime.datetime
    meeting_id: int | None
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
        return reverse(
            "registry:annex-pdf", kwargs={"number": self.certificate, "annex": self.number}
        )

    @property
    def pdf_filename(self) -> str:
        return annex_filename(self.certificate, self.number)


def annex_filename(number: str, annex: int) -> str:
    return _("%(number)s annex %(annex)s.pdf") % {"number": number, "annex": annex}


@dataclass
class CertificateCard:
    """Everything the public page and the API show about one certificate: three queries."""

    certificate: PublicCertificate
    status: str
    status_event: PublicEvent | None
    events: list[PublicEvent]
    products: list[PublicProduct]
    annexes: list[PublicAnnex]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def status_since(self) -> datetime.datetime:
        if self.status != self.certificate.status:  # expired by date, not yet recorded
            day = self.certificate.valid_to + datetime.timedelta(days=1)
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        return self.certificate.status_changed_at

    def pdfs(self) -> list[tuple[int | None, PublicPdf]]:
        """The ready PDFs: (None, the certificate's), then (N, annex No. N's)."""
        found = [(None, self.certificate.pdf), *((a.number, a.pdf) for a in self.annexes)]
        return [(annex, pdf) for annex, pdf in found if pdf is not None and pdf.ready]


def registry_record(number: str) -> PublicCertificate | None:
    """The certificate ``number`` (canonical form) with its category, basis protocol and PDF,
    in one query; None when the registry does not know it.

    A certificate enters the public registry when the head of the authorized organization has
    signed it (Л.4.6): until then the decision is taken but the certificate is not issued, and
    the registry must not show it as valid (nor at all: the search, the CSV, the feed and the API
    leave it out too, see PUBLIC_CERTIFICATES)."""
    rows = _CERTIFICATE(number)
    if not rows:
        return None
    (pk, number, version, status, changed, valid_from, valid_to, name, address, country,
     product_type, head, signed, code, name_ru, name_en, basis_number, basis_date,
     pdf_status, pdf_file, pdf_sha256, pdf_size) = rows[0]  # fmt: skip
    if signed is None:
        return None
    return PublicCertificate(
        pk=pk,
        number=number,
        version=version,
        status=status,
        status_changed_at=changed,
        valid_from=valid_from,
        valid_to=valid_to,
        manufacturer_name=name,
        manufacturer_address=address,
        manufacturer_country=country,
        product_type=product_type,
        head_name=head,
        signed_at=signed,
        category=Category(code, name_ru, name_en) if code else None,
        basis=_protocol(basis_number, basis_date),
        pdf=_pdf(pdf_status, pdf_file, pdf_sha256, pdf_size),
    )


def registry_card(
    certificate: PublicCertificate, *, today: datetime.date | None = None
) -> CertificateCard:
    """The card of a certificate from `registry_record`: its events with their protocols, its
    certified products with their annexes and the annexes' PDFs. Two queries whatever the
    number of products and annexes."""
    own: list[PublicProduct] = []
    annexes: dict[int, PublicAnnex] = {}
    annex_by_meeting: dict[int, int] = {}
    for (product, category, designation, title, batch, annex_number, annex_issued,
         annex_meeting, annex_protocol, annex_date, pdf_status, pdf_file, pdf_sha256,
         pdf_size) in _PRODUCTS(certificate.pk):  # fmt: skip
        item = PublicProduct(product, category, designation, title, batch)
        if annex_number is None:
            own.append(item)
            continue
        if annex_number not in annexes:
            annexes[annex_number] = PublicAnnex(
                certificate=certificate.number,
                number=annex_number,
                issued_at=annex_issued,
                protocol=_protocol(annex_protocol, annex_date),
                pdf=_pdf(pdf_status, pdf_file, pdf_sha256, pdf_size),
            )
            annex_by_meeting.setdefault(annex_meeting, annex_number)
        annexes[annex_number].products.append(item)
    events = [
        PublicEvent(
            pk=e_pk,
            kind=kind,
            status=e_status,
            at=at,
            meeting_id=meeting_id,
            protocol=_protocol(protocol, date),
            annex=annex_by_meeting.get(meeting_id) if kind == CertificateEvent.Kind.ANNEX else None,
        )
        for e_pk, kind, e_status, at, meeting_id, protocol, date in _EVENTS(certificate.pk)
    ]
    shown = effective_status(certificate, today)
    status_event = None
    if shown == certificate.status:
        status_event = next(
            (
                e
                for e in reversed(events)
                if e.kind != CertificateEvent.Kind.ANNEX and e.status == certificate.status
            ),
            None,
        )
    return CertificateCard(
        certificate=certificate,
        status=shown,
        status_event=status_event,
        events=events,
        products=own,
        annexes=[annexes[n] for n in sorted(annexes)],
    )


def registry_certificate_get(number: str, *, today: datetime.date | None = None):
    """The card of certificate ``number`` (canonical form), or None: three queries."""
    certificate = registry_record(number)
    return None if certificate is None else registry_card(certificate, today=today)


def registry_cached(key: str, build: Callable[[], bytes]) -> bytes:
    """A rendered answer (page or API detail) by a key that carries the certificate's stamp: from
    this process's memory, else from the shared cache, else built and kept in both. An entry is
    never stale (a change makes a new key), so the process's own copy needs no invalidation."""
    local = caches["registry"]
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, settings.REGISTRY_CACHE_SECONDS)
        local.set(key, value, settings.REGISTRY_CACHE_SECONDS)
    return value


# What renders a certificate's page and API answer: a deployment that changes them must not
# serve answers cached by the previous one (the shared cache outlives it).
_RENDERING_SOURCES = [
    "certification/registry.py",
    "certification/api_registry.py",
    "certification/views/registry.py",
    "templates/base.html",
    "templates/registry",
    "templates/certification/holder/_products_table.html",
    "locale",
    "staticfiles/staticfiles.json",
]


@functools.cache
def build_stamp() -> str:
    """A digest of the code, templates, translations and static manifest of this deployment,
    read once per process."""
    digest = hashlib.sha256()
    for name in _RENDERING_SOURCES:
        path = settings.BASE_DIR / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix in {".py", ".html", ".mo", ".json"} and file.exists():
                digest.update(str(file.relative_to(settings.BASE_DIR)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def registry_events(*, limit: int = 50) -> list[CertificateEvent]:
    """The latest changes of the registry, for the feed."""
    return list(
        CertificateEvent.objects.filter(certificate__signed_at__isnull=False)
        .select_related("certificate", "meeting")
        .order_by("-at", "-pk")[:limit]
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
