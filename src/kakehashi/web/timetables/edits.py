"""A coordinator's hand edits of the week, each checked at once by the core checker.

Edits go to the program's working draft: the latest version if it is a draft, else a new draft copied from
the week in force (selectors.editable_version). An edit that would break a hard rule is refused with the
checker's sentences and changes nothing; an accepted one is stored with the week's new objective.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Assignment, Instance, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.web.core.actor import current_actor
from kakehashi.web.core.models import Change
from kakehashi.web.core.templatetags.kakehashi import weekday
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables import rule_words
from kakehashi.web.timetables.door import (
    version_create,
    version_cycle_weeks,
    version_instance,
    version_rows_replace,
    version_solution,
    week_instance_json,
)
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.selectors import editable_version


class EditRefusedError(ValueError):
    """The edit would break the rules listed in `sentences`; nothing was changed."""

    def __init__(self, sentences: list[str]) -> None:
        super().__init__(" ".join(sentences))
        self.sentences = sentences


class EditConflictError(EditRefusedError):
    """The week changed since the page the edit came from was shown; nothing was changed."""


def week_token(version: TimetableVersion | None) -> str:
    """What an edit page shows and sends back: the version and its revision ("3.2"); "" for no timetable."""
    return "" if version is None else f"{version.number}.{version.revision}"


@transaction.atomic
def timetable_draft(*, program: Program, user: Any = None) -> TimetableVersion:
    base = editable_version(program)
    if base is not None and version_cycle_weeks(base) > 1:
        # An edit reads and writes one week; a rotation's other weeks would be lost with it.
        raise EditRefusedError(
            [_("A rotation of several weeks cannot be edited by hand yet: change the data and solve again.")]
        )
    if base is not None and base.state == TimetableVersion.State.DRAFT:
        return base
    if base is None:
        copy = Solution(Status.FEASIBLE, (), (), instance=None, objective=0, explanation=("Empty.",))
        week = week_instance_json(program)
    else:
        # A hand edit changes the timetable, not the week it answers: the copy keeps its base's week.
        copy = replace(
            version_solution(base), bound=None, explanation=(f"A hand-edited copy of version {base.number}.",)
        )
        week = base.week or week_instance_json(program)
    return version_create(program=program, week=week, solution=copy, user=user)


def _apply(draft: TimetableVersion, instance: Instance, candidate: Solution, what: str) -> TimetableVersion:
    violations = check(instance, candidate)
    if violations:
        raise EditRefusedError(rule_words.sentences(violations, rule_words.names_of(instance)))
    before = score(instance, version_solution(draft)).objective
    version_rows_replace(version=draft, solution=candidate)
    draft.objective = score(instance, candidate).objective
    draft.bound = None
    draft.solver_status = Status.FEASIBLE.value
    draft.revision += 1
    draft.save()
    actor = current_actor()
    # Rows of a version are not logged one by one; the edit itself is, in words, with the objective's move.
    Change.objects.create(
        user=actor.user,
        request_id=actor.request_id,
        action=Change.Action.UPDATE,
        model="timetables.timetableversion",
        object_id=str(draft.pk),
        object_repr=str(draft),
        before={"objective": before},
        after={"objective": draft.objective, "edit": what},
    )
    return draft


def _current(program: Program, user: Any, seen: str | None) -> tuple[TimetableVersion, Instance, Solution]:
    """The working draft, after checking that the week is still the one the user saw (`seen` from
    week_token; None skips the check, for scripts that edit one change at a time)."""
    # Locking the program's row makes concurrent edits of its week take turns; the week is read after the
    # lock, so a draft made by the edit before this one is seen.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    week = editable_version(program)
    if seen is not None and week_token(week) != seen:
        last = (
            Change.objects.filter(model="timetables.timetableversion", object_id=str(week.pk)).first()
            if week is not None
            else None
        )
        who = (last.user.get_username() if last and last.user else "someone") if last else "someone"
        raise EditConflictError(
            [
                f"The week was changed by {who} since you opened this page; your edit was not applied. "
                "Look at the week again and repeat it if it still makes sense. / "
                "このページを開いた後に他の人が時間割を変更したため、変更は反映されませんでした。"
                "最新の時間割を確認してからやり直してください。"
            ]
        )
    draft = timetable_draft(program=program, user=user)
    return draft, version_instance(draft), version_solution(draft)


@transaction.atomic
def edit_move_visit(
    *,
    program: Program,
    user: Any,
    alt: str,
    day: str,
    school: str,
    to_day: str,
    to_school: str,
    seen: str | None = None,
) -> TimetableVersion:
    """Move one visit; the lessons joined there are dropped (add lessons at the new school after)."""
    draft, instance, week = _current(program, user, seen)
    if Visit(alt, day, school) not in week.visits:
        raise EditRefusedError(
            [_("%(alt)s does not visit %(school)s on %(day)s.") % {"alt": alt, "school": school, "day": weekday(day)}]
        )
    visits = (*tuple(v for v in week.visits if v != Visit(alt, day, school)), Visit(alt, to_day, to_school))
    lessons = tuple(
        a
        for a in week.lessons
        if not (
            a.alt == alt
            and instance.lesson_by_id[a.lesson].day == day
            and instance.lesson_by_id[a.lesson].school == school
        )
    )
    return _apply(
        draft, instance, replace(week, visits=visits, lessons=lessons), f"{alt}: {day} {school} → {to_day} {to_school}"
    )


@transaction.atomic
def edit_add_lesson(*, program: Program, user: Any, alt: str, lesson: str, seen: str | None = None) -> TimetableVersion:
    draft, instance, week = _current(program, user, seen)
    taken = [a for a in week.lessons if a.lesson == lesson]
    lessons = (*tuple(a for a in week.lessons if a.lesson != lesson), Assignment(alt, lesson))
    what = f"{alt} joins {lesson}" + (f" (instead of {taken[0].alt})" if taken else "")
    return _apply(draft, instance, replace(week, lessons=lessons), what)


@transaction.atomic
def edit_drop_lesson(*, program: Program, user: Any, lesson: str, seen: str | None = None) -> TimetableVersion:
    draft, instance, week = _current(program, user, seen)
    return _apply(
        draft,
        instance,
        replace(week, lessons=tuple(a for a in week.lessons if a.lesson != lesson)),
        f"{lesson} without an ALT",
    )


@transaction.atomic
def edit_swap_days(
    *, program: Program, user: Any, alt: str, other: str, day: str, seen: str | None = None
) -> TimetableVersion:
    """The two ALTs exchange their visits and lessons of `day`."""
    draft, instance, week = _current(program, user, seen)
    swap = {alt: other, other: alt}

    def moved(who: str, on: str) -> str:
        return swap.get(who, who) if on == day else who

    visits = tuple(Visit(moved(v.alt, v.day), v.day, v.school) for v in week.visits)
    lessons = tuple(Assignment(moved(a.alt, instance.lesson_by_id[a.lesson].day), a.lesson) for a in week.lessons)
    return _apply(draft, instance, replace(week, visits=visits, lessons=lessons), f"{alt} ⇄ {other} on {day}")
