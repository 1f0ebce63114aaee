"""Everyone's notices in the API: read them, and mark one or all read."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.api.base import ReadableViewSet, post_action, signed_in
from kakehashi.web.api.permissions import ANYONE
from kakehashi.web.notices.models import Notice
from kakehashi.web.notices.services import notices_mark_read


class NoticeSerializer(serializers.ModelSerializer[Notice]):
    class Meta:
        model = Notice
        fields = ["id", "at", "subject", "body", "link", "read_at"]


class MarkedSerializer(serializers.Serializer[Any]):
    marked = serializers.IntegerField(help_text="How many unread notices were marked read.")


@extend_schema_view(
    list=extend_schema(
        summary="Your notices, newest first",
        parameters=[OpenApiParameter("unread", bool, description="Only those not yet read.")],
    ),
    retrieve=extend_schema(summary="One notice"),
)
class NoticeViewSet(ReadableViewSet):
    serializer_class = NoticeSerializer
    write_roles = ANYONE  # everyone reads and marks their own

    def scope(self) -> QuerySet[Notice]:
        found = Notice.objects.filter(user=signed_in(self.request))
        if self.request.query_params.get("unread") in ("1", "true"):
            found = found.filter(read_at__isnull=True)
        return found

    @post_action(
        operation_id="notices_read_all",
        request=None,
        responses=MarkedSerializer,
        summary="Mark all your notices read",
        detail=False,
        url_path="read",
    )
    def read_all(self, request: Request) -> Response:
        return Response({"marked": notices_mark_read(user=request.user)})

    @post_action(request=None, responses=MarkedSerializer, summary="Mark this notice read")
    def read(self, request: Request, pk: int) -> Response:
        notice = self.get_object()
        return Response({"marked": notices_mark_read(user=request.user, pk=notice.pk)})
