"""Import pages: choose a file → preview (every problem named by row and column, or what will be
written) → confirm. The file waits in the session between preview and confirm and is read again on
confirm, inside one transaction: a problem found then writes nothing either."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kakehashi.web.accounts.scope import coordinated_programs, has_role, visible_schools
from kakehashi.web.core.form_fields import choices_of
from kakehashi.web.core.spreadsheet import csv_bytes, new_workbook, workbook_bytes
from kakehashi.web.core.tabular import ImportRefusedError, read_upload
from kakehashi.web.organizations.models import Organization
from kakehashi.web.pages.imports.forms import ImportForm
from kakehashi.web.pages.imports.people import PARTICIPANT_COLUMNS, plan_participants
from kakehashi.web.pages.imports.schools import (
    BELL_COLUMNS,
    CLASS_COLUMNS,
    LESSON_GRID_COLUMNS,
    SCHOOL_COLUMNS,
    Plan,
    plan_bells,
    plan_classes,
    plan_lesson_grid,
    plan_p29,
    plan_schools,
)

SESSION_KEY = "kakehashi_pending_import"
TEMPLATES: dict[str, tuple[list[str], list[list[str]]]] = {
    "schools": (
        SCHOOL_COLUMNS,
        [
            [
                "S001",
                "Chuo Elementary School",
                "中央小学校",
                "elementary",
                "36.3282",
                "138.9993",
                "1",
                "3",
                "1",
                "B110210200011",
                "高崎市高松町",
                "70",
            ]
        ],
    ),
    "bells": (
        BELL_COLUMNS,
        [
            ["S001", "default", "1", "08:50", "09:35"],
            ["S001", "default", "2", "09:45", "10:30"],
            ["S001", "wed", "1", "08:50", "09:30"],
        ],
    ),
    "classes": (CLASS_COLUMNS, [["S001", "5-1", "5", "3"], ["S001", "6-1", "6", "3"]]),
    "lessons": (
        LESSON_GRID_COLUMNS,
        [
            ["1", "5-1", "", "6-1 (Sato)", "", ""],
            ["2", "", "5-1; 6-1", "", "", ""],
            ["3", "", "", "", "", ""],
            ["4", "", "", "", "", ""],
            ["5", "", "", "", "", ""],
            ["6", "", "", "", "", ""],
        ],
    ),
    "participants": (
        PARTICIPANT_COLUMNS,
        [
            [
                "A01",
                "alt",
                "Jane Smith",
                "ジェーン・スミス",
                "woman",
                "1998-05-02",
                "Australia",
                "Oceania",
                "2025-08-01",
                "N3",
                "TESOL",
                "36.33",
                "139.01",
                "bicycle",
                "elementary; junior_high",
                "20",
                "25",
                "6",
                "1",
                "5",
                "60",
                "",
                "",
                "",
                "",
                "",
            ],
            # A part-time substitute ALT (代替ALT): Monday and Wednesday mornings, never given a regular week.
            [
                "Z01",
                "alt",
                "Sam Reyes",
                "サム・レイエス",
                "man",
                "",
                "Philippines",
                "Asia",
                "2026-04-01",
                "N4",
                "",
                "36.32",
                "139.00",
                "car",
                "elementary; junior_high",
                "0",
                "12",
                "6",
                "1",
                "5",
                "60",
                "",
                "part_time",
                "mon; wed",
                "08:30",
                "12:30",
            ],
        ],
    ),
}


def _may_import(user: Any) -> bool:
    return has_role(user, "coordinator", "school_staff")


def import_plan(kind: str, name: str, content: bytes, params: dict[str, Any], user: Any) -> Plan:
    """The plan of one import for `user` (their scope); the page and the API both call it."""
    scope = set(visible_schools(user).values_list("code", flat=True))
    if kind in ("p29", "schools"):
        board = Organization.objects.filter(
            pk=params["board"], contracts__program__in=coordinated_programs(user)
        ).first()
        if board is None:
            raise PermissionDenied
        if kind == "p29":
            return plan_p29(
                name, content, board=board, municipality=params["municipality"], kinds=params["school_kinds"]
            )
        return plan_schools(name, content, board=board)
    if kind == "bells":
        return plan_bells(name, content, schools_in_scope=scope)
    if kind == "classes":
        return plan_classes(name, content, schools_in_scope=scope)
    if kind == "lessons":
        school = visible_schools(user).filter(code=params["school"]).first()
        if school is None:
            raise PermissionDenied
        return plan_lesson_grid(name, content, school=school)
    if kind == "participants":
        program = coordinated_programs(user).filter(pk=params["program"]).first()
        if program is None:
            raise PermissionDenied
        return plan_participants(name, content, program=program)
    raise Http404


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    if not _may_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        params = {
            "board": data["board"].pk if data.get("board") else None,
            "program": data["program"].pk if data.get("program") else None,
            "school": data["school"].code if data.get("school") else None,
            "municipality": data.get("municipality", ""),
            "school_kinds": data.get("school_kinds", []),
        }
        try:
            content = read_upload(upload)
            plan = import_plan(data["kind"], upload.name, content, params, request.user)
        except ImportRefusedError as refused:
            context["problems"] = refused.problems
        else:
            request.session[SESSION_KEY] = {
                "kind": data["kind"],
                "name": upload.name,
                "params": params,
                "content": base64.b64encode(content).decode("ascii"),
            }
            kind = dict(choices_of(form.fields, "kind"))[data["kind"]]
            context.update(plan=plan, file_name=upload.name, kind=kind)
    return render(request, "schools/import.html", context)


@login_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    if request.method != "POST" or not _may_import(request.user):
        raise PermissionDenied
    pending = request.session.pop(SESSION_KEY, None)
    if pending is None:
        messages.error(
            request,
            _("Nothing is waiting to be imported; choose the file again."),
        )
        return redirect("imports:start")
    content = base64.b64decode(pending["content"])
    try:
        with transaction.atomic():
            plan = import_plan(pending["kind"], pending["name"], content, pending["params"], request.user)
            plan.apply()
    except ImportRefusedError as refused:
        return render(
            request, "schools/import.html", {"form": ImportForm(user=request.user), "problems": refused.problems}
        )
    summary = ", ".join(f"{key} {value}" for key, value in plan.summary.items())
    messages.success(
        request, _("Imported %(file)s: %(summary)s.") % {"file": pending["name"], "summary": summary}
    )
    return redirect("imports:start")


@login_required
def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in TEMPLATES or fmt not in ("csv", "xlsx") or not _may_import(request.user):
        raise Http404
    header, examples = TEMPLATES[kind]
    if fmt == "csv":
        response = HttpResponse(csv_bytes([header, *examples]), content_type="text/csv; charset=utf-8")
    else:
        book, sheet = new_workbook(kind)
        sheet.append(header)
        for row in examples:
            sheet.append(row)
        response = HttpResponse(
            workbook_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="kakehashi-{kind}-template.{fmt}"'
    return response
