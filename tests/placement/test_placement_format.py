"""Reading `kakehashi/placement@1`: the example and a written instance read back equal, and every
refusal names its JSON path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from placement_builders import document, participant, request

from kakehashi.placement import FormatError, example_instance, instance_to_json, load_instance, parse_instance
from kakehashi.recruitment import Position

DOCS = Path(__file__).resolve().parents[2] / "docs" / "placement-format.md"


def base() -> dict[str, Any]:
    return document(
        [request("R1", "O1"), request("R2", "O3", "SEA", sport="skiing")],
        [participant("P1", preferences=("O1",)), participant("P2", "SEA", coaching=("skiing",))],
    )


def refusal(data: dict[str, Any]) -> str:
    with pytest.raises(FormatError) as caught:
        parse_instance(data)
    return str(caught.value)


def changed(path: list[str | int], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(base())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def test_the_example_reads_and_writes_back_to_an_equal_instance() -> None:
    example = parse_instance(example_instance(seed=3))
    assert parse_instance(json.loads(json.dumps(instance_to_json(example)))) == example
    assert example.posts == 31


def test_the_documented_example_reads() -> None:
    block = DOCS.read_text(encoding="utf-8").split("```json\n")[1].split("```")[0]
    instance = parse_instance(json.loads(block))
    assert [r.id for r in instance.requests] == ["R1", "R2", "R3"]


def test_optional_fields_take_their_defaults() -> None:
    data = document(
        [{"id": "R1", "organization": {"id": "O1", "name": "Ota City Hall"}, "position": "CIR", "count": 1}],
        [{"id": "P1", "name": "Alex Kim", "position": "CIR"}],
    )
    instance = parse_instance(data)
    assert instance.requests[0].levels == () and instance.requests[0].japanese is None
    only = instance.participants[0]
    assert only.position is Position.CIR
    assert (only.preferences, only.japanese, only.renewing_at, only.wants_transfer) == ((), None, None, False)


def test_an_unknown_field_is_refused_with_its_path() -> None:
    assert refusal(changed(["requests", 0, "colour"], "red")) == (
        "requests[0].colour: unknown field (allowed here: id, organization, position, count, levels, japanese, sport)"
    )


def test_a_missing_field_is_refused_with_its_path() -> None:
    data = base()
    del data["participants"][1]["position"]
    assert refusal(data) == "participants[1].position: missing required field"


def test_a_count_that_is_not_a_whole_number_is_refused() -> None:
    assert refusal(changed(["requests", 0, "count"], "2")) == 'requests[0].count: expected a whole number, found "2"'
    assert refusal(changed(["requests", 0, "count"], 0)) == "requests[0].count: 0 is below the minimum of 1"


def test_another_format_is_refused() -> None:
    assert refusal(changed(["format"], "kakehashi/week@1")) == (
        'format: "kakehashi/week@1" is not "kakehashi/placement@1"'
    )


def test_an_unknown_position_is_refused() -> None:
    assert refusal(changed(["participants", 0, "position"], "JTE")) == (
        'participants[0].position: "JTE" is not one of ALT, CIR, SEA'
    )


def test_an_alt_request_must_name_its_school_levels() -> None:
    assert refusal(changed(["requests", 0, "levels"], [])) == (
        "requests[0].levels: an ALT request names at least one school level "
        "(elementary, junior_high, high, special_needs)"
    )


def test_an_sea_request_must_name_its_sport_and_no_other_request_may() -> None:
    assert refusal(changed(["requests", 1, "sport"], None)) == "requests[1].sport: an SEA request names its sport"
    assert refusal(changed(["requests", 0, "sport"], "judo")) == (
        "requests[0].sport: only SEA requests name a sport; this is an ALT request"
    )


def test_a_request_id_used_twice_is_refused() -> None:
    assert refusal(changed(["requests", 1, "id"], "R1")) == (
        'requests[1].id: duplicate request id "R1" (first used at requests[0].id)'
    )


def test_one_organization_cannot_have_two_names() -> None:
    data = base()
    data["requests"].append(request("R3", "O1", levels=("high",)))
    data["requests"][2]["organization"]["name"] = "Takasaki City Hall"
    assert refusal(data) == (
        'requests[2].organization.name: organization O1 is named "Takasaki City Board of Education" '
        "at requests[0].organization.name"
    )


def test_a_request_id_that_is_also_an_organization_id_is_refused() -> None:
    assert refusal(changed(["requests", 1, "id"], "O1")) == 'requests[1].id: "O1" is also an organization id'


def test_a_preference_must_name_a_request_or_an_organization_once() -> None:
    assert refusal(changed(["participants", 0, "preferences"], ["O1", "O9"])) == (
        'participants[0].preferences[1]: "O9" is neither a request id nor an organization id'
    )
    assert refusal(changed(["participants", 0, "preferences"], ["R1", "R1"])) == (
        'participants[0].preferences[1]: "R1" is ranked twice'
    )


def test_a_re_contracting_participant_names_an_organization_of_the_file() -> None:
    assert refusal(changed(["participants", 0, "renewing_at"], "O7")) == (
        'participants[0].renewing_at: organization "O7" has no request in this file'
    )


def test_only_a_re_contracting_participant_can_ask_to_transfer() -> None:
    assert refusal(changed(["participants", 0, "wants_transfer"], True)) == (
        "participants[0].wants_transfer: only a re-contracting participant (renewing_at) can ask to transfer"
    )
    assert refusal(changed(["participants", 0, "wants_transfer"], "no")) == (
        'participants[0].wants_transfer: expected true or false, found "no"'
    )


def test_a_japanese_level_outside_the_jlpt_is_refused() -> None:
    assert refusal(changed(["participants", 0, "japanese"], "fluent")) == (
        'participants[0].japanese: "fluent" is not one of N5, N4, N3, N2, N1, native'
    )


def test_a_school_level_outside_the_timetables_is_refused() -> None:
    assert refusal(changed(["participants", 0, "levels"], ["elementary", "university"])) == (
        'participants[0].levels[1]: "university" is not one of elementary, junior_high, high, special_needs'
    )


def test_a_sport_listed_twice_in_any_capitals_is_refused() -> None:
    assert refusal(changed(["participants", 1, "coaching"], ["skiing", "Skiing"])) == (
        'participants[1].coaching[1]: "Skiing" is listed twice'
    )


def test_a_file_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "placement.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(FormatError, match=r"placement\.json: not valid JSON"):
        load_instance(broken)


def test_the_documented_result_is_what_placing_the_documented_example_gives() -> None:
    from kakehashi.placement import place, result_to_json

    blocks = DOCS.read_text(encoding="utf-8").split("```json\n")
    example, documented = (json.loads(block.split("```")[0]) for block in blocks[1:3])
    placed = result_to_json(place(parse_instance(example), time_limit=2, workers=1))
    del placed["stats"], documented["stats"]
    assert placed == documented
