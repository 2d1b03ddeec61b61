"""A user's mistake stops the run before it starts, with one clear message and no traceback."""

from __future__ import annotations

import pytest

import sim
from sim.config import ConfigError
from tests.test_interfaces import run_cli

CASES = {
    "mistyped key": (["n_agnts=50000"], ["n_agnts", "n_agents"]),
    "wrong type": (["n_agents=many"], ["n_agents", "many"]),
    "rate above one": (["separations.formal=1.5"], ["separations.formal", "1.5", "[0.0, 1.0]"]),
    "negative rate": (["migration.return_rate=-0.1"], ["migration.return_rate", "-0.1"]),
    "too few agents": (["n_agents=500"], ["n_agents", "500", "10000"]),
    "end before start": (["months=0"], ["months", "0", "[1, 180]"]),
    "end after 2035": (["start=2030-01", "months=120"], ["start", "2035-12"]),
    "malformed month": (["start=2021-13"], ["start", "YYYY-MM"]),
    "unknown scenario": (["scenario=boom"], ["scenario", "boom"]),
    "unknown choice": (["regions=provinces"], ["regions", "nbs4", "national"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_rejects_bad_input_with_a_message(case, tmp_path):
    args, words = CASES[case]
    proc = run_cli(*args, f"hydra.run.dir={tmp_path}")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr + proc.stdout
    for word in words:
        assert word in proc.stderr, f"{case}: {word!r} missing from {proc.stderr!r}"
    assert not (tmp_path / "monthly.parquet").exists()


@pytest.mark.parametrize("case", ["rate above one", "too few agents", "mistyped key"])
def test_run_raises_config_error(case):
    with pytest.raises(ConfigError):
        sim.run(CASES[case][0])
