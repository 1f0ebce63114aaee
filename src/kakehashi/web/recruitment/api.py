"""Recruitment in the API: cycles (open ones for everyone, a program's for its coordinators), applications
with their documents and steps, moved through the pipeline one by one or in bulk, interviews, an applicant's
own applying and withdrawing. recruitment/services.py decides every rule, as for the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.recruitment import allowed_next
from kakehashi.web.accounts.scope import coordinated_programs, has_role, is_administrator
from kakehashi.web.api.base import ReadableViewSet, described, in_body, named_in_body, post_action, validated
from kakehashi.web.api.fields import by_code, by_username
from kakehashi.web.api.forms import bound, cleaned, form_serializer
from kakehashi.web.api.permissions import ANYONE, APPLICANT, COORDINATOR
from kakehashi.web.core.form_fields import choices_of
from kakehashi.web.core.personal_data import record_view
from kakehashi.web.people.models import Participant
from kakehashi.web.recruitment import services
from kakehashi.web.recruitment.downloads import document_download
from kakehashi.web.recruitment.filtersets import ApplicationListFilterSet
from kakehashi.web.recruitment.forms import BulkMoveForm, InterviewForm, MoveForm
from kakehashi.web.recruitment.models import APPLICANT_JAPANESE_LEVELS, Application, ApplicationDocument, Cycle
from kakehashi.web.recruitment.selectors import coordinated_applications, cycle_card, open_cycles

MoveSerializer = form_serializer("ApplicationMove", MoveForm)


class InterviewSerializer(serializers.Serializer[Any]):
    """The interview form's fields; its `zone` choices depend on the cycle, so they are said in words here."""

    at = serializers.CharField(help_text="Date and time as on the clock of `zone`, e.g. 2027-02-03T10:00.")
    zone = serializers.CharField(help_text="The cycle's time zone (the recruiting office's) or Asia/Tokyo.")
    place = serializers.CharField(max_length=300, help_text="Place or video link.")


# Cycles


class CycleSerializer(serializers.ModelSerializer[Cycle]):
    open_now = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField(help_text="The last minute to apply, as an instant (UTC).")
    eligibility = serializers.SerializerMethodField(help_text="The rules an applicant must meet, in words.")

    class Meta:
        model = Cycle
        fields = [
            "id",
            "program",
            "position",
            "name",
            "description",
            "opens_on",
            "deadline_date",
            "deadline_time",
            "time_zone",
            "deadline",
            "open_now",
            "interviews_from",
            "interviews_to",
            "results_on",
            "departure_on",
            "recruiting_country",
            "posts",
            "rules",
            "eligibility",
            "sea_request",
        ]
        read_only_fields = ["sea_request"]

    def get_open_now(self, cycle: Cycle) -> bool:
        return services.cycle_is_open(cycle, timezone.now())

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_deadline(self, cycle: Cycle) -> Any:
        return services.cycle_deadline(cycle).last_minute_utc

    def get_eligibility(self, cycle: Cycle) -> list[str]:
        return cycle_card(cycle, timezone.now()).rules


@described(
    list="Open cycles (anyone), and your programs' cycles (coordinators)",
    retrieve="One cycle with its deadline and eligibility rules",
    create="Create an ALT or CIR cycle (SEA posts open from a request)",
    update="Change a cycle",
    partial_update="Change some of a cycle",
)
class CycleViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadableViewSet):
    serializer_class = CycleSerializer
    filterset_fields = ["program", "position"]

    def scope(self) -> QuerySet[Cycle]:
        mine = Q(program__in=coordinated_programs(self.request.user))
        taking = Q(pk__in=[cycle.pk for cycle in open_cycles(timezone.now())])
        return Cycle.objects.filter(mine | taking).select_related("sea_request").order_by("-deadline_date", "id")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data["program"] = named_in_body(coordinated_programs(self.request.user), data["program"].pk, name="program")
        serializer.instance = services.cycle_save(cycle=Cycle(**data))

    def perform_update(self, serializer: Any) -> None:
        cycle = serializer.instance
        self.require(self.within(coordinated_programs(self.request.user), cycle.program))
        for field, value in serializer.validated_data.items():
            if field != "program":  # a cycle stays with its program
                setattr(cycle, field, value)
        services.cycle_save(cycle=cycle)


# Applications


class DocumentSerializer(serializers.ModelSerializer[ApplicationDocument]):
    name = serializers.CharField(source="original_name")
    download = serializers.SerializerMethodField(help_text="Where to download it (the applicant and coordinators).")

    class Meta:
        model = ApplicationDocument
        fields = ["id", "kind", "name", "content_type", "size", "download"]

    def get_download(self, document: ApplicationDocument) -> str:
        path = reverse("api:application-document", args=[document.application_id, document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class StepSerializer(serializers.Serializer[Any]):
    at = serializers.DateTimeField()
    by = serializers.CharField(source="by.username", allow_null=True, default=None)
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()


class ApplicationSerializer(serializers.ModelSerializer[Application]):
    applicant = by_username(allow_null=False)
    participant = by_code(Participant, allow_null=True)
    documents = DocumentSerializer(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    next_stages = serializers.SerializerMethodField(help_text="The stages the pipeline allows next.")

    class Meta:
        model = Application
        fields = [
            "id",
            "cycle",
            "applicant",
            "status",
            "submitted_at",
            *services.APPLICATION_FIELDS,
            "interview_at",
            "interview_place",
            "participant",
            "documents",
            "steps",
            "next_stages",
        ]

    def get_next_stages(self, application: Application) -> list[str]:
        return [stage.value for stage in allowed_next(application.status)]


class ApplySerializer(serializers.Serializer[Any]):
    """An application as the apply page sends it, with its documents as files (PDF, JPEG or PNG)."""

    cycle = serializers.IntegerField()
    full_name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    birth_date = serializers.DateField()
    gender = serializers.ChoiceField(choices=Participant.Gender.choices)
    citizenships = serializers.CharField(max_length=60, help_text="ISO country codes, comma-separated.")
    origin_region = serializers.CharField(max_length=100, required=False, allow_blank=True)
    degree = serializers.CharField(max_length=200, required=False, allow_blank=True)
    degree_date = serializers.DateField(required=False, allow_null=True)
    japanese_level = serializers.ChoiceField(choices=APPLICANT_JAPANESE_LEVELS)
    teaching_experience = serializers.CharField(required=False, allow_blank=True)
    coaching_experience = serializers.CharField(required=False, allow_blank=True)
    coaching_qualifications = serializers.CharField(max_length=300, required=False, allow_blank=True)
    previous_years = serializers.IntegerField(min_value=0, max_value=50, default=0)
    preferences = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="Ranked places: O<organization id>, or in your words.",
    )
    levels = serializers.ListField(child=serializers.CharField(), required=False)
    cv = serializers.FileField()
    degree_document = serializers.FileField(required=False)
    passport = serializers.FileField(required=False)
    statement = serializers.FileField(required=False)
    qualification = serializers.FileField(required=False)
    other = serializers.FileField(required=False)

    DOCUMENTS = {
        "cv": ApplicationDocument.Kind.CV,
        "degree_document": ApplicationDocument.Kind.DEGREE,
        "passport": ApplicationDocument.Kind.PASSPORT,
        "statement": ApplicationDocument.Kind.STATEMENT,
        "qualification": ApplicationDocument.Kind.QUALIFICATION,
        "other": ApplicationDocument.Kind.OTHER,
    }


class BulkMoveSerializer(serializers.Serializer[Any]):
    cycle = serializers.IntegerField()
    to = serializers.ChoiceField(choices=choices_of(BulkMoveForm.base_fields, "to"))
    applications = serializers.ListField(child=serializers.IntegerField())


class BulkMovedSerializer(serializers.Serializer[Any]):
    moved = serializers.ListField(child=serializers.IntegerField())
    refused = serializers.DictField(child=serializers.CharField(), help_text="Application id → why it stayed.")


def _coordinates(user: Any, application: Application) -> bool:
    return coordinated_applications(user).filter(pk=application.pk).exists()


@described(
    list="Applications to your programs (coordinators), or your own (?cycle=, ?status=, ?q=)",
    retrieve="One application with its documents and steps (the view is logged)",
    create=extend_schema(
        summary="Apply (applicant accounts): the deadline and every eligibility rule are checked",
        request={"multipart/form-data": ApplySerializer},
        responses={201: ApplicationSerializer},
    ),
)
class ApplicationViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationListFilterSet
    write_roles = (COORDINATOR,)
    action_roles = {"create": (APPLICANT,), "withdraw": ANYONE}

    def scope(self) -> QuerySet[Application]:
        user = self.request.user
        found = Application.objects.filter(
            Q(pk__in=coordinated_applications(user).values("pk")) | Q(applicant_id=getattr(user, "pk", None))
        )
        return found.select_related("cycle", "applicant", "participant").prefetch_related("documents", "steps__by")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        application = self.get_object()
        record_view(request.user, f"application #{application.pk} (API)", applicant=application.applicant)
        return Response(self.get_serializer(application).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if is_administrator(request.user) or not has_role(request.user, APPLICANT):
            raise Http404  # as the apply page: coordinators and staff do not apply here
        body = validated(ApplySerializer, request)
        data = dict(body)
        cycle = named_in_body(Cycle.objects.all(), data.pop("cycle"), name="cycle")  # any cycle: the page is public
        documents = [(kind, data.pop(field)) for field, kind in ApplySerializer.DOCUMENTS.items() if field in data]
        made = services.application_submit(cycle=cycle, user=request.user, data=data, documents=documents)
        return Response(self.get_serializer(made).data, status=status.HTTP_201_CREATED)

    @post_action(
        request=MoveSerializer,
        responses=ApplicationSerializer,
        summary="Move to the next stage (coordinators); the applicant is emailed",
    )
    def move(self, request: Request, pk: int) -> Response:
        application = self.get_object()
        self.require(_coordinates(request.user, application))
        data = cleaned(bound(MoveForm, request.data))
        services.application_advance(application=application, to=data["to"], by=request.user, note=data["note"])
        return Response(self.get_serializer(self.get_object()).data)

    @post_action(
        operation_id="applications_move_many",
        request=BulkMoveSerializer,
        responses=BulkMovedSerializer,
        summary="Move many applications of a cycle to one stage; those that may not move stay, with the reason",
        detail=False,
        url_path="move",
    )
    def move_many(self, request: Request) -> Response:
        cycles = Cycle.objects.filter(program__in=coordinated_programs(request.user))
        cycle = named_in_body(cycles, in_body(request, "cycle"), name="cycle")
        data = cleaned(bound(BulkMoveForm, request.data, cycle=cycle))
        moved, refused = services.applications_advance_bulk(
            applications=data["applications"], to=data["to"], by=request.user
        )
        body = {"moved": [a.pk for a in moved], "refused": {str(a.pk): reason for a, reason in refused}}
        return Response(BulkMovedSerializer(body).data)

    @post_action(
        request=InterviewSerializer,
        responses=ApplicationSerializer,
        summary="Set or move the interview (coordinators): a wall-clock time on the office's or Tokyo's clock",
    )
    def interview(self, request: Request, pk: int) -> Response:
        application = self.get_object()
        self.require(_coordinates(request.user, application))
        form = bound(InterviewForm, request.data, cycle=application.cycle)
        data = cleaned(form)
        services.interview_schedule(application=application, at=form.moment(), place=data["place"], by=request.user)
        return Response(self.get_serializer(self.get_object()).data)

    @post_action(request=None, responses=ApplicationSerializer, summary="Withdraw your own application")
    def withdraw(self, request: Request, pk: int) -> Response:
        application = self.get_object()
        self.require(application.applicant_id == request.user.pk)
        services.application_withdraw(application=application, by=request.user)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
        summary="Download a document (the applicant and the program's coordinators; the view is logged)",
    )
    @action(detail=True, url_path="documents/<int:document>", url_name="document")
    def document(self, request: Request, pk: int, document: int) -> FileResponse:
        application = self.get_object()
        found = application.documents.filter(pk=document).first()
        if found is None:
            raise Http404
        return document_download(request.user, found)
