"""REST API of the commission: its meetings, votes with a live tally, closing with a numbered
protocol (GOST 8.3, 8.11–8.18). Meetings the user may not see do not exist here (404)."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors, services
from .models import AgendaItem, Meeting, Vote, VoteChoice


class Conflict(exceptions.APIException):
    """The request is valid but the meeting's state refuses it (closed, already closed)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class VoteSerializer(serializers.ModelSerializer):
    choice_display = serializers.CharField(source="get_choice_display", read_only=True)

    class Meta:
        model = Vote
        fields = ["id", "item", "member", "choice", "choice_display", "comment", "cast_at"]


class VoteInputSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class TallySerializer(serializers.Serializer):
    """Live while the meeting is open; frozen in the protocol once it is closed."""

    final = serializers.BooleanField()
    assigned = serializers.IntegerField(allow_null=True)
    present = serializers.IntegerField(allow_null=True)
    cast = serializers.IntegerField()
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    votes_abstained = serializers.IntegerField()
    quorum = serializers.BooleanField(allow_null=True)
    adopted = serializers.BooleanField(allow_null=True)


def _tally(item: AgendaItem) -> dict:
    if item.meeting.is_closed:
        return {
            "final": True,
            "assigned": None,
            "present": None,
            "cast": item.votes_for + item.votes_against + item.votes_abstained,
            "votes_for": item.votes_for,
            "votes_against": item.votes_against,
            "votes_abstained": item.votes_abstained,
            "quorum": None,
            "adopted": item.adopted,
        }
    result = selectors.tally(item)
    return {
        "final": False,
        "assigned": result["assigned"],
        "present": result["present"],
        "cast": result["cast"],
        "votes_for": result["for"],
        "votes_against": result["against"],
        "votes_abstained": result["abstain"],
        "quorum": result["quorum"],
        "adopted": result["adopted"],
    }


class AgendaItemSerializer(serializers.ModelSerializer):
    application_number = serializers.CharField(source="application.number", read_only=True)
    question_display = serializers.CharField(source="get_question_display", read_only=True)
    tally = serializers.SerializerMethodField()
    my_vote = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "order",
            "application",
            "application_number",
            "question",
            "question_display",
            "grounds",
            "deadline",
            "recheck_required",
            "valid_from",
            "valid_to",
            "product_type",
            "outcome_note",
            "tally",
            "my_vote",
        ]

    @extend_schema_field(TallySerializer)
    def get_tally(self, item: AgendaItem) -> dict:
        return _tally(item)

    @extend_schema_field(VoteSerializer(allow_null=True))
    def get_my_vote(self, item: AgendaItem) -> dict | None:
        user = self.context["request"].user
        mine = next((v for v in item.votes.all() if v.member_id == user.pk), None)
        return VoteSerializer(mine).data if mine else None


class MeetingSerializer(serializers.ModelSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    protocol_reference = serializers.CharField(read_only=True)
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "date",
            "place",
            "state",
            "state_display",
            "chair",
            "secretary",
            "members_present",
            "protocol_number",
            "protocol_date",
            "protocol_reference",
            "closed_at",
            "items",
        ]


def _conflict_if_closed(meeting: Meeting, error: ValidationError) -> None:
    """A service refuses a closed meeting with a ValidationError; over HTTP that is a conflict
    with the meeting's state, not bad input. The state is read again: it may have just closed."""
    meeting.refresh_from_db(fields=["state"])
    if meeting.is_closed:
        raise Conflict(" ".join(error.messages)) from error


NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Not a meeting of yours.")


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Meetings of the commission: the secretary and the head see all, a member those they
    attend."""

    queryset = Meeting.objects.none()  # for the schema; get_queryset scopes to the user
    serializer_class = MeetingSerializer

    def get_queryset(self):
        items = AgendaItem.objects.select_related("application").prefetch_related("votes")
        return selectors.meeting_list_for(self.request.user).prefetch_related(
            "members_present", Prefetch("items", queryset=items)
        )

    @extend_schema(
        request=VoteInputSerializer,
        responses={
            200: VoteSerializer,
            400: OpenApiResponse(description="Not one of for, against, abstain."),
            403: OpenApiResponse(
                ErrorSerializer, description="Absent, recused or not assigned to the application."
            ),
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorSerializer, description="The meeting is closed."),
        },
        parameters=[
            OpenApiParameter("item_pk", int, OpenApiParameter.PATH, description="The agenda item.")
        ],
    )
    @action(detail=True, methods=["post"], url_path=r"items/(?P<item_pk>[0-9]+)/vote")
    def vote(self, request, pk=None, item_pk=None):
        """Cast or change the member's vote on an agenda item: one vote per member per item,
        however often it is sent."""
        meeting = self.get_object()
        item = get_object_or_404(
            AgendaItem.objects.select_related("application"), pk=item_pk, meeting=meeting
        )
        serializer = VoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            vote = services.vote_cast(item=item, member=request.user, **serializer.validated_data)
        except ValidationError as error:
            _conflict_if_closed(meeting, error)
            raise
        return Response(VoteSerializer(vote).data)

    @extend_schema(
        request=None,
        responses={
            200: MeetingSerializer,
            400: OpenApiResponse(description="The agenda is empty."),
            403: OpenApiResponse(ErrorSerializer, description="Only the secretary closes."),
            404: NOT_FOUND,
            409: OpenApiResponse(
                ErrorSerializer,
                description="Already closed, or a decision no longer fits the application.",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the meeting: freeze the votes, number the protocol, apply the decisions."""
        meeting = self.get_object()
        try:
            meeting = services.meeting_close(meeting=meeting, by=request.user)
        except ValidationError as error:
            _conflict_if_closed(meeting, error)
            raise
        return Response(self.get_serializer(meeting).data)
