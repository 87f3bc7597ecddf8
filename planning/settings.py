"""Typed defaults shared by the whole package. Override the cache folder with PLANNING_CACHE_DIR."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CACHE_DIR = Path(os.environ.get("PLANNING_CACHE_DIR", PROJECT_ROOT / ".cache"))

CRS_WEB = "EPSG:4326"  # lat/lon for maps and exports
CRS_METRIC = "EPSG:5179"  # Korea 2000 / Unified CS, metres: areas, buffers, distances

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

DEFAULT_THRESHOLD_MIN = 30.0
DEFAULT_TARGET_TOTAL = 100
DEFAULT_AS_OF = "2016-01"

# Generous bounding box of South Korea incl. Jeju, Ulleung and Dokdo (lat, lon).
KOREA_LAT = (33.0, 38.9)
KOREA_LON = (124.5, 132.0)


def cache_dir(*parts: str) -> Path:
    """Return (and create) a folder under the git-ignored cache."""
    path = CACHE_DIR.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path
