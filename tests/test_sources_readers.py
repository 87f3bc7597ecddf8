from __future__ import annotations

import io

import pandas as pd
import pytest

from planning.errors import DataError
from planning.sources.readers import (
    decode_text,
    file_kind,
    find_column,
    read_bytes,
    read_rows,
    read_table,
    to_numbers,
)


def test_decode_utf8_bom_and_cp949() -> None:
    text = "시도,시군구\n서울특별시,종로구\n"
    assert decode_text(("\ufeff" + text).encode("utf-8")) == (text, "utf-8")
    assert decode_text(text.encode("cp949")) == (text, "cp949")


def test_latin1_garbage_is_refused(fixtures) -> None:
    with pytest.raises(DataError, match="not UTF-8 or CP949"):
        read_rows(fixtures / "sources" / "garbage_latin1.csv")


def test_path_bytes_and_filelike_give_the_same_rows(fixtures) -> None:
    path = fixtures / "sources" / "kosis_small.csv"
    by_path, _ = read_rows(path)
    by_bytes, _ = read_rows(path.read_bytes())
    by_file, _ = read_rows(io.BytesIO(path.read_bytes()))
    assert by_path == by_bytes == by_file
    assert by_path[2][0] == "11 서울특별시"


def test_xlsx_detected_by_content(fixtures) -> None:
    data = (fixtures / "sources" / "region_mois.xlsx").read_bytes()
    assert file_kind(data) == "xlsx"
    table = read_table(data)
    assert table.columns.tolist() == ["행정기관코드", "행정기관", "수급자수"]
    assert table.iloc[0, 0] == "1111000000"  # codes stay text, leading digits kept


def test_old_xls_and_empty_files_are_refused(tmp_path) -> None:
    with pytest.raises(DataError, match="Excel 97-2003"):
        file_kind(b"\xd0\xcf\x11\xe0rest", "old.xls")
    with pytest.raises(DataError, match="empty"):
        read_bytes(b"  \n")
    with pytest.raises(DataError, match="not found"):
        read_bytes(tmp_path / "nope.csv")


def test_find_column_prefers_exact_and_respects_exclusions() -> None:
    cols = ["T6 경제활동참가율 (%)", "T5 비경제활동인구 (천명)", "T2 경제활동인구 (천명)"]
    assert find_column(cols, ["경제활동인구"], exclude=["비경제활동", "참가율"]) == cols[2]
    assert find_column(["시도", "시군구명"], ["시군구"]) == "시군구명"
    assert find_column(["a"], ["b"]) is None


def test_to_numbers_names_bad_rows() -> None:
    labels = ["a", "b", "c"]
    ok = to_numbers(pd.Series(["1,234", "-", " 5.5 "]), column="v", labels=labels)
    assert ok.tolist() == [1234.0, 0.0, 5.5]
    with pytest.raises(DataError, match="negative values: row 3 'b'"):
        to_numbers(pd.Series(["1", "-3", "2"]), column="v", labels=labels)
    with pytest.raises(DataError, match=r"empty \(NaN\).*row 4 'c'"):
        to_numbers(pd.Series(["1", "2", None]), column="v", labels=labels)
    with pytest.raises(DataError, match="not numbers.*'X'"):
        to_numbers(pd.Series(["1", "X", "2"]), column="v", labels=labels)


def test_find_column_containment_needs_long_aliases() -> None:
    assert find_column(["city", "type"], ["y", "id"]) is None
    assert find_column(["latitude_wgs84"], ["lat"]) == "latitude_wgs84"
    assert find_column(["위도(WGS84)"], ["위도"]) == "위도(WGS84)"
    assert find_column(["latitude_wgs84"], ["lat"], exact=True) is None


def test_delimiters() -> None:
    assert read_table(b"a;b\n1;2\n").columns.tolist() == ["a", "b"]
    assert read_table(b"a\tb\n1\t2\n").iloc[0].tolist() == ["1", "2"]
    # a comma file whose text has semicolons stays a comma file
    assert read_table(b"name,note\nx,see a; b\n").iloc[0, 1] == "see a; b"
