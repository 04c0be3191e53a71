"""The registry's API: anonymous, read-only (checking a PDF stores nothing), rate-limited per
client IP.

Caching: the detail is kept in Django's cache until the certificate changes (answers.py), so a
status change is visible at once here. Browsers, proxies and CDNs may keep any answer for a
minute (``Cache-Control: public, max-age=60``): a burst of scans of one code is then served
before it reaches the application, at the price of a minute's delay for those who already hold
a copy; the ETag (a digest of the answer) turns an unchanged answer into a body-less 304.
"""

import datetime
import json
from functools import partial

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, pagination, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from . import answers, files
from .cards import registry_card
from .queries import normalize_number
from .selectors import registry_list, registry_matches, registry_record
from .serializers import (
    RegistryCertificateDetailSerializer,
    RegistryCertificateSerializer,
    RegistryQuerySerializer,
    RegistryVerifyInputSerializer,
    RegistryVerifySerializer,
)

PUBLIC = "public, max-age=60"

# The detail's serializer, built once. DRF builds a serializer's fields (deep copies of the
# declared ones, nested serializers included) each time one is instantiated: for a certificate
# that cost four times its representation (0.6 of 0.75 ms, bench/registry.py's cold run). The
# fields depend on nothing of the request, and to_representation() keeps no state, so one
# instance serves every request.
DETAIL = RegistryCertificateDetailSerializer()


class RegistryRateThrottle(SimpleRateThrottle):
    """Per client IP (DRF's get_ident: REST_FRAMEWORK["NUM_PROXIES"] trusted proxies in
    X-Forwarded-For, else REMOTE_ADDR), logged in or not; 429 with Retry-After. The counters are
    in Django's cache (Redis in production: shared by every worker). The API and the «check a
    PDF» form of the certificate page share them. The rate: REGISTRY_API_RATE (settings)."""

    scope = "registry"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class RegistryPagination(pagination.CursorPagination):
    """By number, newest first; a cursor instead of page numbers, so a page costs the same at
    the end of a million rows as at the start and no COUNT(*) runs."""

    ordering = "-number"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 50


class JsonOnlyNegotiation(DefaultContentNegotiation):
    """JSON whatever the client's Accept header says (DRF's «IgnoreClientContentNegotiation»
    example): a browser opening an API address sends text/html first and would get a 406 from
    the default negotiation. Request bodies are still matched to their parser."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _etag(data) -> str:
    return answers.etag_of(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())


def _conditional(request, response: Response, etag: str):
    """304 when the client's copy is current (If-None-Match), else the response; both with the
    ETag and the public Cache-Control."""
    response = get_conditional_response(request, etag=etag) or response
    response["ETag"] = etag
    response["Cache-Control"] = PUBLIC
    return response


NOT_MODIFIED = OpenApiResponse(description="Not modified: the ETag in If-None-Match still matches.")
THROTTLED = OpenApiResponse(description="Too many requests from this IP; see Retry-After.")
NUMBER = OpenApiParameter(
    "number",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="ХП.00001, or any spelling of it (XP.00001, хп 1, ХП-00001).",
)


class RegistryCertificateViewSet(viewsets.GenericViewSet):
    """Certificates of the public registry (GOST 8.17, Annex К): no login, rate-limited per
    client IP (429 with Retry-After), ETag revalidation (304)."""

    authentication_classes: list = []  # everyone is anonymous here: every answer is public
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonOnlyNegotiation
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
        matches = registry_matches(query.text) if query and query.text else None
        queryset = registry_list(query=query, matches=matches, **filters)
        page = self.paginate_queryset(queryset)
        response = self.get_paginated_response(RegistryCertificateSerializer(page, many=True).data)
        return _conditional(request, response, _etag(response.data))

    @extend_schema(
        parameters=[NUMBER],
        responses={
            200: RegistryCertificateDetailSerializer,
            304: NOT_MODIFIED,
            404: OpenApiResponse(description="No such certificate."),
            429: THROTTLED,
        },
    )
    def retrieve(self, request, number: str):
        """The response is kept as sent (answers.py), as Django's per-view cache keeps one."""
        canonical = normalize_number(number)
        detail = None
        if canonical is not None:
            detail = answers.kept(answers.detail_key(canonical), partial(self._detail, canonical))
        if detail is None:
            raise exceptions.NotFound(_("No such certificate in the registry."))
        etag, body = detail
        return _conditional(request, HttpResponse(body, content_type="application/json"), etag)

    def _detail(self, number: str, today: datetime.date) -> tuple[str, bytes] | None:
        """(ETag, JSON) of certificate ``number`` as of ``today``: one query, counted against
        the rate limit."""
        super().check_throttles(self.request)
        record = registry_record(number)
        if record is None:
            return None
        body = JSONRenderer().render(DETAIL.to_representation(registry_card(record, today=today)))
        return answers.etag_of(body), body

    def check_throttles(self, request):
        """A kept detail is sent without counting it: it costs no more than the copy the proxy
        in front keeps (deploy/nginx.conf), which reaches nobody's count either. What reaches
        the database counts (``_detail``), so does every other action."""
        if self.action != "retrieve":
            super().check_throttles(request)

    @extend_schema(
        parameters=[NUMBER],
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
        its annexes? Compared by SHA-256, else by the body's PAdES signature (a re-signed or
        re-saved copy whose signature is valid and intact is genuine); never stored."""
        canonical = normalize_number(number)
        record = registry_record(canonical) if canonical else None
        if record is None:
            raise exceptions.NotFound(_("No such certificate in the registry."))
        try:
            # The Django request: its upload handlers hash the file as it arrives.
            upload = files.hash_upload(request._request)
        except files.VerifyError as error:
            return Response({"detail": error.message}, status=error.status)
        card = registry_card(record, today=timezone.localdate())
        verdict = files.registry_verify(card, upload)
        document = None
        if verdict.match:
            document = "certificate" if verdict.annex is None else "annex"
        response = Response(
            {
                "number": verdict.number,
                "match": verdict.match,
                "matched_by": verdict.by if verdict.match else None,
                "document": document,
                "annex": verdict.annex,
                "sha256": upload.sha256,
                "size": upload.size,
                "message": verdict.message,
            }
        )
        response["Cache-Control"] = "no-store"
        return response
