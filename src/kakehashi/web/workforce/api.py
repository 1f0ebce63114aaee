"""The workforce dashboard's figures in the API (read-only): for the participants the user sees, and for one
coordinated program the operational figures too, computed by workforce/figures.py as for the page."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.accounts.scope import coordinated_programs, visible_participants
from kakehashi.web.api.base import ScopedAPIView
from kakehashi.web.api.permissions import COORDINATOR, SUPERVISOR
from kakehashi.web.organizations.models import Program
from kakehashi.web.workforce.figures import workforce_figures


class ShareSerializer(serializers.Serializer[Any]):
    # A declared field may share a name with a Field attribute: the serializer's metaclass takes it out of the class.
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.FloatField()


class FiguresSerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField(allow_null=True, help_text="The program of the operational figures.")
    participants = serializers.IntegerField()
    by_kind = ShareSerializer(many=True)
    by_gender = ShareSerializer(many=True)
    by_region = ShareSerializer(many=True)
    by_citizenship = ShareSerializer(many=True)
    average_age = serializers.FloatField(allow_null=True)
    average_service_years = serializers.FloatField(allow_null=True)
    longest_service_years = serializers.FloatField(allow_null=True)
    multi_level = serializers.IntegerField(help_text="ALTs at schools of two or more levels (published week).")
    alts_with_week = serializers.IntegerField()
    classes_below = serializers.IntegerField(help_text="ALTs with fewer than 20 classes a week.")
    classes_within = serializers.IntegerField(help_text="ALTs with 20 to 25 classes a week.")
    classes_above = serializers.IntegerField(help_text="ALTs with more than 25 classes a week.")
    visit_days_contracted = serializers.FloatField(help_text="A week (on average over a rotation's weeks).")
    visit_days_delivered = serializers.FloatField(help_text="A week (on average over a rotation's weeks).")
    lessons_to_cover = serializers.IntegerField()
    lessons_covered = serializers.IntegerField()
    fill_rate = serializers.FloatField(allow_null=True)


class WorkforceView(ScopedAPIView):
    roles = (COORDINATOR, SUPERVISOR)

    @extend_schema(
        parameters=[OpenApiParameter("program", int, description="A program you coordinate; your first by default.")],
        responses=FiguresSerializer,
        summary="Workforce figures: shares, ages, service, classes a week, visit days, fill rate",
    )
    def get(self, request: Request) -> Response:
        program = self._program(request)
        people = visible_participants(request.user)
        if program is not None:
            people = people.filter(program=program)
        figures = workforce_figures(people, program, timezone.localdate())
        return Response(
            FiguresSerializer({**vars(figures), "fill_rate": figures.fill_rate, "program": program and program.pk}).data
        )

    @staticmethod
    def _program(request: Request) -> Program | None:
        """As the dashboard: `?program=` (one the user coordinates, else 404), or the first they coordinate."""
        programs = coordinated_programs(request.user)
        wanted = request.query_params.get("program", "")
        if wanted:
            found: Program | None = programs.filter(pk=wanted).first() if wanted.isdigit() else None
            if found is None:
                raise Http404
            return found
        return programs.order_by("pk").first()
