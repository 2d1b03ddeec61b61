"""Run sizes and shared runs of the tests (the model is deterministic given its seed).

Every test that simulates the whole model starts from ``TINY`` (``conf/debug/tiny.yaml``: 10k
agents, 24 months, no figures). A test that needs more agents or months for its claim to stand out
of the sampling noise takes one of the named sizes below, and says why beside it; no test picks a
size of its own, except ``test_scale.py``, whose subject is the size (50k against 400k agents).
"""

from __future__ import annotations

import pytest

import sim
from sim.api import compose_config
from sim.config import validate
from sim.model import LabourMarketModel

# The smallest whole-model run (conf/debug/tiny.yaml): accounting, plumbing, determinism, and
# every claim that holds run by run whatever the noise.
TINY = ["debug=tiny"]
# Tiny, over half a year: sweeps, the CLI and reproduction launch several processes and check files
# and bookkeeping, not economics, so they simulate no more months than they read.
TINY_HALF_YEAR = [*TINY, "months=6"]
# 30k agents: the lever-effect checks of test_policy.py (slow), whose intensities are turned up
# so that each lever's direction shows above the noise of this size.
SMALL = ["n_agents=30000", "figures=false"]
# 50k agents: AI and graduate effects of a few tenths of a point (displacement by occupation,
# training of the displaced, the pacing cap, the July rise) stand out of seed-to-seed noise with
# two or three seeds; and the training lever fills its places (at 10k, seekers run short).
MEDIUM = ["n_agents=50000", "figures=false"]
# 100k agents: the calibration to 2% of official levels, seasonal bumps averaged over the plan's
# five years and its scorecard (a shorter run judges the 2025 targets only "so far"), the flow
# steady state, and the levers whose target groups (graduates, villagers, migrants) are few at
# smaller sizes.
LARGE_AGENTS = 100_000
LARGE = [f"n_agents={LARGE_AGENTS}", "figures=false"]


def tiny_model(*overrides: str) -> LabourMarketModel:
    """The starting state of a tiny run with these overrides, to be stepped month by month."""
    return LabourMarketModel(validate(compose_config([*TINY, *overrides])))


@pytest.fixture(scope="session")
def tiny_run() -> sim.Results:
    """The baseline scenario over two years at the tiny size."""
    return sim.run(TINY)


@pytest.fixture(scope="session")
def baseline_run() -> sim.Results:
    """The baseline scenario, 2021-2025, at 100k agents."""
    return sim.run(LARGE)


@pytest.fixture(scope="session")
def initial_model() -> LabourMarketModel:
    """The December 2020 state at 100k agents, before any month is simulated."""
    return LabourMarketModel(validate({"n_agents": LARGE_AGENTS}))
