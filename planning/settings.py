"""Typed defaults shared by the whole package. Override the cache folder with PLANNING_CACHE_DIR."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
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


#: ``planning.toml`` at the project root; ``PLANNING_CONFIG`` names another file
CONFIG_FILE = PROJECT_ROOT / "planning.toml"
#: environment variables of the road file and its 시도 selection (win over ``planning.toml``)
ROAD_FILE_ENV = "PLANNING_ROAD_FILE"
ROAD_SIDO_ENV = "PLANNING_ROAD_SIDO"


@dataclass(frozen=True)
class RoadSettings:
    """The configured road file (OpenStreetMap ``.osm.pbf`` or OSMnx GraphML) and the 시도
    codes to clip it to (empty: the whole file)."""

    file: Path
    sido: tuple[str, ...] = ()


def parse_sido(value: object) -> tuple[str, ...]:
    """``"11,23"`` / ``["11", 23]`` -> ``("11", "23")`` (2-digit KOSTAT 시도 codes)."""
    if value is None:
        return ()
    items = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    return tuple(dict.fromkeys(str(v).strip() for v in items if str(v).strip()))


def config_section(
    name: str,
    error_key: str,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Mapping[str, object]:
    """The ``[name]`` table of ``planning.toml`` at the project root (or of the file named by
    ``PLANNING_CONFIG``, or ``config_file``); empty when there is no file or no such table. A
    file that is not UTF-8 TOML raises the :class:`DataError` ``error_key`` (its ``path`` and
    ``detail``)."""
    env = os.environ if env is None else env
    path = config_file or Path(env.get("PLANNING_CONFIG", CONFIG_FILE))
    if not path.is_file():
        return {}
    from planning.errors import DataError

    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get(name, {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError.of(error_key, path=str(path), detail=str(exc)) from exc


def road_settings(
    env: Mapping[str, str] | None = None, config_file: Path | None = None
) -> RoadSettings | None:
    """The configured road file, or ``None`` when there is none.

    ``PLANNING_ROAD_FILE`` / ``PLANNING_ROAD_SIDO`` (``"11,23"``) win over the ``[roads]`` table
    of ``planning.toml`` at the project root (or the file named by ``PLANNING_CONFIG``)::

        [roads]
        file = "/data/south-korea.osm.pbf"
        sido = ["11", "23", "31"]

    The file is not read here (:func:`planning.plan.network.road_network` checks it)."""
    env = os.environ if env is None else env
    section = config_section("roads", "roads.config", env, config_file)
    file = env.get(ROAD_FILE_ENV) or str(section.get("file", "") or "")
    if not file.strip():
        return None
    sido = env.get(ROAD_SIDO_ENV) or section.get("sido")
    return RoadSettings(file=Path(file.strip()).expanduser(), sido=parse_sido(sido))
