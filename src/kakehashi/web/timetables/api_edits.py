"""The week edited by hand through the API, as on an ALT's *Edit the week* page: move a visit, add or drop a
lesson, swap a day with another ALT, lock a visit. timetables/edits.py checks each edit with the core at once
(a refused edit names the broken rule) and refuses one made on a week that changed since `seen`."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.api.base import ScopedAPIView, named_in_body, validated
from kakehashi.web.api.permissions import COORDINATOR
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import Weekday
from kakehashi.web.timetables import edits
from kakehashi.web.timetables.api import TimetableVersionSerializer
from kakehashi.web.timetables.selectors import editable_version, program_schools
from kakehashi.web.timetables.services import visit_lock_toggle

ACTIONS = ["move", "add", "drop", "swap", "lock"]


class WeekEditSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=ACTIONS)
    alt = serializers.CharField(help_text="The ALT whose week is edited (their id).")
    day = serializers.ChoiceField(choices=Weekday.choices, required=False, help_text="move, swap, lock")
    school = serializers.CharField(required=False, help_text="move (from), lock: a school's id")
    to_day = serializers.ChoiceField(choices=Weekday.choices, required=False, help_text="move")
    to_school = serializers.CharField(required=False, help_text="move (to)")
    lesson = serializers.CharField(required=False, help_text="add, drop: a lesson's id")
    other = serializers.CharField(required=False, help_text="swap: the other ALT's id")
    seen = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="The week you edit, as GET gave it; the edit is refused (409) if the week changed since.",
    )

    NEEDED = {
        "move": ("day", "school", "to_day", "to_school"),
        "add": ("lesson",),
        "drop": ("lesson",),
        "swap": ("day", "other"),
        "lock": ("day", "school"),
    }

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        missing = [name for name in self.NEEDED[data["action"]] if not data.get(name)]
        if missing:
            raise serializers.ValidationError({name: ["Needed for this action."] for name in missing})
        return data


class WeekStateSerializer(serializers.Serializer[Any]):
    version = TimetableVersionSerializer(
        allow_null=True, help_text="The version edits start from: the latest draft, else the week in force."
    )
    seen = serializers.CharField(help_text="Send it back with an edit.")
    locked = serializers.BooleanField(required=False, help_text="After a lock: whether the visit is now locked.")


class WeekEditView(ScopedAPIView):
    roles = (COORDINATOR,)

    @extend_schema(
        parameters=[OpenApiParameter("program", int, required=True)],
        responses=WeekStateSerializer,
        summary="The week as edits see it: the version they start from and the `seen` token to edit it with",
    )
    def get(self, request: Request) -> Response:
        program = named_in_body(coordinated_programs(request.user), request.query_params.get("program"), name="program")
        version = editable_version(program)
        return Response(WeekStateSerializer({"version": version, "seen": edits.week_token(version)}).data)

    @extend_schema(
        request=WeekEditSerializer,
        responses={
            200: WeekStateSerializer,
            400: OpenApiResponse(description="The edit breaks a rule (each named); nothing changed."),
            409: OpenApiResponse(description="The week changed since `seen`; nothing changed."),
        },
        summary="Edit an ALT's week: move a visit, add or drop a lesson, swap a day, lock a visit",
    )
    def post(self, request: Request) -> Response:
        body = validated(WeekEditSerializer, request)
        data = body
        people = Participant.objects.filter(program__in=coordinated_programs(request.user)).select_related("program")
        alt = get_object_or_404(people, code=data["alt"])
        program, seen = alt.program, data.get("seen")
        locked = None
        try:
            if data["action"] == "move":
                edits.edit_move_visit(
                    program=program,
                    user=request.user,
                    alt=alt.code,
                    day=data["day"],
                    school=data["school"],
                    to_day=data["to_day"],
                    to_school=data["to_school"],
                    seen=seen,
                )
            elif data["action"] == "add":
                edits.edit_add_lesson(
                    program=program, user=request.user, alt=alt.code, lesson=data["lesson"], seen=seen
                )
            elif data["action"] == "drop":
                edits.edit_drop_lesson(program=program, user=request.user, lesson=data["lesson"], seen=seen)
            elif data["action"] == "swap":
                edits.edit_swap_days(
                    program=program, user=request.user, alt=alt.code, other=data["other"], day=data["day"], seen=seen
                )
            else:
                school = get_object_or_404(program_schools(program), code=data["school"])
                locked = visit_lock_toggle(program=program, participant=alt, day=data["day"], school=school)
        except edits.EditConflictError as conflict:
            return Response({"non_field_errors": conflict.sentences}, status=status.HTTP_409_CONFLICT)
        except edits.EditRefusedError as refused:
            return Response({"non_field_errors": refused.sentences}, status=status.HTTP_400_BAD_REQUEST)
        version = editable_version(program)
        body_out: dict[str, Any] = {"version": version, "seen": edits.week_token(version)}
        if locked is not None:
            body_out["locked"] = locked
        return Response(WeekStateSerializer(body_out).data)
