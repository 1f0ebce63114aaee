"""Personal data in the API: everything held about the signed-in user, as the *My data* download (APPI's right
to disclosure), and for administrators the access log."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.accounts.scope import is_administrator
from kakehashi.web.api.base import ReadableViewSet, ScopedAPIView, described
from kakehashi.web.api.fields import by_code, by_username
from kakehashi.web.api.permissions import ADMINISTRATOR, ANYONE
from kakehashi.web.people.models import Participant
from kakehashi.web.privacy.export import personal_data
from kakehashi.web.privacy.models import PersonalDataView


class MyDataView(ScopedAPIView):
    roles = ANYONE

    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        summary="Everything held about you (kakehashi/personal-data@1), with who viewed it",
    )
    def get(self, request: Request) -> Response:
        return Response(personal_data(request.user))


class AccessLogSerializer(serializers.ModelSerializer[PersonalDataView]):
    viewer = by_username()
    participant = by_code(Participant, allow_null=True)
    applicant = by_username()

    class Meta:
        model = PersonalDataView
        fields = ["id", "at", "viewer", "participant", "applicant", "what", "request_id"]


@described(list="Every view of someone's personal data (administrators)", retrieve="One view")
class AccessLogViewSet(ReadableViewSet):
    serializer_class = AccessLogSerializer
    read_roles = (ADMINISTRATOR,)

    def scope(self) -> QuerySet[PersonalDataView]:
        found = PersonalDataView.objects.select_related("viewer", "participant", "applicant")
        return found if is_administrator(self.request.user) else found.none()
