"""Participants in the API: the participants page's list and filters, the participant's published week,
their record (personal data) for the program's coordinators and the participant themselves, edited through
the edit page's form and service; and placements. Every read of someone else's record is in the access log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_noop
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.accounts.scope import coordinated_programs, visible_participants
from kakehashi.web.api.base import ReadableViewSet, described
from kakehashi.web.api.fields import by_code
from kakehashi.web.api.forms import cleaned, edit_form, form_serializer
from kakehashi.web.api.permissions import ANYONE
from kakehashi.web.core.personal_data import record_view
from kakehashi.web.pages.people.filtersets import ParticipantFilterSet, PlacementFilterSet
from kakehashi.web.pages.people.forms import ParticipantForm, record_version
from kakehashi.web.pages.people.selectors import participant_version, participant_week
from kakehashi.web.pages.people.services import ParticipantChangedError, participant_update
from kakehashi.web.pages.people.views import LIST_ROLES
from kakehashi.web.people.models import Participant, Placement

ParticipantUpdateSerializer = form_serializer("ParticipantUpdate", ParticipantForm)
ParticipantPatchSerializer = form_serializer("ParticipantPatch", ParticipantForm, partial=True)


class ParticipantRecordSerializer(serializers.ModelSerializer[Participant]):
    """What the edit page shows: personal data and the timetable limits."""

    seen = serializers.SerializerMethodField(help_text="Send it back with an edit; a record changed since is 409.")

    class Meta:
        model = Participant
        fields = [*ParticipantForm.Meta.fields, "anonymized_at", "seen"]

    def get_seen(self, participant: Participant) -> str:
        return record_version(participant)


def may_read_record(user: Any, participant: Participant) -> bool:
    """The participant's own record, or one of a program the user coordinates (as the edit page)."""
    own = participant.user_id is not None and participant.user_id == user.pk
    return own or coordinated_programs(user).filter(pk=participant.program_id).exists()


class ParticipantSerializer(serializers.ModelSerializer[Participant]):
    record = serializers.SerializerMethodField(
        help_text="Personal data and limits: for the program's coordinators and the participant; otherwise null."
    )

    class Meta:
        model = Participant
        fields = ["code", "name", "name_katakana", "kind", "substitute", "program", "record"]
        extra_kwargs = {
            "substitute": {"help_text": "standby or part_time: only covers absences (代替ALT); empty: a regular week"}
        }

    @extend_schema_field(ParticipantRecordSerializer(allow_null=True))
    def get_record(self, participant: Participant) -> dict[str, Any] | None:
        user = self.context["request"].user
        if not may_read_record(user, participant):
            return None
        return ParticipantRecordSerializer(participant).data


class PlacementSerializer(serializers.ModelSerializer[Placement]):
    participant = by_code(Participant)

    class Meta:
        model = Placement
        fields = ["id", "participant", "organization", "starts", "ends"]


WeekLesson = inline_serializer(
    "ParticipantWeekLesson",
    {
        "lesson": serializers.CharField(),
        "school": serializers.CharField(),
        "homeroom": serializers.CharField(),
        "period": serializers.CharField(),
        "start": serializers.TimeField(allow_null=True),
        "end": serializers.TimeField(allow_null=True),
    },
    many=True,
)


class ParticipantWeekSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(allow_null=True, help_text="The published timetable version's id.")
    days = inline_serializer(
        "ParticipantWeekDay",
        {
            "day": serializers.CharField(),
            "schools": serializers.ListField(child=serializers.CharField()),
            "lessons": WeekLesson,
        },
        many=True,
    )


@described(
    list="Participants you see (the participants page's filters: q, kind, substitute)",
    retrieve="One participant (the view is in their access log)",
    update=extend_schema(summary="Edit a participant's record (coordinators)", request=ParticipantUpdateSerializer),
    partial_update=extend_schema(
        summary="Edit some of a participant's record (coordinators)", request=ParticipantPatchSerializer
    ),
)
class ParticipantViewSet(mixins.UpdateModelMixin, ReadableViewSet):
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilterSet
    lookup_field = "code"
    lookup_value_converter = "str"
    read_roles = LIST_ROLES
    action_roles = {"retrieve": ANYONE, "week": ANYONE}  # a participant reads their own, as on "My week"

    def scope(self) -> QuerySet[Participant]:
        return visible_participants(self.request.user).order_by("code")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        participant = self.get_object()
        record_view(request.user, gettext_noop("participant (API)"), participant=participant)
        return Response(self.get_serializer(participant).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        participant = self.get_object()
        record_view(request.user, gettext_noop("participant record (API edit)"), participant=participant)
        form = edit_form(ParticipantForm, request.data, partial=kwargs.get("partial", False), instance=participant)
        cleaned(form)
        try:
            saved = participant_update(form=form)
        except ParticipantChangedError as changed:
            return Response({"seen": changed.messages}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(saved).data)

    @extend_schema(summary="The participant's published week, day by day")
    @action(detail=True, serializer_class=ParticipantWeekSerializer)
    def week(self, request: Request, code: str) -> Response:
        participant = self.get_object()
        version = participant_version(participant)
        days = [
            {
                "day": day.day,
                "schools": [school.code for school in day.schools],
                "lessons": [
                    {
                        "lesson": item["lesson"].code,
                        "school": item["lesson"].school.code,
                        "homeroom": item["lesson"].homeroom.name,
                        "period": item["lesson"].period,
                        "start": item["start"],
                        "end": item["end"],
                    }
                    for item in day.lessons
                ],
            }
            for day in participant_week(participant, version)
        ]
        return Response(ParticipantWeekSerializer({"version": version.pk if version else None, "days": days}).data)


@described(list="Placements of the participants you see (?participant=, ?organization=)", retrieve="One placement")
class PlacementViewSet(ReadableViewSet):
    serializer_class = PlacementSerializer
    filterset_class = PlacementFilterSet

    def scope(self) -> QuerySet[Placement]:
        people = visible_participants(self.request.user)
        return Placement.objects.filter(participant__in=people).select_related("participant").order_by("id")
