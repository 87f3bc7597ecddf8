import pytest

from planning.cli import build_parser, main
from planning.errors import DataError, PlanningError


def test_cli_requires_a_command():
    with pytest.raises(SystemExit):
        build_parser().parse_args([])


def test_planning_error_names_problem_and_fix():
    err = DataError("column 'lat' is missing", "add a 'lat' column in degrees")
    assert isinstance(err, PlanningError)
    assert "lat" in str(err) and "add" in str(err)


def test_main_returns_int_for_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "python -m planning" in capsys.readouterr().out
