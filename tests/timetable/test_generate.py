"""Generated weeks: repeatable from a seed, readable by the strict parser, true to the curriculum,
and solvable (their own witness passes the checker)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import (
    GenerateError,
    SchoolSite,
    Week,
    generate_from_sites,
    generate_synthetic,
    load_school_sites,
    municipal_week,
    synthetic_week,
)
from kakehashi.timetable.instance import Instance, Solution, Status, Visit
from kakehashi.timetable.travel import TravelTimes

RAW_GEOJSON = Path("/work/shared/data/schools/P29-21_10.geojson")
TAKASAKI = "10202"


@pytest.fixture(scope="module")
def sites() -> list[SchoolSite]:
    return load_school_sites()


@pytest.fixture(scope="module")
def takasaki(sites: list[SchoolSite]) -> Week:
    return municipal_week(sites, municipality=TAKASAKI, alts=25, seed=1)


def lessons_by_homeroom(instance: Instance) -> dict[tuple[str, str], list[str]]:
    """(school id, homeroom id) → the days of its lessons, for every homeroom (even without lessons)."""
    days: dict[tuple[str, str], list[str]] = {(s.id, h.id): [] for s in instance.schools for h in s.homerooms}
    for school in instance.schools:
        for lesson in school.lessons:
            days[(school.id, lesson.homeroom)].append(lesson.day)
    return days


def expected_lessons(level: str, grade: int) -> int:
    if level == "junior_high":
        return 4
    return {1: 0, 2: 0, 3: 1, 4: 1, 5: 2, 6: 2}[grade]


def assert_week_is_sound(week: Week) -> Instance:
    """Everything a generated week promises, whatever its size or seed."""
    instance = parse_instance(week.document)
    days = lessons_by_homeroom(instance)
    for school in instance.schools:
        for room in school.homerooms:
            room_days = days[(school.id, room.id)]
            assert len(room_days) == expected_lessons(school.level, room.grade), (school.id, room.id)
            assert len(set(room_days)) == len(room_days), f"{school.id} {room.id} has two lessons on one day"
        slots = Counter((lesson.teacher, lesson.day, lesson.period) for lesson in school.lessons)
        assert max(slots.values(), default=1) == 1, f"{school.id}: a teacher is in two lessons at once"
    witness = Solution(status=Status.FEASIBLE, visits=tuple(Visit(**visit) for visit in week.witness), lessons=())
    assert check(instance, witness) == []
    return instance


def test_the_shipped_data_has_takasakis_58_elementary_and_25_junior_high_schools(sites: list[SchoolSite]) -> None:
    kinds = Counter(site.kind for site in sites if site.municipality == TAKASAKI)
    assert kinds == {"elementary": 58, "junior_high": 25}


def test_the_shipped_data_holds_every_municipal_school_of_gunma(sites: list[SchoolSite]) -> None:
    assert len(sites) == 462
    assert len({site.municipality for site in sites}) == 35
    assert Counter(site.kind for site in sites) == {"elementary": 302, "junior_high": 159, "compulsory": 1}


def test_the_shipped_data_carries_the_mlit_credit() -> None:
    data = Path(__file__).resolve().parents[2] / "src" / "kakehashi" / "data"
    credit = "出典：国土数値情報（学校データ）（国土交通省）を加工して作成"
    assert credit in json.loads((data / "gunma_schools.json").read_text(encoding="utf-8"))["source"]
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert credit in readme and "Source: MLIT National Land Numerical Information (school data), edited." in readme


def test_takasaki_becomes_83_schools_of_the_right_levels(takasaki: Week) -> None:
    instance = parse_instance(takasaki.document)
    assert Counter(school.level for school in instance.schools) == {"elementary": 58, "junior_high": 25}
    assert [school.id for school in instance.schools[:2]] == ["S001", "S002"]
    assert [alt.id for alt in instance.alts[:2]] == ["A01", "A02"] and len(instance.alts) == 25
    assert instance.name == "Takasaki (10202), week of ALT visits, seed 1"


def test_takasaki_is_sound_and_solvable_by_its_witness(takasaki: Week) -> None:
    assert_week_is_sound(takasaki)


def test_the_same_seed_gives_the_same_document(sites: list[SchoolSite]) -> None:
    first = generate_from_sites(sites, municipality=TAKASAKI, alts=12, seed=5)
    second = generate_from_sites(sites, municipality=TAKASAKI, alts=12, seed=5)
    assert first == second
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)
    assert generate_synthetic(schools=20, alts=4, seed=9) == generate_synthetic(schools=20, alts=4, seed=9)


def test_different_seeds_give_different_documents(sites: list[SchoolSite]) -> None:
    assert (generate_from_sites(sites, municipality=TAKASAKI, alts=12, seed=1)
            != generate_from_sites(sites, municipality=TAKASAKI, alts=12, seed=2))
    assert generate_synthetic(schools=20, alts=4, seed=1) != generate_synthetic(schools=20, alts=4, seed=2)


def test_a_given_name_replaces_the_default_one(sites: list[SchoolSite]) -> None:
    assert generate_synthetic(schools=3, alts=1, seed=1)["name"] == "Synthetic 3 schools, seed 1"
    assert generate_synthetic(schools=3, alts=1, seed=1, name="Spring")["name"] == "Spring"


def test_classes_have_the_curriculums_number_of_foreign_language_lessons(takasaki: Week) -> None:
    instance = parse_instance(takasaki.document)
    days = lessons_by_homeroom(instance)
    by_level_and_grade = {(s.level, h.grade): len(days[(s.id, h.id)]) for s in instance.schools for h in s.homerooms}
    assert by_level_and_grade == {
        ("elementary", 1): 0, ("elementary", 2): 0, ("elementary", 3): 1, ("elementary", 4): 1,
        ("elementary", 5): 2, ("elementary", 6): 2,
        ("junior_high", 1): 4, ("junior_high", 2): 4, ("junior_high", 3): 4,
    }


def test_grades_five_and_six_weigh_more_than_grades_three_and_four(takasaki: Week) -> None:
    instance = parse_instance(takasaki.document)
    weights = {(s.level, h.grade): h.weight for s in instance.schools for h in s.homerooms}
    assert weights[("elementary", 3)] == weights[("elementary", 4)] == 10
    assert weights[("elementary", 5)] == weights[("elementary", 6)] == 12
    assert weights[("junior_high", 1)] == 10


def test_elementary_periods_last_45_minutes_and_junior_high_periods_50(takasaki: Week) -> None:
    instance = parse_instance(takasaki.document)
    usual = {"elementary": 45, "junior_high": 50}
    for school in instance.schools:
        assert {p.end - p.start for p in school.bells["default"]} == {usual[school.level]}
        assert [p.period for p in school.bells["default"]] == ["1", "2", "3", "4", "5", "6"]
        # A short Wednesday has one period fewer or periods five minutes shorter.
        for periods in school.bells.values():
            assert {p.end - p.start for p in periods} <= {usual[school.level], usual[school.level] - 5}


def test_lesson_ids_name_school_homeroom_day_and_period(takasaki: Week) -> None:
    instance = parse_instance(takasaki.document)
    for school in instance.schools:
        for lesson in school.lessons:
            assert lesson.id == f"{school.id}/{lesson.homeroom}/{lesson.day}/{lesson.period}"
            assert lesson.teacher


def test_every_school_that_must_be_visited_has_an_alt_who_may_go_there(takasaki: Week) -> None:
    instance = parse_instance(takasaki.document)
    travel = TravelTimes(instance)
    for school in instance.schools:
        if school.visit_days.min == 0:
            continue
        assert any(
            instance.school_level_allowed(alt, school) and travel.commute(alt, school.id) <= alt.max_commute_minutes
            for alt in instance.alts
        ), f"{school.id} needs {school.visit_days.min} days but no ALT may go there"


def test_contracts_leave_a_fifth_of_the_alt_days_spare(takasaki: Week) -> None:
    instance = parse_instance(takasaki.document)
    alt_days = sum(len(instance.days) - len(alt.unavailable_days) for alt in instance.alts)
    assert 0 < sum(school.visit_days.min for school in instance.schools) <= 0.8 * alt_days


def test_takasaki_has_a_few_fixed_visits_forbidden_pairs_and_travel_overrides(takasaki: Week) -> None:
    instance = parse_instance(takasaki.document)
    assert 1 <= len(instance.fixed) <= 8
    assert 1 <= len(instance.forbidden) <= 8
    assert 1 <= len(instance.travel.minutes) <= 3
    school_ids = {school.id for school in instance.schools}
    assert all(o.origin in school_ids and o.destination in school_ids for o in instance.travel.minutes)


def test_a_compulsory_education_school_is_emitted_as_an_elementary_school(sites: list[SchoolSite]) -> None:
    (site,) = [site for site in sites if site.kind == "compulsory"]
    document = generate_from_sites(sites, municipality=site.municipality, alts=5, seed=1)
    (school,) = [s for s in document["schools"] if s["name_ja"] == site.name_ja]
    assert school["level"] == "elementary"
    assert sorted({room["grade"] for room in school["homerooms"]}) == [1, 2, 3, 4, 5, 6]


def test_a_synthetic_city_is_seventy_percent_elementary_with_distinct_names() -> None:
    week = synthetic_week(schools=40, alts=8, seed=3)
    instance = assert_week_is_sound(week)
    assert Counter(school.level for school in instance.schools) == {"elementary": 28, "junior_high": 12}
    assert len({school.name for school in instance.schools}) == 40
    assert len({school.name_ja for school in instance.schools}) == 40
    assert all(36.0 < s.location.lat < 36.6 and 138.7 < s.location.lon < 139.3 for s in instance.schools)


def test_a_big_synthetic_city_runs_out_of_names_gracefully() -> None:
    instance = parse_instance(generate_synthetic(schools=150, alts=3, seed=1))
    assert len({school.name_ja for school in instance.schools}) == 150
    assert any("第二" in (school.name_ja or "") for school in instance.schools)


def test_alt_ids_grow_a_digit_from_100_alts() -> None:
    document = generate_synthetic(schools=2, alts=100, seed=1)
    assert [alt["id"] for alt in document["alts"][:1]] == ["A001"]
    assert len({alt["name"] for alt in document["alts"]}) == 100


@pytest.mark.skipif(not RAW_GEOJSON.exists(), reason="the raw MLIT file is not on this machine")
def test_reading_the_raw_geojson_gives_the_shipped_data(sites: list[SchoolSite]) -> None:
    raw = load_school_sites(RAW_GEOJSON)
    assert raw == sites
    assert (generate_from_sites(raw, municipality=TAKASAKI, alts=10, seed=4)
            == generate_from_sites(sites, municipality=TAKASAKI, alts=10, seed=4))


def feature(**changes: Any) -> dict[str, Any]:
    properties = {"P29_001": "10202", "P29_002": "B110220000017", "P29_003": 16001, "P29_004": "中央小学校",
                  "P29_005": "高崎市高松町35-1", "P29_006": 3, "P29_007": 1}
    document: dict[str, Any] = {"type": "Feature", "properties": properties,
                                "geometry": {"type": "Point", "coordinates": [139.0, 36.32]}}
    for key, value in changes.items():
        if key == "geometry":
            document["geometry"] = value
        else:
            properties[key] = value
    return document


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "schools.geojson"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def test_a_raw_file_keeps_only_open_municipal_elementary_and_junior_high_schools(tmp_path: Path) -> None:
    features = [
        feature(),
        feature(P29_002="C1", P29_003=16002, P29_004="中尾中学校"),
        feature(P29_002="X1", P29_006=4),  # private
        feature(P29_002="X2", P29_003=16004),  # high school
        feature(P29_002="X3", P29_007=9),  # temporarily closed
        feature(P29_002="X4", P29_003=16011, geometry=None),  # a kindergarten: its geometry is never read
    ]
    sites = load_school_sites(write(tmp_path, {"type": "FeatureCollection", "features": features}))
    assert [(site.code, site.kind) for site in sites] == [("B110220000017", "elementary"), ("C1", "junior_high")]
    assert sites[0] == SchoolSite(
        "10202", "B110220000017", "elementary", "中央小学校", "高崎市高松町35-1", lat=36.32, lon=139.0)


@pytest.mark.parametrize(("document", "problem"), [
    ("{not json", "not JSON"),
    ([1, 2], "not a GeoJSON FeatureCollection"),
    ({"type": "Feature"}, "a GeoJSON Feature, not a FeatureCollection"),
    ({"type": "FeatureCollection"}, "no list of features"),
    ({"type": "FeatureCollection", "features": [feature(), "x"]}, "features[1] is not an object"),
    ({"type": "FeatureCollection", "features": [feature(geometry=None)]},
     "features[0] (中央小学校) has no coordinates"),
    ({"type": "FeatureCollection", "features": [feature(geometry={"type": "Point", "coordinates": [139]})]},
     "has no coordinates"),
    ({"type": "FeatureCollection", "features": [feature(P29_003="elementary")]}, "P29_003 is \"elementary\""),
    ({"type": "FeatureCollection", "features": [feature(P29_006=4)]}, "no municipal elementary"),
    ({"schools": [{"municipality": "10202"}]}, "schools[0] should be an object with exactly"),
])
def test_a_bad_school_file_is_refused_in_one_line_naming_the_file(tmp_path: Path, document: Any, problem: str) -> None:
    path = write(tmp_path, document)
    with pytest.raises(GenerateError) as caught:
        load_school_sites(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_a_missing_school_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(GenerateError, match=r"nowhere\.geojson: no such file"):
        load_school_sites(tmp_path / "nowhere.geojson")


def test_an_unknown_municipality_is_refused(sites: list[SchoolSite]) -> None:
    with pytest.raises(GenerateError, match="municipality '99999' has no municipal elementary"):
        generate_from_sites(sites, municipality="99999", alts=3, seed=1)


@pytest.mark.parametrize(("schools", "alts", "problem"), [
    (3, 0, "alts must be a whole number of at least 1"),
    (0, 3, "schools must be a whole number of at least 1"),
    (5000, 3, "schools must be at most 2000"),
])
def test_counts_out_of_range_are_refused(schools: int, alts: int, problem: str) -> None:
    with pytest.raises(GenerateError, match=problem):
        generate_synthetic(schools=schools, alts=alts, seed=1)


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(GenerateError, match="name is empty"):
        generate_synthetic(schools=3, alts=1, seed=1, name="  ")


@settings(max_examples=40, deadline=None)
@given(schools=st.integers(1, 15), alts=st.integers(1, 6), seed=st.integers(-(2**40), 2**40))
def test_any_small_synthetic_week_parses_and_is_solvable(schools: int, alts: int, seed: int) -> None:
    week = synthetic_week(schools=schools, alts=alts, seed=seed)
    instance = assert_week_is_sound(week)
    assert len(instance.schools) == schools and len(instance.alts) == alts


def test_real_schools_get_a_romanized_english_name_beside_the_japanese_one() -> None:
    from kakehashi.timetable.generate_names import romanized_school_name

    assert romanized_school_name("中央小学校", "Elementary School") == "Chuo Elementary School"
    assert romanized_school_name("群馬中央中学校", "Junior High School") == "Gunmachuo Junior High School"
