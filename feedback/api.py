"""REST API of the reports: anonymous submission (rate-limited, multipart with photos) and
status by tracking code; the secretary's queue with its actions."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from certification.models import Meeting

from . import selectors, services
from .models import Report, ReportKind
from .models.reports import CLOSING_OUTCOMES
from .rules import validate_gtin
from .throttle import client_address, report_allowed


class TooManyReports(exceptions.Throttled):
    default_detail = gettext_lazy(
        "Too many reports from your network in the last hour; try again later."
    )


class ReportInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    description = serializers.CharField(max_length=5000)
    place = serializers.CharField(max_length=300)
    product_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
    gtin = serializers.CharField(max_length=14, required=False, allow_blank=True)
    number_shown = serializers.CharField(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=5
    )
    # The honeypot: a person never fills it.
    website = serializers.CharField(required=False, allow_blank=True, write_only=True)

    def validate_gtin(self, value: str) -> str:
        value = "".join(value.split())
        try:
            validate_gtin(value)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return value


class ReportStatusSerializer(serializers.ModelSerializer):
    """What anyone with the code may read: the stage and the outcome, no one's data."""

    state_display = serializers.CharField(source="get_state_display", read_only=True)
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True)
    status_url = serializers.CharField(source="get_status_url", read_only=True)

    class Meta:
        model = Report
        fields = [
            "code",
            "state",
            "state_display",
            "outcome",
            "outcome_display",
            "received_at",
            "decide_due",
            "closed_at",
            "status_url",
        ]


class ReportCreateApi(APIView):
    """POST /api/v1/reports/: a report from the public, no account."""

    authentication_classes: list = []  # anonymous: no session, so no CSRF token to carry
    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": ReportInputSerializer},
        responses={
            201: ReportStatusSerializer,
            400: OpenApiResponse(description="Invalid input, a refused photo or the honeypot."),
            429: OpenApiResponse(description="Too many reports from this address this hour."),
        },
        summary="Report a misuse of the «Halal» sign",
    )
    def post(self, request):
        # A plain dict: copying a multipart QueryDict would deep-copy the uploaded files.
        data = {key: request.data.get(key) for key in request.data if key != "photos"}
        data["photos"] = request.FILES.getlist("photos")
        serializer = ReportInputSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data.get("website"):
            raise exceptions.ValidationError({"detail": _("The report could not be accepted.")})
        if not report_allowed(client_address(request)):
            raise TooManyReports(wait=3600)
        values = dict(serializer.validated_data)
        photos = values.pop("photos", [])
        report = services.report_submit(data=values, photos=photos)
        return Response(ReportStatusSerializer(report).data, status=status.HTTP_201_CREATED)


class ReportStatusApi(APIView):
    """GET /api/v1/reports/{code}/: the public status of a report."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses={200: ReportStatusSerializer, 404: OpenApiResponse()})
    def get(self, request, code: str):
        report = get_object_or_404(Report, code=code.upper())
        return Response(ReportStatusSerializer(report).data)


class ReportSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    certificate_number = serializers.CharField(
        source="certificate.number", read_only=True, allow_null=True
    )

    class Meta:
        model = Report
        fields = [
            "id",
            "code",
            "kind",
            "kind_display",
            "description",
            "place",
            "product_name",
            "gtin",
            "number_shown",
            "email",
            "certificate_number",
            "state",
            "state_display",
            "outcome",
            "reason",
            "received_at",
            "acknowledge_due",
            "decide_due",
            "acknowledged_at",
            "closed_at",
            "holder_answer",
        ]


class LinkInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40, allow_blank=True)


class ReferInputSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    grounds = serializers.CharField()


class CloseInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=CLOSING_OUTCOMES)
    reason = serializers.CharField()


class ReportQueueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The secretary's queue of reports (open ones unless ?state= says otherwise)."""

    serializer_class = ReportSerializer

    def get_queryset(self):
        if not self.request.user.is_secretary:  # nobody else knows a report exists (404)
            return Report.objects.none()
        if self.action != "list":  # a closed report is still there to read (and refuses acts)
            return selectors.report_queue(state="all")
        return selectors.report_queue(
            state=self.request.query_params.get("state", ""),
            q=self.request.query_params.get("q", ""),
        )

    def _done(self, report) -> Response:
        return Response(ReportSerializer(report).data)

    @extend_schema(request=None, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        return self._done(services.report_acknowledge(report=self.get_object(), by=request.user))

    @extend_schema(request=LinkInputSerializer, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        report = self.get_object()
        serializer = LinkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        number = serializer.validated_data["number"]
        certificate = selectors.certificate_by_number(number) if number else None
        if number and certificate is None:
            raise exceptions.ValidationError({"number": [_("No certificate has this number.")]})
        return self._done(
            services.report_link(report=report, by=request.user, certificate=certificate)
        )

    @extend_schema(request=ReferInputSerializer, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        report = self.get_object()
        serializer = ReferInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._done(
            services.report_refer(report=report, by=request.user, **serializer.validated_data)
        )

    @extend_schema(request=CloseInputSerializer, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        report = self.get_object()
        serializer = CloseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._done(
            services.report_close(report=report, by=request.user, **serializer.validated_data)
        )
