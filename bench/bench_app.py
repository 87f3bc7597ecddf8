"""Time the app's script runs with AppTest (run by hand: ``python bench/bench_app.py``).

Reports the cold first run (data, travel table, solve, map) and reruns after a weight change,
a threshold change and no change. AppTest runs the real script in-process without a browser,
so browser rendering is not included; Streamlit's own overhead is.
"""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def timed(label: str, at: AppTest) -> float:
    t0 = time.perf_counter()
    at.run()
    dt = time.perf_counter() - t0
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    print(f"{label:<38s} {dt:6.2f} s {'ERRORS: ' + str(errors) if errors else ''}")
    return dt


def main() -> None:
    at = AppTest.from_file(APP, default_timeout=600)
    timed("cold first page (map + heuristic)", at)
    timed("rerun, nothing changed", at)
    for w in (2.0, 3.0):
        at.slider(key="w_weight_recipients").set_value(w)
        timed(f"weight recipients -> {w}", at)
    for thr in (45, 20):
        at.select_slider(key="w_threshold").set_value(thr)
        timed(f"threshold -> {thr} min", at)
    at.radio(key="w_level").set_value("area")
    timed("map level -> 행정동 (3,501 polygons)", at)
    at.slider(key="w_weight_recipients").set_value(1.0)
    timed("weight change at 행정동 level", at)
    r = at.session_state["result"]
    print(
        f"last solve: {r.solution.method}, gap {r.solution.gap:.4%}, {r.seconds:.2f} s in run_scenario"
    )


if __name__ == "__main__":
    main()
