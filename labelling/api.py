"""The label review API: one label, or a batch of up to 500 for manufacturers with many SKUs.

Anyone may call it; anonymous callers get a stricter rate limit than token users (DRF's
throttles on the cache framework, rates in settings). Nothing is stored: a review is saved to a
product only from the applicant's page (views.py).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from .review import ALCOHOL_SOURCES, PRINT_METHODS, Label
from .selectors import reviews_of

MAX_BATCH = 500
LANGUAGES = (("ru", _("Russian")), ("en", _("English")), ("kk", _("Kazakh")))


class LabelInput(serializers.Serializer):
    name = serializers.CharField(max_length=500, help_text=_("The product name as on the label."))
    ingredients = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    statements = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Other statements of the label (GMO, «произведено из рыбы»…)."),
    )
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, default="ru")
    alcohol_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False, allow_null=True
    )
    alcohol_source = serializers.ChoiceField(
        choices=ALCOHOL_SOURCES, required=False, allow_blank=True, default=""
    )
    gmo = serializers.BooleanField(required=False, allow_null=True, default=None)
    fish = serializers.BooleanField(required=False, allow_null=True, default=None)
    sign_diameter_mm = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=0, max_value=1000, required=False, allow_null=True
    )
    sign_print_method = serializers.ChoiceField(
        choices=PRINT_METHODS, required=False, allow_blank=True, default=""
    )
    certificate_number = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default=""
    )
    label_date = serializers.DateField(
        required=False, allow_null=True, help_text=_("The day the label is used; today if empty.")
    )

    def to_label(self) -> Label:
        return Label.from_data(self.validated_data)


class BatchInput(serializers.Serializer):
    labels = LabelInput(many=True, allow_empty=False, max_length=MAX_BATCH)


class FindingOutput(serializers.Serializer):
    code = serializers.CharField()
    clause = serializers.CharField(help_text=_("The clause of the standard, e.g. «7.2»."))
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    message = serializers.CharField()
    field = serializers.CharField(help_text=_("The input field the finding is about."))
    start = serializers.IntegerField(allow_null=True)
    end = serializers.IntegerField(allow_null=True)


class ReviewOutput(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=["pass", "fail", "needs_evidence"])
    knowledge_version = serializers.IntegerField()
    findings = FindingOutput(many=True)


class BatchOutput(serializers.Serializer):
    results = ReviewOutput(many=True)


class LabellingAnonThrottle(AnonRateThrottle):
    scope = "labelling_anon"


class LabellingUserThrottle(UserRateThrottle):
    scope = "labelling_user"


class _ReviewApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [LabellingAnonThrottle, LabellingUserThrottle]


_ERRORS = {
    400: OpenApiResponse(description=_("Bad input: the errors by field name.")),
    429: OpenApiResponse(description=_("Too many requests: retry after the given seconds.")),
}


class LabelReviewApi(_ReviewApi):
    @extend_schema(
        operation_id="labelling_review",
        summary=_("Review one label against the standard"),
        request=LabelInput,
        responses={200: ReviewOutput, **_ERRORS},
        tags=["labelling"],
    )
    def post(self, request):
        data = LabelInput(data=request.data)
        data.is_valid(raise_exception=True)
        (review,) = reviews_of([data.to_label()])
        return Response(review.as_dict())


class LabelReviewBatchApi(_ReviewApi):
    @extend_schema(
        operation_id="labelling_review_batch",
        summary=_("Review up to 500 labels in one request"),
        request=BatchInput,
        responses={200: BatchOutput, **_ERRORS},
        tags=["labelling"],
    )
    def post(self, request):
        data = BatchInput(data=request.data)
        data.is_valid(raise_exception=True)
        reviews = reviews_of([Label.from_data(item) for item in data.validated_data["labels"]])
        return Response({"results": [review.as_dict() for review in reviews]})
