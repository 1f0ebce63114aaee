"""Repair after an absence: cover the absent ALTs' lessons while changing as little else as possible.

Only the days with an absence are re-planned; every other day stays exactly as it was. Those days
become a small instance of their own, with what the frozen days already use subtracted from each
weekly limit (classes per week, visit days, schools per week, distinct ALTs per school), so the
same CP-SAT rules as the full solve apply and the repair is fast. Its objective, in priority order:
1. keep each school's contracted minimum of ALT-days (where any ALT can come at all);
2. more lessons with an ALT: the absent ALTs' lessons covered, other lessons kept;
3. fewer people moved: a colleague or a substitute from the pool called in counts once;
4. fewer changes to the visits and lessons of everyone else;
5. less travel.

Who may be moved (see `_who_may_change`): the ALTs who may work at a school an absent ALT leaves (first
move, staying at their own school for the periods they have there when their contract allows two schools
a day), the ALTs who may work at a school those first movers leave (second move: a chain B takes the
absent ALT's school, C takes B's), and the program's pool of substitute ALTs, who have no week of their own.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from kakehashi.timetable.check import Violation, check
from kakehashi.timetable.instance import (
    Assignment,
    Instance,
    Lesson,
    Solution,
    Status,
    Visit,
)
from kakehashi.timetable.solve.eligibility import Eligibility, day_order
from kakehashi.timetable.solve.model import TimetableModel, floor_bound
from kakehashi.timetable.solve.rules.travel_cost import trip_terms
from kakehashi.timetable.solve.subproblem import carve, merge, week_limit_constraints
from kakehashi.timetable.solve.variables import BoolVar
from kakehashi.timetable.travel import TravelTimes

# Two-school pairs kept in the repair model: the nearest ones, and every pair the timetable already uses.
PAIR_BUDGET = 2_000
# The rule for each school's contracted minimum of ALT-days a week (visit_days.min).
SHORT_OF_CONTRACT = 10


class RepairError(ValueError):
    """The repair cannot start: an unknown ALT or day, or a timetable that already breaks a rule."""


@dataclass(frozen=True)
class Absence:
    alt: str
    day: str

    @classmethod
    def parse(cls, text: str) -> Absence:
        alt, separator, day = text.partition(":")
        if not separator or not alt or not day:
            raise RepairError(f"--absent {text!r}: expected ALT:DAY, e.g. A07:tue")
        return cls(alt.strip(), day.strip().lower())


@dataclass(frozen=True)
class RepairResult:
    solution: Solution
    instance: Instance  # the instance with the absences written in as unavailable days
    changes: tuple[str, ...]
    uncovered: tuple[str, ...]  # lesson ids of absent ALTs that no one could take
    violations: tuple[Violation, ...]
    seconds: float


def with_absences(instance: Instance, absences: list[Absence]) -> Instance:
    """The instance in which each absent ALT is unavailable on their day (and not fixed anywhere then)."""
    for absence in absences:
        if absence.alt not in instance.alt_by_id:
            raise RepairError(f"--absent {absence.alt}:{absence.day}: there is no ALT {absence.alt!r}")
        if absence.day not in instance.days:
            raise RepairError(f"--absent {absence.alt}:{absence.day}: {absence.day!r} is not one of the week's days "
                              f"({', '.join(instance.days)})")
    away: dict[str, set[str]] = defaultdict(set)
    for absence in absences:
        away[absence.alt].add(absence.day)
    alts = tuple(
        replace(alt, unavailable_days=tuple(sorted(set(alt.unavailable_days) | away[alt.id], key=day_order)))
        if alt.id in away else alt for alt in instance.alts)
    fixed = tuple(f for f in instance.fixed if f.day not in away.get(f.alt, set()))
    return replace(instance, alts=alts, fixed=fixed)


def repair(instance: Instance, solution: Solution, absences: list[Absence], *, time_limit: float = 1.0,
           workers: int = 2, closed_schools: Collection[str] = (),
           hours: Mapping[str, tuple[int, int]] | None = None, one_date: bool = False) -> RepairResult:
    """The repaired timetable, the best found within `time_limit` seconds (counted from the call).

    `closed_schools` are schools without lessons on the repaired date (a test day, a sports day): the
    week's template still lists their lessons, but nobody is sent there to teach them. Substitutes who only
    cover are ALTs of the instance whom `solution` gives nothing; `hours[alt]` is the window (minutes after
    midnight) in which an ALT may teach that day. `one_date`: the repair is a cover
    for one date, so a stand-in for an absent ALT is not one more of the school's distinct ALTs (max_alts)."""
    started = time.monotonic()
    # A contracted minimum of ALT-days (rule 10) is the one rule a repair may leave broken (where nobody can
    # go), so a date's second absence starts from a cover that left a school short: that is not refused.
    broken = [x for x in check(instance, solution) if x.rule != SHORT_OF_CONTRACT]
    if broken:
        raise RepairError(f"the timetable to repair breaks {len(broken)} hard rule(s) already "
                          f"(first: {broken[0].message}); repair starts from a valid timetable")
    absent = {(a.alt, a.day) for a in absences}
    target = with_absences(instance, absences)
    if one_date:
        target = _stand_ins_allowed(target, solution, absent)
    free, reachable = _who_may_change(target, solution, absences, set(closed_schools))

    def is_free(alt: str, day: str) -> bool:
        return alt in free.get(day, ())

    kept_visits = {v for v in solution.visits if is_free(v.alt, v.day) and (v.alt, v.day) not in absent}
    kept_joins = {a for a in solution.lessons
                  if is_free(a.alt, instance.lesson_by_id[a.lesson].day)
                  and (a.alt, instance.lesson_by_id[a.lesson].day) not in absent}
    to_cover = [a.lesson for a in solution.lessons
                if (a.alt, instance.lesson_by_id[a.lesson].day) in absent]

    def day_of(entry: Visit | Assignment) -> str:
        return entry.day if isinstance(entry, Visit) else instance.lesson_by_id[entry.lesson].day

    # Start from "nobody moves" with a stand-in at each school the absent leave where one fits the week's
    # rules: complete, so CP-SAT has a good repair at once and improves on it.
    stand_ins = _stand_in_hint(target, solution, absences, free, hours or {}, set(closed_schools))
    if _one_stand_in_does_it(target, solution, stand_ins, to_cover, set(closed_schools)):
        return _result(instance, target, solution, stand_ins, absences, to_cover, started, None, "STAND_IN")
    part = carve(target, solution, free, reachable)
    model = TimetableModel(part.instance, explain=True, pair_budget=PAIR_BUDGET, keep=solution)
    model.add_rules()
    v = model.variables
    cp = model.model
    min_guards = [g for term, g in v.guards.items() if term.kind == "min"]
    for term, guard in v.guards.items():
        if term.kind != "min":
            cp.add(guard == 1)
    for variables, at_most in week_limit_constraints(part, target, v.used):
        cp.add(sum(variables) <= at_most)  # type: ignore[arg-type]
    for (alt, lesson), var in v.join.items():
        if alt in (hours or {}) and not _within(instance.lesson_by_id[lesson], (hours or {})[alt]):
            cp.add(var == 0)

    changes: list[tuple[str, BoolVar]] = []  # (whose, the literal that is true when it changes)
    for key, var in v.visit.items():
        changes.append((key[0], var.Not() if Visit(*key) in kept_visits else var))
    # A lesson at a closed school is not taught that date, so keeping or gaining it is worth nothing.
    covered_lessons = {lesson for lesson in set(to_cover) | {a.lesson for a in kept_joins}
                       if instance.lesson_by_id[lesson].school not in closed_schools}
    for (alt, lesson), var in v.join.items():
        if Assignment(alt, lesson) in kept_joins:
            changes.append((alt, var.Not()))
        elif lesson not in to_cover:
            changes.append((alt, var))
    # A person moves when anything of theirs changes (taking an absent ALT's lesson needs a new visit).
    moved: dict[str, BoolVar] = {}
    for alt in sorted({alt for alt, _literal in changes}):
        moved[alt] = cp.new_bool_var(f"moved_{alt}")
    for whose, literal in changes:
        cp.add_implication(literal, moved[whose])
    lessons_with_alt = [var for (_alt, lesson), var in v.join.items() if lesson in covered_lessons]
    own_changes = [literal for _alt, literal in changes]
    travel = trip_terms(part.instance, v, model.travel)
    # Weights that make the priorities strict: each term outweighs every possible value of all below it.
    change_weight = sum(abs(minutes) for minutes, _var in travel) + 1
    person_weight = change_weight * (len(own_changes) + 1)
    lesson_weight = person_weight * (len(moved) + 1)
    contract_weight = lesson_weight * (len(lessons_with_alt) + 1)
    cp.maximize(contract_weight * sum(min_guards) + lesson_weight * sum(lessons_with_alt)
                - person_weight * sum(moved.values()) - change_weight * sum(own_changes)
                - sum(minutes * var for minutes, var in travel))
    start_visits = [v for v in stand_ins.visits if is_free(v.alt, v.day)]
    start_joins = [a for a in stand_ins.lessons if is_free(a.alt, instance.lesson_by_id[a.lesson].day)]
    model.add_hint(Solution(Status.FEASIBLE, tuple(start_visits), tuple(start_joins)))
    called_in = {v.alt for v in set(start_visits) - kept_visits}
    for alt, person in moved.items():
        cp.add_hint(person, int(alt in called_in))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit - (time.monotonic() - started))
    solver.parameters.num_workers = workers
    code = solver.solve(cp)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        new_visits = [Visit(*key) for key, var in v.visit.items() if solver.boolean_value(var)]
        new_joins = [Assignment(*key) for key, var in v.join.items() if solver.boolean_value(var)]
        bound = floor_bound(solver.best_objective_bound)
        # Short of time CP-SAT may return less than its start; then the start is the answer.
        def rank(visits: list[Visit], joins: list[Assignment]) -> tuple[int, int, int, int]:
            repaired = merge(target, part, visits, joins)
            minimums = sum(1 for x in check(target, repaired) if x.rule == SHORT_OF_CONTRACT)
            taught = sum(1 for a in joins if a.lesson in covered_lessons)
            changed = (set(visits) ^ kept_visits) | (set(joins) ^ kept_joins)
            people = {x.alt for x in changed if (x.alt, day_of(x)) not in absent}
            return (-minimums, taught, -len(people), -len(changed))
        if code == cp_model.FEASIBLE and rank(new_visits, new_joins) < rank(start_visits, start_joins):
            new_visits, new_joins = start_visits, start_joins
    elif code == cp_model.INFEASIBLE:
        raise RepairError("no repair keeps the week's other rules (CP-SAT proved it infeasible)")
    else:
        # Out of time before anything better: the quick stand-ins, everyone else where they were.
        new_visits, new_joins, bound = start_visits, start_joins, None
    return _result(instance, target, solution, merge(target, part, new_visits, new_joins), absences, to_cover,
                   started, bound, solver.status_name(code))


def _result(instance: Instance, target: Instance, before: Solution, repaired: Solution, absences: list[Absence],
            to_cover: list[str], started: float, bound: int | None, status: str) -> RepairResult:
    # The repair optimizes changes, not the spec objective: the result states its true objective.
    taught = {a.lesson for a in repaired.lessons}
    return RepairResult(
        solution=replace(repaired, stats={"repair_seconds": round(time.monotonic() - started, 3),
                                          "repair_bound": bound, "repair_status": status}),
        instance=target,
        changes=tuple(_describe_changes(instance, before, repaired, absences)),
        uncovered=tuple(lesson for lesson in to_cover if lesson not in taught),
        violations=tuple(check(target, repaired)),
        seconds=time.monotonic() - started,
    )


def _one_stand_in_does_it(target: Instance, before: Solution, stand_ins: Solution, to_cover: list[str],
                          closed: set[str]) -> bool:
    """The quick start is the answer when one person called in takes every lesson to cover and no school falls
    short of its contracted days: nothing scores higher on the first three priorities (contracts, lessons,
    people moved), so CP-SAT could only save a change or some minutes of travel, and the coordinator gets the
    proposal in a fraction of a second instead of the whole time limit."""
    taught = {a.lesson for a in stand_ins.lessons}
    if any(lesson not in taught for lesson in to_cover if target.lesson_by_id[lesson].school not in closed):
        return False
    called_in = {v.alt for v in set(stand_ins.visits) - set(before.visits)}
    if len(called_in) != 1:
        return False

    def short(solution: Solution) -> int:
        return sum(1 for x in check(target, solution) if x.rule == SHORT_OF_CONTRACT)

    return short(stand_ins) <= short(before)


def _who_may_change(instance: Instance, solution: Solution, absences: list[Absence],
                    closed: set[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Day → the ALTs who may change that day, and ALT → the schools they may go to.

    First move: those who may work at a school an absent ALT leaves go there (for some periods or the
    day). Second move: those who may work at a school a first mover leaves go there, so a chain is at
    most two moves long. Substitutes (ALTs with no visit that day) may make either move. Everyone else keeps their day,
    which is what "change as little as possible" asks for and keeps the repair small enough to answer
    in well under a second for a city."""
    open_to = {alt: {school.id for school in schools} for alt, schools in Eligibility(instance).schools_of.items()}
    free: dict[str, set[str]] = defaultdict(set)
    reachable: dict[str, set[str]] = defaultdict(set)
    for day in sorted({a.day for a in absences}, key=day_order):
        away = {a.alt for a in absences if a.day == day}
        at: dict[str, set[str]] = defaultdict(set)
        for visit in solution.visits:
            if visit.day == day:
                at[visit.alt].add(visit.school)
        left = set().union(*(at[alt] for alt in away)) - closed
        first = {alt for alt, schools in open_to.items() if alt not in away and schools & left}
        vacated = set().union(*(at[alt] for alt in first)) - left - closed
        second = {alt for alt, schools in open_to.items() if alt not in away and schools & vacated}
        free[day] |= away | first | second
        for alt in first | second:
            reachable[alt] |= at[alt]
        for alt in first:
            reachable[alt] |= left
        for alt in second:
            reachable[alt] |= vacated
    return dict(free), dict(reachable)


def _stand_ins_allowed(instance: Instance, solution: Solution, absent: set[tuple[str, str]]) -> Instance:
    """Each school an absent ALT leaves may take one more distinct ALT for each of them (the stand-in)."""
    leaving: dict[str, int] = defaultdict(int)
    for visit in solution.visits:
        if (visit.alt, visit.day) in absent:
            leaving[visit.school] += 1
    return replace(instance, schools=tuple(replace(s, max_alts=s.max_alts + leaving[s.id]) if s.id in leaving else s
                                           for s in instance.schools))


def _stand_in_hint(instance: Instance, solution: Solution, absences: list[Absence], free: dict[str, set[str]],
                   hours: Mapping[str, tuple[int, int]], closed: set[str]) -> Solution:
    """The week with the absent ALTs' days emptied and, at each school they leave, the one stand-in (a free
    person with no school that day) who takes most of their lessons there without breaking a rule the
    emptied week keeps. Quick, and usually what the coordinator would do first."""
    absent = {(a.alt, a.day) for a in absences}
    lessons_of = instance.lesson_by_id
    week = replace(solution, visits=tuple(v for v in solution.visits if (v.alt, v.day) not in absent),
                   lessons=tuple(a for a in solution.lessons if (a.alt, lessons_of[a.lesson].day) not in absent))
    broken = {x.message for x in check(instance, week)}
    travel = TravelTimes(instance)
    for absence in absences:
        left = sorted({v.school for v in solution.visits if (v.alt, v.day) == (absence.alt, absence.day)} - closed)
        for school in left:
            lost = sorted((lessons_of[a.lesson] for a in solution.lessons if a.alt == absence.alt
                           and lessons_of[a.lesson].day == absence.day and lessons_of[a.lesson].school == school),
                          key=lambda x: x.start)
            busy = {v.alt for v in week.visits if v.day == absence.day}
            people = sorted((instance.alt_by_id[alt] for alt in free.get(absence.day, set()) - busy
                             if (alt, absence.day) not in absent),
                            key=lambda alt: (travel.commute(alt, school), alt.id))
            best: tuple[int, Solution, set[str]] | None = None
            for alt in people:
                window = hours.get(alt.id)
                taken = [x for x in lost if window is None or _within(x, window)][:alt.max_classes_per_day]
                if not taken or (best is not None and len(taken) <= best[0]):
                    continue
                trial = replace(week, visits=(*week.visits, Visit(alt.id, absence.day, school)),
                                lessons=(*week.lessons, *(Assignment(alt.id, x.id) for x in taken)))
                trial_broken = {x.message for x in check(instance, trial)}
                if trial_broken <= broken:
                    best = (len(taken), trial, trial_broken)
            if best is not None:
                _count, week, broken = best
    return _free_periods(instance, solution, week, broken, absences, free, hours, closed, travel)


def _free_periods(instance: Instance, solution: Solution, week: Solution, broken: set[str], absences: list[Absence],
                  free: dict[str, set[str]], hours: Mapping[str, tuple[int, int]], closed: set[str],
                  travel: TravelTimes) -> Solution:
    """The quick start's second pass: each absent lesson no stand-in took goes to the nearest colleague who is
    free at that period, at that school already or allowed a second school that day, when the week's rules
    stay as they were. So a busy machine that gives CP-SAT no time still answers with free periods."""
    lessons_of = instance.lesson_by_id
    eligibility = Eligibility(instance, travel)
    for absence in absences:
        taken = {a.lesson for a in week.lessons}
        lost = sorted((lessons_of[a.lesson] for a in solution.lessons if a.alt == absence.alt
                       and lessons_of[a.lesson].day == absence.day and a.lesson not in taken
                       and lessons_of[a.lesson].school not in closed), key=lambda x: (x.start, x.id))
        absent = {a.alt for a in absences if a.day == absence.day}
        for lesson in lost:
            school = instance.school_by_id[lesson.school]
            at = defaultdict(set)
            for visit in week.visits:
                if visit.day == absence.day:
                    at[visit.alt].add(visit.school)
            busy = defaultdict(list)
            for assignment in week.lessons:
                if lessons_of[assignment.lesson].day == absence.day:
                    busy[assignment.alt].append(lessons_of[assignment.lesson])
            people = sorted((instance.alt_by_id[alt] for alt in free.get(absence.day, set()) - absent),
                            key=lambda alt: (travel.commute(alt, school.id), alt.id))
            # The week's class limits, counted once: most colleagues are at their maximum, and a check of the
            # whole week for each of them would cost more than CP-SAT's time.
            in_week = Counter(a.alt for a in week.lessons)
            for alt in people:
                if len(busy[alt.id]) >= alt.max_classes_per_day or in_week[alt.id] >= alt.classes_per_week.max:
                    continue
                window = hours.get(alt.id)
                schools = at[alt.id] | {school.id}
                if (not at[alt.id] or len(schools) > alt.max_schools_per_day
                        or (window is not None and not _within(lesson, window))
                        or any(x.start < lesson.end and lesson.start < x.end for x in busy[alt.id])
                        or not eligibility.school_open(alt, school)):
                    continue
                visits = week.visits if school.id in at[alt.id] else (*week.visits,
                                                                       Visit(alt.id, absence.day, school.id))
                trial = replace(week, visits=tuple(visits), lessons=(*week.lessons, Assignment(alt.id, lesson.id)))
                trial_broken = {x.message for x in check(instance, trial)}
                if trial_broken <= broken:
                    week, broken = trial, trial_broken
                    break
    return week


def _within(lesson: Lesson, window: tuple[int, int]) -> bool:
    return window[0] <= lesson.start and lesson.end <= window[1]


def _describe_changes(instance: Instance, before: Solution, after: Solution, absences: list[Absence]) -> list[str]:
    absent = {(a.alt, a.day) for a in absences}
    lines: list[str] = []
    taken_by = {a.lesson: a.alt for a in after.lessons}
    for absence in absences:
        lost = [a.lesson for a in before.lessons
                if a.alt == absence.alt and instance.lesson_by_id[a.lesson].day == absence.day]
        where = sorted({v.school for v in before.visits if (v.alt, v.day) == (absence.alt, absence.day)})
        lines.append(f"{absence.alt} is absent on {absence.day}: "
                     f"{'visit to ' + ', '.join(where) if where else 'no visit'}, {len(lost)} lesson(s) to cover")
        for lesson in lost:
            substitute = taken_by.get(lesson)
            lines.append(f"  {lesson}: " + (f"covered by {substitute}" if substitute else "left without an ALT"))
    old_visits, new_visits = set(before.visits), set(after.visits)
    for visit in sorted(old_visits - new_visits, key=lambda x: (x.alt, day_order(x.day))):
        if (visit.alt, visit.day) not in absent:
            lines.append(f"- {visit.alt} no longer visits {visit.school} on {visit.day}")
    for visit in sorted(new_visits - old_visits, key=lambda x: (x.alt, day_order(x.day))):
        lines.append(f"+ {visit.alt} visits {visit.school} on {visit.day}")
    old_joins, new_joins = set(before.lessons), set(after.lessons)
    absent_lessons = {a.lesson for a in before.lessons if (a.alt, instance.lesson_by_id[a.lesson].day) in absent}
    for join in sorted(old_joins - new_joins, key=lambda a: a.lesson):
        if join.lesson not in absent_lessons:
            lines.append(f"- {join.alt} no longer joins {join.lesson}")
    for join in sorted(new_joins - old_joins, key=lambda a: a.lesson):
        if join.lesson not in absent_lessons:
            lines.append(f"+ {join.alt} joins {join.lesson}")
    return lines


__all__ = ["Absence", "RepairError", "RepairResult", "repair", "with_absences"]
