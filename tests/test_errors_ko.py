"""Every error a user can trigger from the app's uploads and settings reads in Korean too.

1. Real bad inputs (the ones the importer, crosswalk, scenario and optimizer tests use) go through
   the real code; the Korean texts must exist, be Korean prose (not the English sentence with
   Korean names in it) and keep the specifics (file name, column, rows, suggestions).
2. A static scan: every PlanningError built in the modules the app reaches comes from a catalog
   key (``SomeError.of``; the constructor takes no Korean), so a new English-only error fails
   here (``tests/test_catalog_only.py`` scans every module for inline text).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, box

from planning import crosswalk, demand
from planning.errors import PlanningError
from planning.optimize import LocationProblem, solve
from planning.scenario import Scenario, load_scenario
from planning.sources.boundaries import read_boundaries
from planning.sources.centerlist import read_center_list
from planning.sources.generic import read_region_table
from planning.sources.kosis import read_kosis_employment
from planning.sources.mois import read_mois_population
from planning.sources.readers import file_kind, read_bytes, to_numbers
from planning.travel.matrix import matrix_table, read_matrix

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = FIXTURES / "sources"
HANGUL = re.compile(r"[가-힣]")
# words that mean an English sentence was left in the Korean text
ENGLISH = re.compile(
    r"\b(the|is|are|was|has|have|not|missing|found|row|rows|column|use|give|pass|export|"
    r"check|file|values?|must|cannot|above|below|or|and)\b",
    re.IGNORECASE,
)


def _prose(text: str, details: list[str]) -> str:
    """``text`` without the copied specifics, quoted names, lists and parenthesised extras."""
    for detail in details:
        text = text.replace(detail, " ")
    for pattern in (r"‘[^’]*’", r"'[^']*'", r'"[^"]*"', r"\[[^\]]*\]", r"\([^)]*\)", r"`[^`]*`"):
        text = re.sub(pattern, " ", text)
    return re.sub(r"\b\w+=\S+", " ", text)  # code hints such as system='kostat'


def assert_korean(exc: PlanningError, details: list[str], ko_details: list[str] = ()) -> None:
    problem, fix = exc.texts("ko")
    assert exc.problem_ko and exc.fix_ko, f"no Korean text: {exc}"
    assert (problem, fix) == (exc.problem_ko, exc.fix_ko)
    assert exc.texts("en") == (exc.problem, exc.fix)
    assert problem != exc.problem and fix != exc.fix
    for text in (problem, fix):
        prose = _prose(text, details)
        assert HANGUL.search(prose), f"no Korean prose in {text!r}"
        assert not ENGLISH.search(prose), f"English left in {text!r}: {ENGLISH.search(prose)}"
    assert re.search(r"(니다|주세요)[.)]?", problem + fix), (problem, fix)
    for detail in details:  # the specifics of the English message are kept
        assert detail in str(exc), f"{detail!r} is not a detail of {str(exc)!r}"
        assert detail in problem + fix, f"{detail!r} lost in {problem!r} / {fix!r}"
    for detail in ko_details:
        assert detail in problem + fix, f"{detail!r} not in {problem!r} / {fix!r}"


def _raises(call: Callable[[], object]) -> PlanningError:
    with pytest.raises(PlanningError) as info:
        call()
    return info.value


def _kosis(old: str, new: str, encoding: str = "utf-8") -> bytes:
    text = (SOURCES / "kosis_small.csv").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new).encode(encoding)


def _mois(old: str, new: str) -> bytes:
    text = (SOURCES / "mois_population_small.csv").read_text(encoding="utf-8-sig")
    assert old in text
    return text.replace(old, new).encode()


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------ importers: readers


def test_encoding_file_type_and_empty_files(tmp_path) -> None:
    exc = _raises(lambda: read_kosis_employment(SOURCES / "garbage_latin1.csv"))
    assert_korean(exc, ["garbage_latin1.csv", "UTF-8", "CP949"], ["다시 올려 주세요"])
    exc = _raises(lambda: file_kind(b"\xd0\xcf\x11\xe0rest", "실업.xls"))
    assert_korean(exc, ["실업.xls", ".xlsx"], ["저장한 뒤 다시 올려 주세요"])
    exc = _raises(lambda: read_bytes(_file(tmp_path, "빈파일.csv", b"  \n")))
    assert_korean(exc, ["빈파일.csv"])
    exc = _raises(lambda: read_bytes(tmp_path / "없음.csv"))
    assert_korean(exc, [str(tmp_path / "없음.csv")])
    broken = _file(tmp_path, "깨진.xlsx", b"PK\x03\x04broken")
    exc = _raises(lambda: read_region_table(broken))
    assert_korean(exc, ["깨진.xlsx"])


def test_number_cells_name_the_rows_in_korean() -> None:
    labels = ["a", "b", "c"]
    exc = _raises(lambda: to_numbers(pd.Series(["1", "-3", "2"]), column="수급자", labels=labels))
    assert_korean(exc, ["수급자", "'-3'"], ["3행 ‘b’", "음수"])
    exc = _raises(lambda: to_numbers(pd.Series(["1", "2", None]), column="v", labels=labels))
    assert_korean(exc, ["NaN"], ["‘v’ 열", "4행 ‘c’"])
    exc = _raises(lambda: to_numbers(pd.Series(["1", "X", "2"]), column="v", labels=labels))
    assert_korean(exc, ["'X'"], ["3행 ‘b’", "숫자가 아닌"])
    many = pd.Series(["x"] * 7)
    exc = _raises(lambda: to_numbers(many, column="v", labels=list("abcdefg")))
    assert_korean(exc, [], ["외 2개 행"])


# ------------------------------------------------------------------------ importers: KOSIS


def test_kosis_cp949_file_with_a_wrong_column(tmp_path) -> None:
    """The motivating case: a CP949 export whose 실업자 column was renamed."""
    data = _kosis("T4 실업자 (천명)", "T4 무엇 (천명)", encoding="cp949")
    path = _file(tmp_path, "지역별고용조사.csv", data)
    exc = _raises(lambda: read_kosis_employment(path))
    assert_korean(
        exc,
        ["지역별고용조사.csv", "T8 실업률", "지역별고용조사 > 시군구"],
        ["‘실업자’ 열이 없습니다"],
    )
    assert exc.problem.startswith("column '실업자' missing")  # str(exc) stays English


def test_kosis_values_period_and_rates() -> None:
    exc = _raises(lambda: read_kosis_employment(_kosis("136,77,73,4,", "136,77,73,-4,")))
    assert_korean(exc, ["1101 서울 종로구", "'-4'"], ["음수"])
    exc = _raises(lambda: read_kosis_employment(_kosis("120,75,72,3,", "120,75,72,,")))
    assert_korean(exc, ["1102 서울 중구", "NaN"])
    exc = _raises(lambda: read_kosis_employment(SOURCES / "kosis_small.csv", period="2023 H2"))
    assert_korean(exc, ["2023 H2", "['2024 H1']", "kosis_small.csv"])
    text = (SOURCES / "kosis_small.csv").read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith('"1101'))
    cells = first.split(",")
    cells[-1] = "120.5"  # the last item column is a rate (%)
    exc = _raises(lambda: read_kosis_employment(text.replace(first, ",".join(cells)).encode()))
    assert_korean(exc, ["1101 서울 종로구"], ["100%"])


# ------------------------------------------------------------------------ importers: MOIS


def test_mois_errors_keep_file_month_and_code() -> None:
    exc = _raises(lambda: read_mois_population(SOURCES / "kosis_small.csv"))
    assert_korean(exc, ["행정기관코드", "kosis_small.csv", "jumin.mois.go.kr"])
    path = SOURCES / "mois_population_small.csv"
    exc = _raises(lambda: read_mois_population(path, month="2025-05"))
    assert_korean(exc, ["2025-05", "['2025-11', '2025-12']", "mois_population_small.csv"])
    exc = _raises(lambda: read_mois_population(path, month="12/2025"))
    assert_korean(exc, ["12/2025", "YYYY-MM", "2025-12"])
    exc = _raises(lambda: read_mois_population(_mois("1111000000", "1111")))
    assert_korean(exc, ["1111", "행정기관코드"], ["10자리"])
    exc = _raises(lambda: read_mois_population(_mois('"100,050"', '"-100,050"')))
    assert_korean(exc, ["종로구"], ["음수"])
    header = "행정기관코드,행정기관,총 거주자수,세대수,세대당 인구,총 거주자수,세대수,세대당 인구"
    renamed = header.replace("총 거주자수", "거주")
    exc = _raises(lambda: read_mois_population(_mois(header, renamed)))
    assert_korean(exc, ["2025-12", "총 거주자수", "총인구수"], ["열이 없습니다"])
    blank = '1111000000,서울특별시 종로구 ,"100,000","50,000",          2.00,,'
    exc = _raises(
        lambda: read_mois_population(
            _mois(
                '1111000000,서울특별시 종로구 ,"100,000","50,000",          2.00,"100,050"', blank
            )
        )
    )
    assert_korean(exc, ["2025-12", "'서울특별시 종로구'", "NaN"], ["‘총거주자수’ 열"])


# ------------------------------------------------------------------------ importers: generic


def test_generic_table_errors() -> None:
    exc = _raises(lambda: read_region_table(SOURCES / "region_names.csv", value_columns=["없음"]))
    assert_korean(exc, ["region_names.csv"], ["‘없음’ 열이 없습니다"])
    exc = _raises(lambda: read_region_table(b"a,b\n1,2\n"))
    assert_korean(exc, ["['a', 'b']"], ["지역 열"])
    exc = _raises(lambda: read_region_table("시도,시군구,v\n서울,종로구,-1\n".encode()))
    assert_korean(exc, ["서울 종로구"], ["음수"])
    exc = _raises(
        lambda: read_region_table("시도,시군구,v\n서울,종로구,1\n서울특별시,종로구,2\n".encode())
    )
    assert_korean(exc, ["['11010']", "서울특별시 종로구"], ["같은 시군구"])
    exc = _raises(lambda: read_region_table("이름,v\n1\n".encode()))
    assert_korean(exc, [], [])


# ------------------------------------------------------------------------ importers: center list


def test_center_list_coordinates_and_regions() -> None:
    exc = _raises(lambda: read_center_list("name,lat,lon\n서울 종로구,126.9,37.5\n".encode()))
    assert_korean(exc, ["126.9", "37.5"], ["2행 ‘서울 종로구’", "바뀐", "맞바꿔"])
    exc = _raises(lambda: read_center_list("name,lat,lon\n도쿄,35.68,139.76\n".encode()))
    assert_korean(exc, ["35.68", "139.76"], ["2행 ‘도쿄’", "대한민국 밖"])
    exc = _raises(lambda: read_center_list("name,lat,lon\n바다,36.0,125.0\n".encode()))
    assert_korean(exc, ["36", "125"], ["2행 ‘바다’", "육지"])
    exc = _raises(lambda: read_center_list(b"name,lat,lon\nx,37.5,\n"))
    assert_korean(exc, ["NaN"], ["2행 ‘x’"])
    exc = _raises(
        lambda: read_center_list(
            "name,sido,sigungu\n좋은센터,경기도,수원시 팔달구\n없는센터,경기도,없는시\n".encode()
        )
    )
    assert_korean(exc, ["경기도 없는시", "경기도 수원시 팔달구"], ["3행 ‘없는센터’"])
    exc = _raises(lambda: read_center_list(b"lat,lon\n37.5,127.0\n"))
    assert_korean(exc, ["['lat', 'lon']"], ["‘name’ 열이 없습니다", "센터명"])
    exc = _raises(lambda: read_center_list(b"name,phone\na,1\n"))
    assert_korean(exc, ["['name', 'phone']"], ["주소"])
    exc = _raises(lambda: read_center_list(b"name,lat\na,37.5\n"))
    assert_korean(exc, ["['name', 'lat']"], ["경도(lon) 열이 없습니다"])
    exc = _raises(
        lambda: read_center_list(b"id,name,lat,lon\n1,a,37.57,126.98\n1,b,37.57,126.98\n")
    )
    assert_korean(exc, ["['1']"], ["센터 번호"])
    exc = _raises(
        lambda: read_center_list("name,lat,lon,개소일\n종로,37.57,126.98,2015-13\n".encode())
    )
    assert_korean(exc, ["개소일", "'2015-13'", "YYYY-MM", "2015-06"], ["2행 ‘종로’", "칸을 비우고"])


# ------------------------------------------------------------------------ importers: boundaries


@pytest.fixture
def squares() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["a", "b"]},
        geometry=[box(126.97, 37.56, 126.99, 37.58), box(129.0, 35.1, 129.05, 35.15)],
        crs="EPSG:4326",
    )


def test_boundary_errors(tmp_path, squares) -> None:
    path = tmp_path / "경계.shp"
    squares.to_file(path)
    (tmp_path / "경계.prj").unlink()
    assert_korean(_raises(lambda: read_boundaries(path)), ["경계.shp"], ["좌표계(CRS)"])
    web = tmp_path / "web.gpkg"
    squares.to_crs(3857).to_file(web, driver="GPKG")
    assert_korean(_raises(lambda: read_boundaries(web)), ["web.gpkg", "EPSG:3857"])
    lying = tmp_path / "lying.gpkg"
    squares.to_crs(5179).set_crs(5186, allow_override=True).to_file(lying, driver="GPKG")
    assert_korean(_raises(lambda: read_boundaries(lying)), ["lying.gpkg", "EPSG:5186"])
    empty = b'{"type": "FeatureCollection", "features": []}'
    assert_korean(_raises(lambda: read_boundaries(empty)), ["upload"], ["객체가 없습니다"])
    lines = tmp_path / "lines.geojson"
    gpd.GeoDataFrame(geometry=[LineString([(127, 37), (127.1, 37.1)])], crs=4326).to_file(
        lines, driver="GeoJSON"
    )
    assert_korean(_raises(lambda: read_boundaries(lines)), ["['LineString']"], ["폴리곤"])
    assert_korean(_raises(lambda: read_boundaries(b"name,value\na,1\n")), [], ["GeoJSON"])
    broken = b'{"type": "FeatureCollection", "features": ['
    assert_korean(_raises(lambda: read_boundaries(broken)), [], ["경계 파일로 읽을 수 없습니다"])


# ------------------------------------------------------------------------ crosswalk


def test_unknown_region_names_keep_the_suggestions() -> None:
    exc = _raises(lambda: crosswalk.to_sigungu_code("서울특별시 종로귀"))
    assert_korean(exc, ["서울특별시 종로귀", "서울특별시 종로구"], ["비슷한 이름"])
    exc = _raises(lambda: crosswalk.resolve_names("경기도", "수원시 장안귀"))
    assert "장안구" in exc.fix_ko
    assert_korean(exc, ["경기도 수원시 장안귀"])
    exc = _raises(lambda: crosswalk.to_sigungu_code("중구"))
    assert_korean(exc, ["서울특별시 중구", "부산광역시 중구"], ["시도 없이는"])
    exc = _raises(lambda: crosswalk.resolve_names("경기도도", "수원시"))
    assert_korean(exc, ["경기도도"], ["시도 이름"])
    exc = _raises(lambda: crosswalk.to_sigungu_code("1100000000"))
    assert_korean(exc, ["1100000000"], ["시도"])
    for bad, detail in [
        ("99999", "통계청 코드 99999"),
        ("123", "3자리"),
        ("9999", "KOSIS 코드 9999"),
    ]:
        assert_korean(_raises(lambda bad=bad: crosswalk.to_sigungu_code(bad)), [bad], [detail])
    exc = _raises(lambda: crosswalk.to_sigungu_code("1101 부산 해운대구"))
    assert_korean(exc, ["1101", "부산광역시 해운대구"], ["이름은"])


def test_ambiguous_codes() -> None:
    exc = _raises(lambda: crosswalk.to_sigungu_code("11110"))
    assert_korean(exc, ["11110", "system='kostat'"], ["코드 체계마다"])
    exc = _raises(lambda: crosswalk.to_sigungu_code("11010", system="nope"))
    assert_korean(exc, ["nope", "kostat, bjd, mois, kosis, name"])


# ------------------------------------------------------------------------ settings


@pytest.mark.parametrize(
    ("change", "details"),
    [
        ({"total": 0}, ["0"]),
        ({"threshold": 91}, ["91", "90"]),
        ({"model": "p-center"}, ["p-center", "coverage, average, worst"]),
        ({"engine": "car"}, ["car", "straight, osm, matrix"]),
        ({"as_of": "2016-13"}, ["2016-13", "YYYY-MM"]),
        ({"weights": {"population": -1}}, ["population", "-1.0"]),
        ({"weights": {"population": float("nan")}}, ["population", "nan"]),
        ({"weights": {"population": 0, "recipients": 0}}, []),
        ({"sido_min": {"11": 80, "26": 80}}, ["160", "100"]),
        ({"sido_min": {"서울": 1}}, ["서울"]),
        ({"locked": ["1"], "excluded": ["1"]}, []),
        ({"phases": [60, 120]}, ["120", "100"]),
        ({"phases": [80, 60]}, ["80, 60"]),
        ({"total": "many"}, ["total", "'many'"]),
        ({"exact": "yes"}, ["exact", "'yes'"]),
    ],
)
def test_scenario_settings(change: dict, details: list[str]) -> None:
    exc = _raises(lambda: Scenario.from_dict(Scenario().to_dict() | change))
    assert_korean(exc, details)


def test_scenario_files() -> None:
    exc = _raises(lambda: load_scenario("bad.json", b'{"thresold": 20}'))
    assert_korean(exc, ["thresold", "threshold"])
    assert_korean(_raises(lambda: load_scenario("a.json", b"{not json")), [], ["JSON"])
    assert_korean(_raises(lambda: load_scenario("a.toml", b"total = = 3")), [], ["TOML"])
    assert_korean(_raises(lambda: load_scenario("plan.pkl", b"\x80")), ["plan.pkl", ".json"])
    exc = _raises(lambda: load_scenario("big.json", b" " * 2_000_000))
    assert_korean(exc, ["2,000,000", "1,000,000"], ["너무 큽니다"])
    exc = _raises(lambda: load_scenario("a.json", "{}".encode("utf-16")))
    assert_korean(exc, ["UTF-8"])


# ------------------------------------------------------------------------ optimizer settings


def _problem(n_fixed: int = 2, n_sites: int = 12) -> LocationProblem:
    rng = np.random.default_rng(0)
    s, d = rng.uniform(0, 100, (n_sites, 2)), rng.uniform(0, 100, (30, 2))
    fixed = np.arange(n_sites) < n_fixed
    return LocationProblem(
        weights=rng.exponential(5, 30),
        minutes=np.linalg.norm(s[:, None] - d[None], axis=2),
        fixed=fixed,
        site_region=np.array(["11", "26"] * n_sites)[:n_sites],
        site_cost=np.where(np.arange(n_sites) % 2 == 0, 1.0, 4.0),
    )


def test_infeasible_settings() -> None:
    exc = _raises(lambda: solve(_problem(n_fixed=3), total=2))
    assert_korean(exc, ["(2)", "(3)"], ["기존 센터"])
    exc = _raises(lambda: solve(_problem().with_(forced=[3, 4, 5]), total=4))
    assert_korean(exc, ["5"], ["기존 센터 2곳", "지정 후보지 3곳"])
    exc = _raises(lambda: solve(_problem(), total=5, quotas={"11": (2, 5), "26": (2, 5)}))
    assert_korean(exc, ["4", "3", "6"], ["최소 개수"])
    exc = _raises(lambda: solve(_problem(n_sites=6), total=6, quotas={"26": (5, 5)}))
    assert_korean(exc, ["26", "5", "2"], ["후보지는 2곳뿐"])
    exc = _raises(lambda: solve(_problem().with_(forced=[3, 5]), total=6, budget=5))
    assert_korean(exc, ["8", "5"], ["예산"])
    exc = _raises(lambda: solve(_problem().with_(forced=[3, 5]), total=6, quotas={"26": (0, 1)}))
    assert_korean(exc, ["26", "1"], ["최대 개수"])
    exc = _raises(lambda: _problem().with_(forced=[4], excluded=[4, 5]))
    assert_korean(exc, ["4"], ["포함 지정과 제외"])
    exc = _raises(lambda: _problem().with_(excluded=[0]))
    assert_korean(exc, ["0"], ["기존 센터는 제외할 수 없습니다"])
    exc = _raises(lambda: solve(_problem(), total=6, quotas={"99": (1, 1)}))
    assert_korean(exc, ["99"])


# ------------------------------------------------------------------------ demand weights


@pytest.mark.parametrize(
    ("weights", "details"),
    [
        ({"a": float("nan")}, ["nan"]),
        ({"a": -1}, ["-1"]),
        ({}, []),
        ({"zzz": 1}, ["zzz", "a, b"]),
        ({"a": "x"}, ["'x'"]),
        ({"a": 0, "b": 0}, []),
    ],
)
def test_bad_weights(weights: dict, details: list[str]) -> None:
    x = pd.DataFrame({"a": [1.0, 2.0], "b": [1.0, 1.0]})
    assert_korean(_raises(lambda: demand.composite_index(x, weights)), details)


def test_bad_indicator_values() -> None:
    negative = pd.DataFrame({"a": [1.0, -2.0]})
    assert_korean(_raises(lambda: demand.composite_index(negative, {"a": 1})), [], ["음수"])
    missing = pd.DataFrame({"a": [1.0, np.nan]})
    assert_korean(_raises(lambda: demand.composite_index(missing, {"a": 1})), [], ["1개 지역"])


# ------------------------------------------------------------------------ travel matrix


def test_travel_matrix_errors(tmp_path) -> None:
    od = FIXTURES / "travel" / "od.csv"
    exc = _raises(lambda: matrix_table(od, ["A9"], ["A1", "A2", "A3"], cutoff=30))
    assert_korean(exc, ["A9"], ["도착지"])
    exc = _raises(lambda: matrix_table(od, ["A1"], ["A1", "A2"], cutoff=30))
    assert_korean(exc, ["A3"], ["출발지"])
    reversed_ = pd.DataFrame({"origin_id": ["C1"], "destination_id": ["A1"], "minutes": [5]})
    exc = _raises(lambda: matrix_table(reversed_, ["C:C1"], ["A1"], cutoff=30))
    assert_korean(exc, ["C1"], ["바꿔"])
    exc = _raises(lambda: matrix_table(od, ["A1"], ["A1", "A2", "A3"], cutoff=0))
    assert_korean(exc, ["0"])
    assert_korean(_raises(lambda: read_matrix(tmp_path / "none.csv")), ["none.csv"])
    bad = _file(tmp_path, "od.csv", b"from,to,minutes\na,b,3\n")
    assert_korean(_raises(lambda: read_matrix(bad)), ["origin_id", "destination_id", "od.csv"])
    bad.write_text("origin_id,destination_id,minutes\na,b,-3\na,c,x\n")
    assert_korean(_raises(lambda: read_matrix(bad)), ["od.csv"], ["2개 행", "2행"])
    xlsx = _file(tmp_path, "od.xlsx", b"PK\x03\x04")
    assert_korean(_raises(lambda: read_matrix(xlsx)), ["od.xlsx"])


# ------------------------------------------------------------------------ app service and controls


def _tiny_base():
    from planning.plan import BaseData

    codes = ["11010530"]
    areas = gpd.GeoDataFrame({"area_code": codes}, geometry=[box(0, 0, 1, 1)], crs=4326)
    indicators = pd.DataFrame({"recipients": [1.0]}, index=pd.Index(codes, name="area_code"))
    return BaseData(areas, indicators, gpd.GeoDataFrame(), {})


def test_upload_checks_in_the_app() -> None:
    from planning import plan as service
    from planning.plan import uploads

    exc = _raises(lambda: uploads.check_upload("큰파일.csv", b"x" * (21 * 1024 * 1024)))
    assert_korean(exc, ["큰파일.csv", "21.0 MB", "20 MB"], ["너무 큽니다"])
    assert exc.problem.startswith("The file ‘큰파일.csv’ is too large")
    assert_korean(_raises(lambda: uploads.check_upload("빈.csv", b" \n")), ["빈.csv"], ["빈 파일"])
    exc = _raises(lambda: uploads.check_upload("plan.pkl", b"\x80"))
    assert_korean(exc, ["plan.pkl"], ["형식이 아닙니다"])
    base = _tiny_base()
    exc = _raises(lambda: base.with_indicator("x", pd.Series({"99999999": 1.0}), "v"))
    assert_korean(exc, ["x"], ["연결되지 않았습니다"])
    exc = _raises(lambda: uploads.sigungu_to_areas(base, pd.Series({"11010": 1.0})))
    assert_korean(exc, [], ["인구 지표"])
    exc = _raises(lambda: uploads.apply_upload(base, "nope", "a.csv", b"a,b\n1,2\n"))
    assert_korean(exc, ["nope", "kosis, mois, centers, table"], ["자료 종류"])
    exc = _raises(lambda: uploads.check_upload("표.csv", b"\x89PNG\r\n\x1a\n\x00\x00"))
    assert_korean(exc, ["표.csv", "PNG"], ["글자로 된 표가 아닙니다"])
    exc = _raises(lambda: uploads.check_upload("표.xlsx", b"a,b\n1,2\n"))
    assert_korean(exc, ["표.xlsx"], ["엑셀"])
    exc = _raises(lambda: service.demand_weights(base, Scenario(weights=(("population", 1),))))
    assert_korean(exc, ["recipients"], ["가중치"])


def test_matrix_upload_errors_in_the_app() -> None:
    from planning.plan import matrix as matrix_engine

    exc = _raises(lambda: matrix_engine.read_matrix_upload("od.xlsx", b"PK\x03\x04", "en"))
    assert_korean(exc, ["od.xlsx", "origin_id, destination_id, minutes"], ["이동시간표"])
    exc = _raises(lambda: matrix_engine.read_matrix_upload("od.parquet", b"not parquet", "en"))
    assert_korean(exc, ["od.parquet", "origin_id,destination_id,minutes"], ["읽지 못했습니다"])


def test_settings_against_the_network() -> None:
    from planning import plan as service

    base = _tiny_base()
    net = service.Network(
        site_ids=np.array(["C:C1", "11010530"], dtype=object),
        n_centers=1,
        opened=np.array(["2015-01", ""]),
        site_sido=np.array(["11", "11"], dtype=object),
        lat=np.zeros(2),
        lon=np.zeros(2),
        table=None,
        csr=None,
    )
    for what, word in (("locked", "포함"), ("excluded", "제외")):
        scenario = Scenario(weights=(("recipients", 1),), **{what: ("11010540",)})
        exc = _raises(lambda s=scenario: service.make_problem(base, net, s, pd.Series([1.0])))
        assert_korean(exc, ["11010540"], [f"{word} 목록"])
        assert f"{what} list" in exc.problem
    scenario = Scenario(weights=(("recipients", 1),), total=1, locked=("11010530",))
    exc = _raises(lambda: service.make_problem(base, net, scenario, pd.Series([1.0])))
    assert_korean(exc, ["(1)", "2"], ["기존 센터 1곳", "지정 후보지 1곳"])


def test_phase_sizes_that_cannot_be_read() -> None:
    from planning.ui.components.controls import parse_phases

    assert parse_phases("20, 20 10") == (20, 20, 10)
    exc = _raises(lambda: parse_phases("20, x"))
    assert_korean(exc, ["20, x"], ["단계별 누적 센터 수", "쉼표"])
    assert exc.problem == "The phase totals ‘20, x’ cannot be read."
    assert exc.fix.startswith("Write the network totals as positive integers")


# ------------------------------------------------------------------------ maps


def test_map_errors() -> None:
    from planning import maps

    exc = _raises(lambda: maps.result_layers(lang="fr"))
    assert_korean(exc, ["'fr'", "'ko'", "'en'"], ["지도 언어"])
    values = pd.Series({"11010": 1.0})
    exc = _raises(lambda: maps.result_layers(values=values))
    assert_korean(exc, ["sigungu=load_sigungu()"], ["시군구 레이어"])
    sigungu = gpd.GeoDataFrame({"sigungu_code": ["11010"]}, geometry=[box(0, 0, 1, 1)], crs=4326)
    exc = _raises(lambda: maps.result_layers(values=pd.Series({"x": 1.0}), sigungu=sigungu))
    assert_korean(exc, ["area_code", "sigungu_code"], ["행정동 코드"])
    exc = _raises(lambda: maps.result_layers(proposed=pd.DataFrame({"name": ["a"]})))
    assert_korean(exc, ["lat, lon"], ["제안 입지"])
    exc = _raises(lambda: maps.result_layers(uncovered=["11010530"]))
    assert_korean(exc, ["areas=load_areas(...)"], ["코드로만"])
    exc = _raises(lambda: maps.simplify_for_display(gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)])))
    assert_korean(exc, [], ["좌표계"])


# ------------------------------------------------------------------------ command line


def test_command_line_errors(tmp_path) -> None:
    from planning import offline
    from planning.commands import catchments, optimize

    exc = _raises(lambda: catchments.parse_site("somewhere"))
    assert_korean(exc, ["somewhere"], ["위도,경도"])
    exc = _raises(lambda: catchments.parse_site("127.0,37.5"))
    assert (
        exc.problem
        == "The site 127.0,37.5 is outside South Korea (latitude and longitude look swapped)."
    )
    assert (
        exc.problem_ko
        == "지점 127.0,37.5는 대한민국 밖에 있습니다(위도와 경도가 바뀐 것 같습니다)."
    )
    exc = _raises(lambda: catchments.parse_speeds("dong=fast"))
    assert_korean(exc, ["dong=fast"], ["속도"])
    demand = tmp_path / "demand.csv"
    demand.write_text("id,lat,lon\nD1,37.5,127.0\n", encoding="utf-8")
    exc = _raises(lambda: optimize._read_points(demand, "demand", weight=True))
    assert exc.problem == "The demand file demand.csv lacks column(s) weight (found: id, lat, lon)."
    assert exc.texts("ko") == (
        "수요 파일 demand.csv에 weight 열이 없습니다(있는 열: id, lat, lon).",
        "수요 파일에 id,lat,lon,weight 열을 넣어 주세요.",
    )
    env = {"PLANNING_TILE_URL": "http://tiles.intra/{z}/{x}.png", "PLANNING_TILE_ATTRIBUTION": "x"}
    exc = _raises(lambda: offline.tile_settings(env=env, config_file=Path("/nonexistent")))
    assert exc.problem_ko == "타일 주소 'http://tiles.intra/{z}/{x}.png'에 {y}가 없습니다."
    assert "{z}, {x}, {y}" in exc.fix_ko and "{z}, {x} and {y}" in exc.fix


# ------------------------------------------------------------------------ static check

# modules whose errors a user can reach from the app (uploads, settings, optimisation)
SCANNED = [
    "planning/sources",
    "planning/crosswalk.py",
    "planning/scenario.py",
    "planning/optimize",
    "planning/travel/matrix.py",
    "planning/demand.py",
    "planning/centers.py",
    "planning/geocode.py",
    "planning/regions.py",
    "planning/plan/model.py",
    "planning/plan/run.py",
    "planning/plan/network.py",
    "planning/plan/matrix.py",
    "planning/plan/uploads.py",
    "planning/ui/components/controls.py",
    "planning/maps/__init__.py",
    "planning/maps/layers.py",
    "planning/maps/elements.py",
    "planning/maps/style.py",
    "planning/display.py",
]
ERRORS = {"PlanningError", "DataError", "TravelError", "InfeasibleScenario"}


def _error_calls(path: Path) -> list[ast.Call]:
    calls = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == "of" and isinstance(func, ast.Attribute):  # SomeError.of(key): catalog
                name = getattr(func.value, "id", None)
            if name in ERRORS:
                calls.append(node)
    return calls


def _files() -> list[Path]:
    out: list[Path] = []
    for entry in SCANNED:
        path = ROOT / entry
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def _lacking(path: Path) -> tuple[int, list[str]]:
    """(number of error constructions, those without non-empty problem_ko / fix_ko)."""
    calls = _error_calls(path)
    lacking = []
    for call in calls:
        if isinstance(call.func, ast.Attribute) and call.func.attr == "of":
            continue  # both languages from the catalog (tests/test_catalog_only.py)
        keywords = {k.arg: k.value for k in call.keywords}
        for key in ("problem_ko", "fix_ko"):
            value = keywords.get(key)
            if value is None or (isinstance(value, ast.Constant) and not value.value):
                lacking.append(f"{path.name}:{call.lineno} lacks {key}")
            elif isinstance(value, ast.Constant) and not HANGUL.search(str(value.value)):
                lacking.append(f"{path.name}:{call.lineno} {key} has no Korean")
    return len(calls), lacking


def test_every_error_in_the_app_modules_passes_korean_text() -> None:
    """An English-only ``raise DataError(problem, fix)`` added to these modules fails here."""
    count, missing = 0, []
    for path in _files():
        n, lacking = _lacking(path)
        count += n
        missing += lacking
    assert count > 100, count  # the scan sees the errors (not a vacuous pass)
    assert not missing, "\n".join(missing)


def test_the_static_check_catches_an_english_only_error(tmp_path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from planning.errors import DataError\n"
        "def f():\n"
        "    raise DataError('broken', 'fix it')\n"
        "def g():\n"
        "    raise DataError('broken', 'fix it', problem_ko='고장', fix_ko='')\n"
        "def h():\n"
        "    return DataError('broken', 'fix it', problem_ko='broken', fix_ko='고쳐 주세요')\n"
        "def ok():\n"
        "    raise DataError('broken', 'fix it', problem_ko='고장', fix_ko='고쳐 주세요')\n"
    )
    count, lacking = _lacking(bad)
    assert count == 4
    assert lacking == [
        "bad.py:3 lacks problem_ko",
        "bad.py:3 lacks fix_ko",
        "bad.py:5 lacks fix_ko",
        "bad.py:7 problem_ko has no Korean",
    ]
