"""The public registry's API: anonymous, read-only, rate-limited per client IP.

Only the fields the certificate itself shows leave this module; the serializers list them one by
one (no ``fields = "__all__"``), and tests/registry checks the payload against that whitelist.

Caching: a status change must be visible at once, so nothing may be served from a cache without
asking. ``Cache-Control: public, no-cache`` lets browsers, proxies and CDNs keep a copy but makes
them revalidate it on every use; the ETag (from the status, its date and the latest event for a
certificate, from the payload for a list) turns an unchanged answer into a body-less 304. A
``max-age`` of even a minute would let a withdrawn certificate look valid for that minute.
"""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, pagination, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from . import registry
from .models import CertificateEvent, CertificateStatus

CACHE_CONTROL = "public, no-cache"


class RegistryRateThrottle(AnonRateThrottle):
    """Per client IP (behind proxies: REST_FRAMEWORK["NUM_PROXIES"]); 429 with Retry-After.
    The rate is read on each request, so REGISTRY_API_RATE (settings) can be changed in tests."""

    scope = "registry"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or getattr(
            settings, "REGISTRY_API_RATE", "60/minute"
        )


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


# The detail is built by `card_payload` (the hot path: no serializer machinery); the classes
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
    head_name = serializers.CharField(help_text="Л.4.6")
    products = RegistryProductSerializer(many=True, help_text="Listed on the certificate itself.")
    annexes = RegistryAnnexSerializer(many=True)
    events = RegistryEventSerializer(many=True)


def _datetime(value) -> str:
    return timezone.localtime(value).isoformat()


def _protocol(protocol: registry.Protocol | None) -> dict | None:
    if protocol is None:
        return None
    return {"number": protocol.number, "date": protocol.date.isoformat()}


def _products(products: list[registry.PublicProduct]) -> list[dict]:
    return [
        {
            "name": p.name,
            "category": p.category,
            "normative_document": p.designation,
            "batch": p.batch_text,
        }
        for p in products
    ]


def _category(category: registry.Category | None) -> dict | None:
    if category is None:
        return None
    return {"code": category.code, "name_ru": category.name_ru, "name_en": category.name_en}


def card_payload(card: registry.CertificateCard) -> dict:
    """The document RegistryCertificateDetailSerializer describes, built directly."""
    c = card.certificate
    return {
        "number": c.number,
        "url": registry.public_url(c.number),
        "status": card.status,
        "status_since": _datetime(card.status_since),
        "status_protocol": _protocol(card.status_event.protocol) if card.status_event else None,
        "valid_from": c.valid_from.isoformat(),
        "valid_to": c.valid_to.isoformat(),
        "manufacturer_name": c.manufacturer_name,
        "manufacturer_address": c.manufacturer_address,
        "manufacturer_country": c.manufacturer_country,
        "product_type": c.product_type,
        "category": _category(c.category),
        "basis": _protocol(c.basis),
        "head_name": c.head_name,
        "products": _products(card.products),
        "annexes": [
            {
                "number": a.number,
                "issued_at": _datetime(a.issued_at),
                "protocol": _protocol(a.protocol),
                "products": _products(a.products),
            }
            for a in card.annexes
        ],
        "events": [
            {
                "kind": e.kind,
                "status": e.status,
                "at": _datetime(e.at),
                "protocol": _protocol(e.protocol),
                "annex": e.annex,
            }
            for e in card.events
        ],
    }


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


NOT_MODIFIED = OpenApiResponse(description="Not modified: the ETag in If-None-Match still matches.")
THROTTLED = OpenApiResponse(description="Too many requests from this IP; see Retry-After.")


class RegistryCertificateViewSet(viewsets.GenericViewSet):
    """Certificates of the public registry (GOST 8.17, Annex К): no login, rate-limited per
    client IP (429 with Retry-After), ETag revalidation (304)."""

    authentication_classes: list = []  # everyone is anonymous here; no session or token lookup
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    throttle_classes = [RegistryRateThrottle]
    pagination_class = RegistryPagination
    filter_backends: list = []  # the query parameters are validated by RegistryQuerySerializer
    serializer_class = RegistryCertificateSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

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
        card = registry.registry_certificate_get(canonical) if canonical else None
        if card is None:
            raise exceptions.NotFound(_("No such certificate in the registry."))
        etag = card.etag
        if not_modified := get_conditional_response(request, etag=etag):
            return _headers(not_modified, etag)
        return _headers(Response(card_payload(card)), etag)
