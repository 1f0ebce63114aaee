"""`make bench` (fourth part): what the import limits cost (issue 16). For each kind of file an import reads
(schools as CSV and .xlsx, MLIT P29 school data, bells, classes, a JTE's lesson grid, participants, a school's
events), the largest file the limits accept (KAKEHASHI_IMPORT_MAX_ROWS rows, under KAKEHASHI_IMPORT_MAX_BYTES),
and three files refused by them (one byte too many, one row too many, an .xlsx zip bomb): the wall time and
peak memory of reading, planning and applying it (rolled back), each in a fresh child process so one file's
memory does not hide another's. Written to benchmarks/imports.md, which run.py includes in RESULTS.md.

The database is a scratch SQLite file with the test world (two programs, their schools and people); the
import runs as the first program's coordinator, through the same functions as the import pages and the API.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "src"


# --- the files -------------------------------------------------------------------------------------------------


def as_csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def as_xlsx(header: list[str], rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("import")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def school_rows(count: int) -> list[list[str]]:
    return [
        [f"B{n:05d}", f"School {n}", f"第{n}小学校", "elementary", f"{36 + n % 1000 / 2000:.4f}",
         f"{139 + n % 997 / 2000:.4f}", "1", "3", "1", "", "高崎市", ""]
        for n in range(count)
    ]


def bell_rows(schools: list[str], count: int) -> list[list[str]]:
    """Short periods, so that `count` rows fit the schools' days without two overlapping."""
    variants = ["default", "mon", "tue", "wed", "thu", "fri"]
    rows = []
    per_day = -(-count // (len(schools) * len(variants)))
    for school in schools:
        for variant in variants:
            for period in range(1, per_day + 1):
                start = 6 * 60 + 2 * (period - 1)
                rows.append([school, variant, str(period), f"{start // 60:02d}:{start % 60:02d}",
                             f"{(start + 1) // 60:02d}:{(start + 1) % 60:02d}"])
    return rows[:count]


def class_rows(schools: list[str], count: int) -> list[list[str]]:
    return [[schools[n % len(schools)], f"{1 + n // len(schools) // 99 % 99}-{1 + n // len(schools) % 99}",
             str(1 + n % 6), "1"] for n in range(count)]


def participant_rows(count: int) -> list[list[str]]:
    return [
        [f"P{n:05d}", "alt", f"Person {n}", "パーソン", "woman", "1998-05-02", "Australia", "Oceania",
         "2026-04-01", "N3", "", "36.33", "139.01", "bicycle", "elementary; junior_high", "20", "25", "6", "1",
         "5", "60", ""]
        for n in range(count)
    ]


def event_rows(count: int) -> list[list[str]]:
    import datetime as dt

    first = dt.date(2026, 4, 1)
    kinds = ["ceremony", "test", "shortened", "culture_festival", "closure"]
    return [[(first + dt.timedelta(days=n % 365)).isoformat(), "", f"行事 {n}", kinds[n % len(kinds)]]
            for n in range(count)]


def p29_records(max_bytes: int, max_schools: int) -> bytes:
    """Kakehashi's school-data form of MLIT P29 (what load_school_sites reads): as many schools as the limits
    accept (the rows limit bounds the schools chosen; 5 MB would hold about 30,000)."""
    records, size, n = [], 200, 0
    while True:
        record = json.dumps({"municipality": "10202", "code": f"B1{n:011d}", "kind": "elementary",
                             "name_ja": f"第{n}小学校", "address": "高崎市高松町", "lat": 36.3 + n % 1000 / 10000,
                             "lon": 139.0 + n % 997 / 10000}, ensure_ascii=False)
        if size + len(record.encode()) + 2 > max_bytes or n == max_schools:
            break
        records.append(record)
        size += len(record.encode()) + 2
        n += 1
    return ('{"source":"benchmark","schools":[\n' + ",\n".join(records) + "\n]}").encode()


def zip_bomb(expanded_bytes: int) -> bytes:
    """A small .xlsx whose one sheet unpacks to more than `expanded_bytes`: the same cell a million times."""
    row = '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>'
    rows, size, n = [], 0, 1
    while size <= expanded_bytes:
        text = row.format(n=n)
        rows.append(text)
        size += len(text)
        n += 1
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData>' + "".join(rows) + "</sheetData></worksheet>")
    source = zipfile.ZipFile(io.BytesIO(as_xlsx(["school", "class", "grade", "weight"], [])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            content = source.read(item.filename)
            bomb.writestr(item.filename, sheet if item.filename.startswith("xl/worksheets/") else content)
    return out.getvalue()


# --- in the child ------------------------------------------------------------------------------------------------


def child_prepare() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from kakehashi.web.testing import world

    call_command("migrate", verbosity=0)
    world()


def child_measure(case: str) -> dict[str, Any]:
    import resource
    import time

    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from kakehashi.web.accounts.models import Role
    from kakehashi.web.calendars.imports import plan_import
    from kakehashi.web.calendars.owners import Owner
    from kakehashi.web.core.tabular import ImportRefusedError, read_upload
    from kakehashi.web.organizations.models import Program
    from kakehashi.web.pages.imports.people import PARTICIPANT_COLUMNS
    from kakehashi.web.pages.imports.schools import BELL_COLUMNS, CLASS_COLUMNS, LESSON_GRID_COLUMNS, SCHOOL_COLUMNS
    from kakehashi.web.pages.imports.views import import_plan
    from kakehashi.web.schools.models import School

    max_rows, max_bytes = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_BYTES
    program = Program.objects.get(name="North program")
    user = Role.objects.filter(kind="coordinator", program=program).order_by("user__username").first().user
    board = program.contracts.first().organization
    schools = list(School.objects.filter(organization__parent=board).order_by("code"))
    codes = [school.code for school in schools]
    params: dict[str, Any] = {"board": board.pk, "program": program.pk, "school": codes[0],
                              "municipality": "10202", "school_kinds": ["elementary"]}
    # A lesson grid has one row per period of the school's bells: the largest accepted one names every class
    # of the school in every period of every day.
    first = schools[0]
    every_class = "; ".join(first.homerooms.values_list("name", flat=True))
    periods = sorted(set(first.bells.values_list("period", flat=True)), key=lambda p: (len(p), p))
    lesson_rows = [[period, *[every_class] * 5] for period in periods]
    # Built lazily: only this case's file is made, so the others' bytes do not count in its memory.
    files: dict[str, tuple[str, str, Any]] = {
        "schools-csv": ("schools", "schools.csv", lambda: as_csv(SCHOOL_COLUMNS, school_rows(max_rows))),
        "schools-xlsx": ("schools", "schools.xlsx", lambda: as_xlsx(SCHOOL_COLUMNS, school_rows(max_rows))),
        "p29": ("p29", "P29-13_10.json", lambda: p29_records(max_bytes, max_rows)),
        "bells": ("bells", "bells.csv", lambda: as_csv(BELL_COLUMNS, bell_rows(codes, max_rows))),
        "classes": ("classes", "classes.csv", lambda: as_csv(CLASS_COLUMNS, class_rows(codes, max_rows))),
        "lessons": ("lessons", "lessons.csv", lambda: as_csv(LESSON_GRID_COLUMNS, lesson_rows)),
        "participants": (
            "participants", "participants.csv", lambda: as_csv(PARTICIPANT_COLUMNS, participant_rows(max_rows))
        ),
        "events": ("events", "events.csv", lambda: as_csv(["date", "ends", "name", "kind"], event_rows(max_rows))),
        "too-many-bytes": ("classes", "classes.csv", lambda: b"school,class,grade,weight\n" + b"#" * max_bytes),
        "too-many-rows": ("classes", "classes.csv", lambda: as_csv(CLASS_COLUMNS, class_rows(codes, max_rows + 1))),
        "zip-bomb": ("classes", "classes.xlsx", lambda: zip_bomb(settings.IMPORT_MAX_EXPANDED_BYTES)),
    }
    kind, name, make = files[case]
    content: bytes = make()
    upload = SimpleUploadedFile(name, content)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    try:
        with transaction.atomic():
            data = read_upload(upload)
            if kind == "events":
                plan: Any = plan_import(Owner(school=schools[0]), name, data)
            else:
                plan = import_plan(kind, name, data, params, user)
            plan.apply()
            transaction.set_rollback(True)  # every case starts from the same database
        summary = getattr(plan, "summary", None) or {"events": len(plan.file.events)}
        outcome = "accepted: " + ", ".join(f"{key} {value:,}" for key, value in summary.items())
    except ImportRefusedError as refused:
        outcome = f"refused: {refused.problems[0].english}" + (
            f" (+{len(refused.problems) - 1} more problems)" if len(refused.problems) > 1 else ""
        )
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"case": case, "kind": kind, "file": name, "bytes": len(content), "outcome": outcome,
            "seconds": seconds, "peak_mib": peak / 1024, "growth_mib": max(0, peak - before) / 1024}


# --- the parent ------------------------------------------------------------------------------------------------

CASES = ["schools-csv", "schools-xlsx", "p29", "bells", "classes", "lessons", "participants", "events",
         "too-many-bytes", "too-many-rows", "zip-bomb"]


def run_child(environment: dict[str, str], *arguments: str) -> str:
    done = subprocess.run([sys.executable, __file__, *arguments], env=environment, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmarks/imports.py {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("-o", "--output", type=Path, default=HERE / "imports.md")
    parser.add_argument("--cases", nargs="+", choices=CASES, default=CASES)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "prepare":
            child_prepare()
        else:
            print(json.dumps(child_measure(args.child[1])))
        return 0

    with tempfile.TemporaryDirectory(prefix="kakehashi-imports-bench-") as folder:
        base = Path(folder) / "base.sqlite3"
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "kakehashi.web.test_settings",
                       "KAKEHASHI_DATA_DIR": folder, "DATABASE_URL": f"sqlite:///{base}",
                       "PYTHONPATH": os.pathsep.join(filter(None, [str(SOURCE), os.environ.get("PYTHONPATH")]))}
        print("preparing the database (migrate, two programs)…", file=sys.stderr)
        run_child(environment, "--child", "prepare")
        results = []
        for case in args.cases:
            copy = Path(folder) / f"{case}.sqlite3"
            shutil.copyfile(base, copy)
            line = run_child({**environment, "DATABASE_URL": f"sqlite:///{copy}"}, "--child", "measure", case)
            result = json.loads(line.strip().splitlines()[-1])
            print(f"{case}: {result['seconds']:.2f} s, peak {result['peak_mib']:.0f} MiB — {result['outcome']}",
                  file=sys.stderr)
            results.append(result)
    args.output.write_text(report(results))
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def report(results: list[dict[str, Any]]) -> str:
    limits = {name: os.environ.get(name, default) for name, default in
              (("KAKEHASHI_IMPORT_MAX_BYTES", "5242880"), ("KAKEHASHI_IMPORT_MAX_EXPANDED_BYTES", "20971520"),
               ("KAKEHASHI_IMPORT_MAX_ROWS", "10000"))}
    lines = [
        "## What the import limits cost",
        "",
        f"`python benchmarks/imports.py` (part of `make bench`), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, on "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite; load average {os.getloadavg()[1]:.1f} over the last 5 minutes at the end (the machine may be "
        "shared: times are wall times). Limits: "
        + ", ".join(f"`{name}={value}`" for name, value in limits.items()) + ".",
        "",
        "Each row is one file sent through the import functions the pages and the API call (read, plan, apply, "
        "rolled back), in a fresh process: *time* is the wall time of that, *peak* the process's peak resident "
        "memory (the file is made in the same process first, so that counts too: the zip bomb's peak is the "
        "benchmark building it), *added* how much the import itself added to it. The first rows are the largest "
        "files the "
        "limits accept; the last three are refused by them, before the file is parsed.",
        "",
        "| file | kind | size | time | peak | added | outcome |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        lines.append(f"| {r['case']} (`{r['file']}`) | {r['kind']} | {r['bytes'] / 1_048_576:.2f} MB | "
                     f"{r['seconds']:.2f} s | {r['peak_mib']:.0f} MiB | {r['growth_mib']:.0f} MiB | "
                     f"{r['outcome'].replace('|', '/')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
