"""The matrix engine: a user OD table (CSV or Parquet) becomes a TravelTable."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planning.errors import TravelError
from planning.travel.matrix import matrix_table, read_matrix


@pytest.fixture()
def od(fixtures):
    return fixtures / "travel" / "od.csv"


def test_csv_matrix_to_table(od):
    t = matrix_table(od, ["A1", "A2"], ["A1", "A2", "A3"], cutoff=30)
    d = t.dense()
    assert d[0, 0] == 0 and d[0, 1] == 12.5 and np.isinf(d[0, 2])  # 40 > cutoff
    assert d[1, 0] == 13 and d[1, 2] == 20
    assert t.engine == "matrix"


def test_parquet_matches_csv(od, tmp_path):
    pq = tmp_path / "od.parquet"
    pd.read_csv(od, dtype={"origin_id": str, "destination_id": str}).to_parquet(pq)
    a = matrix_table(od, ["A1", "A2", "A3"], ["A1", "A2", "A3"], cutoff=60)
    b = matrix_table(pq, ["A1", "A2", "A3"], ["A1", "A2", "A3"], cutoff=60)
    np.testing.assert_array_equal(a.dense(), b.dense())


def test_leading_zeros_are_kept(tmp_path):
    f = tmp_path / "od.csv"
    f.write_text("origin_id,destination_id,minutes\n01010530,01010530,0\n01010530,01010540,7\n")
    t = matrix_table(f, ["01010530"], ["01010530", "01010540"], cutoff=30)
    assert list(t.dense()[0]) == [0, 7]


def test_duplicates_keep_the_minimum_and_shared_origins(tmp_path):
    f = tmp_path / "od.csv"
    f.write_text("origin_id,destination_id,minutes\na,x,9\na,x,4\n")
    t = matrix_table(f, ["a", "a"], ["x"], cutoff=30)  # two sites in the same origin area
    assert list(t.dense()[:, 0]) == [4, 4]


def test_unknown_site_id(od):
    with pytest.raises(TravelError, match="not origins of the matrix"):
        matrix_table(od, ["A9"], ["A1", "A2", "A3"], cutoff=30)


def test_unknown_destination_id(od):
    with pytest.raises(TravelError, match="not known demand areas"):
        matrix_table(od, ["A1"], ["A1", "A2"], cutoff=30)


def test_missing_file(tmp_path):
    with pytest.raises(TravelError, match="does not exist"):
        read_matrix(tmp_path / "none.csv")


def test_missing_column_and_bad_minutes(tmp_path):
    f = tmp_path / "od.csv"
    f.write_text("from,to,minutes\na,b,3\n")
    with pytest.raises(TravelError, match="origin_id"):
        read_matrix(f)
    f.write_text("origin_id,destination_id,minutes\na,b,-3\na,c,x\n")
    with pytest.raises(TravelError, match="2 row"):
        read_matrix(f)


def test_wrong_format(tmp_path):
    f = tmp_path / "od.xlsx"
    f.write_bytes(b"PK\x03\x04")
    with pytest.raises(TravelError, match="neither a CSV nor a Parquet"):
        read_matrix(f)


def test_threshold_must_be_positive(od):
    with pytest.raises(TravelError, match="above 0"):
        matrix_table(od, ["A1"], ["A1", "A2", "A3"], cutoff=0)
