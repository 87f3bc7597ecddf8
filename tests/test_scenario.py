"""Scenario: validation, and exact JSON and TOML round-trips (hand-written and generated)."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.errors import DataError
from planning.scenario import MODELS, Scenario, dumps_toml, load_scenario

FULL = Scenario(
    name='서울 "확충" 안\n2차',
    as_of="2016-01",
    total=120,
    engine="straight",
    threshold=45.5,
    model="average",
    weights=(("population", 1.0), ("recipients", 2.5), ("unemployed", 0.0)),
    sido_min=(("11", 3), ("39", 1)),
    locked=("11110515", "26110510"),
    excluded=("50110250",),
    phases=(10, 20, 30),
    exact=True,
    note="탭\t와 역슬래시 \\ 포함",
    vintage="2015",
)


def test_defaults_match_the_issue() -> None:
    s = Scenario()
    assert (s.as_of, s.total, s.threshold, s.model) == ("2016-01", 100, 30.0, "coverage")
    assert s.vintage == "2025"  # today's demand
    # the default index names its indicators: the three core ones, equal weights
    assert s.weight_map == {"population": 1.0, "recipients": 1.0, "unemployed": 1.0}


def test_files_without_vintage_still_load() -> None:
    data = FULL.to_dict()
    del data["vintage"]  # a file saved before the field existed
    old = Scenario.from_json(json.dumps(data))
    assert old.vintage == "2025" and old.version == FULL.version
    assert old.replace(vintage="2015") == FULL
    assert Scenario.from_dict({"version": 1, "total": 90}).vintage == "2025"  # a version-1 file
    assert Scenario.from_dict(data | {"vintage": 2015}).vintage == "2015"  # TOML/JSON integer
    assert FULL.replace(vintage="2020").key() != FULL.key()  # the demand changes the solution


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_round_trip_keeps_every_field(fmt: str) -> None:
    text = FULL.to_json() if fmt == "json" else FULL.to_toml()
    back = Scenario.from_json(text) if fmt == "json" else Scenario.from_toml(text)
    assert back == FULL
    assert back.key() == FULL.key()


def test_toml_is_valid_toml_with_tables() -> None:
    data = tomllib.loads(FULL.to_toml())
    assert data["weights"] == {"population": 1.0, "recipients": 2.5, "unemployed": 0.0}
    assert data["sido_min"] == {"11": 3, "39": 1}
    assert data["name"] == FULL.name


def test_load_by_extension_and_bom() -> None:
    raw = ("\ufeff" + FULL.to_json()).encode("utf-8")
    assert load_scenario("plan.JSON", raw) == FULL
    assert load_scenario("plan.toml", FULL.to_toml().encode()) == FULL
    with pytest.raises(DataError, match=r"\.json or \.toml"):
        load_scenario("plan.pkl", b"\x80\x04")


def test_key_ignores_name_and_note_only() -> None:
    assert FULL.replace(name="다른 이름", note="").key() == FULL.key()
    assert FULL.replace(threshold=30).key() != FULL.key()


@pytest.mark.parametrize(
    ("change", "match", "match_ko"),
    [
        ({"total": 0}, "target number of centers", "목표 센터 수"),
        ({"threshold": 0}, "travel-time threshold", "이동시간 기준"),
        ({"threshold": 91}, "travel-time threshold", "이동시간 기준"),
        ({"model": "p-center"}, "objective 'p-center'", "목표 ‘p-center’"),
        ({"engine": "car"}, "engine 'car'", "이동시간 방식"),
        ({"as_of": "2016-13"}, "reference month '2016-13'", "기준 시점 ‘2016-13’"),
        ({"weights": {"population": -1}}, "weight -1.0", "가중치"),
        ({"weights": {"population": float("nan")}}, "weight nan", "가중치"),
        ({"weights": {"population": 0, "recipients": 0}}, "All weights are zero", "모두 0"),
        ({"sido_min": {"11": 80, "26": 80}}, "add up to 160", "합\\(160\\)이 목표"),
        ({"sido_min": {"서울": 1}}, "시도 code '서울'", "시도 코드 ‘서울’"),
        ({"locked": ["1"], "excluded": ["1"]}, "included and excluded", "포함과 제외"),
        ({"phases": [0, 5]}, "phase value is 0", "단계 값"),
        ({"phases": [60, 60]}, "do not rise", "커지는 순서"),
        ({"phases": [60, 120]}, "last phase total \\(120\\)", "누적 센터 수\\(120\\)"),
        ({"total": "many"}, "'total'", "‘total’"),
        ({"exact": "yes"}, "'exact'", "‘exact’"),
        ({"locked": "11110515"}, "'locked'", "‘locked’"),
        ({"vintage": "2010"}, "demand vintage '2010'", "수요 자료 시점 ‘2010’"),
        ({"vintage": True}, "'vintage'", "‘vintage’"),
    ],
)
def test_bad_values_raise_data_error_with_fix(change: dict, match: str, match_ko: str) -> None:
    data = Scenario().to_dict() | change
    with pytest.raises(DataError, match=match) as err:
        Scenario.from_dict(data)
    assert err.value.fix
    problem_ko, fix_ko = err.value.texts("ko")
    assert re.search(match_ko, problem_ko), problem_ko
    assert fix_ko and fix_ko != err.value.fix


def test_unknown_keys_and_bad_syntax_are_named() -> None:
    with pytest.raises(DataError, match="thresold"):
        Scenario.from_dict({"thresold": 20})
    with pytest.raises(DataError, match="JSON is not valid"):
        Scenario.from_json("{not json")
    with pytest.raises(DataError, match="TOML is not valid"):
        Scenario.from_toml("total = = 3")
    with pytest.raises(DataError, match="top level"):
        Scenario.from_json(json.dumps([1, 2]))
    with pytest.raises(DataError, match="not UTF-8"):
        Scenario.from_json("{}".encode("utf-16"))
    with pytest.raises(DataError, match="too large"):
        load_scenario("big.json", b" " * 2_000_000)


def test_dumps_toml_quotes_keys_that_need_it() -> None:
    text = dumps_toml({"a b": 1, "t": {"한글": "값", "11": 2}})
    assert tomllib.loads(text) == {"a b": 1, "t": {"한글": "값", "11": 2}}


_names = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() != "")


@settings(max_examples=60, deadline=None)
@given(
    name=_names,
    note=st.text(max_size=30),
    total=st.integers(10, 300),
    threshold=st.floats(1, 90, allow_nan=False),
    model=st.sampled_from(MODELS),
    weights=st.dictionaries(
        st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
        st.floats(0.01, 100, allow_nan=False),
        min_size=1,
        max_size=5,
    ),
    locked=st.lists(st.from_regex(r"\d{8}", fullmatch=True), max_size=4, unique=True),
)
def test_generated_round_trips(name, note, total, threshold, model, weights, locked) -> None:
    s = Scenario(
        vintage=["2025", "2020", "2015"][total % 3],
        name=name,
        note=note,
        total=total,
        threshold=threshold,
        model=model,
        weights=tuple(weights.items()),
        locked=tuple(locked),
    )
    assert Scenario.from_toml(s.to_toml()) == s
    assert Scenario.from_json(s.to_json()) == s


def test_version_1_phase_sizes_load_as_network_totals() -> None:
    """Issue 11.1: version-1 files stored phase SIZES; they load as cumulative totals with the
    centers open at the file's month (the bundled count at 2016-01), with a note saying so."""
    from planning.centers import load_centers
    from planning.scenario import SCHEMA_VERSION, read_scenario

    n = len(load_centers(as_of="2016-01"))
    old = {"version": 1, "as_of": "2016-01", "total": 100, "phases": [60 - n, 20, 20]}
    s, notes = read_scenario("old.json", json.dumps(old).encode())
    assert s.phases == (60, 80, 100) and s.version == SCHEMA_VERSION
    assert any("60, 80, 100" in n_.ko and f"{n}곳" in n_.ko for n_ in notes)
    # the count of another center list (an upload) is passed in
    s2 = Scenario.from_dict(old | {"total": 120}, existing=lambda as_of: 50)
    assert s2.phases == (110 - n, 130 - n, 150 - n)
    with pytest.raises(DataError, match="above the target"):  # > 100: refused, not exceeded
        Scenario.from_dict(old, existing=50)
    with pytest.raises(DataError, match="last phase total"):
        Scenario.from_dict(old | {"phases": [60 - n, 20, 30]})
    # a version-1 file without phases loads unchanged; a new file keeps its totals
    assert Scenario.from_dict({"version": 1, "total": 90}).total == 90
    assert Scenario.from_dict({"version": 2, "phases": [60, 80]}).phases == (60, 80)


def test_phase_totals_rise_and_stay_within_the_target() -> None:
    with pytest.raises(DataError, match="do not rise"):
        Scenario(phases=(80, 60))
    with pytest.raises(DataError, match="above the target") as info:
        Scenario(total=100, phases=(60, 120))
    assert "목표 센터 수(100)" in info.value.problem_ko


def test_a_mois_sido_code_is_read_as_kostat_and_unknown_codes_are_refused() -> None:
    """Issue 11.20: sido_min key "47" (the 법정동 code of 경북) was silently dropped by the app."""
    from planning.crosswalk import SIDO
    from planning.scenario import _KOSTAT_SIDO, read_dict

    assert {s.kostat for s in SIDO} == _KOSTAT_SIDO
    s, notes = read_dict({"sido_min": {"47": 2, "11": 1}})
    assert s.quota_map == {"37": 2, "11": 1}
    assert any("47" in n.ko and "경상북도" in n.ko and "37로" in n.ko for n in notes)
    with pytest.raises(DataError, match="no 시도 with the code '99'"):
        read_dict({"sido_min": {"99": 1}})
