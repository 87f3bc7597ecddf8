import json

import pytest

from planning.cli import main

KOSIS_FILE = "kosis-regional-employment-sigungu/전국_시군구_경제활동인구_총괄_20241121153501.csv"


def _summary(capsys, *args):
    assert main(["data", "summary", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_summary_json_keys_and_values(capsys):
    out = _summary(capsys)
    assert 3400 <= out["units"]["areas"] <= 3600
    assert out["units"]["sigungu"] == 250
    assert out["population"]["vintage"] == "2025"
    assert 51.4e6 < out["population"]["total"] < 52.0e6
    assert out["recipients"]["total"] == pytest.approx(2_134_186)
    assert out["recipients"]["vintage"] == "2020"
    assert out["recipients"]["allocated_from_sigungu"] is True
    for key in ("basic_pension", "disabled", "welfare_facilities"):
        assert out[key]["total"] > 0 and out[key]["license"]
    assert out["centers"]["total"] >= out["centers"]["2016-01"] > 0
    assert "unemployment" not in out
    assert any("OpenStreetMap" in a for a in out["attributions"])


def test_summary_with_fixture_kosis_file(capsys, fixtures):
    out = _summary(capsys, "--unemployment", str(fixtures / "regions" / "kosis_employment.csv"))
    unemployment = out["unemployment"]
    assert unemployment["matched"] == 5
    assert unemployment["unmatched"] == ["9999 없는 시군구"]
    assert unemployment["total"] == pytest.approx(45_000)  # thousands -> persons
    # 수원시 (per 시) reaches the 행정동 of its four 구; only the matched 시군구 are covered
    assert 0 < unemployment["areas_covered"] < out["units"]["areas"]


def test_summary_table_is_readable(capsys):
    assert main(["data", "summary"]) == 0
    text = capsys.readouterr().out
    assert "행정동 areas: 3,501" in text
    assert "recipients" in text and "2,134,186" in text


def test_summary_as_of_and_bad_file(capsys, tmp_path):
    out = _summary(capsys, "--as-of", "2020-12")
    assert out["centers"]["2020-12"] >= out["centers"]["total"] // 2
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["data", "summary", "--unemployment", str(bad)]) == 2
    assert "error:" in capsys.readouterr().err


def test_timing_json(capsys):
    assert main(["data", "timing", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["seconds"]) >= {"areas", "indicators", "sido", "land"}
    assert out["peak_rss_mb"] > 0


def test_real_kosis_file_joins(capsys, shared_data):
    out = _summary(capsys, "--unemployment", str(shared_data / KOSIS_FILE))
    assert out["unemployment"]["matched"] >= 225
    assert len(out["unemployment"]["unmatched"]) <= 3
    assert out["unemployment"]["vintage"]
