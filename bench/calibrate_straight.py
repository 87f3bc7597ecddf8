"""Fit the calibrated straight-line model and print its error table (run by hand, not a test).

    python bench/calibrate_straight.py                   # reads ../shared/data
    python bench/calibrate_straight.py --data DIR        # another copy of the shared samples

Reads the real road samples (never copied into the project):

* ``roads-calibration/osm-seoul-central/*.graphml`` and ``osm-yeouido/yeouido.osm.pbf``: car
  minutes with the project's OSM car profile between random node pairs (0.3–8 km);
* ``roads-calibration/korean-expressway-2011/``: door-to-door minutes between random 행정동
  points through the expressway links at 100 km/h, with access legs to the nearest interchange.

Prints the fitted coefficients (paste them into ``planning/travel/calibration.py``), the error
by distance band of the calibrated model and of the flat model (동 25 / 읍 40 / 면 50 km/h,
detour 1.3), the implied speeds next to Seoul's published averages, and the acceptance bands.
The sample construction lives in :mod:`planning.travel.calibration_samples` (shared with the
tests).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planning.travel import calibration_samples as cs  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    p.add_argument("--data", type=Path, default=default)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    samples = cs.load_samples(a.data, seed=a.seed)
    congestion = samples.congestion
    print(
        f"free-flow road speed on the central Seoul fastest paths: {samples.freeflow_road_kmh:.1f}"
        f" km/h; published downtown average {cs.PUBLISHED_DOWNTOWN_KMH:g} km/h"
        f" -> urban congestion factor {congestion:.3f}"
    )
    curves = cs.fit_curves(samples)
    print("\nfitted curves (straight-line km/h):")
    for t, c in curves.items():
        print(
            f'    "{t}": SpeedCurve(short_kmh={c.short_kmh:.1f}, long_kmh={c.long_kmh:.1f}, '
            f"mid_km={c.mid_km:.1f}, steep={c.steep:.2f}),"
        )
    print(f"URBAN_CONGESTION = {congestion:.2f}")
    print("\nerror against the road times, by straight-distance band (absolute error):")
    print(cs.error_table(samples, curves))
    print("\nimplied speeds:")
    for line in cs.speed_checks(curves, samples):
        print("  " + line)


if __name__ == "__main__":
    main()
