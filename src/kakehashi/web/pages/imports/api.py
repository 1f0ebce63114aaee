"""Imports through the API: the same plan functions as the import pages (schools, P29 GeoJSON, bells,
classes, the JTE's lesson grid, participants). A script sends the file; without `confirm` it gets the plan
(counts and the first rows), with `confirm=true` the plan is applied in one transaction. A file with any
problem answers 400 with its problems named by file, row and column (the first 100, then how many more),
and writes nothing. The file is bounded as on the pages, before it is parsed: bytes, rows and an .xlsx's
unpacked size (docs/security.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.api.base import ScopedAPIView, validated
from kakehashi.web.api.permissions import COORDINATOR, SCHOOL_STAFF
from kakehashi.web.core.tabular import ImportRefusedError, read_upload
from kakehashi.web.pages.imports.views import import_plan

KINDS = ["schools", "p29", "bells", "classes", "lessons", "participants"]


class ImportSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=KINDS)
    file = serializers.FileField(help_text="CSV (UTF-8 or Shift_JIS), .xlsx, or P29 GeoJSON for `p29`.")
    confirm = serializers.BooleanField(default=False, help_text="false: the plan only; true: apply it.")
    board = serializers.IntegerField(required=False, help_text="schools and p29: the board's id")
    program = serializers.IntegerField(required=False, help_text="participants: the program's id")
    school = serializers.CharField(required=False, help_text="lessons: the school's timetable id")
    municipality = serializers.CharField(required=False, default="", help_text="p29: e.g. 10202")
    school_kinds = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class ImportView(ScopedAPIView):
    roles = (COORDINATOR, SCHOOL_STAFF)
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ImportSerializer},
        responses={
            200: inline_serializer(
                "ImportPlan",
                {
                    "applied": serializers.BooleanField(),
                    "summary": serializers.DictField(child=serializers.IntegerField()),
                    "preview": serializers.ListField(child=serializers.DictField()),
                },
            ),
            400: inline_serializer(
                "ImportProblems", {"problems": serializers.ListField(child=serializers.CharField())}
            ),
        },
        summary="Import a file: plan it, or apply it with confirm=true",
    )
    def post(self, request: Request) -> Response:
        body = validated(ImportSerializer, request)
        data: dict[str, Any] = body
        upload = data["file"]
        params = {key: data.get(key) for key in ("board", "program", "school", "municipality", "school_kinds")}
        needed = {"schools": "board", "p29": "board", "lessons": "school", "participants": "program"}.get(data["kind"])
        if needed and not params.get(needed):
            raise serializers.ValidationError({needed: [f"Required for a {data['kind']} import."]})
        try:
            content = read_upload(upload)  # the same limit as the import pages, before anything is read
            with transaction.atomic():
                plan = import_plan(data["kind"], upload.name, content, params, request.user)
                if data["confirm"]:
                    plan.apply()
        except (PermissionDenied, Http404):
            raise serializers.ValidationError({needed or "kind": ["Not among yours."]}) from None
        except ImportRefusedError as refused:
            return Response({"problems": [str(p) for p in refused.problems]}, status=status.HTTP_400_BAD_REQUEST)
        preview = [{key: str(value) for key, value in row.items()} for row in plan.preview[:20]]
        return Response({"applied": data["confirm"], "summary": plan.summary, "preview": preview})
