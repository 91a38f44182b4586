"""Travel times between postcodes, behind one interface.

`travel_provider()` gives the configured provider; `provider.minutes(a)`
returns the square matrix of driving minutes between the postcodes in `a`.

- The embedded default works offline: coordinates come from the table the
  project holds for its demo areas (rota/data/postcodes.csv, by postcode,
  sector, district or area, whichever is known, most precise first), and the
  time is the straight-line distance × a road factor at a set speed.
- With `HUB_ROTA_OSRM_URL` set, the times come from an OSRM-compatible
  routing server's table service (real road times); if it cannot be reached
  the embedded estimate is used and the failure logged.
"""

import csv
import json
import logging
import math
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

from django.conf import settings

from cases.validators import postcode_normalise

log = logging.getLogger(__name__)
TABLE = Path(__file__).parent / "data" / "postcodes.csv"
EARTH_KM = 6371.0


@cache
def _table() -> dict[str, tuple[float, float]]:
    with TABLE.open(newline="") as handle:
        return {
            row["postcode"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


def coordinates(postcode: str) -> tuple[float, float] | None:
    """Latitude and longitude of the most precise entry known, else None."""
    code = postcode_normalise(postcode or "")
    outward, _, inward = code.partition(" ")
    area = outward.rstrip("0123456789")
    table = _table()
    for key in (code, f"{outward} {inward[:1]}", outward, area):
        if key in table:
            return table[key]
    return None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


class EmbeddedTravel:
    """Straight line × road factor at a set speed; unknown postcodes cost the
    set default (and are listed in `unknown`)."""

    def __init__(self, *, speed_kmh: float, road_factor: float, unknown_minutes: int):
        self.speed_kmh = speed_kmh
        self.road_factor = road_factor
        self.unknown_minutes = unknown_minutes
        self.unknown: set[str] = set()

    def minutes(self, postcodes: list[str]) -> list[list[int]]:
        points = [coordinates(p) for p in postcodes]
        self.unknown |= {p for p, xy in zip(postcodes, points, strict=True) if not xy}
        return [[self._between(a, b) for b in points] for a in points]

    def _between(self, a, b) -> int:
        if a is None or b is None:
            return 0 if a is b else self.unknown_minutes
        hours = _km(a, b) * self.road_factor / self.speed_kmh
        return math.ceil(hours * 60)


class OsrmTravel:
    """Road times from an OSRM-compatible server's table service."""

    def __init__(self, base_url: str, *, fallback: EmbeddedTravel, timeout: float):
        self.base_url = base_url.rstrip("/")
        self.fallback = fallback
        self.timeout = timeout
        self.unknown = fallback.unknown

    def minutes(self, postcodes: list[str]) -> list[list[int]]:
        points = [coordinates(p) for p in postcodes]
        if len(postcodes) < 2 or any(p is None for p in points):
            return self.fallback.minutes(postcodes)
        where = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
        url = f"{self.base_url}/table/v1/driving/{where}?annotations=duration"
        try:
            with urlopen(url, timeout=self.timeout) as response:  # noqa: S310
                body = json.load(response)
            if body.get("code") != "Ok":
                raise ValueError(body.get("message") or body.get("code"))
            return [
                [math.ceil((seconds or 0) / 60) for seconds in row]
                for row in body["durations"]
            ]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("OSRM table failed (%s); using the embedded estimate", exc)
            return self.fallback.minutes(postcodes)


def travel_provider() -> EmbeddedTravel | OsrmTravel:
    embedded = EmbeddedTravel(
        speed_kmh=settings.HUB_ROTA_SPEED_KMH,
        road_factor=settings.HUB_ROTA_ROAD_FACTOR,
        unknown_minutes=settings.HUB_ROTA_UNKNOWN_MINUTES,
    )
    url = settings.HUB_ROTA_OSRM_URL
    if url and urlsplit(url).scheme in ("http", "https"):
        return OsrmTravel(
            url, fallback=embedded, timeout=settings.HUB_ROTA_OSRM_TIMEOUT
        )
    return embedded
