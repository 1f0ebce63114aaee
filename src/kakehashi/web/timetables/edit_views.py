"""The coordinator's edit page for one ALT's week: move a visit, add or drop a lesson, swap a day with
another ALT, lock a visit. Each edit is checked by the core at once; a refused edit shows the rule broken."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kakehashi.timetable.instance import ALL_DAYS, WORKING_DAYS
from kakehashi.web.accounts.scope import coordinated_programs, has_role
from kakehashi.web.core.templatetags.kakehashi import weekday
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import LessonSlot
from kakehashi.web.timetables import edits
from kakehashi.web.timetables.models import LessonRow, LockedVisit, TimetableVersion, VisitRow
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
            messages.error(request, _("Something was missing from the form."))
        else:
            messages.success(request, _("Done; the week keeps every rule."))
            for visit in _without_lessons(editable_version(program), participant):
                messages.warning(
                    request,
                    _(
                        "%(day)s at %(school)s: a visit without a lesson. The rules allow it, but the ALT would be "
                        "there for nothing: add a lesson or move the visit."
                    )
                    % {"day": weekday(visit.day), "school": visit.school.display_name},
                )
        return redirect("people:week-edit", code=code)
    version = editable_version(program)
    # Days in the week's order (Mon, Tue, …), not the alphabet's; lessons by day and period.
    visits = (
        sorted(
            VisitRow.objects.filter(version=version, participant=participant).select_related("school__organization"),
            key=lambda v: ALL_DAYS.index(v.day),
        )
        if version
        else []
    )
    mine = (
        sorted(
            LessonRow.objects.filter(version=version, participant=participant).select_related(
                "lesson__homeroom", "lesson__school"
            ),
            key=lambda row: _lesson_order(row.lesson),
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
    idle = {(v.day, v.school_id) for v in _without_lessons(version, participant)}
    locks = set(LockedVisit.objects.filter(participant=participant).values_list("day", "school__code"))
    return render(
        request,
        "timetables/week_edit.html",
        {
            "participant": participant,
            "version": version,
            "seen": edits.week_token(version),
            "visits": [(v, (v.day, v.school_id) in idle) for v in visits],
            "lessons": mine,
            "open_lessons": sorted(open_lessons, key=_lesson_order),
            "locks": locks,
            "schools": program_schools(program),
            "others": program.participants.filter(kind="alt").exclude(pk=participant.pk),
            "days": list(WORKING_DAYS),
        },
    )


def _lesson_order(lesson: LessonSlot) -> tuple[int, int, str]:
    """By weekday in the week's order, then by period (2 before 10; a named period after the numbered)."""
    return ALL_DAYS.index(lesson.day), int(lesson.period) if lesson.period.isdigit() else 99, lesson.period


def _without_lessons(version: TimetableVersion | None, participant: Participant) -> list[VisitRow]:
    """The participant's visits in the version at which they join no lesson, in the week's order."""
    if version is None:
        return []
    taught = set(
        LessonRow.objects.filter(version=version, participant=participant).values_list("lesson__day", "lesson__school")
    )
    visits = VisitRow.objects.filter(version=version, participant=participant).select_related("school__organization")
    return sorted((v for v in visits if (v.day, v.school_id) not in taught), key=lambda v: ALL_DAYS.index(v.day))
