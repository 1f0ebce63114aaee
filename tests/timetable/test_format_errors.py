"""Reading instances and solutions: defaults, round trips, and every refusal naming its JSON path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from week_builders import alt, instance_doc, school

from kakehashi.timetable.format import (
    FormatError,
    instance_to_json,
    load_instance,
    parse_instance,
    parse_solution,
    solution_to_json,
)
from kakehashi.timetable.instance import Status

SPEC = Path(__file__).resolve().parents[2] / "docs" / "weekly-timetable.md"


def spec_examples() -> tuple[dict[str, Any], dict[str, Any]]:
    blocks = re.findall(r"```json\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)
    return json.loads(blocks[0]), json.loads(blocks[1])


def refusal(document: dict[str, Any]) -> str:
    with pytest.raises(FormatError) as caught:
        parse_instance(document)
    return str(caught.value)


def base() -> dict[str, Any]:
    return instance_doc([school(1), school(2)], [alt(1)])


def test_the_spec_example_is_refused_for_its_lesson_in_a_period_that_does_not_exist() -> None:
    example, _ = spec_examples()
    assert refusal(example) == (
        'schools[0].lessons[0].period: period "2" does not exist on mon at S01 (periods: 1)')


def test_the_spec_example_reads_once_its_references_are_made_consistent() -> None:
    example, solution = spec_examples()
    example["schools"][0]["lessons"][0].update(id="S01/1-1/mon/1", period="1")
    example["travel"]["minutes"] = []
    example["alts"][0]["schools"] = ["S01"]
    example["forbidden"] = []
    instance = parse_instance(example)
    assert instance.schools[0].lessons[0].start == 8 * 60 + 50
    assert instance.schools[0].periods_on("wed")[0].end == 9 * 60 + 35
    assert parse_solution(solution).status is Status.OPTIMAL


def test_defaults_are_applied_where_fields_are_left_out() -> None:
    document = base()
    del document["schools"][0]["max_alts"]
    document["alts"] = [{"id": "A01", "name": "Jo", "home": {"lat": 36.3, "lon": 139.0}, "mode": "car",
                         "levels": ["elementary"]}]
    instance = parse_instance(document)
    assert instance.days == ("mon", "tue", "wed", "thu", "fri")
    assert instance.weights.coverage_scale == 1000 and instance.weights.extra_alt == 300
    assert instance.travel.detour == 1.3 and instance.travel.modes["transit"].overhead_min == 10
    assert instance.schools[0].max_alts == 2
    a = instance.alts[0]
    assert (a.classes_per_week.min, a.classes_per_week.max, a.max_classes_per_day, a.max_schools_per_day,
            a.max_schools_per_week, a.max_commute_minutes, a.unavailable_days, a.schools) == (
        20, 25, 6, 1, 5, 60, (), None)


def test_a_mode_given_replaces_its_defaults_and_a_new_mode_may_be_added() -> None:
    document = base()
    document["travel"] = {"modes": {"car": {"kmh": 20}, "scooter": {"kmh": 25, "overhead_min": 2}}}
    modes = parse_instance(document).travel.modes
    assert (modes["car"].kmh, modes["car"].overhead_min) == (20, 0)
    assert (modes["scooter"].kmh, modes["scooter"].overhead_min) == (25, 2)
    assert modes["walk"].kmh == 4.5


def test_writing_and_reading_again_gives_the_same_instance() -> None:
    instance = parse_instance(base())
    assert parse_instance(json.loads(json.dumps(instance_to_json(instance)))) == instance


def test_a_solution_written_and_read_again_is_the_same() -> None:
    _, document = spec_examples()
    solution = parse_solution(document)
    assert parse_solution(solution_to_json(solution)) == solution


def mutate(path: str, value: Any) -> dict[str, Any]:
    """The base document with one value replaced; `path` like `schools.0.bells.default.0.start`."""
    document = base()
    *parents, last = path.split(".")
    target: Any = document
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is DELETE:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return document


DELETE = object()


@pytest.mark.parametrize(("path", "value", "message"), [
    ("colour", "blue", "colour: unknown field (allowed here: format, name, schools, alts, days, weights, travel, "
                       "fixed, forbidden)"),
    ("schools.0.colour", "blue", "schools[0].colour: unknown field"),
    ("name", DELETE, "name: missing required field"),
    ("format", "kakehashi/week@2", 'format: "kakehashi/week@2" is not "kakehashi/week@1"'),
    ("schools.0.bells.default.0.start", "8:5", 'schools[0].bells.default[0].start: "8:5" is not HH:MM'),
    ("schools.0.bells.default.0.start", "25:00",
     'schools[0].bells.default[0].start: "25:00" is not a time of day (HH:MM, 00:00-23:59)'),
    ("schools.0.bells.default.0.end", "08:45", "schools[0].bells.default[0].end: 08:45 is not after start 08:45"),
    ("schools.0.bells.default.1.start", "09:00",
     'schools[0].bells.default[1]: period "2" (09:00-10:20) overlaps period "1" (08:45-09:30)'),
    ("schools.1.id", "S01", 'schools[1].id: duplicate school id "S01" (first used at schools[0].id)'),
    ("schools.0.lessons.1.id", "S01/5-1/mon/1",
     'schools[0].lessons[1].id: duplicate lesson id "S01/5-1/mon/1" (first used at schools[0].lessons[0].id)'),
    ("schools.0.homerooms.1.id", "5-1",
     'schools[0].homerooms[1].id: duplicate homeroom id "5-1" (first used at schools[0].homerooms[0].id)'),
    ("schools.0.lessons.0.homeroom", "9-9", 'schools[0].lessons[0].homeroom: homeroom "9-9" does not exist in '
                                            "school S01"),
    ("schools.0.lessons.0.day", "sat", 'schools[0].lessons[0].day: "sat" is not one of the instance\'s days '
                                       "(mon, tue, wed, thu, fri)"),
    ("schools.0.level", "college", 'schools[0].level: "college" is not one of elementary, junior_high, high, '
                                   "special_needs"),
    ("schools.0.visit_days.max", -1, "schools[0].visit_days.max: -1 is below the minimum of 0"),
    ("schools.0.homerooms.0.weight", 0, "schools[0].homerooms[0].weight: 0 is below the minimum of 1"),
    ("schools.0.location.lat", "36.3", 'schools[0].location.lat: expected a number, found "36.3"'),
    ("alts.0.mode", "horse", 'alts[0].mode: "horse" is not one of walk, bicycle, car, transit'),
    ("alts.0.max_schools_per_day", 3, "alts[0].max_schools_per_day: 3 is above the maximum of 2"),
    ("alts.0.classes_per_week", {"min": 20}, "alts[0].classes_per_week.max: missing required field"),
    ("alts.0.schools", ["S09"], 'alts[0].schools[0]: school "S09" does not exist'),
    ("alts.0.levels", [], "alts[0].levels: expected a non-empty list"),
    ("alts.0.max_classes_per_day", True, "alts[0].max_classes_per_day: expected a whole number, found true"),
    ("fixed", [{"alt": "A09", "day": "mon", "school": "S01"}], 'fixed[0].alt: ALT "A09" does not exist'),
    ("forbidden", [{"alt": "A01", "school": "S09"}], 'forbidden[0].school: school "S09" does not exist'),
    ("travel", {"minutes": [{"from": "S01", "to": "S08", "mode": "car", "minutes": 5}]},
     'travel.minutes[0].to: "S08" is neither a school id nor an ALT id (for their home)'),
])
def test_a_malformed_instance_is_refused_with_its_json_path(path: str, value: Any, message: str) -> None:
    assert refusal(mutate(path, value)).startswith(message)


def test_a_lesson_in_a_period_that_a_wednesday_schedule_does_not_have_is_refused() -> None:
    document = base()
    document["schools"][0]["bells"]["wed"] = [{"period": "1", "start": "08:45", "end": "09:25"}]
    document["schools"][0]["lessons"].append({"id": "S01/5-1/wed/3", "homeroom": "5-1", "day": "wed", "period": "3"})
    assert refusal(document) == 'schools[0].lessons[3].period: period "3" does not exist on wed at S01 (periods: 1)'


def test_a_fixed_visit_to_a_forbidden_school_is_refused() -> None:
    document = base()
    document["forbidden"] = [{"alt": "A01", "school": "S02"}]
    document["fixed"] = [{"alt": "A01", "day": "mon", "school": "S02"}]
    assert refusal(document) == "fixed[0]: ALT A01 is fixed at S02 on mon, but that school is forbidden for them"


def test_a_key_given_twice_in_one_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"format": "kakehashi/week@1", "name": "a", "name": "b"}', encoding="utf-8")
    with pytest.raises(FormatError, match='the key "name" appears twice in one object'):
        load_instance(path)


def test_a_file_that_is_not_json_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": ,\n}', encoding="utf-8")
    with pytest.raises(FormatError, match=r"broken.json: not valid JSON: Expecting value at line 2 column 13"):
        load_instance(path)


@pytest.mark.parametrize(("change", "message"), [
    ({"status": "great"}, 'status: "great" is not one of optimal, feasible, infeasible, unknown'),
    ({"colour": 1}, "colour: unknown field"),
    ({"visits": [{"alt": "A01", "day": "mon"}]}, "visits[0].school: missing required field"),
    ({"objective": 1.5}, "objective: expected a whole number, found 1.5"),
])
def test_a_malformed_solution_is_refused_with_its_json_path(change: dict[str, Any], message: str) -> None:
    _, document = spec_examples()
    document.update(change)
    with pytest.raises(FormatError) as caught:
        parse_solution(document)
    assert str(caught.value).startswith(message)


def test_a_solution_naming_unknown_ids_still_reads_because_rule_12_judges_them() -> None:
    _, document = spec_examples()
    document["visits"] = [{"alt": "nobody", "day": "mon", "school": "nowhere"}]
    assert parse_solution(document).visits[0].alt == "nobody"
