"""An uploaded center list with opening months: the 'as of' month decides which centers exist."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from planning.plan import ALWAYS, NEVER

# 종로 2014-07, 부산 2016-03, 대전 2020-05 (a planned opening), 광주 without a month, 대구 unreadable
CENTERS = (
    "center_id,name,lat,lon,개소일\n"
    "A,종로센터,37.5729,126.9794,2014-07\n"
    "B,부산센터,35.1798,129.0750,2016.3\n"
    "C,대전센터,36.3504,127.3845,2020년 5월\n"
    "D,광주센터,35.1601,126.8515,\n"
    "E,대구센터,35.8714,128.6014,곧\n"
)


@pytest.fixture(scope="module")
def uploaded():
    from planning.plan import build_network, load_base
    from planning.plan.uploads import apply_upload

    new, report = apply_upload(load_base(), "centers", "plan.csv", CENTERS.encode())
    return new, report, build_network(new)


def test_uploaded_months_decide_the_fixed_centers(uploaded) -> None:
    from planning.plan import centers_as_of

    new, report, net = uploaded
    assert report.rows == 5
    by_id = new.centers.set_index("center_id")
    assert by_id["open_by"].to_dict() == {
        "A": "2014-07",
        "B": "2016-03",
        "C": "2020-05",
        "D": ALWAYS,
        "E": ALWAYS,
    }
    assert by_id["opened"].to_dict() == {
        "A": "2014-07",
        "B": "2016-03",
        "C": "2020-05",
        "D": "",
        "E": "",
    }
    ids = net.site_ids[: net.n_centers]

    def fixed(month: str) -> list[str]:
        return sorted(str(i).split(":")[-1] for i in ids[net.fixed_mask(month)[: net.n_centers]])

    assert fixed("2015-01") == ["A", "D", "E"]
    assert fixed("2016-03") == ["A", "B", "D", "E"]
    assert fixed("2020-05") == ["A", "B", "C", "D", "E"]
    assert not net.fixed_mask("2020-05")[net.n_centers :].any()  # candidates are never fixed
    assert sorted(centers_as_of(new.centers, "2015-01")["center_id"]) == ["A", "D", "E"]


def test_centers_without_a_month_are_said_to_count_at_every_month(uploaded) -> None:
    _, report, _ = uploaded
    notices = [w for w in report.warnings if "no opening month" in w.en]
    assert len(notices) == 1
    assert "2 of 5 centers" in notices[0].en and "every 'as of' month" in notices[0].en
    assert "5곳 중 2곳" in notices[0].ko and "모든 기준 시점" in notices[0].ko
    # the unreadable date is named too (the importer's warning)
    assert any("'대구센터' = '곧'" in w.en for w in report.warnings)


def test_a_list_without_an_opening_column_is_all_existing() -> None:
    from planning.plan import load_base
    from planning.plan.uploads import apply_upload

    data = "name,lat,lon\n종로,37.5729,126.9794\n부산,35.1798,129.0750\n".encode()
    new, report = apply_upload(load_base(), "centers", "old.csv", data)
    assert new.centers["open_by"].tolist() == [ALWAYS, ALWAYS]
    assert new.centers["opened"].tolist() == ["", ""]
    assert any("2 of 2 centers have no opening month" in w.en for w in report.warnings)


def test_a_fully_dated_list_has_no_undated_warning() -> None:
    from planning.plan import load_base
    from planning.plan.uploads import apply_upload

    data = "name,lat,lon,opened\n종로,37.5729,126.9794,201506\n".encode()
    _, report = apply_upload(load_base(), "centers", "dated.csv", data)
    assert not any("no opening month" in w.en for w in report.warnings)


def test_as_of_options_are_the_uploaded_months_and_the_current_one(uploaded) -> None:
    from planning.ui.components.controls import as_of_options

    _, _, net = uploaded
    # months before the bundled default and after today are options; ALWAYS is none
    assert as_of_options(net, "2016-01") == ["2014-07", "2016-01", "2016-03", "2020-05"]
    assert as_of_options(net, "2014-07") == ["2014-07", "2016-03", "2020-05"]
    # the last option counts every center
    assert net.fixed_mask(as_of_options(net, "2016-01")[-1])[: net.n_centers].all()
    undated = SimpleNamespace(opened=np.array([ALWAYS, ALWAYS, NEVER, ""]), n_centers=3)
    assert as_of_options(undated, "2016-01") == ["2016-01"]  # one option: nothing to choose
