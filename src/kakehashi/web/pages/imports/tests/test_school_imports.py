"""Imports refuse a bad file row by row, in English and Japanese, and write nothing; good files land."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from django.db import transaction
from django.utils import translation

from kakehashi.web.core.models import Change
from kakehashi.web.core.tabular import ImportRefusedError
from kakehashi.web.pages.imports.schools import plan_bells, plan_classes, plan_lesson_grid, plan_p29, plan_schools
from kakehashi.web.schools.models import BellPeriod, Homeroom, LessonSlot, School

pytestmark = pytest.mark.django_db

SCHOOLS_CSV = """code,name,name_ja,level,lat,lon,visit_days_min,visit_days_max
T01,Chuo Elementary School,中央小学校,elementary,36.32,139.00,1,2
T02,Kita Junior High School,北中学校,中学校,36.35,139.01,2,3
"""


def apply(plan: Any) -> None:
    with transaction.atomic():
        plan.apply()


def refused(call: Any) -> list[str]:
    with pytest.raises(ImportRefusedError) as error:
        call()
    return [str(p) for p in error.value.problems]


def test_a_good_school_file_creates_the_schools_under_the_board(world: Any) -> None:
    north, _, _ = world
    plan = plan_schools("schools.csv", SCHOOLS_CSV.encode(), board=north.board)
    assert plan.summary == {"create": 2, "update": 0}
    apply(plan)
    kita = School.objects.get(code="T02")
    assert (kita.level, kita.name_ja, kita.board, kita.visit_days_min) == ("junior_high", "北中学校", north.board, 2)


def test_every_bad_row_is_named_with_its_column_in_the_readers_language_and_nothing_is_written(world: Any) -> None:
    north, _, _ = world
    bad = SCHOOLS_CSV + "T03,,南小学校,university,91,139,3,1\nT01,Again,,elementary,36.3,139.0,,\n"
    problems = refused(lambda: plan_schools("schools.csv", bad.encode(), board=north.board))
    assert 'schools.csv, row 4, column "name": is empty' in problems
    assert any(p.startswith('schools.csv, row 4, column "level"') and "university" in p for p in problems)
    assert any('row 4, column "lat"' in p and "outside" in p for p in problems)
    with translation.override("ja"):
        japanese = refused(lambda: plan_schools("schools.csv", bad.encode(), board=north.board))
    assert "schools.csv、4行目、「name」列：空欄です" in japanese
    assert any("4行目、「lat」列" in p and "範囲外" in p and "outside" not in p for p in japanese)
    assert any('row 4, column "visit_days_max"' in p for p in problems)
    assert any('row 5, column "code"' in p and "row 2" in p for p in problems)
    assert not School.objects.filter(code__startswith="T").exists()


def test_a_missing_column_and_a_wrong_file_type_are_refused_before_any_row(world: Any) -> None:
    north, _, _ = world
    problems = refused(lambda: plan_schools("s.csv", b"code,name\nT1,x\n", board=north.board))
    assert 's.csv, row 1, column "level": this column is missing' in problems
    assert refused(lambda: plan_schools("s.pdf", b"%PDF", board=north.board)) == [
        "s.pdf: must be a .csv or .xlsx file"
    ]


def test_a_shift_jis_csv_from_japanese_excel_is_read(world: Any) -> None:
    north, _, _ = world
    apply(plan_schools("schools.csv", SCHOOLS_CSV.encode("cp932"), board=north.board))
    assert School.objects.get(code="T01").name_ja == "中央小学校"


def test_an_excel_workbook_is_read_like_a_csv_file(world: Any) -> None:
    north, _, _ = world
    book = openpyxl.Workbook()
    sheet = book.active
    for line in SCHOOLS_CSV.strip().splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    apply(plan_schools("schools.xlsx", buffer.getvalue(), board=north.board))
    assert School.objects.filter(code__in=["T01", "T02"]).count() == 2


def test_a_failure_while_writing_rolls_back_every_row_and_its_log(world: Any) -> None:
    north, _, _ = world
    plan = plan_schools("schools.csv", SCHOOLS_CSV.encode(), board=north.board)
    before = Change.objects.count()
    original = plan.apply

    def apply_then_fail() -> None:
        original()
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError), transaction.atomic():
        apply_then_fail()
    assert not School.objects.filter(code__startswith="T").exists() and Change.objects.count() == before


def test_bells_that_overlap_or_end_before_they_start_are_refused(world: Any) -> None:
    north, _, _ = world
    code = north.schools[0].code
    text = f"school,period,start,end\n{code},1,08:50,09:35\n{code},2,09:30,10:15\n{code},3,11:00,10:40\n"
    problems = refused(lambda: plan_bells("bells.csv", text.encode(), schools_in_scope=None))
    assert any('row 3, column "start"' in p and "overlaps period 1 on row 2" in p for p in problems)
    assert any('row 4, column "end"' in p and "is not after the start" in p for p in problems)


def test_a_bell_file_replaces_the_schools_bells_with_a_wednesday_variant(world: Any) -> None:
    north, _, _ = world
    code = north.schools[0].code
    text = f"school,variant,period,start,end\n{code},default,1,08:45,09:30\n{code},水,1,08:45,09:25\n"
    apply(plan_bells("bells.csv", text.encode(), schools_in_scope=None))
    assert sorted(BellPeriod.objects.filter(school__code=code).values_list("variant", "period")) == [
        ("default", "1"),
        ("wed", "1"),
    ]


def test_classes_outside_the_users_schools_are_refused(world: Any) -> None:
    north, south, _ = world
    text = f"school,class,grade,weight\n{south.schools[0].code},1-1,1,2\n{north.schools[0].code},one,1,1\n"
    problems = refused(lambda: plan_classes("c.csv", text.encode(), schools_in_scope={north.schools[0].code}))
    assert any('row 2, column "school"' in p for p in problems)
    assert any('row 3, column "class"' in p and "grade-class" in p for p in problems)


def test_the_jte_grid_becomes_the_schools_lessons_with_their_teachers(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    Homeroom.objects.get_or_create(school=school, name="5-1", defaults={"grade": 5})
    Homeroom.objects.get_or_create(school=school, name="6-1", defaults={"grade": 6})
    period = school.bells.filter(variant="default").order_by("start").first().period
    text = f'period,mon,tue,wed,thu,fri\n{period},5-1 (Sato),,"5-1; 6-1（田中）",,\n'
    apply(plan_lesson_grid("grid.csv", text.encode(), school=school))
    active = LessonSlot.objects.filter(school=school, active=True)
    assert sorted(active.values_list("homeroom__name", "day", "teacher")) == [
        ("5-1", "mon", "Sato"),
        ("5-1", "wed", ""),
        ("6-1", "wed", "田中"),
    ]


def test_a_grid_cell_names_the_rotation_weeks_a_lesson_is_held_in(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    Homeroom.objects.get_or_create(school=school, name="5-1", defaults={"grade": 5})
    Homeroom.objects.get_or_create(school=school, name="6-1", defaults={"grade": 6})
    period = school.bells.filter(variant="default").order_by("start").first().period
    text = f'period,mon,tue,wed\n{period},5-1 (Sato) [A],6-1 ［Ｂ週］,"5-1 [AC]; 6-1"\n'
    apply(plan_lesson_grid("grid.csv", text.encode(), school=school))
    active = LessonSlot.objects.filter(school=school, active=True)
    assert sorted(active.values_list("homeroom__name", "day", "weeks")) == [
        ("5-1", "mon", [1]),
        ("5-1", "wed", [1, 3]),
        ("6-1", "tue", [2]),
        ("6-1", "wed", []),
    ]
    problems = refused(lambda: plan_lesson_grid("grid.csv", f"period,mon\n{period},5-1 [E]\n".encode(), school=school))
    assert any('row 2, column "mon"' in p and "5-1 [B]" in p for p in problems)


def test_a_grid_cell_naming_an_unknown_class_or_period_is_refused_by_cell(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    text = "period,mon,tue\n99,1-1,\n1,,9-9\n1,,hello\n"
    problems = refused(lambda: plan_lesson_grid("grid.csv", text.encode(), school=school))
    assert any('row 2, column "period"' in p for p in problems)
    assert any('row 3, column "tue"' in p and "no class 9-9" in p for p in problems)
    assert any('row 4, column "tue"' in p and "hello" in p for p in problems)


def test_schools_come_from_an_mlit_p29_file_for_the_chosen_municipality_and_kinds(world: Any) -> None:
    north, _, _ = world
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [139.0, 36.3]},
            "properties": {
                "P29_001": "10202",
                "P29_002": "B110210200018",
                "P29_003": 16001,
                "P29_004": "中央小学校",
                "P29_005": "高崎市高松町",
                "P29_006": 3,
                "P29_007": 1,
            },
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [139.1, 36.4]},
            "properties": {
                "P29_001": "10202",
                "P29_002": "C110210200016",
                "P29_003": 16002,
                "P29_004": "北中学校",
                "P29_005": "高崎市",
                "P29_006": 3,
                "P29_007": 1,
            },
        },
    ]
    content = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    plan = plan_p29("p29.geojson", content, board=north.board, municipality="10202", kinds=["elementary"])
    assert plan.summary == {"create": 1, "update": 0}
    apply(plan)
    school = School.objects.get(code="B110210200018")
    assert (school.name_ja, school.level, school.mext_code) == ("中央小学校", "elementary", "B110210200018")
    assert school.name.endswith("Elementary School")
    problems = refused(
        lambda: plan_p29("p29.geojson", b"{}", board=north.board, municipality="10202", kinds=["elementary"])
    )
    assert problems and problems[0].startswith("p29.geojson: ")


def test_a_school_file_may_give_the_annual_contracted_days(world: Any) -> None:
    north, _, _ = world
    text = "code,name,level,lat,lon,annual_visit_days\nT20,Nishi Elementary School,elementary,36.3,139.0,116\n"
    apply(plan_schools("s.csv", text.encode(), board=north.board))
    assert School.objects.get(code="T20").annual_visit_days == 116
    problems = refused(lambda: plan_schools("s.csv", text.replace("116", "400").encode(), board=north.board))
    assert any('column "annual_visit_days"' in p and "400 is outside 0..366" in p for p in problems)
