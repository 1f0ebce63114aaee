"""The validator of a cycle timetable: week@1's rules in every cycle week, then the cycle's own.

Rules 1-9, 11 and 12 are judged in each cycle week exactly as in a week@1 week (the week's checker, on
the cycle week's projection; each message starts `cycle week N:`). Rule 10 becomes rule 13, counted
over the whole cycle, and rule 14 checks the cycle weeks themselves. docs/rules.md lists them.
"""

from __future__ import annotations

from kakehashi.timetable.check import CheckReport, Violation, check
from kakehashi.timetable.cycle.model import Cycle, CycleSolution
from kakehashi.timetable.cycle.rules.rule13_cycle_visit_days import schools_get_their_cycle_days
from kakehashi.timetable.cycle.rules.rule14_cycle_weeks import entries_in_their_weeks, entries_name_weeks_of_the_cycle
from kakehashi.timetable.cycle.score import cycle_score

# The kinds the cycle adds to check.KINDS, with their rule.
CYCLE_KINDS: dict[str, int] = {
    "too_few_alt_days_in_cycle": 13,
    "too_many_alt_days_in_cycle": 13,
    "too_many_alts_in_cycle": 13,
    "week_outside_the_cycle": 14,
    "lesson_not_held_that_week": 14,
}
RULE_COUNT = 14


# A cycle's report reads like a week's: its violations, its score over the whole cycle, the stated objective.
CycleCheckReport = CheckReport


def check_cycle(cycle: Cycle, solution: CycleSolution) -> list[Violation]:
    return list(check_cycle_report(cycle, solution).violations)


def check_cycle_report(cycle: Cycle, solution: CycleSolution) -> CycleCheckReport:
    violations = [Violation(14, f"rule 14: {b.sentence}", b.kind, b.parts)
                  for b in entries_name_weeks_of_the_cycle(cycle, solution)]
    kept = entries_in_their_weeks(cycle, solution)
    for week in cycle.week_numbers:
        for found in check(cycle.weeks_instances[week], kept.week_solution(week)):
            prefix = f"cycle week {week}: " if cycle.weeks > 1 else ""
            violations.append(Violation(found.rule, prefix + found.message, found.kind, {**found.parts, "week": week}))
    violations += [Violation(13, f"rule 13: {b.sentence}", b.kind, b.parts)
                   for b in schools_get_their_cycle_days(cycle, kept)]
    violations.sort(key=lambda v: v.rule)
    return CycleCheckReport(tuple(violations), cycle_score(cycle, kept), solution.objective)
