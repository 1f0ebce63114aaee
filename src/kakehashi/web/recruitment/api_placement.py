"""SEA requests, placement and renewals in the API: an organization's SEA request and its opening as a cycle,
the organizations' placement requests, the placement run and applying its result, and each participant's
intent for next year. recruitment/services_placement.py decides, as for the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.schoolyear import SchoolYear
from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.api.base import (
    ReadableViewSet,
    described,
    in_body,
    me,
    named_in_body,
    own_participants,
    post_action,
    validated,
)
from kakehashi.web.api.fields import by_code, by_username
from kakehashi.web.api.forms import bound, cleaned, form_serializer
from kakehashi.web.api.permissions import COORDINATOR, PARTICIPANT, SUPERVISOR
from kakehashi.web.people.models import Participant
from kakehashi.web.recruitment import services_placement as placing
from kakehashi.web.recruitment.api import CycleSerializer
from kakehashi.web.recruitment.forms_placement import PlacementRequestForm, RenewalForm, SeaOpenForm, SeaRequestForm
from kakehashi.web.recruitment.models import PlacementRequest, PlacementRun, RenewalIntent, SeaRequest
from kakehashi.web.recruitment.selectors import requesting_organizations

SeaFile = form_serializer("SeaRequestFile", SeaRequestForm)
SeaOpen = form_serializer("SeaRequestOpen", SeaOpenForm)
RenewalState = form_serializer("RenewalState", RenewalForm)


class PlacementRequestAddSerializer(form_serializer("PlacementRequestFields", PlacementRequestForm)):  # type: ignore[misc]
    program = serializers.IntegerField()
    year = serializers.IntegerField(help_text="The school year the participants are wanted for.")


class SeaRequestSerializer(serializers.ModelSerializer[SeaRequest]):
    filed_by = by_username()

    class Meta:
        model = SeaRequest
        fields = [
            "id",
            "program",
            "organization",
            "sport",
            "qualifications",
            "posts",
            "starts",
            "ends",
            "duties",
            "status",
            "filed_by",
            "created_at",
        ]


@described(
    list="SEA requests of the organizations you file for, and of your programs",
    retrieve="One SEA request",
    create=extend_schema(
        summary="File an SEA request for an organization (supervisors and coordinators)",
        request=SeaFile,
        responses={201: SeaRequestSerializer},
    ),
)
class SeaRequestViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = SeaRequestSerializer
    filterset_fields = ["program", "organization", "status"]
    read_roles = write_roles = (COORDINATOR, SUPERVISOR)
    action_roles = {"open": (COORDINATOR,)}

    def scope(self) -> QuerySet[SeaRequest]:
        user = self.request.user
        mine = Q(organization__in=requesting_organizations(user)) | Q(program__in=coordinated_programs(user))
        return SeaRequest.objects.filter(mine).distinct().select_related("filed_by").order_by("-created_at", "-id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = cleaned(bound(SeaRequestForm, request.data, organizations=requesting_organizations(request.user)))
        made = placing.sea_request_file(**data, by=request.user)
        return Response(SeaRequestSerializer(made).data, status=status.HTTP_201_CREATED)

    @post_action(
        request=SeaOpen,
        responses={201: CycleSerializer},
        summary="Open recruitment for the requested SEA post(s): a cycle, and the placement request",
    )
    def open(self, request: Request, pk: int) -> Response:
        sea = self.get_object()
        self.require(self.within(coordinated_programs(request.user), sea.program))
        cycle = placing.sea_request_open(request=sea, **cleaned(bound(SeaOpenForm, request.data)))
        return Response(CycleSerializer(cycle).data, status=status.HTTP_201_CREATED)


class PlacementRequestSerializer(serializers.ModelSerializer[PlacementRequest]):
    levels = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = PlacementRequest
        fields = ["id", "program", "organization", "year", "position", "levels", "japanese_min", "sport", "count"]


@described(
    list="Organizations' requests for participants, for your programs (?program=, ?year=)",
    retrieve="One placement request",
    create=extend_schema(
        summary="Add an organization's request (position, levels, Japanese, sport, how many)",
        request=PlacementRequestAddSerializer,
        responses={201: PlacementRequestSerializer},
    ),
)
class PlacementRequestViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = PlacementRequestSerializer
    filterset_fields = ["program", "year", "organization", "position"]
    read_roles = (COORDINATOR,)

    def scope(self) -> QuerySet[PlacementRequest]:
        return PlacementRequest.objects.filter(program__in=coordinated_programs(self.request.user))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        program = named_in_body(coordinated_programs(request.user), in_body(request, "program"), name="program")
        year = serializers.IntegerField(min_value=2000, max_value=2100).run_validation(in_body(request, "year"))
        form = bound(PlacementRequestForm, request.data, organizations=requesting_organizations(request.user))
        cleaned(form)
        made = placing.placement_request_save(request=form.save(commit=False), program=program, year=year)
        return Response(PlacementRequestSerializer(made).data, status=status.HTTP_201_CREATED)


class PlacementRunSerializer(serializers.ModelSerializer[PlacementRun]):
    created_by = by_username()
    # A declared field may share a name with a serializer attribute: the metaclass takes it out of the class.
    instance = serializers.JSONField(  # type: ignore[assignment]
        read_only=True, help_text="The kakehashi/placement@1 instance solved."
    )
    result = serializers.JSONField(read_only=True, help_text="The optimizer's result: assignments and empty posts.")

    class Meta:
        model = PlacementRun
        fields = ["id", "program", "year", "instance", "result", "applied_at", "created_by", "created_at"]


class PlacementRunStartSerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text="The school year to place for.")


class AppliedSerializer(serializers.Serializer[Any]):
    run = PlacementRunSerializer()
    participants = serializers.ListField(child=serializers.CharField(), help_text="New participants' ids.")


@described(
    list="Placement runs of your programs, newest first (?program=, ?year=)",
    retrieve="One placement run with its instance and result",
    create=extend_schema(
        summary="Run the placement optimizer over the year's requests, accepted applicants and renewals",
        request=PlacementRunStartSerializer,
        responses={201: PlacementRunSerializer},
    ),
)
class PlacementRunViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = PlacementRunSerializer
    filterset_fields = ["program", "year"]
    read_roles = (COORDINATOR,)

    def scope(self) -> QuerySet[PlacementRun]:
        found = PlacementRun.objects.filter(program__in=coordinated_programs(self.request.user))
        return found.select_related("created_by").order_by("-created_at", "-id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = validated(PlacementRunStartSerializer, request)
        program = named_in_body(coordinated_programs(request.user), body["program"], name="program")
        run = placing.placement_run(program=program, year=body["year"], by=request.user)
        return Response(PlacementRunSerializer(run).data, status=status.HTTP_201_CREATED)

    @post_action(
        request=None,
        responses=AppliedSerializer,
        summary="Apply the run: a participant with a login and placement for each placed applicant",
    )
    def apply(self, request: Request, pk: int) -> Response:
        run = self.get_object()
        made = placing.placement_apply(run=run, by=request.user)
        run.refresh_from_db()
        return Response(AppliedSerializer({"run": run, "participants": [p.code for p in made]}).data)


class RenewalIntentSerializer(serializers.ModelSerializer[RenewalIntent]):
    participant = by_code(Participant)
    years_served = serializers.SerializerMethodField(help_text="Years on the programme before that school year.")

    class Meta:
        model = RenewalIntent
        fields = ["id", "participant", "year", "choice", "note", "years_served", "updated_at"]

    def get_years_served(self, intent: RenewalIntent) -> int:
        return placing.years_served(intent.participant, intent.year)


@described(
    list="Next year's intents: yours, or your programs' participants' (?year=)",
    retrieve="One intent",
    create=extend_schema(
        summary="State your choice for next school year: re-contract, transfer or leave (within the limit)",
        request=RenewalState,
        responses={201: RenewalIntentSerializer},
    ),
)
class RenewalIntentViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = RenewalIntentSerializer
    filterset_fields = ["year", "choice"]
    write_roles = (PARTICIPANT,)

    def scope(self) -> QuerySet[RenewalIntent]:
        user = self.request.user
        mine = Q(participant__program__in=coordinated_programs(user)) | Q(participant_id__in=own_participants(user))
        return RenewalIntent.objects.filter(mine).select_related("participant")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        year = SchoolYear.of(timezone.localdate()) + 1  # the choice is always for the coming school year
        intent = placing.renewal_state(
            participant=me(request.user), year=year, **cleaned(bound(RenewalForm, request.data))
        )
        return Response(RenewalIntentSerializer(intent).data, status=status.HTTP_201_CREATED)
