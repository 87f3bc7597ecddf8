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


def test_help_reads_as_help_for_a_planner(capsys) -> None:
    """Every command's help says what it does and gives an example."""
    import pytest

    from planning.cli import COMMANDS, main

    with pytest.raises(SystemExit):
        main(["--help"])
    top = capsys.readouterr().out
    assert "고용복지+센터" in top and "COMMAND --help" in top
    for name in COMMANDS:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        text = capsys.readouterr().out
        assert "example" in text, name
        assert "planning/commands" not in text and "add_arguments" not in text, name
