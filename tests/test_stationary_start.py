"""A stationary start (issue 13): the initial state's firms carry the spread of demand shocks and
the share of young firms a running economy keeps, each starting at its staffing ratio of desired
employment; migration measures its reference from the first month with a measured job-finding
rate instead of an assumed one."""

from __future__ import annotations

import numpy as np
import pytest

from sim.firms import stationary_ages, stationary_shocks
from tests.conftest import tiny_model


def test_initial_shocks_have_the_stationary_spread_of_the_ar1_process():
    shocks = stationary_shocks(np.random.default_rng(1), 200_000, 0.03, 0.97)
    assert shocks.std() == pytest.approx(0.03 / np.sqrt(1 - 0.97**2), rel=0.01)


def test_initial_ages_are_those_of_firms_closing_at_a_constant_hazard():
    ages = stationary_ages(np.random.default_rng(2), 200_000, 0.006)
    assert ages.min() == 0
    assert ages.mean() == pytest.approx((1 - 0.006) / 0.006, rel=0.02)
    assert (ages < 24).mean() == pytest.approx(1 - (1 - 0.006) ** 24, rel=0.05)


def test_every_firm_starts_at_the_staffing_ratio_of_its_desired_employment(initial_model):
    demand = initial_model.demand
    staffed = demand.staff > 0
    ratio = demand.staff[staffed] / demand.desired[staffed]
    # a firm's desired employment is its share of its market's demand: its jobs (plus half a job
    # for the empty) over the staffing ratio
    assert np.median(ratio) == pytest.approx(demand.cfg.staffing_ratio, rel=0.02)
    total = demand.staff.sum() / demand.desired.sum()
    assert total == pytest.approx(demand.cfg.staffing_ratio, rel=0.01)


def test_migration_takes_its_reference_from_the_first_measured_job_finding_rate():
    model = tiny_model()
    assert all(np.isnan(r.job_finding).all() for r in model.regions)
    model.step()  # no rate measured before this month: the pull is neutral
    assert model.migration.reference_ratio is None
    assert not any(np.isnan(r.job_finding).any() for r in model.regions)
    model.step()
    assert model.migration.reference_ratio is not None
