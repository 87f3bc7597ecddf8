"""The matrix engine: a user OD table (CSV or Parquet; origin_id = the 행정동 where people live,
destination_id = the site) becomes a TravelTable; the CLI and the app read the same file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planning.errors import TravelError
from planning.travel.matrix import looks_reversed, matrix_table, read_matrix, site_aliases


@pytest.fixture()
def od(fixtures):
    return fixtures / "travel" / "od.csv"


def test_csv_matrix_to_table(od):
    t = matrix_table(od, ["A1", "A2"], ["A1", "A2", "A3"], cutoff=30)
    d = t.dense()  # sites x areas: row A2 -> A1 of the file is area A2 reaching site A1
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
    f.write_text("origin_id,destination_id,minutes\n01010530,01010530,0\n01010540,01010530,7\n")
    t = matrix_table(f, ["01010530"], ["01010530", "01010540"], cutoff=30)
    assert list(t.dense()[0]) == [0, 7]


def test_duplicates_keep_the_minimum_and_shared_origins(tmp_path):
    f = tmp_path / "od.csv"
    f.write_text("origin_id,destination_id,minutes\nx,a,9\nx,a,4\n")
    t = matrix_table(f, ["a", "a"], ["x"], cutoff=30)  # two sites in the same destination area
    assert list(t.dense()[:, 0]) == [4, 4]


def test_unknown_site_id(od):
    with pytest.raises(TravelError, match="not destinations of the matrix") as err:
        matrix_table(od, ["A9"], ["A1", "A2", "A3"], cutoff=30)
    assert "swap" not in err.value.fix  # A9 is nowhere in the file: not a reversed file


def test_unknown_origin_id(od):
    with pytest.raises(TravelError, match="origin id.* not known demand areas") as err:
        matrix_table(od, ["A1"], ["A1", "A2"], cutoff=30)
    assert "A3" in str(err.value) and "swap" not in err.value.fix


def test_centers_by_center_id_or_site_id_and_the_area_wins():
    od = pd.DataFrame(
        [("A1", "C001", 5.0), ("A2", "C:C002", 6.0), ("A1", "A2", 3.0), ("A2", "A9", 1.0)],
        columns=["origin_id", "destination_id", "minutes"],
    )
    t = matrix_table(od, ["C:C001", "C:C002", "A2"], ["A1", "A2"], cutoff=30)
    np.testing.assert_array_equal(t.dense(), [[5, np.inf], [np.inf, 6], [3, np.inf]])
    # a bare id that is both a center's center_id and a site's area_code is the area
    keys = site_aliases(["C:A2", "A2", "C:C7"])
    assert sorted(zip(keys["id"], keys["si"], strict=True)) == [
        ("A2", 1),
        ("C7", 2),
        ("C:A2", 0),
        ("C:C7", 2),
    ]


def test_reversed_file_is_named_with_the_fix():
    cols = ["origin_id", "destination_id", "minutes"]
    # the app's sites: centers written in the origin column, 행정동 as destinations
    app = pd.DataFrame([("C001", "A1", 5.0), ("A2", "A2", 0.0)], columns=cols)
    with pytest.raises(TravelError, match="origin id") as err:
        matrix_table(app, ["C:C001", "A2"], ["A1", "A2"], cutoff=30)
    assert "swap the origin_id and destination_id columns" in err.value.fix
    assert "바꿔" in err.value.fix_ko
    # the CLI's sites (행정동): the old direction, the site's 행정동 as the only origin
    cli = pd.DataFrame([("A1", "A2", 5.0), ("A1", "A3", 7.0)], columns=cols)
    assert looks_reversed(cli, ["A1"], ["A1", "A2", "A3"])
    with pytest.raises(TravelError, match="not destinations") as err:
        matrix_table(cli, ["A1"], ["A1", "A2", "A3"], cutoff=30)
    assert "swap" in err.value.fix
    # the right direction is not taken for a reversed one
    right = cli.rename(columns={"origin_id": "destination_id", "destination_id": "origin_id"})
    assert not looks_reversed(right, ["A1"], ["A1", "A2", "A3"])
    assert matrix_table(right, ["A1"], ["A1", "A2", "A3"], cutoff=30).dense().tolist() == [
        [np.inf, 5, 7]
    ]


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


def test_the_same_file_feeds_the_cli_and_the_app(tmp_path, capsys):
    """One export (origin_id = 행정동, destination_id = site) gives the CLI's site and the app's
    candidate in the same 행정동 exactly the same pairs."""
    import geopandas as gpd

    from planning import plan as service
    from planning.cli import main
    from planning.plan import matrix as matrix_engine

    base = service.load_base()
    areas = base.areas.reset_index(drop=True)
    site = areas.iloc[10]
    code = str(site["area_code"])
    others = areas["area_code"].astype(str).iloc[:20].tolist()
    rows = [(a, code, 2.0 + 2.5 * k) for k, a in enumerate(others)]  # 2 .. 49.5 min
    rows += [(others[0], "C001", 4.0), (others[1], others[2], 3.0)]  # other sites
    f = tmp_path / "od.csv"
    pd.DataFrame(rows, columns=["origin_id", "destination_id", "minutes"]).to_csv(f, index=False)
    expected = {a: m for a, _, m in rows[:20] if m <= 30}

    out = tmp_path / "cli"
    argv = ["catchments", "--travel", "matrix", "--matrix", str(f), "--threshold", "30"]
    assert main([*argv, "--site", f"{site['lat']},{site['lon']}", "--out", str(out)]) == 0
    assert f"S1: destination_id {code}" in capsys.readouterr().out
    near = gpd.read_file(out / "nearest.geojson")
    near = near[near["reached"]]
    assert (near["nearest_site"] == "S1").all()
    cli = dict(zip(near["area_id"].astype(str), near["minutes"], strict=True))

    net = matrix_engine.matrix_network(
        base, matrix_engine.read_matrix_upload("od.csv", f.read_bytes())
    )
    frame = net.table.to_frame()
    mine = frame[(frame["site_id"] == code) & (frame["minutes"] <= 30)]
    app = dict(zip(mine["area_id"].astype(str), mine["minutes"], strict=True))
    assert cli == app == expected and len(expected) == 12


def test_cli_lines_name_the_site_area_and_a_reversed_file():
    from planning.commands.catchments import _matrix_lines

    cols = ["origin_id", "destination_id", "minutes"]
    right = pd.DataFrame([("A1", "A1", 0.0), ("A2", "A1", 5.0), ("A3", "A1", 9.0)], columns=cols)
    sites = np.array(["S1"], dtype=object)
    (line,) = _matrix_lines(right, sites, np.array(["A1"], dtype=object))
    assert line.startswith("S1: destination_id A1") and "reached from 3 행정동" in line
    assert "swap" not in line
    reversed_ = right.rename(columns={"origin_id": "destination_id", "destination_id": "origin_id"})
    (line,) = _matrix_lines(reversed_, sites, np.array(["A1"], dtype=object))
    assert "reached from 1 행정동" in line and "swap the columns" in line


def test_cli_and_app_read_the_same_messy_files(tmp_path):
    """read_matrix (CLI) parses like the app's upload: tabs, CP949, float-looking codes, gzip."""
    import gzip

    from planning.travel.matrix import parse_matrix, read_matrix

    rows = (
        "origin_id\tdestination_id\tminutes\t비고\n"
        "11010530.0\tC001\t24.5\t종로 청운효자동\n11010530\t11010540\t6\t도보\n"
    )
    cp949 = tmp_path / "od_tab.csv"
    cp949.write_bytes(rows.encode("cp949"))
    gz = tmp_path / "od.csv.gz"
    gz.write_bytes(gzip.compress(rows.replace("\t", ",").encode("utf-8")))
    for path in (cp949, gz):
        df = read_matrix(path)
        assert df["origin_id"].tolist() == ["11010530", "11010530"]
        assert df["destination_id"].tolist() == ["C001", "11010540"]
        assert df["minutes"].tolist() == [24.5, 6.0]
    app = parse_matrix("od_tab.csv", cp949.read_bytes())
    assert app["origin_id"].tolist() == ["11010530", "11010530"]
