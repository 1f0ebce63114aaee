"""The coordinator's edit page for one ALT's week: move a visit, add or drop a lesson, swap a day with
another ALT, lock a visit. Each edit is checked by the core at once; a refused edit shows the rule broken."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kakehashi.web.accounts.scope import coordinated_programs, has_role
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import LessonSlot
from kakehashi.web.timetables import edits
from kakehashi.web.timetables.models import LessonRow, LockedVisit, VisitRow
from kakehashi.web.timetables.selectors import editable_version, program_schools
from kakehashi.web.timetables.services import visit_lock_toggle


def _participant(request: HttpRequest, code: str) -> Participant:
    if not has_role(request.user, "coordinator"):
        raise PermissionDenied
    participant: Participant = get_object_or_404(
        Participant.objects.filter(program__in=coordinated_programs(request.user)).select_related("program"), code=code
    )
    return participant


@login_required
def week_edit(request: HttpRequest, code: str) -> HttpResponse:
    participant = _participant(request, code)
    program = participant.program
    if request.method == "POST":
        action = request.POST.get("action", "")
        data = request.POST
        seen = data.get("seen")  # the week this page showed (edits.week_token)
        try:
            if action == "move":
                edits.edit_move_visit(
                    program=program,
                    user=request.user,
                    alt=code,
                    day=data["day"],
                    school=data["school"],
                    to_day=data["to_day"],
                    to_school=data["to_school"],
                    seen=seen,
                )
            elif action == "add":
                edits.edit_add_lesson(program=program, user=request.user, alt=code, lesson=data["lesson"], seen=seen)
            elif action == "drop":
                edits.edit_drop_lesson(program=program, user=request.user, lesson=data["lesson"], seen=seen)
            elif action == "swap":
                edits.edit_swap_days(
                    program=program, user=request.user, alt=code, other=data["other"], day=data["day"], seen=seen
                )
            elif action == "lock":
                school = get_object_or_404(program_schools(program), code=data["school"])
                visit_lock_toggle(program=program, participant=participant, day=data["day"], school=school)
            else:
                raise PermissionDenied
        except edits.EditRefusedError as refused:
            for sentence in refused.sentences:
                messages.error(request, sentence)
        except KeyError:
            messages.error(request, _("Something was missing from the form. / 入力が足りません。"))
        else:
            messages.success(request, _("Done; the week keeps every rule. / 変更しました（規則違反なし）。"))
        return redirect("people:week-edit", code=code)
    version = editable_version(program)
    visits = (
        list(
            VisitRow.objects.filter(version=version, participant=participant)
            .select_related("school__organization")
            .order_by("day")
        )
        if version
        else []
    )
    mine = (
        list(
            LessonRow.objects.filter(version=version, participant=participant)
            .select_related("lesson__homeroom", "lesson__school")
            .order_by("lesson__day", "lesson__period")
        )
        if version
        else []
    )
    visited = {(v.day, v.school_id) for v in visits}
    taken = set(LessonRow.objects.filter(version=version).values_list("lesson_id", flat=True)) if version else set()
    open_lessons = [
        x
        for x in LessonSlot.objects.filter(active=True, school_id__in={s for _, s in visited}).select_related(
            "homeroom", "school"
        )
        if (x.day, x.school_id) in visited and x.pk not in taken
    ]
    locks = set(LockedVisit.objects.filter(participant=participant).values_list("day", "school__code"))
    return render(
        request,
        "timetables/week_edit.html",
        {
            "participant": participant,
            "version": version,
            "seen": edits.week_token(version),
            "visits": visits,
            "lessons": mine,
            "open_lessons": sorted(open_lessons, key=lambda x: (x.day, x.period)),
            "locks": locks,
            "schools": program_schools(program),
            "others": program.participants.filter(kind="alt").exclude(pk=participant.pk),
            "days": ["mon", "tue", "wed", "thu", "fri"],
        },
    )
