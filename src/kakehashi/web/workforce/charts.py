"""Charts drawn on the server as SVG numbers, so the dashboard works with no internet connection and no
JavaScript: donut segments for shares, and a map of schools and homes projected from latitude/longitude."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kakehashi.web.workforce.figures import Share

DONUT_RADIUS = 15.915  # a circumference of 100, so a share's percent is its dash length
PALETTE = ["#2a6f97", "#e09f3e", "#6a994e", "#9e2a2b", "#7b5ea7", "#3d5a80", "#c9a227", "#8d99ae"]


@dataclass(frozen=True)
class Segment:
    label: str
    count: int
    percent: float
    dash: str  # stroke-dasharray
    offset: float  # stroke-dashoffset
    color: str


def donut(shares: list[Share]) -> list[Segment]:
    segments = []
    start = 0.0
    for index, share in enumerate(shares):
        segments.append(
            Segment(
                share.label,
                share.count,
                share.percent,
                f"{share.percent:.2f} {100 - share.percent:.2f}",
                25 - start,  # 25 starts the first segment at twelve o'clock
                PALETTE[index % len(PALETTE)],
            )
        )
        start += share.percent
    return segments


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    kind: str  # "school" or "home"


@dataclass(frozen=True)
class MapView:
    points: list[Point]
    width: int
    height: int
    scale_km: int
    scale_px: float


def map_view(places: list[tuple[float, float, str, str]], width: int = 640, height: int = 420) -> MapView | None:
    """(lat, lon, label, kind) → points in an SVG box, north up, with a scale bar in kilometres."""
    if not places:
        return None
    lats = [p[0] for p in places]
    lons = [p[1] for p in places]
    middle = math.radians((min(lats) + max(lats)) / 2)
    # Equirectangular: a degree of longitude is cos(latitude) of a degree of latitude; fine at city scale.
    span_x = max((max(lons) - min(lons)) * math.cos(middle), 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    margin = 20
    unit = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    points = [
        Point(
            margin + (lon - min(lons)) * math.cos(middle) * unit,
            height - margin - (lat - min(lats)) * unit,
            label,
            kind,
        )
        for lat, lon, label, kind in places
    ]
    km_per_px = 111.32 / unit
    scale_km = _round_km(km_per_px * width / 5)
    return MapView(points, width, height, scale_km, scale_km / km_per_px)


def _round_km(km: float) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if km <= step:
            return step
    return 1000
