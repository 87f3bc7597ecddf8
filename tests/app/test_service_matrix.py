"""The uploaded travel-time matrix engine (planning.plan): ids, errors, warnings, solving.

Small OD tables are built from the real 행정동 codes and the bundled centers (data/centers.csv).
"""

from __future__ import annotations

import io
import itertools

import numpy as np
import pandas as pd
import pytest

from planning import plan as service
from planning.errors import DataError, TravelError
from planning.plan import CENTER_PREFIX
from planning.plan import matrix as matrix_engine
from planning.scenario import Scenario


@pytest.fixture(scope="module")
def base() -> service.BaseData:
    return service.load_base()


def _csv(rows: list[tuple[str, str, float]]) -> bytes:
    df = pd.DataFrame(rows, columns=["origin_id", "destination_id", "minutes"])
    return df.to_csv(index=False).encode("utf-8")


def _network(base, rows, name: str = "od.csv", lang: str = "en") -> service.Network:
    matrix = matrix_engine.read_matrix_upload(name, _csv(rows), lang)
    return matrix_engine.matrix_network(base, matrix, lang=lang)


def _pairs(net: service.Network) -> dict[tuple[str, str], float]:
    coo = net.csr.tocoo()
    areas = net.table.area_ids
    return {
        (str(net.site_ids[s]), str(areas[a])): float(m)
        for s, a, m in zip(coo.row, coo.col, coo.data, strict=True)
    }


def test_the_network_holds_exactly_the_pairs_of_the_file(base) -> None:
    a = base.areas["area_code"].astype(str).tolist()
    rows = [
        (a[0], "C001", 10.0),  # a center as written in data/centers.csv
        (a[1], "C:C002", 20.0),  # ... and as the app's site id
        (a[1], "C002", 25.0),  # the same pair again in the other form: the smallest minutes win
        (a[2], a[3], 5.5),  # a candidate 행정동
        (a[3], a[3], 0.0),  # 0 minutes is kept (stored as 1e-6 in the CSR, like straight)
        (a[4], a[5], 95.0),  # above the 90-minute table: not reachable
    ]
    net = _network(base, rows)
    assert _pairs(net) == {
        ("C:C001", a[0]): 10.0,
        ("C:C002", a[1]): 20.0,
        (a[3], a[2]): 5.5,
        (a[3], a[3]): 1e-6,
    }
    assert net.table.engine == "matrix" and net.table.cutoff == service.MAX_THRESHOLD
    assert net.table.meta["above_cutoff"] == 1
    # the same sites in the same order as the straight network, so scenarios carry over
    straight = service.build_network(base)
    assert net.site_ids.tolist() == straight.site_ids.tolist()
    assert net.n_centers == straight.n_centers == len(base.centers)
    assert net.opened.tolist() == straight.opened.tolist()
    assert net.site_sido.tolist() == straight.site_sido.tolist()
    summary = matrix_engine.matrix_summary(net, "en")
    assert "4 pairs" in summary and "6 rows" in summary and "1 pairs above 90" in summary


def test_parquet_with_integer_codes_reads_like_the_csv(base) -> None:
    a = base.areas["area_code"].astype(str).tolist()
    rows = [(a[0], "C001", 10.0), (a[1], a[2], 3.0)]
    df = pd.DataFrame(rows, columns=["origin_id", "destination_id", "minutes"])
    df["origin_id"] = df["origin_id"].astype("int64")  # a router export with numeric codes
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    pq = matrix_engine.read_matrix_upload("od.parquet", buf.getvalue())
    csv = matrix_engine.read_matrix_upload("od.csv", _csv(rows))
    assert pq.od["origin_id"].tolist() == [a[0], a[1]]
    assert pq.digest == csv.digest  # same content, same cache key
    assert _pairs(matrix_engine.matrix_network(base, pq)) == {
        ("C:C001", a[0]): 10.0,
        (a[2], a[1]): 3.0,
    }


def test_tab_separated_and_float_looking_codes_are_read(base) -> None:
    a = base.areas["area_code"].astype(str).tolist()
    text = f"origin_id\tdestination_id\tminutes\n{a[0]}.0\tC:C001\t7\n"
    m = matrix_engine.read_matrix_upload("od.txt", text.encode())
    assert _pairs(matrix_engine.matrix_network(base, m)) == {("C:C001", a[0]): 7.0}


def test_unknown_ids_are_refused_naming_them_and_the_fix(base) -> None:
    a = base.areas["area_code"].astype(str).tolist()
    rows = [(a[0], "C001", 10.0), ("99999999", "C001", 5.0), (a[1], "C999", 3.0)]
    with pytest.raises(TravelError) as err:
        _network(base, rows)
    problem, fix = err.value.problem, err.value.fix
    assert "2 of the 3 rows" in problem
    assert "origin_id 99999999" in problem and "destination_id C999" in problem
    assert "8-digit" in fix and "center_id" in fix and "C:C001" in fix
    # in Korean too
    assert "맞지 않습니다" in err.value.problem_ko and "C:C001" in err.value.fix_ko


def test_a_few_unknown_rows_are_dropped_with_a_warning(base) -> None:
    a = base.areas["area_code"].astype(str).tolist()
    good = [(a[i], a[i], 1.0) for i in range(39)]
    net = _network(base, [*good, ("12345678", a[0], 4.0)])  # 1 of 40 rows = 2.5 % <= 5 %
    assert len(_pairs(net)) == 39
    warnings = [n.text("en") for n in matrix_engine.matrix_notices(base, net)]
    assert any("1 rows (2.5%)" in w and "origin_id 12345678" in w for w in warnings)
    bad = [*good[:37], ("12345678", a[0], 4.0), (a[0], "X1", 1.0), (a[1], "X2", 1.0)]
    with pytest.raises(TravelError, match=r"3 of the 40 rows \(7.5%\)"):  # above 5 %
        _network(base, bad)


def test_swapped_columns_get_a_hint(base) -> None:
    a = base.areas["area_code"].astype(str).tolist()
    with pytest.raises(TravelError) as err:
        _network(base, [("C001", a[0], 10.0), ("C002", a[1], 10.0)])
    assert "swapped" in err.value.fix


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("origin_id,destination_id,minutes\n11010530,C001,\n", "not a number"),
        ("origin_id,destination_id,minutes\n11010530,C001,-3\n", "not a number"),
        ("origin_id,destination_id,minutes\n11010530,C001,abc\n", "not a number"),
        ("from,to,minutes\n11010530,C001,3\n", "lacks the column"),
    ],
)
def test_bad_minutes_and_columns_are_refused_by_validate_matrix(text: str, match: str) -> None:
    with pytest.raises(TravelError, match=match) as err:
        matrix_engine.read_matrix_upload("od.csv", text.encode())
    assert err.value.fix


def test_format_and_size_are_checked_before_parsing() -> None:
    with pytest.raises(TravelError, match="not a format") as err:
        matrix_engine.read_matrix_upload("od.xlsx", b"PK\x03\x04", "en")
    assert "Parquet" in err.value.fix
    with pytest.raises(TravelError, match="not a format"):
        matrix_engine.read_matrix_upload("od.pkl", b"\x80\x04K\x01.", "en")
    with pytest.raises(DataError, match="too large") as err:
        matrix_engine.read_matrix_upload("od.csv", b"x" * (21 * 1024 * 1024))
    assert "너무 큽니다" in err.value.problem_ko
    with pytest.raises(TravelError, match="Could not read"):
        matrix_engine.read_matrix_upload("od.parquet", b"not parquet at all", "en")


def test_centers_and_areas_left_without_pairs_are_warned(base) -> None:
    a = base.areas["area_code"].astype(str).tolist()
    net = _network(base, [(a[0], "C001", 10.0), (a[1], a[1], 2.0)])
    warnings = [n.text("en") for n in matrix_engine.matrix_notices(base, net)]
    lonely = next(w for w in warnings if "existing centers" in w)
    n_c = len(base.centers)
    assert f"{n_c - 1} of the {n_c} existing centers" in lonely
    c2 = base.centers.iloc[1]
    assert f"{c2['name_ko']} ({c2['center_id']})" in lonely
    assert str(base.centers.iloc[0]["name_ko"]) not in lonely
    assert any(f"{len(a) - 2:,} of the {len(a):,} 행정동 reach no site" in w for w in warnings)
    # a table covering every area and center: no warning at all
    full = [(code, code, 1.0) for code in a]
    full += [(a[0], cid, 1.0) for cid in base.centers["center_id"].astype(str)]
    assert matrix_engine.matrix_notices(base, _network(base, full)) == []


def test_coverage_with_the_matrix_matches_an_independent_brute_force(base) -> None:
    """Tiny instance: 8 행정동, the fixed center C001 and 4 candidates; 2 new sites at 30 min."""
    pop = base.indicators["population"].fillna(0.0)
    codes = pop.sort_values(ascending=False).index.astype(str)[:8].tolist()  # distinct, large
    a0, a1, a2, a3, a4, a5, a6, a7 = codes
    rows = [
        (a0, "C001", 10.0),
        (a0, "C:C001", 12.0),
        (a1, a1, 5.0),
        (a2, a1, 25.0),
        (a3, a3, 0.0),
        (a4, a3, 20.0),
        (a2, a3, 28.0),
        (a5, a5, 15.0),
        (a6, a5, 40.0),  # beyond the threshold: does not count
        (a0, a5, 5.0),
        (a7, a7, 10.0),
        (a6, a7, 29.0),
        (a5, a7, 31.0),
    ]
    net = _network(base, rows)
    s = Scenario(as_of="2016-01", total=1, weights=(("population", 1.0),), threshold=30)
    n_fixed = int(net.fixed_mask(s.as_of).sum())
    s = s.replace(total=n_fixed + 2)
    total_pop = pop.sum()
    covered: dict[float, float] = {}
    for threshold in (30.0, 45.0):  # the threshold still filters the same table
        result = service.run_scenario(base, net, s.replace(threshold=threshold), exact=True)
        fixed_cover, best, best_pair = _brute_force(rows, codes, pop, threshold)
        assert set(result.new_ids) == best_pair
        kpi = result.kpis.set_index("key")
        assert kpi.loc["share_population", "before"] == pytest.approx(
            100 * sum(pop[x] for x in fixed_cover) / total_pop
        )
        assert kpi.loc["share_population", "after"] == pytest.approx(100 * best / total_pop)
        assert kpi.loc["n_centers", "after"] == n_fixed + 2
        assert np.isinf(kpi.loc["worst_minutes", "after"])  # most 행정동 are not in the table
        assert "C:C001" in result.open_ids
        covered[threshold] = best
    assert covered[45.0] > covered[30.0]  # the 40-minute pair counts only at 45


def _brute_force(rows, codes, pop, threshold):
    """Independent: areas each site reaches within ``threshold`` from the rows, every pair of
    candidates tried; returns the fixed center's cover, the best covered population and pair."""
    reach: dict[str, set[str]] = {}
    for origin, dest, minutes in rows:
        site = dest if dest in codes else CENTER_PREFIX + dest.removeprefix(CENTER_PREFIX)
        reach.setdefault(site, set())
        if minutes <= threshold:
            reach[site].add(origin)
    fixed_cover = reach["C:C001"]
    candidates = [c for c in reach if not c.startswith(CENTER_PREFIX)]
    scored = sorted(
        (
            (sum(pop[x] for x in fixed_cover | reach[p] | reach[q]), {p, q})
            for p, q in itertools.combinations(candidates, 2)
        ),
        key=lambda x: -x[0],
    )
    assert scored[0][0] > scored[1][0]  # a unique optimum, so the sites can be compared too
    return fixed_cover, scored[0][0], scored[0][1]


def test_a_parquet_with_too_many_rows_is_refused_before_reading(monkeypatch) -> None:
    df = pd.DataFrame({"origin_id": ["11010530"] * 11, "destination_id": "C001", "minutes": 1.0})
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    monkeypatch.setattr(matrix_engine, "MATRIX_MAX_ROWS", 10)
    with pytest.raises(TravelError, match="too many rows") as err:
        matrix_engine.read_matrix_upload("od.parquet", buf.getvalue(), "en")
    assert "90 minutes" in err.value.fix


def test_average_counts_areas_without_a_site_at_90_and_worst_refuses(base) -> None:
    from planning.errors import InfeasibleScenario

    a = base.areas["area_code"].astype(str).tolist()
    net = _network(base, [(a[0], "C001", 10.0), (a[1], a[1], 2.0)])
    s = Scenario(weights=(("population", 1.0),), engine="matrix")
    index = service.demand_weights(base, s)
    assert matrix_engine.matrix_options(net, s, index) == {}  # coverage: pairs beyond T never count
    avg = s.replace(model="average")
    assert matrix_engine.matrix_options(net, avg, index) == {"penalty": service.MAX_THRESHOLD}
    straight = service.build_network(base)
    assert matrix_engine.matrix_options(straight, avg, index) == {}  # the straight engine unchanged
    n_lost = int((index > 0).sum()) - 2
    with pytest.raises(InfeasibleScenario) as err:
        service.run_scenario(base, net, s.replace(model="worst"), lang="en")
    assert f"{n_lost:,} 행정동 with demand reach no site" in err.value.problem
    assert "Maximise coverage" in err.value.fix
