"""Schools in the API: the list and filters of the schools page, a coordinator's edit through the edit page's
form and service, the school's published week, its bells, classes and lessons, and its change requests."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.accounts.scope import roles_of, visible_participants, visible_schools
from kakehashi.web.api.base import ReadableViewSet, described, validated
from kakehashi.web.api.fields import by_code, by_username
from kakehashi.web.api.forms import cleaned, edit_form, form_serializer
from kakehashi.web.api.permissions import ANYONE, SCHOOL_STAFF
from kakehashi.web.pages.schools.filtersets import (
    BellPeriodFilterSet,
    ChangeRequestFilterSet,
    HomeroomFilterSet,
    LessonSlotFilterSet,
    SchoolFilterSet,
)
from kakehashi.web.pages.schools.forms import SchoolForm
from kakehashi.web.pages.schools.requests import RequestRefusedError, change_request_file, readable_change_requests
from kakehashi.web.pages.schools.selectors import school_version, visits_by_day
from kakehashi.web.pages.schools.views import LIST_ROLES
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import RECORD_FIELDS, BellPeriod, ChangeRequest, Homeroom, LessonSlot, School
from kakehashi.web.schools.services import school_update
from kakehashi.web.timetables.door import version_school_part

SchoolUpdateSerializer = form_serializer("SchoolUpdate", SchoolForm)
SchoolPatchSerializer = form_serializer("SchoolPatch", SchoolForm, partial=True)


class SchoolSerializer(serializers.ModelSerializer[School]):
    name = serializers.CharField(source="organization.name", read_only=True)
    name_ja = serializers.CharField(source="organization.name_ja", read_only=True)
    board = serializers.IntegerField(source="organization.parent_id", read_only=True, allow_null=True)

    class Meta:
        model = School
        fields = ["code", "name", "name_ja", "organization", "board", *RECORD_FIELDS, "annual_visit_days"]


class SchoolWeekSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(allow_null=True, help_text="The published timetable version's id.")
    visits = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), help_text="Day → the visiting ALTs' ids."
    )
    lessons = inline_serializer(
        "SchoolWeekLesson",
        {
            "lesson": serializers.CharField(),
            "day": serializers.CharField(),
            "period": serializers.CharField(),
            "homeroom": serializers.CharField(),
            "alt": serializers.CharField(allow_null=True),
        },
        many=True,
    )


class BellPeriodSerializer(serializers.ModelSerializer[BellPeriod]):
    school = by_code(School)

    class Meta:
        model = BellPeriod
        fields = ["id", "school", "variant", "period", "start", "end"]


class HomeroomSerializer(serializers.ModelSerializer[Homeroom]):
    school = by_code(School)

    class Meta:
        model = Homeroom
        fields = ["id", "school", "name", "grade", "weight"]


class LessonSlotSerializer(serializers.ModelSerializer[LessonSlot]):
    school = by_code(School)
    homeroom: serializers.SlugRelatedField[Homeroom] = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = LessonSlot
        fields = ["id", "code", "school", "homeroom", "day", "period", "teacher", "active"]


@described(
    list="Schools you see (the schools page's filters: q, level, board)",
    retrieve="One school",
    update=extend_schema(summary="Edit a school (coordinators)", request=SchoolUpdateSerializer),
    partial_update=extend_schema(
        summary="Edit some of a school's fields (coordinators)", request=SchoolPatchSerializer
    ),
)
class SchoolViewSet(mixins.UpdateModelMixin, ReadableViewSet):
    serializer_class = SchoolSerializer
    filterset_class = SchoolFilterSet
    lookup_field = "code"
    lookup_value_converter = "str"
    read_roles = LIST_ROLES

    def scope(self) -> QuerySet[School]:
        return visible_schools(self.request.user).order_by("code")

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        school = self.get_object()
        form = edit_form(SchoolForm, request.data, partial=kwargs.get("partial", False), instance=school)
        school_update(school=school, data=cleaned(form))
        return Response(SchoolSerializer(school).data)

    @extend_schema(summary="The school's published week: which ALT visits when, and joins which lesson")
    @action(detail=True, serializer_class=SchoolWeekSerializer)
    def week(self, request: Request, code: str) -> Response:
        school = self.get_object()
        version = school_version(school)
        visits = visits_by_day(school, version)
        taken = (
            {a.lesson: a.alt for a in version_school_part(version, school.code).lessons} if version is not None else {}
        )
        lessons = [
            {"lesson": x.code, "day": x.day, "period": x.period, "homeroom": x.homeroom.name, "alt": taken.get(x.code)}
            for x in school.lessons.filter(active=True).select_related("homeroom")
        ]
        body = {
            "version": version.pk if version else None,
            "visits": {day: [p.code for p in people] for day, people in visits.items() if people},
            "lessons": lessons,
        }
        return Response(SchoolWeekSerializer(body).data)


class _SchoolPartViewSet(ReadableViewSet):
    """Bells, classes and lessons of the schools the user sees; changed through imports, not here."""

    read_roles = LIST_ROLES

    def scope(self) -> QuerySet[Any]:
        parts: QuerySet[Any] = self.queryset.model.objects.filter(school__in=visible_schools(self.request.user))
        return parts.select_related("school")


@described(list="Bell periods (?school=)", retrieve="One")
class BellPeriodViewSet(_SchoolPartViewSet):
    serializer_class = BellPeriodSerializer
    filterset_class = BellPeriodFilterSet


@described(list="Classes (?school=)", retrieve="One class")
class HomeroomViewSet(_SchoolPartViewSet):
    serializer_class = HomeroomSerializer
    filterset_class = HomeroomFilterSet


@described(list="Foreign-language lessons of the schools' own timetables (?school=, ?day=)", retrieve="One lesson")
class LessonSlotViewSet(_SchoolPartViewSet):
    serializer_class = LessonSlotSerializer
    filterset_class = LessonSlotFilterSet

    def scope(self) -> QuerySet[Any]:
        return super().scope().select_related("homeroom")


class ChangeRequestSerializer(serializers.ModelSerializer[ChangeRequest]):
    school = by_code(School)
    about = by_code(Participant, allow_null=True)
    author = by_username()
    routed_to = by_username()

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "school",
            "kind",
            "author",
            "about",
            "message",
            "routed_to",
            "routing",
            "participant_told",
            "state",
            "created_at",
        ]


class ChangeRequestFileSerializer(serializers.Serializer[Any]):
    school = serializers.CharField(help_text="Your school's timetable id.")
    kind = serializers.ChoiceField(choices=ChangeRequest.Kind.choices, default=ChangeRequest.Kind.TIMETABLE)
    message = serializers.CharField(max_length=4000)
    about = serializers.CharField(required=False, allow_blank=True, help_text="The ALT's id, if about one.")
    tell_participant = serializers.BooleanField(
        default=False, help_text="Also tell the ALT directly (refused, and reported, under outsourcing)."
    )


@described(
    list="Change requests of the schools you see (?school=)",
    retrieve="One change request",
    create=extend_schema(
        summary="File a change request (school staff); routed by the contract",
        request=ChangeRequestFileSerializer,
        responses={201: ChangeRequestSerializer},
    ),
)
class ChangeRequestViewSet(mixins.CreateModelMixin, ReadableViewSet):
    serializer_class = ChangeRequestSerializer
    filterset_class = ChangeRequestFilterSet
    read_roles = ANYONE
    write_roles = (SCHOOL_STAFF,)

    def scope(self) -> QuerySet[ChangeRequest]:
        found = readable_change_requests(self.request.user)
        return found.select_related("school", "about", "author", "routed_to")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = validated(ChangeRequestFileSerializer, request)
        data = body
        school = visible_schools(request.user).filter(code=data["school"]).first()
        if school is None:
            raise ValidationError({"school": ["No such school among yours."]})
        staff_here = any(
            r.kind == "school_staff" and r.organization_id == school.organization_id for r in roles_of(request.user)
        )
        self.require(staff_here)
        about = None
        if data.get("about"):
            about = visible_participants(request.user).filter(code=data["about"]).first()
            if about is None:
                raise ValidationError({"about": ["No such ALT among those you see."]})
        try:
            made = change_request_file(
                school=school,
                author=request.user,
                message=data["message"],
                about=about,
                tell_participant=data["tell_participant"],
                kind=data["kind"],
            )
        except RequestRefusedError as refused:
            raise ValidationError({"non_field_errors": [str(refused)]}) from None
        return Response(ChangeRequestSerializer(made).data, status=status.HTTP_201_CREATED)
