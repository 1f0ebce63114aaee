"""Programs, organizations and contracts in the API: read-only (the admin creates them), each scoped as the
pages are; a program's week as a `kakehashi/week@1` file for its coordinators."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.timetable.format import FormatError
from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.scope import coordinated_programs, roles_of, visible_organizations, visible_programs
from kakehashi.web.api.base import ReadableViewSet, described
from kakehashi.web.api.fields import by_username
from kakehashi.web.api.permissions import COORDINATOR, SUPERVISOR
from kakehashi.web.organizations.models import Contract, Organization, Program
from kakehashi.web.timetables.door import week_instance_json


class ProgramSerializer(serializers.ModelSerializer[Program]):
    class Meta:
        model = Program
        fields = ["id", "name", "name_ja", "kind"]


class OrganizationSerializer(serializers.ModelSerializer[Organization]):
    class Meta:
        model = Organization
        fields = ["id", "name", "name_ja", "kind", "parent", "municipality_code"]


class ContractSerializer(serializers.ModelSerializer[Contract]):
    responsible_manager = by_username()
    school_may_instruct_participants = serializers.BooleanField(read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id",
            "program",
            "organization",
            "type",
            "starts",
            "ends",
            "responsible_manager",
            "school_may_instruct_participants",
        ]


@described(list="Programs you coordinate or take part in", retrieve="One program")
class ProgramViewSet(ReadableViewSet):
    serializer_class = ProgramSerializer
    action_roles = {"week": (COORDINATOR,)}

    def scope(self) -> QuerySet[Program]:
        return visible_programs(self.request.user)

    @extend_schema(
        summary="The program's week as a kakehashi/week@1 file (what the solver reads)",
        responses={200: OpenApiTypes.OBJECT, 422: OpenApiResponse(description="The data breaks the format")},
    )
    @action(detail=True)
    def week(self, request: Request, pk: int) -> Response:
        program = self.get_object()
        self.require(self.within(coordinated_programs(request.user), program))
        try:
            return Response(week_instance_json(program))
        except FormatError as error:  # the core names the JSON path, which points at the row to fix
            return Response({"error": str(error)}, status=422)


@described(list="Organizations behind what you see: boards, schools, town halls", retrieve="One organization")
class OrganizationViewSet(ReadableViewSet):
    serializer_class = OrganizationSerializer
    filterset_fields = ["kind", "parent"]

    def scope(self) -> QuerySet[Organization]:
        return visible_organizations(self.request.user).order_by("kind", "name")


@described(list="Contracts of your programs, or of the organization you supervise", retrieve="One contract")
class ContractViewSet(ReadableViewSet):
    serializer_class = ContractSerializer
    read_roles = (COORDINATOR, SUPERVISOR)  # who see contracts on their pages
    filterset_fields = ["program", "organization", "type"]

    def scope(self) -> QuerySet[Contract]:
        user: Any = self.request.user
        supervised = [r.organization_id for r in roles_of(user) if r.kind == Role.Kind.SUPERVISOR]
        mine = Q(program__in=coordinated_programs(user)) | Q(organization_id__in=supervised)
        return Contract.objects.filter(mine).select_related("responsible_manager").order_by("-starts", "id")
