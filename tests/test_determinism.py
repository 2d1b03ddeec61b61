"""Same config and seed, same numbers; another seed, other numbers."""

from __future__ import annotations

import pandas as pd

import sim
from tests.conftest import TINY

ARGS = TINY


def test_same_seed_gives_identical_monthly_tables():
    a = sim.run(ARGS + ["seed=7"])
    b = sim.run(ARGS + ["seed=7"])
    pd.testing.assert_frame_equal(a.monthly, b.monthly)
    assert a.summary["digest"] == b.summary["digest"]


def test_another_seed_gives_different_numbers():
    a = sim.run(ARGS + ["seed=7"])
    c = sim.run(ARGS + ["seed=8"])
    assert not a.monthly.urban_unemployment_rate.equals(c.monthly.urban_unemployment_rate)
    assert a.summary["digest"] != c.summary["digest"]
