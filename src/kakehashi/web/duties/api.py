"""Daily reports (日報) in the API: a participant starts the day's report (prefilled from the dated plan), adds
duties, notes, submits; the program's coordinators and the placing board's supervisors approve or return it
(duties/permissions.py says who, including 請負's approve-only rule). duties/services.py decides each step."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.api.base import ReadableViewSet, described, me, own_participants, post_action, validated
from kakehashi.web.api.fields import by_code, by_username
from kakehashi.web.api.forms import bound, cleaned, form_serializer
from kakehashi.web.api.permissions import COORDINATOR, PARTICIPANT, SUPERVISOR
from kakehashi.web.duties import services
from kakehashi.web.duties.filtersets import DailyReportFilterSet
from kakehashi.web.duties.forms import DecisionForm, DutyEntryForm, NoteForm
from kakehashi.web.duties.models import DailyReport, DutyEntry, DutyKind
from kakehashi.web.duties.permissions import decidable_reports, may_return
from kakehashi.web.duties.selectors import duty_schools
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School

Decision = form_serializer("ReportDecision", DecisionForm)
Note = form_serializer("ReportNote", NoteForm)


class EntryAdd(serializers.Serializer[Any]):
    """The daily report page's duty form, every position's fields together: the form keeps those of the
    participant's position (a CIR's words, an SEA's sport and headcount) and its kinds."""

    kind = serializers.ChoiceField(choices=DutyKind.choices)
    minutes = serializers.IntegerField(min_value=1, max_value=24 * 60)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    school = serializers.CharField(required=False, allow_blank=True, help_text="A school of the day (timetable id).")
    words = serializers.IntegerField(min_value=1, required=False, help_text="Words translated (CIRs).")
    sport = serializers.CharField(max_length=60, required=False, help_text="SEAs.")
    headcount = serializers.IntegerField(min_value=0, max_value=10000, required=False, help_text="SEAs.")


class ReportStartSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()


class DutyEntrySerializer(serializers.ModelSerializer[DutyEntry]):
    school = by_code(School, allow_null=True)

    class Meta:
        model = DutyEntry
        fields = [
            "id",
            "kind",
            "minutes",
            "title",
            "school",
            "homeroom",
            "period",
            "starts",
            "ends",
            "lesson",
            "words",
            "sport",
            "headcount",
            "session",
            "from_plan",
        ]


class DailyReportSerializer(serializers.ModelSerializer[DailyReport]):
    participant = by_code(Participant)
    decided_by = by_username()
    entries = DutyEntrySerializer(many=True, read_only=True)
    total_minutes = serializers.IntegerField(read_only=True)

    class Meta:
        model = DailyReport
        fields = [
            "id",
            "participant",
            "date",
            "status",
            "note",
            "submitted_at",
            "decided_by",
            "decided_at",
            "comment",
            "total_minutes",
            "entries",
        ]


@described(
    list="Your reports, and the submitted reports you decide (?status=, ?participant=, …)",
    retrieve="One report with its duties",
    create=extend_schema(
        summary="Start your report for a date: the existing one, or a new draft prefilled with the day's plan",
        request=ReportStartSerializer,
        responses={201: DailyReportSerializer},
    ),
)
class DailyReportViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = DailyReportSerializer
    filterset_class = DailyReportFilterSet
    write_roles = (PARTICIPANT,)
    action_roles = {"approve": (COORDINATOR, SUPERVISOR), "return_": (COORDINATOR, SUPERVISOR)}

    def scope(self) -> QuerySet[DailyReport]:
        user = self.request.user
        # A draft is the participant's work in progress: deciders read a report once it has been submitted.
        decided = decidable_reports(user).exclude(status=DailyReport.Status.DRAFT)
        mine = Q(pk__in=decided.values("pk")) | Q(participant_id__in=own_participants(user))
        found = DailyReport.objects.filter(mine).select_related("participant", "decided_by")
        return found.prefetch_related("entries__school").order_by("-date", "participant__code")

    def own(self) -> DailyReport:
        report: DailyReport = self.get_object()
        self.require(report.participant_id in own_participants(self.request.user))
        return report

    def decidable(self) -> DailyReport:
        report: DailyReport = self.get_object()
        self.require(self.within(decidable_reports(self.request.user), report))
        return report

    def _report(self, report: DailyReport) -> Response:
        return Response(DailyReportSerializer(self.get_queryset().get(pk=report.pk)).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = validated(ReportStartSerializer, request)
        report = services.report_start(participant=me(request.user), date=body["date"])
        return Response(DailyReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @post_action(request=EntryAdd, responses={201: DutyEntrySerializer}, summary="Add a duty to your report")
    def entries(self, request: Request, pk: int) -> Response:
        report = self.own()
        person = report.participant
        form = bound(DutyEntryForm, request.data, position=person.kind, schools=duty_schools(person, report.date))
        cleaned(form)
        entry = services.entry_add(report=report, **form.entry_data())
        return Response(DutyEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None}, summary="Remove a duty from your report (a prefilled lesson too)")
    @action(detail=True, methods=["delete"], url_path="entries/<int:entry>", url_name="entry")
    def remove(self, request: Request, pk: int, entry: int) -> Response:
        report = self.own()
        found = report.entries.filter(pk=entry).first()
        if found is None:
            return Response(status=status.HTTP_404_NOT_FOUND)
        services.entry_remove(entry=found)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @post_action(request=Note, responses=DailyReportSerializer, summary="Write the note for your coordinator")
    def note(self, request: Request, pk: int) -> Response:
        report = self.own()
        return self._report(services.report_note(report=report, note=cleaned(bound(NoteForm, request.data))["note"]))

    @post_action(
        request=None,
        responses=DailyReportSerializer,
        summary="Take the day's lessons and sessions again from the plan",
    )
    def refresh(self, request: Request, pk: int) -> Response:
        return self._report(services.report_refresh(report=self.own()))

    @post_action(request=None, responses=DailyReportSerializer, summary="Submit your report for a decision")
    def submit(self, request: Request, pk: int) -> Response:
        return self._report(services.report_submit(report=self.own()))

    @post_action(request=Decision, responses=DailyReportSerializer, summary="Approve a submitted report")
    def approve(self, request: Request, pk: int) -> Response:
        report = self.decidable()
        comment = cleaned(bound(DecisionForm, request.data))["comment"]
        return self._report(services.report_approve(report=report, user=request.user, comment=comment))

    @post_action(
        request=Decision,
        responses=DailyReportSerializer,
        summary="Return a submitted report with what to change (not for supervisors under 請負)",
        url_path="return",
    )
    def return_(self, request: Request, pk: int) -> Response:
        report = self.decidable()
        self.require(may_return(request.user, report))
        comment = cleaned(bound(DecisionForm, request.data))["comment"]
        return self._report(services.report_return(report=report, user=request.user, comment=comment))
