"""AppTest for issue 11.19-20: the 기준 시점 help, a loaded scenario whose values had to change
says so (threshold 33 -> 30, unknown codes, an unknown weight, 시도 code 47 = 경북, a version-1
file's phase sizes), the lock/exclude chips stay distinguishable."""

from __future__ import annotations

import json

import pytest

from planning.ui import state

pytestmark = pytest.mark.slow


def test_as_of_help_says_40_announced_and_the_cited_count(app) -> None:
    from planning.centers import load_centers

    n = len(load_centers(as_of="2016-01"))
    help_text = app.select_slider(key="w_as_of").help
    assert "40곳" in help_text and f"{n}곳" in help_text, help_text


def test_a_loaded_scenario_says_what_was_changed(app) -> None:
    data = {
        "version": 1,
        "name": "경북 우선안",
        "as_of": "2026-01",
        "total": 130,
        "threshold": 33,
        "weights": {"population": 1.0, "foo": 2.0},
        "sido_min": {"47": 2},
        "locked": ["99999999"],
        "phases": [23, 20, 20],
    }
    from planning.centers import load_centers

    n = len(load_centers(as_of="2026-01"))  # centers open at 2026-01
    totals = (n + 23, n + 43, n + 63)
    app.file_uploader(key="w_file_scenario").upload(
        "경북.json", json.dumps(data, ensure_ascii=False).encode(), "application/json"
    )
    app.run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    s = app.session_state[state.SCENARIO]
    assert s.threshold == 30.0 and s.quota_map == {"37": 2} and s.locked == ()
    assert s.phases == totals
    assert app.number_input(key="w_quota_37").value == 2  # 경상북도, not silently dropped
    warnings = " ".join(w.value for w in app.warning)
    for text in ("33분 → 30분", "99999999", "‘foo’", "37로", ", ".join(map(str, totals))):
        assert text in warnings, (text, warnings)
    assert "을(를)" not in warnings and "은(는)" not in warnings


def test_lock_and_exclude_chips_differ(app) -> None:
    code = str(app.session_state[state.RESULT].sites["site_id"].iloc[0])
    app.multiselect(key="w_locked").set_value([code])
    app.run()
    locked = app.multiselect(key="w_locked")
    excluded = app.multiselect(key="w_excluded")
    assert locked.label.startswith("＋") and excluded.label.startswith("－")
    from planning.ui import cache

    row = cache.base().areas.set_index("area_code").loc[code]
    chip = next(o for o in locked.options if o.endswith(f"({code})"))
    # the 행정동 first: a chip cut short still names the site
    assert chip.startswith(f"＋{row['name_ko']} · {row['sigungu_ko']}"), chip
    assert all(o.startswith("－") for o in excluded.options[:5])
