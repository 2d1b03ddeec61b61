"""Shared fixtures: small runs reused across tests (the model is deterministic given its seed)."""

from __future__ import annotations

import pytest

import sim
from sim.config import validate
from sim.model import LabourMarketModel

SMALL = ["n_agents=30000", "figures=false"]


@pytest.fixture(scope="session")
def baseline_run() -> sim.Results:
    """The baseline scenario, 2021-2025, at 100k agents."""
    return sim.run(["n_agents=100000", "figures=false"])


@pytest.fixture(scope="session")
def initial_model() -> LabourMarketModel:
    """The December 2020 state at 100k agents, before any month is simulated."""
    return LabourMarketModel(validate({"n_agents": 100_000}))
