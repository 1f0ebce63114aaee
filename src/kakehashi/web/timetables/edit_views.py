"""The coordinator's edit page for one ALT's week: move a visit, add or drop a lesson, swap a day with
another ALT, lock a visit. Each edit is checked by the core at once; a refused edit shows the rule broken."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kakehashi.timetable.instance import ALL_DAYS, WORKING_DAYS, Lesson, Visit
from kakehashi.web.accounts.scope import coordinated_programs, has_role
from kakehashi.web.core.templatetags.kakehashi import weekday
from kakehashi.web.organizations.models import in_reader_language
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables import edits
from kakehashi.web.timetables.door import version_alt_part, version_instance, version_solution
from kakehashi.web.timetables.models import LockedVisit, TimetableVersion
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
            _warn_of_visits_without_lessons(request, editable_version(program), code)
        return redirect("people:week-edit", code=code)
    version = editable_version(program)
    return render(
        request,
        "timetables/week_edit.html",
        {
            "participant": participant,
            "version": version,
            "seen": edits.week_token(version),
            **(_week_of(version, code) if version is not None else {"visits": [], "lessons": [], "open_lessons": []}),
            "locks": set(LockedVisit.objects.filter(participant=participant).values_list("day", "school__code")),
            "schools": program_schools(program),
            "others": program.participants.filter(kind="alt").exclude(pk=participant.pk),
            "days": list(WORKING_DAYS),
        },
    )


def _week_of(version: TimetableVersion, alt: str) -> dict[str, Any]:
    """The ALT's visits (each with its school and whether they join a lesson there), their lessons, and the lessons
    no ALT joins yet at the schools they visit, as the version's own week has them: days in the week's order
    (Mon, Tue, …), not the alphabet's; lessons by day and period."""
    part = version_alt_part(version, alt)
    week = part.instance
    idle = set(part.visits_without_lessons())
    visited = {(v.day, v.school) for v in part.visits}
    taken = {a.lesson for a in version_solution(version).lessons}
    free = (x for school in week.schools for x in school.lessons if (x.day, x.school) in visited and x.id not in taken)
    mine = map(part.lesson, part.lessons)
    return {
        "visits": [(v, week.school_by_id[v.school], v in idle) for v in sorted(part.visits, key=_day_order)],
        "lessons": [(x, week.school_by_id[x.school]) for x in sorted(mine, key=_lesson_order)],
        "open_lessons": [(x, week.school_by_id[x.school]) for x in sorted(free, key=_lesson_order)],
    }


def _warn_of_visits_without_lessons(request: HttpRequest, version: TimetableVersion | None, alt: str) -> None:
    if version is None:
        return
    schools = version_instance(version).school_by_id
    for visit in sorted(version_alt_part(version, alt).visits_without_lessons(), key=_day_order):
        school = schools[visit.school]
        messages.warning(
            request,
            _(
                "%(day)s at %(school)s: a visit without a lesson. The rules allow it, but the ALT would be "
                "there for nothing: add a lesson or move the visit."
            )
            % {"day": weekday(visit.day), "school": in_reader_language(school.name, school.name_ja or "")},
        )


def _day_order(visit: Visit) -> int:
    return ALL_DAYS.index(visit.day)


def _lesson_order(lesson: Lesson) -> tuple[int, int, str, str, str]:
    """By weekday in the week's order, then by period (2 before 10; a named period after the numbered)."""
    period = int(lesson.period) if lesson.period.isdigit() else 99
    return ALL_DAYS.index(lesson.day), period, lesson.period, lesson.school, lesson.homeroom

