"""The public registry's API: anonymous, read-only (checking a PDF stores nothing), rate-limited
per client IP.

Only the fields the certificate itself shows leave this module; the serializers list them one by
one (no ``fields = "__all__"``), and tests/registry checks the payload against that whitelist.

Caching: a status change must be visible at once, so nothing may be served from a cache without
asking. ``Cache-Control: public, no-cache`` lets browsers, proxies and CDNs keep a copy but makes
them revalidate it on every use; the ETag (for a certificate the digest of its answer, which changes
with its status, events, annexes and PDFs; for a list, the payload) turns an unchanged answer into
a body-less 304. A ``max-age`` of even a minute would let a withdrawn certificate look valid for
that minute. On the server, the detail is one query: the certificate's materialized public
record (registry_records.py), with today's date applied.
"""

import datetime
import functools
import hashlib
import json
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, pagination, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from . import registry, registry_files
from .models import CertificateEvent, CertificateStatus

CACHE_CONTROL = "public, no-cache"


@functools.cache
def _redis_client():
    """A redis-py client (with its connection pool) on the default cache's Redis server, or
    None when the cache is not Redis. One per process."""
    config = settings.CACHES["default"]
    if not config["BACKEND"].endswith("RedisCache"):
        return None
    import redis

    location = config["LOCATION"]
    if not isinstance(location, str):
        location = location[0]
    return redis.Redis.from_url(location.split(",")[0])  # the first server takes the writes


class RegistryRateThrottle(SimpleRateThrottle):
    """Per client IP (behind proxies: REST_FRAMEWORK["NUM_PROXIES"]), logged in or not; 429 with
    Retry-After. The API and the «check a PDF» form of the certificate page share the counter.

    A fixed window counted with the cache's atomic increment: with the shared cache (CACHE_URL)
    every worker process adds to one counter per IP, and two requests at the same moment never
    overwrite each other's count (as the request list of DRF's sliding window, read and written
    back, would). The rate is read on each request, so REGISTRY_API_RATE (settings) can be
    changed in tests."""

    scope = "registry"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or getattr(
            settings, "REGISTRY_API_RATE", "60/minute"
        )

    def get_ident(self, request) -> str:
        """The client's IP as DRF's get_ident finds it (REST_FRAMEWORK["NUM_PROXIES"] trusted
        proxies in X-Forwarded-For, else REMOTE_ADDR), read from META: DRF reads
        request.headers, which copies every header of the request on its first use."""
        meta = request.META
        xff = meta.get("HTTP_X_FORWARDED_FOR")
        remote_addr = meta.get("REMOTE_ADDR")
        num_proxies = api_settings.NUM_PROXIES
        if num_proxies is not None:
            if num_proxies == 0 or xff is None:
                return remote_addr
            addrs = xff.split(",")
            return addrs[-min(num_proxies, len(addrs))].strip()
        return "".join(xff.split()) if xff else remote_addr

    def get_cache_key(self, request, view) -> str:
        return f"throttle:{self.scope}:{self.get_ident(request)}"

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        now = time.time()
        window = int(now // self.duration)
        key = f"{self.get_cache_key(request, view)}:{window}"
        self._wait = (window + 1) * self.duration - now
        return self._count(key) <= self.num_requests

    def _count(self, key: str) -> int:
        """This request's number in the window. On Redis one round trip: INCR and EXPIRE in a
        pipeline, on redis-py's public API (Django's RedisCache.incr asks EXISTS first, a second
        round trip on every request). The key is the cache's own (make_key: its prefix and
        version). The expiry is renewed with each request; the key names its window, so that
        only keeps a busy window's counter a little longer."""
        client = _redis_client()
        if client is not None:
            full_key = self.cache.make_key(key)
            count, _ = (
                client.pipeline(transaction=False)
                .incr(full_key)
                .expire(full_key, self.duration + 1)
                .execute()
            )
            return count
        try:
            return self.cache.incr(key)
        except ValueError:  # the window's first request, unless another process adds it first
            return 1 if self.cache.add(key, 1, self.duration + 1) else self.cache.incr(key)

    def wait(self) -> float:
        return self._wait


class RegistryPagination(pagination.CursorPagination):
    """By number, newest first; a cursor instead of page numbers, so a page costs the same at
    the end of a million rows as at the start and no COUNT(*) runs."""

    ordering = "-number"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 50


# --- Output: the public fields, named one by one ------------------------------------------------


class RegistryCategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()


class RegistryActSerializer(serializers.Serializer):
    """The production-check act (Annex Ж) a decision rests on (GOST 8.17): number and date."""

    number = serializers.CharField()
    date = serializers.DateField()


class RegistryProtocolSerializer(serializers.Serializer):
    """The commission protocol a decision refers to (Л.4.5): its number and date only."""

    number = serializers.IntegerField()
    date = serializers.DateField()


class RegistryCertificateSerializer(serializers.Serializer):
    number = serializers.CharField(help_text="Л.4.1: ХП.00001")
    url = serializers.SerializerMethodField(help_text="The public page (the QR target).")
    status = serializers.ChoiceField(
        source="public_status",
        choices=CertificateStatus.choices,
        help_text="As of today: a certificate past its end date is expired (GOST 8.6).",
    )
    status_since = serializers.DateTimeField(source="status_changed_at")
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    manufacturer_name = serializers.CharField()
    manufacturer_address = serializers.CharField()
    manufacturer_country = serializers.CharField()
    product_type = serializers.CharField()
    category = RegistryCategorySerializer(allow_null=True)

    def get_url(self, certificate) -> str:
        return registry.public_url(certificate.number)


# The detail is built by `record_payload` (the hot path: no serializer machinery); the classes
# below document it in the OpenAPI schema, and tests/registry checks the payload against them.


class RegistryProductSerializer(serializers.Serializer):
    name = serializers.CharField()
    category = serializers.CharField(help_text="A product category code.")
    normative_document = serializers.CharField(help_text="Its designation, e.g. ГОСТ 6478-2017.")
    batch = serializers.CharField(help_text="The batch, or «серийное производство».")


class RegistryAnnexSerializer(serializers.Serializer):
    """«Приложение № N к сертификату» (GOST 8.18, Л.5–Л.8) with the products it adds."""

    number = serializers.IntegerField()
    issued_at = serializers.DateTimeField()
    protocol = RegistryProtocolSerializer(allow_null=True)
    products = RegistryProductSerializer(many=True)
    pdf_url = serializers.URLField(
        allow_null=True, help_text="The annex's registered PDF; null while it is being prepared."
    )
    sha256 = serializers.CharField(allow_null=True, help_text="The SHA-256 of that PDF (hex).")


class RegistryEventSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CertificateEvent.Kind.choices)
    status = serializers.ChoiceField(choices=CertificateStatus.choices, help_text="Status after.")
    at = serializers.DateTimeField()
    protocol = RegistryProtocolSerializer(allow_null=True)
    annex = serializers.IntegerField(
        allow_null=True, help_text="The number of the annex an «annex» event issued."
    )


class RegistryCertificateDetailSerializer(serializers.Serializer):
    """One certificate: what the certificate itself shows, its annexes and its history."""

    number = serializers.CharField(help_text="Л.4.1: ХП.00001")
    url = serializers.URLField(help_text="The public page (the QR target).")
    status = serializers.ChoiceField(
        choices=CertificateStatus.choices,
        help_text="As of today: a certificate past its end date is expired (GOST 8.6).",
    )
    status_since = serializers.DateTimeField()
    status_protocol = RegistryProtocolSerializer(
        allow_null=True, help_text="The decision that set the current status."
    )
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    manufacturer_name = serializers.CharField()
    manufacturer_address = serializers.CharField()
    manufacturer_country = serializers.CharField()
    product_type = serializers.CharField(allow_blank=True)
    category = RegistryCategorySerializer(allow_null=True)
    basis = RegistryProtocolSerializer(allow_null=True, help_text="Л.4.5")
    act = RegistryActSerializer(allow_null=True, help_text="GOST 8.17")
    head_name = serializers.CharField(help_text="Л.4.6")
    pdf_url = serializers.URLField(
        allow_null=True,
        help_text="The registered PDF of the certificate (Annex К); null while it is being "
        "prepared.",
    )
    sha256 = serializers.CharField(
        allow_null=True,
        help_text="The SHA-256 of that PDF (hex): a copy with another digest is not the "
        "registered one (POST .../verify/ checks a file).",
    )
    products = RegistryProductSerializer(many=True, help_text="Listed on the certificate itself.")
    annexes = RegistryAnnexSerializer(many=True)
    events = RegistryEventSerializer(many=True)


def _products(products: list[dict]) -> list[dict]:
    return [
        {
            "name": p["name"],
            "category": p["category"],
            "normative_document": p["normative_document"],
            "batch": p["batch"],
        }
        for p in products
    ]


def _pdf_url(pdf: dict | None, name: str, number: str, annex: int | None = None) -> str | None:
    if pdf is None or not pdf["ready"]:
        return None
    return f"{settings.SITE_URL}{registry.registry_path(name, number, annex)}"


def _sha256(pdf: dict | None) -> str | None:
    return pdf["sha256"] if pdf is not None and pdf["ready"] else None


def record_payload(record: dict, *, expired_by_date: bool) -> dict:
    """The document RegistryCertificateDetailSerializer describes, from a certificate's public
    record (registry_records.py): as recorded, or as it reads once the end date has passed
    (GOST 8.6: expired from the start of the next day, no protocol decided it). The record's
    fields minus what only the page uses (event ids, the normative documents' titles, PDF
    sizes)."""
    number = record["number"]
    if expired_by_date:
        since = registry.expired_since(datetime.date.fromisoformat(record["valid_to"]))
        status, status_since, status_protocol = "expired", since.isoformat(), None
    else:
        status = record["status"]
        status_since, status_protocol = record["status_since"], record["status_protocol"]
    return {
        "number": number,
        "url": registry.public_url(number),
        "status": status,
        "status_since": status_since,
        "status_protocol": status_protocol,
        "valid_from": record["valid_from"],
        "valid_to": record["valid_to"],
        "manufacturer_name": record["manufacturer_name"],
        "manufacturer_address": record["manufacturer_address"],
        "manufacturer_country": record["manufacturer_country"],
        "product_type": record["product_type"],
        "category": record["category"],
        "basis": record["basis"],
        "act": record.get("act"),
        "head_name": record["head_name"],
        "pdf_url": _pdf_url(record["pdf"], "registry:certificate-pdf", number),
        "sha256": _sha256(record["pdf"]),
        "products": _products(record["products"]),
        "annexes": [
            {
                "number": a["number"],
                "issued_at": a["issued_at"],
                "protocol": a["protocol"],
                "products": _products(a["products"]),
                "pdf_url": _pdf_url(a["pdf"], "registry:annex-pdf", number, a["number"]),
                "sha256": _sha256(a["pdf"]),
            }
            for a in record["annexes"]
        ],
        "events": [
            {
                "kind": e["kind"],
                "status": e["status"],
                "at": e["at"],
                "protocol": e["protocol"],
                "annex": e["annex"],
            }
            for e in record["events"]
        ],
    }


class RegistryVerifyInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="The PDF to check; at most REGISTRY_VERIFY_MAX_MB (20 MB by default). It is "
        "hashed as it arrives and never stored."
    )


class RegistryVerifySerializer(serializers.Serializer):
    """Whether an uploaded file is the registered PDF of the certificate or of an annex."""

    number = serializers.CharField(help_text="The certificate checked against.")
    match = serializers.BooleanField(
        help_text="True: the file is, byte for byte, a registered PDF of this certificate."
    )
    document = serializers.ChoiceField(
        choices=["certificate", "annex"],
        allow_null=True,
        help_text="Which PDF it is, when it matches.",
    )
    annex = serializers.IntegerField(allow_null=True, help_text="The annex's number.")
    sha256 = serializers.CharField(help_text="The SHA-256 of the uploaded file (hex).")
    size = serializers.IntegerField(help_text="Its size in bytes.")
    message = serializers.CharField(help_text="The answer in words, in the request's language.")


# --- Input --------------------------------------------------------------------------------------


class RegistryQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="A certificate number in any spelling (XP.00001, хп 1) or at least three "
        "characters of a manufacturer, product type or product. A text that matches more than "
        f"{registry.MATCH_LIMIT} certificates lists only some of them: narrow it (the CSV "
        "export at /registry/export.csv?q=... has every match).",
    )
    status = serializers.ChoiceField(choices=CertificateStatus.choices, required=False)
    category = serializers.SlugField(required=False, help_text="A product category code.")
    country = serializers.CharField(
        required=False, max_length=100, help_text="The manufacturer's country, exactly."
    )

    def validate_q(self, value: str) -> registry.RegistryQuery:
        query = registry.parse_query(value)
        if query.error:
            raise serializers.ValidationError(query.error)
        return query


def _etag(data) -> str:
    body = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _headers(response: HttpResponseBase, etag: str) -> HttpResponseBase:
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response


def _conditional(request, response: Response, etag: str) -> HttpResponseBase:
    """304 when the client's copy is current (If-None-Match), else the response."""
    if not_modified := get_conditional_response(request, etag=etag):
        return _headers(not_modified, etag)
    return _headers(response, etag)


class JsonOnlyNegotiation(DefaultContentNegotiation):
    """The registry API answers in JSON whatever the client's Accept header says (DRF's own
    «IgnoreClientContentNegotiation» example): with one renderer there is nothing to choose, and
    weighing the header on every request only costs time. Request bodies are still matched to
    their parser (the verify action takes multipart only)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


NOT_MODIFIED = OpenApiResponse(description="Not modified: the ETag in If-None-Match still matches.")
THROTTLED = OpenApiResponse(description="Too many requests from this IP; see Retry-After.")


class RegistryCertificateViewSet(viewsets.GenericViewSet):
    """Certificates of the public registry (GOST 8.17, Annex К): no login, rate-limited per
    client IP (429 with Retry-After), ETag revalidation (304)."""

    authentication_classes: list = []  # everyone is anonymous here; no session or token lookup
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonOnlyNegotiation
    throttle_classes = [RegistryRateThrottle]
    pagination_class = RegistryPagination
    filter_backends: list = []  # the query parameters are validated by RegistryQuerySerializer
    serializer_class = RegistryCertificateSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

    def dispatch(self, request, *args, **kwargs):
        """GET of one certificate, the registry's hot path (a shop's app looks up every QR code
        it scans), skips DRF's request wrapping: the answer is stored JSON, sent as is, so there
        is nothing to negotiate, parse, authenticate or render; the rate limit is checked as
        DRF's initial() would. Anything raised (429, 404) is answered by DRF's own exception
        handling, as in APIView.dispatch. The other actions take DRF's whole path."""
        if self.action_map.get(request.method.lower()) != "retrieve":
            return super().dispatch(request, *args, **kwargs)
        self.action, self.args, self.kwargs = "retrieve", args, kwargs
        try:
            self.check_throttles(request)
            return self.retrieve(request, *args, **kwargs)
        except Exception as exc:  # as APIView.dispatch: handle_exception re-raises the unknown
            self.request = self.initialize_request(request, *args, **kwargs)
            self.headers = self.default_response_headers
            response = self.handle_exception(exc)
            return self.finalize_response(self.request, response, *args, **kwargs)

    def perform_authentication(self, request):
        """Nothing to authenticate (no authentication classes): request.user, never read
        here, stays lazy instead of being set to AnonymousUser on every request."""

    @extend_schema(
        parameters=[RegistryQuerySerializer],
        responses={
            200: RegistryCertificateSerializer(many=True),
            304: NOT_MODIFIED,
            400: OpenApiResponse(description="Invalid query, e.g. a text under 3 characters."),
            429: THROTTLED,
        },
    )
    def list(self, request):
        params = RegistryQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = dict(params.validated_data)
        query = filters.pop("q", None)
        matches = registry.registry_matches(query.text) if query and query.text else None
        queryset = registry.registry_list(query=query, matches=matches, **filters)
        page = self.paginate_queryset(queryset)
        response = self.get_paginated_response(RegistryCertificateSerializer(page, many=True).data)
        return _conditional(request, response, _etag(response.data))

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "number",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="ХП.00001, or any spelling of it (XP.00001, хп 1, ХП-00001).",
            )
        ],
        responses={
            200: RegistryCertificateDetailSerializer,
            304: NOT_MODIFIED,
            404: OpenApiResponse(description="No such certificate."),
            429: THROTTLED,
        },
    )
    def retrieve(self, request, number: str):
        canonical = registry.normalize_number(number)
        body = registry.registry_detail_json(canonical) if canonical else None
        if body is None:
            raise exceptions.NotFound(_("No such certificate in the registry."))
        # One query returned the answer ready (registry_records.py), picked by today's date. The
        # ETag is its digest, so it changes with anything the answer shows, the date's effect too.
        body = body.encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if not_modified := get_conditional_response(request, etag=etag):
            return _headers(not_modified, etag)
        return _headers(HttpResponse(body, content_type="application/json"), etag)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "number",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="ХП.00001, or any spelling of it.",
            )
        ],
        request={"multipart/form-data": RegistryVerifyInputSerializer},
        responses={
            200: RegistryVerifySerializer,
            400: OpenApiResponse(description="No file, or a body that is not multipart."),
            404: OpenApiResponse(description="No such certificate."),
            413: OpenApiResponse(description="The file is over REGISTRY_VERIFY_MAX_MB."),
            429: THROTTLED,
        },
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def verify(self, request, number: str):
        """Check a PDF: is the uploaded file the registered PDF of this certificate or of one of
        its annexes? Compared by SHA-256; the file is never stored."""
        canonical = registry.normalize_number(number)
        record = registry.registry_record(canonical) if canonical else None
        if record is None:
            raise exceptions.NotFound(_("No such certificate in the registry."))
        try:
            # The Django request: its upload handlers hash the file as it arrives.
            upload = registry_files.hash_upload(request._request)
        except registry_files.VerifyError as error:
            return Response({"detail": error.message}, status=error.status)
        verdict = registry_files.registry_verify(registry.registry_card(record), upload)
        response = Response(
            {
                "number": verdict.number,
                "match": verdict.match,
                "document": ("certificate" if verdict.annex is None else "annex")
                if verdict.match
                else None,
                "annex": verdict.annex,
                "sha256": upload.sha256,
                "size": upload.size,
                "message": verdict.message,
            }
        )
        response["Cache-Control"] = "no-store"
        return response
