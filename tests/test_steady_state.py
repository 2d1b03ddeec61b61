"""Analytic check: a single frictionless market converges to u* = s / (s + f)."""

from __future__ import annotations

import pytest

import sim
from tests.conftest import LARGE, TINY


@pytest.mark.slow
@pytest.mark.parametrize("separation", [0.01, 0.025])
def test_unemployment_converges_to_the_flow_steady_state(separation):
    res = sim.run(
        [
            "experiment=steady_state",
            f"separations.formal={separation}",
            *LARGE,
        ]
    )
    tail = res.monthly.iloc[-24:]  # after the first two years
    s, f = tail.separation_rate.mean(), tail.job_finding_rate.mean()
    u_star = 100 * s / (s + f)
    u = tail.urban_unemployment_rate.mean()
    assert abs(u - u_star) < 0.2, f"simulated {u:.3f}% vs analytic {u_star:.3f}%"
    assert abs(s - separation) < 0.2 * separation  # the separation rate is the one configured


def test_higher_separation_rate_means_higher_steady_unemployment():
    low = sim.run(["experiment=steady_state", "separations.formal=0.01", *TINY])
    high = sim.run(["experiment=steady_state", "separations.formal=0.03", *TINY])
    assert (
        high.monthly.urban_unemployment_rate.iloc[-6:].mean()
        > low.monthly.urban_unemployment_rate.iloc[-6:].mean() + 1.0
    )
