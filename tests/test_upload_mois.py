"""Issue 11.6: MOIS 주민등록 population files load through the app's upload path
(planning.plan.uploads.apply_upload, also ``python -m planning run --mois``), as the CLI reads
them. The three real exports in ../shared/data/mois-population-sigungu/."""

from __future__ import annotations

import pytest

from planning.plan import load_base
from planning.plan.uploads import UPLOAD_KINDS, apply_upload

FILES = [
    "2025_second_half_registered_population_and_household_monthly.csv",
    "2026_first_half_registered_population_and_household_monthly.csv",
    "2025_second_half_population_by_age_monthly.csv",
]


@pytest.fixture(scope="module")
def base():
    return load_base()


@pytest.mark.parametrize("name", FILES)
def test_mois_files_load_as_indicators(shared_data, base, name) -> None:
    from planning.sources.mois import read_mois_population

    path = shared_data / "mois-population-sigungu" / name
    content = path.read_bytes()
    new, report = apply_upload(base, "mois", name, content)
    assert "mois" in UPLOAD_KINDS
    cli = read_mois_population(path)  # what the CLI (data summary) reads
    assert report.rows == cli.matched and report.vintage == cli.vintage
    assert new.indicators["residents"].sum() == pytest.approx(cli.table["residents"].sum(), 1e-6)
    assert new.indicators["residents"].sum() > 50_000_000  # the nation's registered residents
    if "age" in name:
        assert "elderly" in report.columns
        assert new.indicators["elderly"].sum() == pytest.approx(
            cli.table["age_65_plus"].sum(), 1e-6
        )
        assert 8e6 < new.indicators["elderly"].sum() < 1.3e7
    else:
        assert report.columns == ("residents",)
    assert "residents" not in base.indicators.columns  # the bundled data is left as it was
