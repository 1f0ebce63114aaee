"""Absences and substitute cover in the API, for a program's coordinators: the dates with someone away and
their covers, proposing cover with the engine's repair, confirming it (everyone concerned is told), and the
fill rate. leave/covers.py and leave/selectors.py decide; this only carries their answers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.api.base import ReadableViewSet, described, named_in_body, post_action, validated
from kakehashi.web.api.fields import by_username
from kakehashi.web.api.permissions import COORDINATOR
from kakehashi.web.core.memo import until_next_change
from kakehashi.web.leave.covers import cover_confirm, cover_propose
from kakehashi.web.leave.fill_report import DayState, named_year, remembered_fill_report
from kakehashi.web.leave.models import Cover
from kakehashi.web.leave.reports import fill_rates
from kakehashi.web.leave.selectors import absence_dates
from kakehashi.web.organizations.models import Program


class CoverLessonSerializer(serializers.Serializer[Any]):
    lesson = serializers.CharField()
    alt = serializers.CharField(help_text="The absent ALT.")
    school = serializers.CharField()
    school_name = serializers.CharField()
    homeroom = serializers.CharField()
    period = serializers.CharField()
    start = serializers.CharField()
    end = serializers.CharField()
    substitute = serializers.CharField(allow_null=True, help_text="Who takes the lesson; null: not covered.")


class CoverSerializer(serializers.ModelSerializer[Cover]):
    absent = serializers.ListField(child=serializers.CharField(), read_only=True)
    needed = CoverLessonSerializer(many=True, read_only=True, help_text="The absent ALTs' lessons that date.")
    moves = serializers.ListField(child=serializers.CharField(), read_only=True, help_text="The changes, in words.")
    covered = serializers.IntegerField(read_only=True)
    confirmed_by = by_username()

    class Meta:
        model = Cover
        fields = [
            "id",
            "program",
            "date",
            "status",
            "version",
            "absent",
            "needed",
            "covered",
            "moves",
            "seconds",
            "confirmed_by",
            "confirmed_at",
        ]


class ProposeSerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField()
    date = serializers.DateField()


class ConfirmSerializer(serializers.Serializer[Any]):
    accept_partial = serializers.BooleanField(
        default=False,
        help_text=(
            "Confirm although some lessons stay without an ALT (the page's ticked box). Without it such a cover "
            "is refused with those lessons named; the school is told which classes have no ALT that day."
        ),
    )


class ConfirmedSerializer(serializers.Serializer[Any]):
    cover = CoverSerializer()
    told = serializers.IntegerField(help_text="How many people were sent a notice and an email.")


class AbsenceDateSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    away = serializers.ListField(child=serializers.CharField(), help_text="The ALTs away that day.")
    proposed = CoverSerializer(allow_null=True)
    confirmed = CoverSerializer(allow_null=True)
    waiting = serializers.BooleanField(help_text="Someone away is not yet in a confirmed cover.")


class FillRateSerializer(serializers.Serializer[Any]):
    school = serializers.CharField()
    school_name = serializers.CharField()
    month = serializers.DateField(help_text="The first of the month.")
    needed = serializers.IntegerField(help_text="Lessons the absent ALTs would have taught.")
    covered = serializers.IntegerField(help_text="Of those, taught by a substitute.")
    rate = serializers.FloatField(allow_null=True)


class FillDaySerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One absent ALT's day in the fill-rate report."""

    date = serializers.DateField()
    alt = serializers.CharField(help_text="The absent ALT's code.")
    schools = serializers.ListField(child=serializers.CharField(), help_text="School codes of their lessons.")
    lessons = serializers.IntegerField(help_text="Lessons they would have taught.")
    covered = serializers.IntegerField(source="taught", help_text="Of those, taught by someone else.")
    state = serializers.ChoiceField(choices=DayState.choices)
    reason = serializers.CharField(help_text="no_candidate, declined or too_late when not filled; else empty.")
    reported_at = serializers.DateTimeField(allow_null=True)
    filled_at = serializers.DateTimeField(allow_null=True)
    hours_to_fill = serializers.FloatField(allow_null=True)
    offers_sent = serializers.IntegerField()


PROGRAM = OpenApiParameter("program", int, required=True, description="The program (one you coordinate).")
YEAR = OpenApiParameter("year", int, description="School year; this one by default.")


@described(
    list="Covers of your programs (?program=, ?date=, ?status=)",
    retrieve="One cover: who takes which lesson of the absent ALTs",
)
class CoverViewSet(ReadableViewSet):
    serializer_class = CoverSerializer
    filterset_fields = ["program", "date", "status"]
    read_roles = (COORDINATOR,)

    def scope(self) -> QuerySet[Cover]:
        return Cover.objects.filter(program__in=coordinated_programs(self.request.user)).select_related("confirmed_by")

    def _program(self, value: Any) -> Program:
        program: Program = named_in_body(coordinated_programs(self.request.user), value, name="program")
        return program

    @post_action(
        request=ProposeSerializer,
        responses={
            201: CoverSerializer,
            204: OpenApiResponse(description="Everyone away that day is already covered."),
        },
        summary="Propose cover for a date's absences (the engine's repair: the fewest changes)",
        detail=False,
    )
    def propose(self, request: Request) -> Response:
        body = validated(ProposeSerializer, request)
        program = self._program(body["program"])
        cover = cover_propose(program=program, date=body["date"])
        if cover is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(CoverSerializer(cover).data, status=status.HTTP_201_CREATED)

    @post_action(
        request=ConfirmSerializer,
        responses=ConfirmedSerializer,
        summary="Confirm the proposed cover: in force for its date, and everyone concerned is told",
    )
    def confirm(self, request: Request, pk: int) -> Response:
        cover = self.get_object()
        body = validated(ConfirmSerializer, request)
        told = cover_confirm(cover=cover, user=request.user, accept_partial=body["accept_partial"])
        cover.refresh_from_db()
        return Response(ConfirmedSerializer({"cover": cover, "told": told}).data)

    @extend_schema(
        parameters=[PROGRAM],
        responses=AbsenceDateSerializer(many=True),
        summary="Dates with someone away, a week back to four weeks ahead, with their covers",
    )
    @action(detail=False, filter_backends=[], pagination_class=None)
    def absences(self, request: Request) -> Response:
        program = self._program(request.query_params.get("program"))
        rows = absence_dates(program, timezone.localdate())
        return Response(AbsenceDateSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[PROGRAM, YEAR],
        responses=FillRateSerializer(many=True),
        summary="The fill rate: absent ALTs' lessons a substitute taught, by school and month",
    )
    @action(detail=False, url_path="fill-rate", filter_backends=[], pagination_class=None)
    def fill_rate(self, request: Request) -> Response:
        program = self._program(request.query_params.get("program"))
        year = named_year(request.query_params.get("year"))
        # The same remembered result as the page's: a year of dates laid out twice.
        rows = until_next_change(f"fill-rate:{program.pk}:{year}:{get_language()}", lambda: fill_rates(program, year))
        return Response(FillRateSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[PROGRAM, YEAR],
        responses=FillDaySerializer(many=True),
        summary="Each absent ALT's day: filled or not, why not, the time from report to filled, the offers sent",
    )
    @action(detail=False, url_path="fill-days", filter_backends=[], pagination_class=None)
    def fill_days(self, request: Request) -> Response:
        program = self._program(request.query_params.get("program"))
        report = remembered_fill_report(program, named_year(request.query_params.get("year")))
        return Response(FillDaySerializer(report.days, many=True).data)

