"""Run sizes and shared runs of the tests (the model is deterministic given its seed).

Every test that simulates the whole model starts from ``TINY`` (``conf/debug/tiny.yaml``: 10k
agents, 24 months, no figures). A test that needs more agents or months for its claim to stand out
of the sampling noise takes one of the named sizes below, and says why beside it; no test picks a
size of its own.
"""

from __future__ import annotations

import pytest

import sim
from sim.api import compose_config
from sim.config import validate
from sim.model import LabourMarketModel

# The smallest whole-model run: enough for accounting, plumbing and determinism checks.
TINY = ["debug=tiny"]
# Tiny agents over half a year: tests of sweeps, the CLI and reproduction that launch several
# processes and check files and bookkeeping, not economics.
TINY_HALF_YEAR = [*TINY, "months=6"]
# 50k agents: effects of a few tenths of a point (AI displacement by occupation, training of the
# displaced, the pacing cap, graduates' July rise) need them to stand out of seed-to-seed noise,
# with two or three seeds.
MEDIUM = ["n_agents=50000", "figures=false"]
# 100k agents over the plan's five years 2021-2025: the calibration to 2% of official levels and
# seasonal bumps averaged over five years; also the levers whose target groups (graduates,
# villagers, migrants) are few at smaller sizes.
PLAN_PERIOD = ["n_agents=100000", "figures=false"]
PLAN_PERIOD_AGENTS = 100_000


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
    return sim.run(PLAN_PERIOD)


@pytest.fixture(scope="session")
def initial_model() -> LabourMarketModel:
    """The December 2020 state at 100k agents, before any month is simulated."""
    return LabourMarketModel(validate({"n_agents": PLAN_PERIOD_AGENTS}))
