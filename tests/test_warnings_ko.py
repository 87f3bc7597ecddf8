"""Every warning an importer gives about a real input reads in English and in Korean.

The inputs are the importer tests' fixtures (tests/fixtures/sources), changed to show each case
(total rows, 출장소 rows, 시 and 구 rows that disagree, a part of a 시군구, coordinates from an
address). ``str(notice)`` stays the English text the CLI prints; ``notice.text("ko")`` is Korean
prose (not the English sentence with Korean names in it) and keeps the specifics.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

from planning.sources import ImportResult, Notice
from planning.sources.centerlist import read_center_list
from planning.sources.generic import read_region_table
from planning.sources.kosis import read_kosis_employment
from planning.sources.mois import read_mois_population

SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"
HANGUL = re.compile(r"[가-힣]")
# English words that mean an English sentence was left in the Korean text
ENGLISH = re.compile(
    r"\b(skipped|rows?|the|its|are|is|sum|used|present|precision|estimates?|total|and|of|"
    r"not|with|city|band|export)\b",
    re.IGNORECASE,
)


def _one(result: ImportResult, english: str) -> Notice:
    """The one warning whose English text has ``english``."""
    found = [w for w in result.warnings if english in w.en]
    assert len(found) == 1, [w.en for w in result.warnings]
    return found[0]


def assert_bilingual(notice: Notice, details: list[str], ko_words: list[str]) -> None:
    assert isinstance(notice, Notice)
    assert str(notice) == notice.en == notice.text("en")
    assert notice.text("ko") == notice.ko != notice.en
    prose = notice.ko
    for detail in details:  # the specifics of the English text are kept in the Korean
        assert detail in notice.en, f"{detail!r} not in {notice.en!r}"
        assert detail in notice.ko, f"{detail!r} lost in {notice.ko!r}"
        prose = prose.replace(detail, " ")
    assert HANGUL.search(prose), notice.ko
    assert not ENGLISH.search(prose), f"English left in {notice.ko!r}"
    assert re.search(r"(니다|세요)[.)]?", notice.ko), notice.ko
    for word in ko_words:
        assert word in notice.ko, f"{word!r} not in {notice.ko!r}"


def _mois(*changes: tuple[str, str]) -> bytes:
    text = (SOURCES / "mois_population_small.csv").read_text(encoding="utf-8-sig")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    return text.encode("utf-8")


# ------------------------------------------------------------------------ KOSIS


def test_kosis_total_and_duplicate_rows() -> None:
    result = read_kosis_employment(SOURCES / "kosis_small.csv")
    notice = _one(result, "전국/시도 total rows")
    assert notice.en == "skipped 1 전국/시도 total rows"  # the CLI's text is unchanged
    assert_bilingual(notice, [], ["합계 행 1개", "건너뛰었습니다"])

    text = (SOURCES / "kosis_small.csv").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith('"1102 서울 중구"'))
    result = read_kosis_employment((text + line + "\n").encode())
    notice = _one(result, "same 시군구")
    assert_bilingual(notice, ["1102 서울 중구"], ["같은 시군구", "쓰지 않았습니다"])


# ------------------------------------------------------------------------ MOIS


def test_mois_city_and_구_rows_that_disagree() -> None:
    row = '4111000000,경기도 수원시 ,"1,000,000","400,000",          2.50,'
    result = read_mois_population(_mois((row + '"1,000,010"', row + '"1,000,999"')))
    notice = _one(result, "구 rows sum")
    assert_bilingual(notice, ["경기도 수원시", "1,000,010", "1,000,999"], ["구 행의 값을 썼습니다"])


def test_mois_city_with_missing_구_rows() -> None:
    text = _mois().decode()
    kept = [ln for ln in text.splitlines() if not ln.startswith(("4111500000", "4111700000"))]
    result = read_mois_population("\n".join(kept).encode())
    notice = _one(result, "only 2 of its 4")
    assert_bilingual(notice, ["경기도 수원시", "500,000"], ["4곳 중 2곳", "빠진 구"])


def test_mois_branch_office_rows() -> None:
    branch = "4122200000,경기도 송탄출장소 ,0,0,0,0,0,0"
    with_residents = '4122200000,경기도 송탄출장소 ,0,0,0,"5,000","2,000",2.50'
    notice = _one(read_mois_population(_mois((branch, with_residents))), "출장소 row")
    assert_bilingual(notice, ["경기도 송탄출장소", "5,000"], ["출장소 행", "상위 시군구"])

    loose = branch + "\n4199900000,경기도 북부출장소 ,0,0,0,0,0,0"  # no such code
    notice = _one(read_mois_population(_mois((branch, loose))), "skipped 출장소 rows")
    assert_bilingual(notice, ["경기도 북부출장소"], ["출장소 행은 건너뛰었습니다"])


def test_mois_시군구_rows_that_do_not_add_up_to_the_시도_rows() -> None:
    seoul = '1100000000,서울특별시  ,"300,000","150,000",          2.00,"300,100"'
    result = read_mois_population(_mois((seoul, seoul.replace("300,100", "300,900"))))
    notice = _one(result, "the 시도 rows")
    assert_bilingual(notice, ["1,300,110", "1,300,910"], ["시도 행의 합", "다릅니다"])


def test_mois_age_band_estimate() -> None:
    """An export in 10-year bands has no 65 boundary: the 60~69세 band is split, and said so."""
    text = (
        "2025년12월 연령별 인구현황,,,,,,\n,,계,,,,\n"
        "행정기관코드,행정기관,총 거주자수,연령구간인구수,0~59세,60~69세,70세 이상\n"
        '2600000000,부산광역시 ,"42,000","42,000","30,000","8,000","4,000"\n'
        '2611000000,부산광역시 중구 ,"21,000","21,000","15,000","4,000","2,000"\n'
        '2614000000,부산광역시 서구 ,"21,000","21,000","15,000","4,000","2,000"\n'
    )
    result = read_mois_population(text.encode("cp949"))
    assert result.table["age_65_plus"].tolist() == [4000, 4000]  # 2,000 + half of 4,000
    notice = _one(result, "estimates 65-69")
    assert_bilingual(notice, ["60~69세", "50%"], ["65~69세", "추정했습니다", "5세 단위"])


# ------------------------------------------------------------------------ generic tables


def test_generic_total_city_branch_and_part_rows() -> None:
    result = read_region_table(SOURCES / "region_names.csv")
    assert_bilingual(_one(result, "시도 total"), ["서울특별시"], ["합계 행은 건너뛰었습니다"])
    notice = _one(result, "city row")
    assert_bilingual(notice, ["경기도 수원시"], ["구 행 1개", "더하지 마세요"])

    text = "sido,sigungu,v\n경기도,송탄출장소,1\n경기도,부천시 원미구,2\n서울특별시,종로구,3\n"
    result = read_region_table(text.encode())
    assert_bilingual(_one(result, "출장소 rows"), ["경기도 송탄출장소"], ["상위 시군구"])
    notice = _one(result, "part of a 시군구")
    assert_bilingual(notice, ["경기도 부천시 원미구"], ["일부 지역", "전체의 값"])


# ------------------------------------------------------------------------ center lists


def test_center_list_location_precision() -> None:
    result = read_center_list(SOURCES / "centers_list.csv")
    notice = _one(result, "location precision")
    assert_bilingual(notice, ["lat/lon"], ["위치 정확도", "좌표 1곳", "시군구 중심 2곳"])
    assert "coordinates 1" in notice.en and "시군구 centre 2" in notice.en
    # only coordinates: nothing to say
    only = read_center_list("name,lat,lon\n종로,37.5729,126.9794\n".encode())
    assert only.warnings == []


def test_center_list_opening_dates() -> None:
    data = "name,lat,lon,개소일\n종로,37.5729,126.9794,곧\n중구,37.5729,126.9794,2015\n"
    result = read_center_list(data.encode(), strict=False)
    notice = _one(result, "not a month")
    assert_bilingual(notice, ["개소일", "'곧'", "YYYY-MM", "2015-06"], ["2행 ‘종로’", "비워"])
    notice = _one(result, "only a year")
    assert_bilingual(notice, ["'2015'"], ["3행 ‘중구’", "12월"])


# ------------------------------------------------------------------------ the notice itself


def test_notice_is_plain_data_and_english_by_default() -> None:
    notice = Notice("skipped 1 row", "1개 행은 건너뛰었습니다.")
    assert f"warning: {notice}" == "warning: skipped 1 row"
    assert asdict(notice) == {"en": "skipped 1 row", "ko": "1개 행은 건너뛰었습니다."}
    assert Notice.of(asdict(notice)) == notice and Notice.of(notice) is notice
    assert Notice.of("old text").text("ko") == "old text"  # English fills a missing Korean
    assert Notice("only English").text("ko") == "only English"
