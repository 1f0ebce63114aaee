"""Leave in the API: a participant's requests, same-day absence report, weekend work and balance; the
coordinator's approvals and paid-leave days. The pages' forms shape each request and
leave/services.py decides it, so a script gets the pages' answers, word for word."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.schoolyear import SchoolYear
from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.api.base import (
    ReadableViewSet,
    described,
    me,
    named_in_body,
    own_participants,
    post_action,
    validated,
)
from kakehashi.web.api.fields import by_code, by_username
from kakehashi.web.api.forms import bound, cleaned, form_serializer
from kakehashi.web.api.permissions import COORDINATOR, PARTICIPANT
from kakehashi.web.leave import services
from kakehashi.web.leave.filtersets import LeaveRequestFilterSet
from kakehashi.web.leave.forms import AbsenceReportForm, EntitlementForm, LeaveRequestForm, WeekendWorkForm
from kakehashi.web.leave.models import LeaveEntitlement, LeaveRequest, WeekendWork
from kakehashi.web.leave.selectors import leave_balance, leave_days, owed_compensatory_days
from kakehashi.web.people.models import Participant

LeaveAsk = form_serializer("LeaveAsk", LeaveRequestForm)
AbsenceReport = form_serializer("AbsenceReport", AbsenceReportForm)
WeekendWorkRecord = form_serializer("WeekendWorkRecord", WeekendWorkForm)
EntitlementSet = form_serializer("EntitlementSet", EntitlementForm)


class DecisionSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, help_text="Sent to the participant.")


class LeaveRequestSerializer(serializers.ModelSerializer[LeaveRequest]):
    participant = by_code(Participant)
    decided_by = by_username()
    days = serializers.SerializerMethodField(help_text="Working days the request uses.")

    class Meta:
        model = LeaveRequest
        fields = [
            "id",
            "participant",
            "kind",
            "starts",
            "ends",
            "days",
            "reason",
            "status",
            "weekend_work",
            "reported_at",
            "decided_by",
            "decided_at",
            "decision_note",
        ]

    def get_days(self, request: LeaveRequest) -> int:
        return leave_days(request)


class BalanceSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    granted = serializers.IntegerField()
    taken = serializers.IntegerField()
    requested = serializers.IntegerField()
    remaining = serializers.IntegerField()


@described(
    list="Your leave, or your programs' (?status=, ?kind=, ?participant=, ?program=, ?on=)",
    retrieve="One leave request",
    create=extend_schema(
        summary="Ask for leave (participants): paid, compensatory (for weekend work), sick or special",
        request=LeaveAsk,
        responses={201: LeaveRequestSerializer},
    ),
)
class LeaveRequestViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = LeaveRequestSerializer
    filterset_class = LeaveRequestFilterSet
    write_roles = (PARTICIPANT,)
    action_roles = {"approve": (COORDINATOR,), "refuse": (COORDINATOR,), "balance": (PARTICIPANT,)}

    def scope(self) -> QuerySet[LeaveRequest]:
        user = self.request.user
        mine = Q(participant__program__in=coordinated_programs(user)) | Q(participant_id__in=own_participants(user))
        return LeaveRequest.objects.filter(mine).select_related("participant", "decided_by")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = me(request.user)
        data = cleaned(bound(LeaveRequestForm, request.data, owed=owed_compensatory_days(person)))
        made = services.leave_request_create(participant=person, **data)
        return Response(LeaveRequestSerializer(made).data, status=status.HTTP_201_CREATED)

    def _decide(self, request: Request, *, approve: bool) -> Response:
        leave: LeaveRequest = self.get_object()
        self.require(coordinated_programs(request.user).filter(pk=leave.participant.program_id).exists())
        body = validated(DecisionSerializer, request)
        decided = services.leave_request_decide(
            request=leave, approve=approve, user=request.user, note=body.get("note", "")
        )
        return Response(LeaveRequestSerializer(decided).data)

    @post_action(request=DecisionSerializer, responses=LeaveRequestSerializer, summary="Approve (coordinators)")
    def approve(self, request: Request, pk: int) -> Response:
        return self._decide(request, approve=True)

    @post_action(request=DecisionSerializer, responses=LeaveRequestSerializer, summary="Refuse (coordinators)")
    def refuse(self, request: Request, pk: int) -> Response:
        return self._decide(request, approve=False)

    @post_action(
        request=None,
        responses=LeaveRequestSerializer,
        summary="Cancel your own leave (requested or approved)",
    )
    def cancel(self, request: Request, pk: int) -> Response:
        leave: LeaveRequest = self.get_object()
        self.require(leave.participant_id in own_participants(request.user))
        return Response(LeaveRequestSerializer(services.leave_request_cancel(request=leave)).data)

    @post_action(
        request=AbsenceReport,
        responses={201: LeaveRequestSerializer},
        summary="Report an absence today (participants): counts at once, coordinators told, cover proposed",
        detail=False,
    )
    def absence(self, request: Request) -> Response:
        made = services.absence_report(participant=me(request.user), **cleaned(bound(AbsenceReportForm, request.data)))
        return Response(LeaveRequestSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=BalanceSerializer, summary="Your paid leave this school year")
    @action(detail=False)
    def balance(self, request: Request) -> Response:
        balance = leave_balance(me(request.user), SchoolYear.of(timezone.localdate()))
        return Response(BalanceSerializer(balance).data)


class WeekendWorkSerializer(serializers.ModelSerializer[WeekendWork]):
    participant = by_code(Participant)
    compensatory_by = serializers.DateField(read_only=True, help_text="The compensatory day is taken by this date.")

    class Meta:
        model = WeekendWork
        fields = ["id", "participant", "date", "description", "compensatory_by"]


@described(
    list="Weekend work owed a compensatory day: yours, or your programs'",
    retrieve="One day of weekend work",
    create=extend_schema(
        summary="Record weekend work (participants)", request=WeekendWorkRecord, responses={201: WeekendWorkSerializer}
    ),
)
class WeekendWorkViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = WeekendWorkSerializer
    write_roles = (PARTICIPANT,)

    def scope(self) -> QuerySet[WeekendWork]:
        user = self.request.user
        mine = Q(participant__program__in=coordinated_programs(user)) | Q(participant_id__in=own_participants(user))
        return WeekendWork.objects.filter(mine).select_related("participant")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        work = services.weekend_work_record(
            participant=me(request.user), **cleaned(bound(WeekendWorkForm, request.data))
        )
        return Response(WeekendWorkSerializer(work).data, status=status.HTTP_201_CREATED)


class EntitlementSerializer(serializers.ModelSerializer[LeaveEntitlement]):
    participant = by_code(Participant)

    class Meta:
        model = LeaveEntitlement
        fields = ["id", "participant", "year", "days"]


@described(
    list="Paid leave days granted, by participant and school year (coordinators)",
    retrieve="One grant",
    create=extend_schema(
        summary="Set a participant's paid leave days for a school year",
        request=EntitlementSet,
        responses={200: EntitlementSerializer},
    ),
)
class EntitlementViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = EntitlementSerializer
    filterset_fields = ["year"]
    read_roles = (COORDINATOR,)

    def scope(self) -> QuerySet[LeaveEntitlement]:
        found = LeaveEntitlement.objects.filter(participant__program__in=coordinated_programs(self.request.user))
        return found.select_related("participant")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = cleaned(bound(EntitlementForm, request.data))
        people = Participant.objects.filter(program__in=coordinated_programs(request.user))
        person = named_in_body(people, data["participant"], name="participant", field="code")
        made = services.entitlement_set(participant=person, year=data["year"], days=data["days"])
        return Response(EntitlementSerializer(made).data)
