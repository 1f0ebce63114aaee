"""A program's page: its contracts (and so who may instruct its staff), its week and its timetables."""

from __future__ import annotations

import datetime as dt
import json
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kakehashi.timetable.cycle.format import cycle_solution_to_json
from kakehashi.timetable.format import FormatError, solution_to_json
from kakehashi.web.accounts.scope import coordinated_programs, has_role
from kakehashi.web.calendars.selectors import program_annual_days
from kakehashi.web.core.memo import until_next_change
from kakehashi.web.organizations.models import Program
from kakehashi.web.pages.programs.forms import RotationForm
from kakehashi.web.people.romaji import reading
from kakehashi.web.timetables.analysis import version_analysis
from kakehashi.web.timetables.diff import week_changes
from kakehashi.web.timetables.door import (
    program_cycle_json,
    rotation_week_a,
    rotation_week_of,
    rotation_weeks,
    version_cycle_solution,
    version_cycle_weeks,
    version_solution,
    week_instance_json,
)
from kakehashi.web.timetables.forms import SolveForm
from kakehashi.web.timetables.models import WeekSettings
from kakehashi.web.timetables.publishing import InForceChangedError, publish_preview, timetable_publish_confirmed
from kakehashi.web.timetables.rotation import rotation_week_name
from kakehashi.web.timetables.rule_words import names_from, reason_sentence
from kakehashi.web.timetables.selectors import program_alts, program_schools, published_version
from kakehashi.web.timetables.summary import score_parts, summary_sentences


def _program(request: HttpRequest, pk: int) -> Program:
    if not has_role(request.user, "coordinator"):
        raise PermissionDenied
    program: Program = get_object_or_404(coordinated_programs(request.user), pk=pk)
    return program


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)

    def check_week() -> str:
        try:
            week_instance_json(program)
        except FormatError as error:
            return str(error)
        return ""

    # Building and reading the whole week takes a few hundred milliseconds at city size: once per change.
    week_problem = until_next_change(f"week-problem:{program.pk}", check_week) or None
    japanese = (getattr(request, "LANGUAGE_CODE", "") or "").startswith("ja")
    school_names = {
        s.code: (s.name_ja if japanese and s.name_ja else s.name)
        for s in program_schools(program).select_related("organization")
    }
    year_days = [
        (row, school_names.get(row.school, row.school))
        for row in until_next_change(
            f"annual:{program.pk}:{timezone.localdate()}", lambda: program_annual_days(program, timezone.localdate())
        )
    ]
    weeks, today = rotation_weeks(program), timezone.localdate()
    return render(
        request,
        "organizations/program.html",
        {
            "program": program,
            "contracts": program.contracts.select_related("organization", "responsible_manager"),
            "school_count": program_schools(program).count(),
            "alt_count": program_alts(program).count(),
            "versions": program.timetables.all()[:10],
            "in_force": published_version(program),
            "week_problem": week_problem,
            "solve_form": SolveForm(),
            # Schools by name in the reader's language, never by code.
            "behind": [(row, name) for row, name in year_days if row.behind],
            "year_days": year_days,
            "balance_jobs": program.balance_jobs.all()[:3],
            "jobs": program.solve_jobs.all()[:5],
            "rotation_weeks": weeks,
            "this_week": rotation_week_name(rotation_week_of(program, weeks, today)) if weeks > 1 else "",
        },
    )


@login_required
def program_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """The program's rotation: how many weeks it has, and which week is week A (shown with the coming weeks)."""
    program = _program(request, pk)
    settings, _created = WeekSettings.objects.get_or_create(program=program, defaults={"name": f"{program.name}: week"})
    form = RotationForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved. The next solve plans the rotation."))
        return redirect("programs:settings", pk=pk)
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    weeks = settings.cycle_weeks
    mondays = [monday + dt.timedelta(weeks=n) for n in range(6)] if weeks > 1 else []
    coming = [(day, rotation_week_name(rotation_week_of(program, weeks, day))) for day in mondays]
    return render(
        request,
        "organizations/program_settings.html",
        {"program": program, "form": form, "coming": coming, "week_a": rotation_week_a(program, today)},
    )


@login_required
def program_week_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The program's week as a `kakehashi/week@1` file, for the command line or another tool; its rotation as a
    `kakehashi/cycle@1` file with `?format=cycle`."""
    program = _program(request, pk)
    rotation = request.GET.get("format") == "cycle"
    try:
        document = program_cycle_json(program) if rotation else week_instance_json(program)
    except FormatError as error:
        return JsonResponse({"error": str(error)}, status=422)
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json")
    name = "cycle" if rotation else "week"
    response["Content-Disposition"] = f'attachment; filename="{name}-{program.pk}.json"'
    return response


@login_required
def program_timetable_file(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    program = _program(request, pk)
    version = get_object_or_404(program.timetables, number=number)
    # A rotation's timetable is a `kakehashi/cycle-solution@1` file (every week's visits and lessons).
    if version_cycle_weeks(version) > 1:
        document = cycle_solution_to_json(version_cycle_solution(version))
    else:
        document = solution_to_json(version_solution(version))
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="timetable-{program.pk}-v{number}.json"'
    return response


@login_required
def program_publish(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Publishing in two steps: GET shows who will be told and what changes for each, against the week in force;
    only a POST that confirms it (and still finds that week in force) publishes. The same page rolls back: an
    older version published again, with its own notices."""
    program = _program(request, pk)
    version = get_object_or_404(program.timetables, number=number)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            # Nothing is published without the confirm button: back to the page that says who will be told.
            return redirect("programs:publish", pk=pk, number=number)
        seen = request.POST.get("in_force", "")
        was_in_force = version.in_force
        try:
            changes = timetable_publish_confirmed(version=version, seen_in_force=int(seen) if seen.isdigit() else None)
        except InForceChangedError:
            messages.error(
                request,
                _("The week in force changed while you were reading. Check who will be told again, then confirm."),
            )
            return redirect("programs:publish", pk=pk, number=number)
        if not was_in_force:
            messages.success(
                request,
                _(
                    "Version %(n)s is now in force; %(people)s participants and %(schools)s schools had "
                    "changes and were told."
                )
                % {"n": number, "people": len(changes.by_participant), "schools": len(changes.by_school)},
            )
        return redirect("programs:detail", pk=pk)
    return render(request, "organizations/publish.html", {"program": program, "preview": publish_preview(version)})


@login_required
def program_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed from version `a` to version `b`, per ALT and per school."""
    program = _program(request, pk)
    old = program.timetables.filter(number=request.GET.get("a") or 0).first()
    new = get_object_or_404(program.timetables, number=request.GET.get("b") or 0)
    changes = week_changes(old, new)
    names = dict(program.participants.values_list("code", "name"))
    return render(
        request,
        "organizations/diff.html",
        {
            "program": program,
            "old": old,
            "new": new,
            "by_participant": sorted((names.get(code, code), lines) for code, lines in changes.by_participant.items()),
            "by_school": sorted(changes.by_school.items()),
            "versions": program.timetables.all(),
        },
    )


def _name_order(name: str) -> str:
    return reading(name) if (get_language() or "").startswith("ja") else name.casefold()


def _class_order(homeroom: str) -> list[tuple[int, str]]:
    """`2-10` → [(2, ""), (10, "")]; a part that is not a number sorts after the numbers, by its text."""
    return [(int(part), "") if part.isdigit() else (10**9, part) for part in re.split(r"[-‐－ー・ ]", homeroom)]


@login_required
def program_analysis(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A version in plain words (classes with an ALT, travel, next to the best possible), each school's
    contracted vs delivered days, and for every class left without an ALT, why (the core's explain); the
    score part by part folded away for specialists."""
    program = _program(request, pk)
    version = get_object_or_404(program.timetables, number=number)
    # A rotation's version is read a week at a time (?week=2 for week B), with a switch between its weeks.
    weeks = version_cycle_weeks(version)
    asked = request.GET.get("week", "")
    cycle_week = int(asked) if asked.isdigit() and 1 <= int(asked) <= weeks else 1
    context = version_analysis(version, cycle_week)
    names = names_from(context["alt_names"], context["school_names"], context["lesson_names"])
    return render(
        request,
        "organizations/analysis.html",
        {
            "program": program,
            "version": version,
            "sentences": summary_sentences(version, cycle_week),
            "score_parts": score_parts(context["terms"], context["objective"]),
            # Schools and ALTs as the reader knows them (the analysis keeps the week's ids for the API).
            # By school as the reader reads its name (あいうえお order on a Japanese page), then by class
            # (1-2 before 1-10): the template groups consecutive rows into one section per school.
            "uncovered_rows": sorted(
                ((u, names.school(u.school), reason_sentence(u, names)) for u, _name in context["uncovered"]),
                key=lambda row: (_name_order(row[1]), row[1], _class_order(row[0].homeroom)),
            ),
            "school_rows": [
                (d, names.school(d.school), _(", ").join(names.alt(alt) for alt in d.alts))
                for d, _name in context["school_days"]
            ],
            "cycle_week": cycle_week,
            "rotation": [(week, rotation_week_name(week)) for week in range(1, weeks + 1)] if weeks > 1 else [],
            **context,
        },
    )
