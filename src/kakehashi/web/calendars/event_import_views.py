"""Import of a 行事予定表 for one school or board: choose a file → preview (every problem by row and column,
or the events it creates and the ones it replaces) → confirm. As in the other imports, the file waits in
the session and is read again on confirm inside one transaction, so a problem found then writes nothing."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kakehashi.schoolyear import EventKind, SchoolEvent, SchoolYear
from kakehashi.web.accounts.scope import has_role
from kakehashi.web.calendars.forms import EventImportForm
from kakehashi.web.calendars.imports import COLUMNS, EventImport, plan_import
from kakehashi.web.calendars.listing import compensatory_for
from kakehashi.web.calendars.owner_pages import owner_views
from kakehashi.web.calendars.owners import Owner
from kakehashi.web.core.spreadsheet import csv_bytes, new_workbook, workbook_bytes
from kakehashi.web.core.tabular import ImportRefusedError, read_upload

SESSION_KEY = "kakehashi_pending_event_import"
# The 2026 school year (令和8年度) of a junior high school; some kinds left blank to show that the name says it.
TEMPLATE_ROWS: list[tuple[dt.date, dt.date | None, str, str]] = [
    (dt.date(2026, 4, 7), None, "入学式", "ceremony"),
    (dt.date(2026, 5, 23), None, "運動会", "sports_day"),  # a Saturday: Monday 25 May is the day off
    (dt.date(2026, 6, 24), dt.date(2026, 6, 25), "中間テスト", ""),
    (dt.date(2026, 7, 13), dt.date(2026, 7, 17), "短縮日課", "shortened"),
    (dt.date(2026, 10, 31), None, "文化祭", "culture_festival"),
    (dt.date(2026, 12, 2), dt.date(2026, 12, 4), "期末テスト", "test"),
    (dt.date(2027, 3, 19), None, "卒業式", ""),
]


def _owner_key(owner: Owner) -> str:
    return f"school:{owner.school.code}" if owner.school is not None else f"board:{owner.subject.pk}"


def _preview(owner: Owner, plan: EventImport) -> list[tuple[Any, dt.date | None]]:
    """The new events with the compensatory day each will give, so a Saturday row shows its Monday off."""
    events = [
        SchoolEvent(EventKind(line.kind), line.name, line.starts, line.ends, school=owner.school_code)
        for line in plan.file.events
    ]
    return list(zip(plan.file.events, compensatory_for(events, plan.file.year, owner.school_code), strict=True))


def _import_page(request: HttpRequest, owner: Owner) -> HttpResponse:
    form = EventImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "owner": owner, "subject": owner.subject}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = read_upload(upload)
            plan = plan_import(owner, upload.name, content)
        except ImportRefusedError as refused:
            context["problems"] = refused.problems
        else:
            request.session[SESSION_KEY] = {
                "owner": _owner_key(owner),
                "name": upload.name,
                "content": base64.b64encode(content).decode("ascii"),
            }
            context.update(
                plan=plan, year=SchoolYear(plan.file.year), rows=_preview(owner, plan), file_name=upload.name
            )
    return render(request, "calendars/event_import.html", context)


def _confirm(request: HttpRequest, owner: Owner) -> HttpResponse:
    if request.method != "POST":
        raise PermissionDenied
    pending = request.session.get(SESSION_KEY)
    if pending is None or pending["owner"] != _owner_key(owner):
        messages.error(
            request,
            _("Nothing is waiting to be imported; choose the file again."),
        )
        return redirect(owner.import_url())
    del request.session[SESSION_KEY]
    try:
        with transaction.atomic():
            plan = plan_import(owner, pending["name"], base64.b64decode(pending["content"]))
            plan.apply()
    except ImportRefusedError as refused:
        context = {"form": EventImportForm(), "owner": owner, "subject": owner.subject, "problems": refused.problems}
        return render(request, "calendars/event_import.html", context)
    messages.success(
        request,
        _("Imported %(file)s: %(created)d events, %(replaced)d replaced.")
        % {"file": pending["name"], "created": len(plan.file.events), "replaced": len(plan.replaced)},
    )
    return redirect(owner.list_url(plan.file.year))


event_import = owner_views(_import_page, edit=True)
event_import_confirm = owner_views(_confirm, edit=True)


@login_required
def event_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx") or not has_role(request.user, "coordinator", "supervisor"):
        raise Http404
    if fmt == "csv":
        table = [COLUMNS, *([s.isoformat(), e.isoformat() if e else "", n, k] for s, e, n, k in TEMPLATE_ROWS)]
        response = HttpResponse(csv_bytes(table), content_type="text/csv; charset=utf-8")
    else:
        book, sheet = new_workbook("events")
        sheet.append(COLUMNS)
        for starts, ends, name, kind in TEMPLATE_ROWS:
            sheet.append([starts, ends, name, kind])  # real date cells, as a person filling it in would have
        for row in sheet.iter_rows(min_row=2, max_col=2):
            for cell in row:
                cell.number_format = "yyyy-mm-dd"
        sheet.column_dimensions["A"].width = sheet.column_dimensions["B"].width = 12
        sheet.column_dimensions["C"].width = 20
        response = HttpResponse(
            workbook_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="kakehashi-events-template.{fmt}"'
    return response
