"""Timetables in the API: versions with their visits and lessons, publishing, the analysis page's figures,
the version as a timetable file, what changed since another version; and solve jobs as a resource — POST
starts one (the program page's solve form), GET follows its progress, DELETE cancels it keeping the best
timetable so far. Coordinators only, of their own programs, as on the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.timetable.format import solution_to_json
from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.api.base import ReadableViewSet, described, in_body, named_in_body, post_action, validated
from kakehashi.web.api.fields import by_code, by_username
from kakehashi.web.api.forms import bound, cleaned, form_serializer
from kakehashi.web.api.permissions import COORDINATOR
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import LessonSlot, School
from kakehashi.web.timetables.analysis import version_analysis
from kakehashi.web.timetables.diff import WeekChanges, week_changes
from kakehashi.web.timetables.door import version_solution
from kakehashi.web.timetables.forms import SolveForm
from kakehashi.web.timetables.jobs import solve_job_cancel, solve_jobs_fail_stale
from kakehashi.web.timetables.models import LessonRow, SolveJob, TimetableVersion, VisitRow
from kakehashi.web.timetables.publishing import (
    InForceChangedError,
    PublishPreview,
    publish_preview,
    timetable_publish_confirmed,
)
from kakehashi.web.timetables.services import timetable_publish_with_changes
from kakehashi.web.timetables.tasks import solve_job_start

# Versions


class TimetableVersionSerializer(serializers.ModelSerializer[TimetableVersion]):
    created_by = by_username()
    explanation = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = TimetableVersion
        fields = [
            "id",
            "program",
            "number",
            "state",
            "solver_status",
            "objective",
            "bound",
            "explanation",
            "revision",
            "created_by",
            "created_at",
            "published_at",
            "in_force",
        ]


class VisitRowSerializer(serializers.ModelSerializer[VisitRow]):
    participant = by_code(Participant)
    school = by_code(School)

    class Meta:
        model = VisitRow
        fields = ["participant", "day", "school"]


class LessonRowSerializer(serializers.ModelSerializer[LessonRow]):
    participant = by_code(Participant)
    lesson = by_code(LessonSlot)

    class Meta:
        model = LessonRow
        fields = ["participant", "lesson"]


class TimetableVersionDetailSerializer(TimetableVersionSerializer):
    """A version with its rows: each ALT's visit (day, school) and each lesson an ALT joins."""

    visits = serializers.SerializerMethodField()
    lessons = serializers.SerializerMethodField()

    class Meta(TimetableVersionSerializer.Meta):
        fields = [*TimetableVersionSerializer.Meta.fields, "visits", "lessons"]

    @extend_schema_field(VisitRowSerializer(many=True))
    def get_visits(self, version: TimetableVersion) -> Any:
        rows = version.visits.select_related("participant", "school").order_by("id")
        return VisitRowSerializer(rows, many=True).data

    @extend_schema_field(LessonRowSerializer(many=True))
    def get_lessons(self, version: TimetableVersion) -> Any:
        rows = version.lessons.select_related("participant", "lesson").order_by("id")
        return LessonRowSerializer(rows, many=True).data


class WeekChangesSerializer(serializers.Serializer[Any]):
    by_participant = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), help_text="ALT id → what changed, in words."
    )
    by_school = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), help_text="School id → what changed, in words."
    )


def _changes(changes: WeekChanges) -> dict[str, Any]:
    """Each change worded in the language of the request (Accept-Language)."""
    return {
        "by_participant": {code: [str(c) for c in lines] for code, lines in changes.by_participant.items()},
        "by_school": {code: [str(c) for c in lines] for code, lines in changes.by_school.items()},
    }


class PublishedSerializer(serializers.Serializer[Any]):
    version = TimetableVersionSerializer()
    changes = WeekChangesSerializer(help_text="Since the week that was in force; each was told by email.")


class PublishBodySerializer(serializers.Serializer[Any]):
    in_force = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The number of the version in force as publish-preview showed it (null: none was). If another "
        "version is in force now, nothing is published and the answer is 409: read the preview again.",
    )


class PublishPreviewSerializer(serializers.Serializer[Any]):
    """Who publishing the version would tell, and what changes for each, against the week in force now."""

    version = TimetableVersionSerializer()
    in_force = TimetableVersionSerializer(allow_null=True, help_text="The week in force now; null before the first.")
    already_in_force = serializers.BooleanField(help_text="Publishing would change nothing and tell nobody.")
    rollback = serializers.BooleanField(help_text="The version is older than the week in force.")
    email_count = serializers.IntegerField(help_text="Emails the publication would send.")
    alts = inline_serializer(
        "PublishPreviewAlt",
        {
            "alt": serializers.CharField(),
            "name": serializers.CharField(),
            "email": serializers.CharField(help_text="Empty: the ALT has no address and is not emailed."),
            "changes": serializers.ListField(child=serializers.CharField()),
        },
        many=True,
    )
    schools = inline_serializer(
        "PublishPreviewSchool",
        {
            "school": serializers.CharField(),
            "name": serializers.CharField(),
            "staff": serializers.ListField(child=serializers.CharField(), help_text="Staff names."),
            "emails": serializers.IntegerField(help_text="Staff addresses the school's email goes to."),
            "changes": serializers.ListField(child=serializers.CharField()),
        },
        many=True,
    )


def _preview_body(preview: PublishPreview) -> dict[str, Any]:
    return {
        "version": preview.version,
        "in_force": preview.in_force,
        "already_in_force": preview.already_in_force,
        "rollback": preview.rollback,
        "email_count": preview.email_count,
        "alts": [{"alt": a.code, "name": a.name, "email": a.email, "changes": a.changes} for a in preview.alts],
        "schools": [
            {"school": s.code, "name": s.name, "staff": s.staff, "emails": len(s.emails), "changes": s.changes}
            for s in preview.schools
        ],
    }


_NAMED = {"name": serializers.CharField(help_text="The school's name.")}


class AnalysisSerializer(serializers.Serializer[Any]):
    """What the analysis page shows."""

    objective = serializers.IntegerField()
    bound = serializers.IntegerField(allow_null=True)
    terms = serializers.DictField(child=serializers.IntegerField(), help_text="The objective by term.")
    lessons = serializers.IntegerField(help_text="Foreign-language lessons of the week.")
    covered = serializers.IntegerField(help_text="Lessons an ALT joins.")
    classes = serializers.IntegerField()
    classes_with_alt = serializers.IntegerField()
    schools = inline_serializer(
        "AnalysisSchool",
        {
            "school": serializers.CharField(),
            **_NAMED,
            "contracted_min": serializers.IntegerField(),
            "contracted_max": serializers.IntegerField(),
            "delivered": serializers.IntegerField(),
            "status": serializers.ChoiceField(choices=["short", "met", "full"]),
            "alts": serializers.ListField(child=serializers.CharField()),
            "coverage": serializers.IntegerField(help_text="The coverage term earned at the school."),
            "extra_alts": serializers.IntegerField(help_text="ALTs beyond the first, costed as extra_alt_cost."),
        },
        many=True,
    )
    alts = inline_serializer(
        "AnalysisAlt",
        {
            "alt": serializers.CharField(),
            "travel_minutes": serializers.IntegerField(),
            "shortfall_classes": serializers.IntegerField(),
        },
        many=True,
    )
    uncovered = inline_serializer(
        "AnalysisUncoveredClass",
        {
            "school": serializers.CharField(),
            **_NAMED,
            "homeroom": serializers.CharField(),
            "lessons": serializers.IntegerField(),
            "reason": serializers.CharField(help_text="Why no ALT joins this class, in the checks' order."),
            "reason_ja": serializers.CharField(help_text="The same reason in Japanese."),
        },
        many=True,
    )


def _analysis_body(version: TimetableVersion) -> dict[str, Any]:
    found = version_analysis(version)
    score = found["explanation"].score
    return {
        **{key: found[key] for key in ("objective", "terms", "lessons", "covered", "classes", "classes_with_alt")},
        "bound": version.bound,
        "schools": [
            {
                "school": days.school,
                "name": name,
                "contracted_min": days.contracted_min,
                "contracted_max": days.contracted_max,
                "delivered": days.delivered,
                "status": days.status,
                "alts": list(days.alts),
                "coverage": score.coverage_by_school.get(days.school, 0),
                "extra_alts": score.extra_alts_by_school.get(days.school, 0),
            }
            for days, name in found["school_days"]
        ],
        "alts": [
            {"alt": alt, "travel_minutes": minutes, "shortfall_classes": score.shortfall_by_alt.get(alt, 0)}
            for alt, minutes in sorted(score.travel_minutes_by_alt.items())
        ],
        "uncovered": [
            {
                "school": u.school,
                "name": name,
                "homeroom": u.homeroom,
                "lessons": u.lessons,
                "reason": u.reason,
                "reason_ja": u.reason_ja,
            }
            for u, name in found["uncovered"]
        ],
    }


@described(
    list="Timetable versions of your programs (?program=, ?state=, ?in_force=)",
    retrieve="One version with its visits and lessons",
)
class TimetableVersionViewSet(ReadableViewSet):
    serializer_class = TimetableVersionSerializer
    filterset_fields = ["program", "state", "number", "in_force"]
    read_roles = (COORDINATOR,)

    def scope(self) -> QuerySet[TimetableVersion]:
        found = TimetableVersion.objects.filter(program__in=coordinated_programs(self.request.user))
        return found.select_related("created_by").order_by("program", "-number")

    def get_serializer_class(self) -> Any:
        return TimetableVersionDetailSerializer if self.action == "retrieve" else super().get_serializer_class()

    @extend_schema(
        responses=PublishPreviewSerializer,
        summary="Before publishing: who would be told (ALTs, schools, emails) and what changes for each",
    )
    @action(detail=True, url_path="publish-preview")
    def publish_preview(self, request: Request, pk: int) -> Response:
        return Response(PublishPreviewSerializer(_preview_body(publish_preview(self.get_object()))).data)

    @post_action(
        request=PublishBodySerializer,
        responses={
            200: PublishedSerializer,
            409: OpenApiResponse(description="Another version is in force than `in_force` said; nothing changed."),
        },
        summary="Publish the version (an older one too: a rollback); each ALT and school whose week changed is "
        "emailed. Read publish-preview first and send its in_force.",
    )
    def publish(self, request: Request, pk: int) -> Response:
        version = self.get_object()
        body = validated(PublishBodySerializer, request)
        if "in_force" not in body:
            changes = timetable_publish_with_changes(version=version)
        else:
            try:
                changes = timetable_publish_confirmed(version=version, seen_in_force=body["in_force"])
            except InForceChangedError:
                return Response(
                    {"in_force": [_("Another version is in force now; read the preview again.")]},
                    status=status.HTTP_409_CONFLICT,
                )
        version.refresh_from_db()
        return Response(PublishedSerializer({"version": version, "changes": _changes(changes)}).data)

    @extend_schema(
        responses=AnalysisSerializer,
        summary="The analysis: objective by term, contracted and delivered days, classes without an ALT and why",
    )
    @action(detail=True)
    def analysis(self, request: Request, pk: int) -> Response:
        return Response(AnalysisSerializer(_analysis_body(self.get_object())).data)

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="The version as a timetable file (kakehashi check reads it)")
    @action(detail=True)
    def timetable(self, request: Request, pk: int) -> Response:
        return Response(solution_to_json(version_solution(self.get_object())))

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "against", int, description="The number of the version to compare with; none: everything is new."
            )
        ],
        responses=WeekChangesSerializer,
        summary="What changed from another version to this one, per ALT and per school",
    )
    @action(detail=True)
    def changes(self, request: Request, pk: int) -> Response:
        version = self.get_object()
        against = request.query_params.get("against", "")
        old = None
        if against:
            old = get_object_or_404(
                TimetableVersion, program=version.program, number=int(against) if against.isdigit() else -1
            )
        return Response(WeekChangesSerializer(_changes(week_changes(old, version))).data)


# Solve jobs


class SolveJobSerializer(serializers.ModelSerializer[SolveJob]):
    requested_by = by_username()
    gap = serializers.FloatField(read_only=True, allow_null=True, help_text="(bound - best) / bound, when both known.")
    percent = serializers.IntegerField(read_only=True, help_text="How far through its time limit.")
    finished = serializers.BooleanField(read_only=True)

    class Meta:
        model = SolveJob
        fields = [
            "id",
            "program",
            "state",
            "time_limit",
            "keep_locked",
            "stay_close",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "elapsed",
            "best_objective",
            "bound",
            "gap",
            "percent",
            "finished",
            "message",
            "version",
            "areas_total",
            "areas_done",
        ]


class SolveJobStartSerializer(form_serializer("SolveJobOptions", SolveForm)):  # type: ignore[misc]
    program = serializers.IntegerField(help_text="The program whose week to solve.")


@described(
    list="Solve jobs of your programs, newest first (?program=, ?state=)",
    retrieve="A solve job's state and progress: elapsed, best objective, bound, gap",
    create=extend_schema(
        summary="Start a solve of a program's week (the task worker runs it)",
        request=SolveJobStartSerializer,
        responses={201: SolveJobSerializer},
    ),
    destroy=extend_schema(
        summary="Cancel a solve job; a running one stops and keeps its best timetable so far",
        responses={202: SolveJobSerializer},
    ),
)
class SolveJobViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, ReadableViewSet):
    serializer_class = SolveJobSerializer
    filterset_fields = ["program", "state"]
    read_roles = (COORDINATOR,)

    def scope(self) -> QuerySet[SolveJob]:
        found = SolveJob.objects.filter(program__in=coordinated_programs(self.request.user))
        return found.select_related("requested_by").order_by("-created_at", "-id")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        solve_jobs_fail_stale()  # as the job page does: a dead worker's job reads as failed
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        solve_jobs_fail_stale()
        return super().retrieve(request, *args, **kwargs)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        program = named_in_body(coordinated_programs(request.user), in_body(request, "program"), name="program")
        options = cleaned(bound(SolveForm, request.data))
        job = solve_job_start(program=program, user=request.user, **options)
        return Response(SolveJobSerializer(job).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        job = self.get_object()
        solve_job_cancel(job=job)
        job.refresh_from_db()
        return Response(SolveJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
