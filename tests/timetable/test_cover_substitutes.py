"""Cover from a pool of substitutes, free periods and chains of two moves, and why a lesson stays uncovered."""

from __future__ import annotations

import datetime as dt

from week_builders import LAT0, LON, STEP, alt, school, timetable, week

from kakehashi.schoolyear import SchoolCalendar, SchoolYear
from kakehashi.schoolyear.cover import CoverProposal, propose_cover
from kakehashi.schoolyear.cover_reasons import Group, ReasonKind
from kakehashi.schoolyear.substitutes import Substitute
from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.instance import Instance, Location, Solution
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.repair import Absence, repair

MONDAY = dt.date(2026, 6, 8)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
S01_MON = ["S01/5-1/mon/1", "S01/5-2/mon/2", "S01/6-1/mon/3"]
S02_MON = ["S02/5-1/mon/1", "S02/5-2/mon/2", "S02/6-1/mon/3"]


def _substitute(code: str, *, near: int = 1, levels: tuple[str, ...] = ("elementary", "junior_high"),
                days: tuple[str, ...] = WEEKDAYS, hours: tuple[int, int] = (0, 24 * 60)) -> Substitute:
    """A substitute living at school S0<near>'s door, on foot."""
    return Substitute(code, f"Substitute {code}", Location(round(LAT0 + STEP * (near - 1), 6), LON), "walk", levels,
                      days, hours, max_commute_minutes=120)


def _cover(instance: Instance, before: Solution, substitutes: list[Substitute] | None = None) -> CoverProposal:
    calendars = {s.id: SchoolCalendar(SchoolYear(2026), [], school=s.id) for s in instance.schools}
    return propose_cover(instance, before, calendars, MONDAY, ["A01"], substitutes=substitutes or [], time_limit=5,
                         workers=1)


def _two_schools_both_busy() -> tuple[Instance, Solution]:
    """A01 teaches S01's three Monday lessons, A02 S02's at the same hours: no colleague is free."""
    instance = week([school(1), school(2)], [alt(1), alt(2)])
    before = timetable([("A01", "mon", "S01"), ("A02", "mon", "S02")],
                       [("A01", x) for x in S01_MON] + [("A02", x) for x in S02_MON])
    return instance, before


def test_a_substitute_from_the_pool_takes_every_lesson_when_no_colleague_is_free() -> None:
    instance, before = _two_schools_both_busy()
    proposal = _cover(instance, before, [_substitute("Z01")])
    assert [x.substitute for x in proposal.lessons] == ["Z01", "Z01", "Z01"]
    assert ("Z01", "S01") in {(v.alt, v.school) for v in proposal.change.visits}
    # A02's day is untouched.
    assert {a.lesson for a in proposal.change.lessons if a.alt == "A02"} == set(S02_MON)


def test_a_substitute_is_called_only_on_their_days_and_within_their_hours() -> None:
    instance, before = _two_schools_both_busy()
    assert _cover(instance, before, [_substitute("Z01", days=("tue", "wed"))]).covered == 0
    mornings = _substitute("Z01", hours=(8 * 60, 12 * 60))
    proposal = _cover(instance, before, [mornings])
    assert [x.substitute for x in proposal.lessons] == ["Z01", "Z01", None]
    afternoon = proposal.uncovered[0]
    assert afternoon.lesson.lesson == "S01/6-1/mon/3"
    by_group = {r.group: r for r in afternoon.reasons}
    assert by_group[Group.SUBSTITUTES].kind is ReasonKind.NOBODY_WORKING
    assert by_group[Group.ALTS].kind is ReasonKind.BUSY


def test_the_nearest_of_two_able_substitutes_comes_alone() -> None:
    instance, before = _two_schools_both_busy()
    proposal = _cover(instance, before, [_substitute("Z09", near=9), _substitute("Z01", near=1)])
    # Fewest people moved first (one, not two), then the shorter trip.
    assert proposal.substitutes() == {"Z01"}
    assert proposal.covered == 3


def test_an_alt_with_free_periods_teaches_at_a_second_school_that_day() -> None:
    # A02 has only the afternoon at S02, and a contract that allows two schools a day.
    instance = week([school(1), school(2)], [alt(1), alt(2)])
    before = timetable([("A01", "mon", "S01"), ("A02", "mon", "S02")],
                       [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/2"), ("A02", "S02/6-1/mon/3")])
    proposal = _cover(instance, before)
    assert [x.substitute for x in proposal.lessons] == ["A02", "A02"]
    assert {(v.alt, v.school) for v in proposal.change.visits} == {("A02", "S01"), ("A02", "S02")}
    assert ("A02", "S02/6-1/mon/3") in {(a.alt, a.lesson) for a in proposal.change.lessons}


def test_a_chain_of_two_moves_covers_a_school_only_one_colleague_may_teach_at() -> None:
    # S01 is an elementary school only A02 may teach at; A03 teaches junior high only and has Monday free,
    # so A02 takes A01's school and A03 takes A02's.
    instance = week(
        [school(1), school(2, level="junior_high")],
        [alt(1, levels=["elementary"]), alt(2, max_schools_per_day=1), alt(3, levels=["junior_high"])],
    )
    before = timetable([("A01", "mon", "S01"), ("A02", "mon", "S02")],
                       [("A01", x) for x in S01_MON] + [("A02", x) for x in S02_MON])
    proposal = _cover(instance, before)
    assert proposal.covered == 3
    visits = {(v.alt, v.school) for v in proposal.change.visits}
    assert visits == {("A02", "S01"), ("A03", "S02")}
    assert {a.lesson for a in proposal.change.lessons if a.alt == "A03"} == set(S02_MON)


def test_no_one_is_moved_when_moving_gains_no_lesson() -> None:
    instance, before = _two_schools_both_busy()
    proposal = _cover(instance, before)
    assert proposal.covered == 0
    assert {(v.alt, v.school) for v in proposal.change.visits} == {("A02", "S02")}
    assert not [line for line in proposal.moves if line.startswith(("+", "-"))]


def test_each_lesson_left_uncovered_says_why_for_colleagues_and_substitutes() -> None:
    instance, before = _two_schools_both_busy()
    without_pool = _cover(instance, before)
    reasons = {r.group: r for r in without_pool.uncovered[0].reasons}
    assert reasons[Group.ALTS].kind is ReasonKind.BUSY and reasons[Group.ALTS].parts == {"people": 1}
    assert reasons[Group.SUBSTITUTES].kind is ReasonKind.NO_SUBSTITUTES
    high_school_only = _cover(instance, before, [_substitute("Z01", levels=("high",))])
    reason = {r.group: r for r in high_school_only.uncovered[0].reasons}[Group.SUBSTITUTES]
    assert (reason.kind, dict(reason.parts)) == (ReasonKind.LEVEL, {"level": "elementary"})
    far = Substitute("Z01", "Far", Location(LAT0 + 0.5, LON), "walk", ("elementary",), WEEKDAYS,
                     max_commute_minutes=30)
    reason = {r.group: r for r in _cover(instance, before, [far]).uncovered[0].reasons}[Group.SUBSTITUTES]
    assert reason.kind is ReasonKind.COMMUTE
    assert reason.parts["person"] == "Z01" and int(reason.parts["minutes"]) > 30 and reason.parts["limit"] == 30


def test_one_school_a_day_is_the_reason_when_a_colleague_is_free_then_but_elsewhere() -> None:
    instance = week([school(1), school(2)], [alt(1), alt(2, max_schools_per_day=1)])
    before = timetable([("A01", "mon", "S01"), ("A02", "mon", "S02")],
                       [("A01", "S01/5-1/mon/1"), ("A02", "S02/6-1/mon/3")])
    proposal = _cover(instance, before)
    reason = {r.group: r for r in proposal.uncovered[0].reasons}[Group.ALTS]
    assert (reason.kind, dict(reason.parts)) == (ReasonKind.ONE_SCHOOL_A_DAY, {"person": "A02", "school": "S02"})


def test_a_small_pool_covers_most_of_an_absent_alts_day_in_a_generated_city() -> None:
    instance = parse_instance(generate_synthetic(schools=16, alts=5, seed=7))
    before = solve(instance, time_limit=3, workers=1, seed=1)
    assert not check(instance, before)
    busiest = max((v for v in before.visits if v.day == "tue"), key=lambda v: sum(
        1 for a in before.lessons if a.alt == v.alt and instance.lesson_by_id[a.lesson].day == "tue"))
    calendars = {s.id: SchoolCalendar(SchoolYear(2026), [], school=s.id) for s in instance.schools}
    tuesday = MONDAY + dt.timedelta(days=1)
    homes = [instance.schools[0].location, instance.schools[len(instance.schools) // 2].location]
    pool = [Substitute(f"Z{i}", f"Substitute {i}", home, "car", ("elementary", "junior_high", "high"), WEEKDAYS,
                       max_commute_minutes=90) for i, home in enumerate(homes)]
    alone = propose_cover(instance, before, calendars, tuesday, [busiest.alt], time_limit=3, workers=1)
    helped = propose_cover(instance, before, calendars, tuesday, [busiest.alt], substitutes=pool, time_limit=3,
                           workers=1)
    assert helped.lessons
    assert helped.covered >= 0.8 * len(helped.lessons)
    assert helped.covered >= alone.covered
    assert helped.substitutes() & {"Z0", "Z1"}


def test_a_substitute_called_in_who_then_falls_ill_is_covered_in_turn() -> None:
    instance, before = _two_schools_both_busy()
    calendars = {s.id: SchoolCalendar(SchoolYear(2026), [], school=s.id) for s in instance.schools}
    pool = [_substitute("Z01"), _substitute("Z02", near=2)]
    first = propose_cover(instance, before, calendars, MONDAY, ["A01"], substitutes=pool, time_limit=5, workers=1)
    assert first.substitutes() == {"Z01"}
    again = propose_cover(instance, before, calendars, MONDAY, ["A01", "Z01"], already_absent=["A01"],
                          current=first.change, substitutes=pool, time_limit=5, workers=1)
    assert again.absent == ("Z01",)
    assert [x.substitute for x in again.lessons] == ["Z02", "Z02", "Z02"]
    assert not any(v.alt == "Z01" for v in again.change.visits)


def test_a_second_absence_is_covered_after_a_first_that_left_a_school_short_of_its_contracted_days() -> None:
    # S01 is contracted for one ALT-day a week and gets it on Monday from A01 alone; A02 and A03 (free on
    # Monday) may only go to S02. A01's absence leaves S01 short (no one may go there); A02 then falls ill too.
    instance = week([school(1, visit_min=1), school(2)], [alt(1), alt(2, schools=["S02"]), alt(3, schools=["S02"])])
    before = timetable([("A01", "mon", "S01"), ("A02", "mon", "S02")],
                       [("A01", x) for x in S01_MON] + [("A02", x) for x in S02_MON])
    calendars = {s.id: SchoolCalendar(SchoolYear(2026), [], school=s.id) for s in instance.schools}
    first = propose_cover(instance, before, calendars, MONDAY, ["A01"], time_limit=5, workers=1)
    assert first.covered == 0
    again = propose_cover(instance, before, calendars, MONDAY, ["A01", "A02"], already_absent=["A01"],
                          current=first.change, time_limit=5, workers=1)
    assert [x.substitute for x in again.lessons] == ["A03", "A03", "A03"]


def test_the_quick_start_gives_a_colleague_s_free_periods_so_the_answer_does_not_wait_for_the_solver() -> None:
    # As above: A02 is free in the morning and may teach at two schools a day. The quick start finds that
    # alone, so a busy machine that leaves CP-SAT no time still gets the cover.
    instance = week([school(1), school(2)], [alt(1), alt(2)])
    before = timetable([("A01", "mon", "S01"), ("A02", "mon", "S02")],
                       [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/2"), ("A02", "S02/6-1/mon/3")])
    result = repair(instance, before, [Absence("A01", "mon")], time_limit=30, workers=1, one_date=True)
    assert result.uncovered == ()
    assert {(a.alt, a.lesson) for a in result.solution.lessons} >= {("A02", "S01/5-1/mon/1"), ("A02", "S01/5-2/mon/2")}
    assert result.solution.stats["repair_status"] == "STAND_IN"
