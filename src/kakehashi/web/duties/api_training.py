"""Training sessions and meetings in the API: a coordinator schedules one, invites participants (each told at
once) and records attendance; a participant answers their invitations. duties/training.py decides."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.api.base import (
    ReadableViewSet,
    described,
    in_body,
    named_in_body,
    own_participants,
    post_action,
    validated,
)
from kakehashi.web.api.fields import by_code
from kakehashi.web.api.forms import bound, cleaned, form_serializer
from kakehashi.web.api.permissions import PARTICIPANT
from kakehashi.web.core.form_fields import choices_of
from kakehashi.web.duties import training
from kakehashi.web.duties.forms import InviteForm, SessionForm
from kakehashi.web.duties.models import Invitation, TrainingSession
from kakehashi.web.duties.selectors import new_participants
from kakehashi.web.people.models import Participant


class SessionCreateSerializer(form_serializer("SessionFields", SessionForm)):  # type: ignore[misc]
    program = serializers.IntegerField()


class InviteSerializer(serializers.Serializer[Any]):
    who = serializers.ChoiceField(
        choices=choices_of(InviteForm.base_fields, "who"),
        default=InviteForm.Who.CHOSEN,
    )
    participants = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Participants' ids, when `who` is chosen."
    )


class AttendanceSerializer(serializers.Serializer[Any]):
    marks = serializers.DictField(
        child=serializers.ChoiceField(choices=Invitation.Attendance.choices),
        help_text="Invitation id → present, absent or excused.",
    )


class InvitationSerializer(serializers.ModelSerializer[Invitation]):
    participant = by_code(Participant)

    class Meta:
        model = Invitation
        fields = ["id", "session", "participant", "response", "responded_at", "attendance"]


class TrainingSessionSerializer(serializers.ModelSerializer[TrainingSession]):
    invitations = InvitationSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "program", "title", "kind", "starts", "ends", "place", "link", "invitations"]


class CountSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()


@described(
    list="Training sessions and meetings of your programs, or those you are invited to",
    retrieve="One session with its invitations",
    create=extend_schema(
        summary="Schedule a session (coordinators)",
        request=SessionCreateSerializer,
        responses={201: TrainingSessionSerializer},
    ),
)
class TrainingSessionViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = TrainingSessionSerializer
    filterset_fields = ["program", "kind"]

    def scope(self) -> QuerySet[TrainingSession]:
        user = self.request.user
        mine = Q(program__in=coordinated_programs(user)) | Q(invitations__participant_id__in=own_participants(user))
        found = TrainingSession.objects.filter(mine).distinct()
        # Who else was invited and what they answered is the coordinators' to see; a participant sees their own.
        shown = Invitation.objects.filter(
            Q(session__program__in=coordinated_programs(user)) | Q(participant_id__in=own_participants(user))
        ).select_related("participant")
        return found.prefetch_related(Prefetch("invitations", queryset=shown)).order_by("-starts", "id")

    def coordinated(self) -> TrainingSession:
        session: TrainingSession = self.get_object()
        self.require(self.within(coordinated_programs(self.request.user), session.program))
        return session

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        program = named_in_body(coordinated_programs(request.user), in_body(request, "program"), name="program")
        session = training.session_create(
            program=program, user=request.user, **cleaned(bound(SessionForm, request.data))
        )
        return Response(TrainingSessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @post_action(
        request=InviteSerializer,
        responses=CountSerializer,
        summary="Invite the chosen participants, all new ones, or everyone; each is told at once",
    )
    def invite(self, request: Request, pk: int) -> Response:
        session = self.coordinated()
        people = session.program.participants.order_by("code")
        data = validated(InviteSerializer, request)
        who = data["who"]
        chosen: list[Participant]
        if who == InviteForm.Who.NEW:
            chosen = list(new_participants(session.program, timezone.localdate()))
        elif who == InviteForm.Who.ALL:
            chosen = list(people)
        else:
            chosen = list(people.filter(code__in=data.get("participants", [])))
        return Response({"count": training.session_invite(session=session, participants=chosen)})

    @post_action(
        request=AttendanceSerializer,
        responses=CountSerializer,
        summary="Record who came (once the session has begun); returns how many changed",
    )
    def attendance(self, request: Request, pk: int) -> Response:
        session = self.coordinated()
        body = validated(AttendanceSerializer, request)
        marks = {int(key): value for key, value in body["marks"].items() if str(key).isdigit()}
        return Response({"count": training.attendance_record(session=session, marks=marks)})


class RespondSerializer(serializers.Serializer[Any]):
    attending = serializers.BooleanField()


@described(list="Your invitations to sessions", retrieve="One invitation")
class InvitationViewSet(ReadableViewSet):
    serializer_class = InvitationSerializer
    read_roles = write_roles = (PARTICIPANT,)

    def scope(self) -> QuerySet[Invitation]:
        mine = Invitation.objects.filter(participant_id__in=own_participants(self.request.user))
        return mine.select_related("participant", "session").order_by("-session__starts")

    @post_action(request=RespondSerializer, responses=InvitationSerializer, summary="Answer: attending or not")
    def respond(self, request: Request, pk: int) -> Response:
        invitation = self.get_object()
        body = validated(RespondSerializer, request)
        answered = training.invitation_respond(invitation=invitation, attending=body["attending"])
        return Response(InvitationSerializer(answered).data)
