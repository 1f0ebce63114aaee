"""School events in the API: what the events pages list, created, edited, deleted and moved when rained out
through the pages' forms, with the same rule of who may (calendars/permissions.py): outside what you see is
404, seen but not yours to edit is 403."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.schoolyear import EventKind
from kakehashi.web.api.base import ReadableViewSet, described, in_body, post_action
from kakehashi.web.api.fields import by_code
from kakehashi.web.api.forms import bound, cleaned, edit_form, form_serializer
from kakehashi.web.api.permissions import COORDINATOR, SUPERVISOR
from kakehashi.web.calendars.filtersets import EventFilterSet
from kakehashi.web.calendars.forms import EventForm, RainedOutForm
from kakehashi.web.calendars.listing import compensatory_day
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.owners import Owner
from kakehashi.web.calendars.permissions import board_owner, may_edit, school_owner, visible_events
from kakehashi.web.calendars.services import event_rained_out
from kakehashi.web.schools.models import School

EventFields = form_serializer("EventFields", EventForm)
EventPatchSerializer = form_serializer("EventPatch", EventForm, partial=True)
RainedOutSerializer = form_serializer("RainedOut", RainedOutForm, event=Event())


class EventCreateSerializer(EventFields):  # type: ignore[misc, valid-type]
    school = serializers.CharField(required=False, help_text="The school's timetable id, for one school's event.")
    board = serializers.IntegerField(required=False, help_text="The board's id, for an event of all its schools.")


class EventSerializer(serializers.ModelSerializer[Event]):
    school = by_code(School, allow_null=True)
    compensatory_day = serializers.SerializerMethodField(
        help_text="The weekday off (振替休業日) a weekend event gives, as the school-year core decides it."
    )

    class Meta:
        model = Event
        fields = ["id", "school", "board", "kind", "name", "starts", "ends", "compensatory_day"]

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_compensatory_day(self, event: Event) -> Any:
        return compensatory_day(event)


@described(
    list="Events of the schools you see (?school=, ?board=, ?kind=, ?year=)",
    retrieve="One event",
    create=extend_schema(
        summary="Add an event to a school or to a whole board (its coordinators and supervisors)",
        request=EventCreateSerializer,
        responses={201: EventSerializer},
    ),
    update=extend_schema(summary="Change an event", request=EventFields),
    partial_update=extend_schema(summary="Change some of an event", request=EventPatchSerializer),
    destroy="Delete an event",
)
class EventViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ReadableViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    write_roles = (COORDINATOR, SUPERVISOR)

    def scope(self) -> QuerySet[Event]:
        return (
            visible_events(self.request.user).select_related("school__organization", "board").order_by("starts", "id")
        )

    def editable(self) -> Event:
        event: Event = self.get_object()
        self.require(may_edit(self.request.user, event))
        return event

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        code, board = in_body(request, "school"), in_body(request, "board")
        if bool(code) == bool(board):
            return Response({"non_field_errors": [str(_ONE_OWNER)]}, status=status.HTTP_400_BAD_REQUEST)
        owner: Owner = (
            school_owner(request.user, str(code), edit=True) if code else board_owner(request.user, _id(board))
        )
        form = bound(EventForm, request.data, instance=owner.new_event())
        cleaned(form)
        return Response(EventSerializer(form.save()).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.editable()
        form = edit_form(EventForm, request.data, partial=kwargs.get("partial", False), instance=event)
        cleaned(form)
        return Response(EventSerializer(form.save()).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.editable().delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @post_action(
        request=RainedOutSerializer,
        responses=EventSerializer,
        summary="A rained-out sports day moves to a later date (its compensatory day follows)",
        url_path="rained-out",
    )
    def rained_out(self, request: Request, pk: int) -> Response:
        event = self.editable()
        if event.kind != EventKind.SPORTS_DAY:
            raise Http404  # only a sports day has a rain date, as on the pages
        moved_to = cleaned(bound(RainedOutForm, request.data, event=event))["moved_to"]
        return Response(EventSerializer(event_rained_out(event=event, moved_to=moved_to)).data)


_ONE_OWNER = gettext_lazy("Give a school or a board, not both.")


def _id(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None
