"""``bench --families``: every family sets only options the bench command has."""

from __future__ import annotations

import argparse

from planning.commands import bench


def test_families_use_bench_options():
    parser = argparse.ArgumentParser()
    bench.add_arguments(parser)
    args = vars(parser.parse_args([]))
    assert "30min" in bench.FAMILIES and "20km-population" in bench.FAMILIES
    for name, over in bench.FAMILIES.items():
        unknown = set(over) - set(args)
        assert not unknown, f"{name}: {unknown}"
    assert parser.parse_args(["--families"]).families
