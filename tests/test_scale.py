"""Results do not depend on the sample size: 50k and 400k agents agree."""

from __future__ import annotations

import numpy as np
import pytest

import sim


def _annual_rates(n_agents: int, seeds: list[int]) -> np.ndarray:
    rates = [
        sim.run(
            [f"n_agents={n_agents}", f"seed={s}", "figures=false"]
        ).annual.urban_unemployment_rate.to_numpy()
        for s in seeds
    ]
    return np.mean(rates, axis=0)


@pytest.mark.slow
def test_annual_unemployment_agrees_between_50k_and_400k_agents():
    # Seed-to-seed spread of an annual rate is ~0.15 points at 50k and ~0.05 at 400k agents, so
    # eight and three seeds put the standard error of the difference near 0.06 points.
    small = _annual_rates(50_000, list(range(8)))
    large = _annual_rates(400_000, [0, 1, 2])
    assert np.max(np.abs(small - large)) < 0.3, f"50k {small.round(2)} vs 400k {large.round(2)}"
