"""The benchmark instance set: real Gunma municipalities and synthetic cities, made deterministically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kakehashi.timetable.format import write_json
from kakehashi.timetable.generate import generate_from_sites, generate_synthetic, load_school_sites

HERE = Path(__file__).resolve().parent
INSTANCE_DIR = HERE / "instances"


@dataclass(frozen=True)
class Case:
    name: str
    municipality: str | None = None  # a real municipality from the shipped MLIT data
    schools: int | None = None  # or a synthetic city of this many schools
    alts: int | None = None  # default: one ALT for about 3.3 schools
    prefecture: bool = False  # judged only on: valid within 300 s and 2 GB


CASES: tuple[Case, ...] = (
    Case("synthetic-30", schools=30),
    Case("kiryu-10203", municipality="10203"),
    Case("synthetic-60", schools=60),
    Case("takasaki-10202", municipality="10202"),
    Case("isesaki-10204", municipality="10204"),
    Case("ota-10205", municipality="10205"),
    Case("maebashi-10201", municipality="10201"),
    Case("synthetic-120", schools=120),
    Case("synthetic-200", schools=200),
    Case("synthetic-400", schools=400),
    Case("prefecture-1000", schools=1000, alts=400, prefecture=True),
)


def instance_path(case: Case, seed: int = 1) -> Path:
    """The case's instance file, generated on first use."""
    path = INSTANCE_DIR / f"{case.name}.json"
    if path.exists():
        return path
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    if case.municipality is not None:
        sites = load_school_sites()
        count = sum(1 for s in sites if s.municipality == case.municipality)
        alts = case.alts or max(1, round(count / 3.3))
        document = generate_from_sites(sites, municipality=case.municipality, alts=alts, seed=seed)
    else:
        assert case.schools is not None
        alts = case.alts or max(1, round(case.schools / 3.3))
        document = generate_synthetic(schools=case.schools, alts=alts, seed=seed)
    write_json(path, document)
    return path
