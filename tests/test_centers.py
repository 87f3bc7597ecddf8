from __future__ import annotations

import pandas as pd
import pytest

from planning import crosswalk
from planning.centers import (
    CENTERS_CSV,
    COLUMNS,
    FACT_COLUMNS,
    MISSING_FROM_2016_NETWORK,
    build_centers_table,
    load_centers,
    opened_between,
    opening_month,
    parse_as_of,
)
from planning.errors import DataError
from planning.geocode import reverse
from planning.settings import KOREA_LAT, KOREA_LON

FACTS = "centers-facts/centers.csv"


def test_opening_rule() -> None:
    assert opening_month("2015-08", "2015") == ("2015-08", "opened month")
    assert opening_month("2015", "2015")[0] == "2015-12"
    assert opening_month(None, "2015")[0] == "2016-01"  # cohort 2014/2015: Jan-2016 network
    assert opening_month(None, "2016") == ("", "unknown opening")
    with pytest.raises(DataError, match="not YYYY-MM"):
        opening_month("Aug 2015", "2015")


def test_as_of_validation() -> None:
    assert parse_as_of("2016-01") == "2016-01"
    assert parse_as_of("2016") == "2016-12"
    for bad in ("2016-13", "16-01", "2016/01", ""):
        with pytest.raises(DataError, match="YYYY-MM"):
            load_centers(as_of=bad)


def test_committed_table() -> None:
    centers = load_centers()
    assert list(centers.columns) == [*COLUMNS, "geometry"]
    assert len(centers) == 87 and centers["center_id"].is_unique  # second compilation
    assert centers.crs.to_epsg() == 4326
    assert centers["lat"].between(*KOREA_LAT).all() and centers["lon"].between(*KOREA_LON).all()
    assert set(centers["location_precision"]) <= {"address", "legal_dong", "sigungu"}
    assert centers["source_url"].str.startswith("http").all()
    units = set(crosswalk.unit_codes())
    assert centers["sigungu_code"].isin(units).all()  # a unit, never a whole city code
    # each point lies in the 시군구 its code says
    for row in centers.itertuples():
        holder = reverse(row.lat, row.lon)
        assert crosswalk.to_sigungu_code(holder.legal_code[:5], "bjd") == row.sigungu_code


def test_networks_as_of() -> None:
    jan_2016 = load_centers(as_of="2016-01")
    assert len(jan_2016) == 38  # of the 40 announced; 2 could not be cited
    assert len(jan_2016) == 40 - MISSING_FROM_2016_NETWORK
    assert set(jan_2016["cohort"]) == {"2014", "2015"}
    assert len(load_centers(as_of="2014-12")) == 10  # the 2014 pilots
    # end-2016 and end-2017: the cited part of the ~70 and ~100 of the programme sources
    assert len(load_centers(as_of="2016")) == 50
    assert len(load_centers(as_of="2017-12")) == 61
    unknown = load_centers()["open_by"].isna().sum()
    assert unknown == 21
    assert len(load_centers(as_of="2099-12")) == 87 - unknown


def test_opened_between() -> None:
    window = opened_between("2016-01", "2017-12")
    assert len(window) == len(load_centers(as_of="2017-12")) - len(load_centers(as_of="2016-01"))
    assert (window["open_by"] > "2016-01").all() and (window["open_by"] <= "2017-12").all()
    assert "고양고용복지+센터" in set(window["name_ko"])  # corrected to 2016-10
    assert "안양고용복지+센터" not in set(window["name_ko"])  # 2016-01: in the start network


def test_table_is_reproducible(shared_data) -> None:
    previous = pd.read_csv(CENTERS_CSV, dtype="string", keep_default_na=False)
    rebuilt = build_centers_table(shared_data / FACTS, previous)
    committed = pd.read_csv(CENTERS_CSV, dtype="string", keep_default_na=False).replace("", pd.NA)
    rebuilt = rebuilt.astype("string").replace("", pd.NA)
    for col in ("lat", "lon"):
        rebuilt[col] = rebuilt[col].astype(float)
        committed[col] = committed[col].astype(float)
    pd.testing.assert_frame_equal(rebuilt, committed, check_dtype=False)
    facts = pd.read_csv(shared_data / FACTS, dtype="string")
    assert rebuilt["source_url"].tolist() == facts["source_url"].tolist()


def test_ids_are_stable_when_rows_are_added(shared_data, tmp_path) -> None:
    facts = pd.read_csv(shared_data / FACTS, dtype="string")
    previous = pd.read_csv(CENTERS_CSV, dtype="string")
    extra = facts.iloc[[5]].assign(name_ko="새고용복지+센터")
    path = tmp_path / "facts.csv"
    pd.concat([extra, facts]).to_csv(path, index=False)
    table = build_centers_table(path, previous)
    assert table.loc[table["name_ko"] == "새고용복지+센터", "center_id"].item() == "C088"
    merged = table.merge(previous[["name_ko", "center_id"]], on="name_ko")
    assert (merged["center_id_x"] == merged["center_id_y"]).all()


def test_second_compilation_locations() -> None:
    centers = load_centers().set_index("name_ko")
    incheon = centers.loc["인천고용복지+센터"]  # the facts now give 남동구 구월동
    assert incheon["sigungu_code"] == "23050" and incheon["location_precision"] == "legal_dong"
    assert incheon["located_at"].endswith("구월동")
    daejeon = centers.loc["대전고용복지+센터"]  # renamed from "(명칭 미확인)": id kept
    assert daejeon["center_id"] == "C041" and daejeon["sigungu_code"] == "25030"
    assert daejeon["location_precision"] == "sigungu"
    goyang = centers.loc["고양고용복지+센터"]
    assert (goyang["open_by"], goyang["sigungu_code"]) == ("2016-10", "31103")  # 일산동구
    assert centers.loc["세종고용복지+센터", "location_precision"] == "legal_dong"
    assert not centers["note"].str.contains("city hall").any()  # no fallback row left


def test_seat_fallback_for_a_row_without_gu(tmp_path) -> None:
    row = {c: "" for c in FACT_COLUMNS} | {
        "name_ko": "인천고용복지+센터",
        "sido": "인천광역시",
        "opened": "2016-07",
        "cohort": "2016",
        "source_url": "https://example.org/x",
    }
    path = tmp_path / "facts.csv"
    pd.DataFrame([row]).to_csv(path, index=False)
    table = build_centers_table(path)
    assert table.loc[0, "sigungu_code"] == "23050" and "city hall" in table.loc[0, "note"]
    assert table.loc[0, "location_precision"] == "sigungu"


def test_table_gaps_name_what_is_missing() -> None:
    from planning.centers import table_gaps

    gaps = table_gaps("2017-12")
    assert gaps["programme_count"] == 100 and gaps["cited_open"] == 61
    assert gaps["not_in_table"] == 39
    assert len(gaps["unknown_opening"]) == 21
    names = set(load_centers()["name_ko"])
    for short in gaps["named_not_tabulated"]:  # really absent from the table
        assert not any(short in n for n in names), short
    assert table_gaps("2016-01")["not_in_table"] == MISSING_FROM_2016_NETWORK
    assert table_gaps("2019-05")["programme_count"] is None
