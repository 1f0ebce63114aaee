"""School locations for the generator: the shipped Gunma data, or a raw MLIT P29 GeoJSON file.

Only the schools a municipal board of education sends ALTs to are kept: municipal (P29_006 == 3)
elementary (16001), junior high (16002) and compulsory-education (16014) schools, without the
temporarily closed ones (P29_007 == 9).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

# The credit that the terms of use of the MLIT data ask for on anything made from it.
CREDIT = (
    "出典：国土数値情報（学校データ）（国土交通省）を加工して作成 / "
    "Source: MLIT National Land Numerical Information (school data), edited."
)

KIND_BY_CLASS: dict[int, str] = {16001: "elementary", 16002: "junior_high", 16014: "compulsory"}
KINDS: tuple[str, ...] = ("elementary", "junior_high", "compulsory")
MUNICIPAL = 3
TEMPORARILY_CLOSED = 9
SHIPPED_LABEL = "shipped school data (kakehashi/data/gunma_schools.json)"
_FIELDS = ("municipality", "code", "kind", "name_ja", "address", "lat", "lon")


class GenerateError(ValueError):
    """Input the generator cannot work with, as one line a person can act on."""


@dataclass(frozen=True)
class SchoolSite:
    """One school as the MLIT data knows it: where it is and what it is, not its timetable."""

    municipality: str
    code: str
    kind: str
    name_ja: str
    address: str
    lat: float
    lon: float


def load_school_sites(path: str | Path | None = None) -> list[SchoolSite]:
    """Schools from `path` (a raw P29 GeoJSON file or a file like the shipped data), else the shipped data.

    The result is sorted by municipality and MEXT code, so that generated ids never depend on
    the order of a file."""
    if path is None:
        label = SHIPPED_LABEL
        text = resources.files("kakehashi").joinpath("data", "gunma_schools.json").read_text(encoding="utf-8")
    else:
        label = str(path)
        text = _read_text(Path(path))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise GenerateError(f"{label}: not JSON ({error.msg} at line {error.lineno})") from None
    except RecursionError:
        raise GenerateError(f"{label}: not JSON (arrays or objects nested too deeply)") from None
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        sites = _sites_from_geojson(document, label)
    elif isinstance(document, dict) and "schools" in document:
        sites = _sites_from_records(document["schools"], label)
    elif isinstance(document, dict) and isinstance(document.get("type"), str):
        raise GenerateError(f"{label}: a GeoJSON {document['type']}, not a FeatureCollection")
    else:
        raise GenerateError(f"{label}: not a GeoJSON FeatureCollection (nor Kakehashi school data)")
    if not sites:
        raise GenerateError(f"{label}: no municipal elementary, junior high or compulsory-education schools in it")
    return sorted(sites, key=lambda site: (site.municipality, site.code, site.name_ja))


def sites_to_json(sites: list[SchoolSite]) -> str:
    """The shipped data file: the credit, then one school per line so that changes diff well."""
    lines = [json.dumps(asdict(site), ensure_ascii=False, separators=(",", ":")) for site in sites]
    head = json.dumps(CREDIT, ensure_ascii=False)
    return '{"source":' + head + ',"schools":[\n' + ",\n".join(lines) + "\n]}\n"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GenerateError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise GenerateError(f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError:
        raise GenerateError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise GenerateError(f"{path}: cannot be read ({error.strerror})") from None


def _sites_from_geojson(document: dict[str, Any], label: str) -> list[SchoolSite]:
    features = document.get("features")
    if not isinstance(features, list):
        raise GenerateError(f"{label}: the FeatureCollection has no list of features")
    sites: list[SchoolSite] = []
    for index, feature in enumerate(features):
        where = f"{label}: features[{index}]"
        if not isinstance(feature, dict):
            raise GenerateError(f"{where} is not an object")
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            raise GenerateError(f"{where} has no properties")
        school_class = _code_property(properties, "P29_003", where)
        operator = _code_property(properties, "P29_006", where)
        # P29_007 is 0 when the publisher did not say, so a file without it is not wrong.
        status = _code_property(properties, "P29_007", where) if "P29_007" in properties else 0
        kind = KIND_BY_CLASS.get(school_class)
        if kind is None or operator != MUNICIPAL or status == TEMPORARILY_CLOSED:
            continue
        name = _text_property(properties, "P29_004", where)
        lon, lat = _point(feature.get("geometry"), f"{where} ({name})")
        sites.append(SchoolSite(
            municipality=_municipality(properties.get("P29_001"), where),
            code=_text_property(properties, "P29_002", where),
            kind=kind,
            name_ja=name,
            address=properties["P29_005"] if isinstance(properties.get("P29_005"), str) else "",
            lat=lat,
            lon=lon,
        ))
    return sites


def _code_property(properties: dict[str, Any], key: str, where: str) -> int:
    value = properties.get(key)
    # The published files hold integers; a re-saved file may hold the same codes as text.
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None:
        raise GenerateError(f"{where} has no {key}")
    raise GenerateError(f"{where}: {key} is {json.dumps(value, ensure_ascii=False)}, not a code number")


def _text_property(properties: dict[str, Any], key: str, where: str) -> str:
    value = properties.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GenerateError(f"{where} has no {key} (text)")
    return value.strip()


def _municipality(value: Any, where: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:05d}"
    if not isinstance(value, str) or len(value.strip()) != 5 or not value.strip().isdigit():
        raise GenerateError(f"{where}: P29_001 should be a 5-digit municipality code")
    return value.strip()


def _point(geometry: Any, where: str) -> tuple[float, float]:
    """(lon, lat) of a GeoJSON Point, checked to be on the globe."""
    if not isinstance(geometry, dict) or "coordinates" not in geometry:
        raise GenerateError(f"{where} has no coordinates")
    if geometry.get("type") != "Point":
        raise GenerateError(f"{where} is a {geometry.get('type')}, not a Point")
    coordinates = geometry["coordinates"]
    if (not isinstance(coordinates, list) or len(coordinates) < 2
            or not all(_is_number(c) for c in coordinates[:2])):
        raise GenerateError(f"{where} has no coordinates (expected [longitude, latitude])")
    lon, lat = float(coordinates[0]), float(coordinates[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GenerateError(f"{where} has coordinates off the globe ({lon}, {lat})")
    return lon, lat


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sites_from_records(records: Any, label: str) -> list[SchoolSite]:
    if not isinstance(records, list):
        raise GenerateError(f"{label}: schools is not a list")
    sites: list[SchoolSite] = []
    for index, record in enumerate(records):
        where = f"{label}: schools[{index}]"
        if not isinstance(record, dict) or sorted(record) != sorted(_FIELDS):
            raise GenerateError(f"{where} should be an object with exactly {', '.join(_FIELDS)}")
        if (not all(isinstance(record[key], str) for key in _FIELDS[:5])
                or not all(_is_number(record[key]) for key in ("lat", "lon"))):
            raise GenerateError(f"{where}: text fields must be text and lat/lon numbers")
        if record["kind"] not in KINDS:
            raise GenerateError(f"{where}: kind {record['kind']!r} is not one of {', '.join(KINDS)}")
        sites.append(SchoolSite(
            municipality=record["municipality"], code=record["code"], kind=record["kind"],
            name_ja=record["name_ja"], address=record["address"],
            lat=float(record["lat"]), lon=float(record["lon"]),
        ))
    return sites
