"""Reading `kakehashi/cycle@1`: the cycle's own fields, errors that name the JSON path as week@1's do,
and week@1 files, which keep working as one-week cycles."""

from __future__ import annotations

from typing import Any

import pytest
from cycle_builders import cycle_doc, small_cycle
from week_builders import alt as week_alt
from week_builders import instance_doc, school

from kakehashi.timetable.cycle.format import (
    cycle_solution_to_json,
    cycle_to_json,
    parse_cycle,
    parse_cycle_solution,
)
from kakehashi.timetable.cycle.model import CycleFixed
from kakehashi.timetable.format import FormatError, instance_to_json


def error_of(document: dict[str, Any]) -> str:
    with pytest.raises(FormatError) as caught:
        parse_cycle(document)
    return str(caught.value)


def test_a_cycle_knows_which_weeks_each_lesson_is_held_in() -> None:
    cycle = small_cycle()
    assert cycle.weeks == 2
    assert cycle.lesson_weeks["S01/6-1/mon/2"] == (1,)
    assert cycle.lesson_weeks["S01/5-2/tue/1"] == (2,)
    assert cycle.lesson_weeks["S01/5-1/mon/1"] == (1, 2)
    assert [lesson.id for lesson in cycle.weeks_instances[2].school_by_id["S01"].lessons] == [
        "S01/5-1/mon/1", "S01/5-2/tue/1"]


def test_annual_days_of_schools_and_alts_are_read() -> None:
    cycle = small_cycle()
    assert cycle.annual_days == {"S01": 20}
    assert cycle.alt_annual_days == {"A02": 190}


def test_a_fixed_visit_without_a_week_holds_in_every_cycle_week() -> None:
    cycle = small_cycle(fixed=[{"alt": "A01", "day": "mon", "school": "S01"},
                               {"alt": "A02", "day": "tue", "school": "S02", "week": 2}])
    assert set(cycle.fixed) == {CycleFixed("A01", 1, "mon", "S01"), CycleFixed("A01", 2, "mon", "S01"),
                                CycleFixed("A02", 2, "tue", "S02")}
    assert [f.school for f in cycle.weeks_instances[2].fixed] == ["S01", "S02"]


def test_a_week_file_reads_as_a_one_week_cycle() -> None:
    cycle = parse_cycle(instance_doc([school(1)], [week_alt(1)], fixed=[{"alt": "A01", "day": "mon", "school": "S01"}]))
    assert cycle.weeks == 1
    assert cycle.fixed == (CycleFixed("A01", 1, "mon", "S01"),)
    assert all(weeks == (1,) for weeks in cycle.lesson_weeks.values())


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d.update(cycle_weeks=5), "cycle_weeks: 5 is above the maximum of 4"),
    (lambda d: d.update(cycle_weeks=0), "cycle_weeks: 0 is below the minimum of 1"),
    (lambda d: d.pop("cycle_weeks"), "cycle_weeks: missing required field"),
    (lambda d: d["schools"][0]["lessons"][1].update(weeks=[3]),
     "schools[0].lessons[1].weeks[0]: 3 is above the maximum of 2"),
    (lambda d: d["schools"][0]["lessons"][1].update(weeks=[1, 1]),
     "schools[0].lessons[1].weeks[1]: week 1 is listed twice"),
    (lambda d: d["schools"][0]["lessons"][1].update(weeks=[]),
     "schools[0].lessons[1].weeks: expected a non-empty list"),
    (lambda d: d["schools"][0].update(annual_days=-1), "schools[0].annual_days: -1 is below the minimum of 0"),
    (lambda d: d["alts"][1].update(annual_days="many"), 'alts[1].annual_days: expected a whole number, found "many"'),
    (lambda d: d.update(fixed=[{"alt": "A01", "day": "mon", "school": "S01", "week": 3}]),
     "fixed[0].week: 3 is above the maximum of 2"),
    (lambda d: d.update(fixed=[{"alt": "A09", "day": "mon", "school": "S01"}]),
     'fixed[0].alt: ALT "A09" does not exist'),
    (lambda d: d.update(fixed=[{"alt": "A01", "day": "mon", "school": "S01"},
                               {"alt": "A01", "day": "mon", "school": "S01", "week": 2}]),
     "fixed[1]: the same fixed visit (cycle week 2) is already listed at fixed[0]"),
    # The rest of the file is read by the week@1 reader, with the very paths it gives in a week file.
    (lambda d: d["schools"][1]["bells"]["default"][0].update(start="8:5"),
     'schools[1].bells.default[0].start: "8:5" is not HH:MM'),
    (lambda d: d["schools"][0]["lessons"][0].update(homeroom="9-9"),
     'schools[0].lessons[0].homeroom: homeroom "9-9" does not exist in school S01'),
    (lambda d: d.update(format="kakehashi/cycle@2"),
     'format: "kakehashi/cycle@2" is not "kakehashi/cycle@1" or "kakehashi/week@1"'),
])
def test_a_bad_cycle_file_is_refused_with_the_json_path(change: Any, expected: str) -> None:
    document = cycle_doc()
    change(document)
    assert error_of(document) == expected


def test_an_unknown_field_in_a_cycle_file_names_the_cycle_fields_allowed_there() -> None:
    document = cycle_doc()
    document["schools"][0]["lessons"][0]["week"] = [1]
    assert error_of(document) == ("schools[0].lessons[0].week: unknown field (allowed here: id, homeroom, day, "
                                  "period, teacher, weeks)")
    document = cycle_doc(cycle_week=2)
    assert error_of(document).startswith("cycle_week: unknown field (allowed here: format, cycle_weeks, name")


def test_a_week_file_still_refuses_the_cycle_fields() -> None:
    document = instance_doc([school(1)], [week_alt(1)])
    document["schools"][0]["lessons"][0]["weeks"] = [1]
    assert error_of(document).startswith("schools[0].lessons[0].weeks: unknown field")


def test_a_cycle_written_out_reads_back_the_same() -> None:
    cycle = small_cycle(fixed=[{"alt": "A01", "day": "mon", "school": "S01", "week": 1}])
    again = parse_cycle(cycle_to_json(cycle, instance_to_json(cycle.base)))
    assert again == cycle


def test_a_cycle_timetable_written_out_reads_back_the_same() -> None:
    from cycle_builders import a_valid_timetable

    solution = a_valid_timetable()
    assert parse_cycle_solution(cycle_solution_to_json(solution)) == solution


def test_a_cycle_timetable_names_a_week_for_each_visit() -> None:
    with pytest.raises(FormatError) as caught:
        parse_cycle_solution({"format": "kakehashi/cycle-solution@1", "status": "feasible",
                              "visits": [{"alt": "A01", "day": "mon", "school": "S01"}], "lessons": []})
    assert str(caught.value) == "visits[0].week: missing required field"
