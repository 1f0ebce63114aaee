"""Rebuild src/kakehashi/data/gunma_schools.json from the MLIT P29 school GeoJSON.

    .venv/bin/python scripts/extract_schools.py /work/shared/data/schools/P29-21_10.geojson

Keeps the municipal elementary, junior high and compulsory-education schools that are not
temporarily closed (the same filter `kakehashi generate --schools-geojson` applies), renames the
P29_* fields and writes them with the credit that the data's terms of use ask for.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from kakehashi.timetable.generate_sites import GenerateError, load_school_sites, sites_to_json

TARGET = Path(__file__).resolve().parents[1] / "src" / "kakehashi" / "data" / "gunma_schools.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("geojson", type=Path, help="an MLIT P29 school GeoJSON file (e.g. P29-21_10.geojson)")
    parser.add_argument("-o", "--output", type=Path, default=TARGET, help=f"where to write (default {TARGET})")
    args = parser.parse_args()
    try:
        sites = load_school_sites(args.geojson)
    except GenerateError as error:
        print(f"extract_schools: error: {error}", file=sys.stderr)
        return 2
    args.output.write_text(sites_to_json(sites), encoding="utf-8")
    kinds = Counter(site.kind for site in sites)
    municipalities = len({site.municipality for site in sites})
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"wrote {args.output}: {len(sites)} schools ({summary}) in {municipalities} municipalities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
