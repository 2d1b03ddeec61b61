"""Stocks and flows add up: everyone is somewhere, every month."""

from __future__ import annotations

import numpy as np

from sim.codes import Status
from tests.conftest import tiny_model


def test_every_agent_is_in_exactly_one_status_every_month():
    model = tiny_model()
    population = model.statistics.record["population"]
    for _ in range(model.cfg.months):
        model.step()
        w = model.workers
        counts = np.bincount(w.status, minlength=len(Status))
        assert counts.sum() == w.n == model.cfg.n_agents
        assert len(counts) == len(Status)
        w.check_invariants()
        rec = model.statistics.record
        assert abs(rec["urban_employed"] + rec["rural_employed"] - rec["employed"]) < 1e-6
        sectors = rec["employed_primary"] + rec["employed_secondary"] + rec["employed_tertiary"]
        assert abs(sectors - rec["employed"]) < 1e-6
        assert rec["population"] == population  # weighted total stays the calibrated one
        # firms' staff are exactly the agents whose employer they are
        staff = model.firms.employment_by_occupation(w).sum()
        assert staff == int((w.employer >= 0).sum())


def test_vacancies_and_rates_are_well_formed(tiny_run):
    m = tiny_run.monthly
    assert (m.vacancies >= 0).all()
    for col in (
        "urban_unemployment_rate",
        "youth_unemployment_rate",
        "vacancy_rate",
        "urban_employment_share",
        "long_term_unemployed_share",
    ):
        assert m[col].between(0, 100).all(), col
    assert m.job_finding_rate.between(0, 1).all()
    assert m.separation_rate.between(0, 1).all()
    assert m.mismatch_index.between(0, 1).all()
