"""API for the plant's stunning equipment (GOST 7.6.7, Table 1):
``POST /api/v1/slaughter/stunning-checks/`` judges up to 10,000 readings and, given a batch,
stores them on it for the batch's registered halal controller.

The serializers below document the request and the answer in the OpenAPI schema; the readings
themselves are parsed by slaughter.rules.readings (see there why not by a serializer)."""

import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import SlaughterEntry, Species, Stunning
from .rules.deviation import Deviation
from .rules.readings import (
    MAX_READINGS,
    ReadingError,
    check_readings,
    parse_readings,
    species_errors,
)
from .services import stunning_readings_store


class DecimalJSONParser(JSONParser):
    """JSON whose numbers with a fraction are read as decimals, not floats: 0.375 A stays
    exactly 0.375 (a float would make 0.1 + 0.2 of it)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(stream.read().decode(encoding), parse_float=Decimal)
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(_("The request is not valid JSON.")) from error


class ReadingInput(serializers.Serializer):
    species = serializers.ChoiceField(choices=Species.values, help_text="As in Table 1.")
    stunning = serializers.ChoiceField(choices=Stunning.values)
    current_a = serializers.DecimalField(
        max_digits=9,
        decimal_places=3,
        required=False,
        allow_null=True,
        help_text="Electrical: the current, A (up to three decimals, as the instrument shows).",
    )
    duration_s = serializers.DecimalField(
        max_digits=9, decimal_places=3, required=False, allow_null=True, help_text="Electrical."
    )
    pressure_mpa = serializers.DecimalField(
        max_digits=9, decimal_places=3, required=False, allow_null=True, help_text="Pneumatic."
    )
    strikes = serializers.IntegerField(required=False, allow_null=True, help_text="Pneumatic.")
    stun_to_slaughter_s = serializers.IntegerField(
        required=False, allow_null=True, help_text="Unless stunning is none."
    )
    taken_at = serializers.DateTimeField()


class StunningChecksInput(serializers.Serializer):
    readings = ReadingInput(many=True, max_length=MAX_READINGS)
    batch = serializers.IntegerField(
        required=False,
        help_text="A slaughter journal entry: its registered halal controller stores the readings.",
    )


class StunningFindingOutput(serializers.Serializer):
    code = serializers.CharField()
    clause = serializers.CharField()
    message = serializers.CharField()
    value = serializers.CharField()
    allowed = serializers.CharField()


class ResultOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    findings = StunningFindingOutput(many=True)


class StunningChecksOutput(serializers.Serializer):
    results = ResultOutput(many=True)
    stored = serializers.IntegerField(help_text="Readings stored on the batch (0 without one).")


ErrorOutput = inline_serializer(
    "StunningChecksError",
    {
        "detail": serializers.CharField(),
        "errors": inline_serializer(
            "StunningChecksFieldError",
            {
                "index": serializers.IntegerField(
                    help_text="The reading's index; -1: the request."
                ),
                "field": serializers.CharField(),
                "message": serializers.CharField(),
            },
            many=True,
        ),
    },
)


def _finding(deviation: Deviation) -> dict:
    return {
        "code": deviation.code,
        "clause": deviation.clause,
        "message": deviation.message,
        "value": deviation.value,
        "allowed": deviation.allowed,
    }


def _bad_request(errors: list[ReadingError]) -> Response:
    return Response(
        {
            "detail": _("Nothing is stored: correct the readings named and send them again."),
            "errors": [{"index": e.index, "field": e.field, "message": e.message} for e in errors],
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


class StunningChecksApi(APIView):
    """Judge the readings of stunning equipment against GOST 7.6.7 and Table 1; with ``batch``,
    store them on that slaughter journal entry (the batch's registered halal controller only)."""

    parser_classes = [DecimalJSONParser]

    @extend_schema(
        request=StunningChecksInput,
        responses={200: StunningChecksOutput, 201: StunningChecksOutput, 400: ErrorOutput},
        examples=[
            OpenApiExample(
                "One reading",
                value={
                    "readings": [
                        {
                            "species": "chickens",
                            "stunning": "electrical",
                            "current_a": 0.375,
                            "duration_s": 4.0,
                            "stun_to_slaughter_s": 20,
                            "taken_at": "2026-05-12T08:30:00+03:00",
                        }
                    ]
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        user = request.user
        if not user.organizations.exists():
            raise PermissionDenied(_("Only a member of an enterprise checks stunning readings."))
        data = request.data
        if not isinstance(data, dict):
            return _bad_request([ReadingError(-1, "", _("Send an object with «readings»."))])
        entry = None
        if data.get("batch") is not None:
            entry = (
                SlaughterEntry.objects.filter(
                    pk=data["batch"] if isinstance(data["batch"], int) else None,
                    organization__membership__user=user,
                )
                .select_related("organization", "slaughterhouse")
                .first()
            )
            if entry is None:
                return _bad_request(
                    [ReadingError(-1, "batch", _("No such batch in your enterprise's journal."))]
                )
        readings, errors = parse_readings(data.get("readings"))
        if entry is not None and not errors:
            errors = species_errors(readings, entry.species)
        if errors:
            return _bad_request(errors)
        deviations = check_readings(readings)
        stored = 0
        if entry is not None:
            stored = stunning_readings_store(
                entry=entry, by=user, readings=readings, deviations=deviations
            )
        results = [
            {"ok": not found, "findings": [_finding(d) for d in found]} for found in deviations
        ]
        return Response(
            {"results": results, "stored": stored},
            status=status.HTTP_201_CREATED if stored else status.HTTP_200_OK,
        )
