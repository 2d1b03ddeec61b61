"""Graduation and campus recruitment: final-year students sign jobs that start in July.

The July rise of the urban rate is averaged over the years 2021-2023 and seeds 0 and 1 of
medium-sized runs; the rest are tiny.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sim
from sim.workers import FINAL_YEAR
from tests.conftest import MEDIUM, TINY, tiny_model

SIZE = [*MEDIUM, "months=36"]
NO_CAMPUS = ["matching.campus_search=0", "matching.signed_before_start=0"]


def july_rise(runs: list[sim.Results]) -> float:
    """Mean over years and seeds of July's urban rate minus June's (points)."""
    m = pd.concat([r.monthly for r in runs])
    by = m.groupby(["year", "month"]).urban_unemployment_rate.mean().unstack()
    return float((by[7] - by[6]).mean())


@pytest.fixture(scope="module")
def with_campus() -> list[sim.Results]:
    return [sim.run([*SIZE, f"seed={s}"]) for s in (0, 1)]


@pytest.fixture(scope="module")
def without_campus() -> list[sim.Results]:
    return [sim.run([*SIZE, f"seed={s}", *NO_CAMPUS]) for s in (0, 1)]


def test_signed_jobs_start_in_july_and_never_exceed_the_cohort(with_campus):
    for res in with_campus:
        m = res.monthly
        starts = m.set_index("month").signed_job_starts
        assert (starts.drop(7, errors="ignore") == 0).all()
        july = m[m.month == 7]
        assert (july.signed_job_starts > 0).all()
        assert (july.signed_job_starts <= july.graduates).all()
        # students sign only in the recruitment seasons (not January, February, July, August)
        off_season = m[m.month.isin([1, 2, 7, 8])]
        assert (off_season.signed_offers == 0).all() and (off_season.campus_seekers == 0).all()
        assert (m[m.month.isin([3, 4, 9, 10])].signed_offers > 0).all()


def test_campus_recruitment_flattens_the_july_rise(with_campus, without_campus):
    """Without recruitment before graduation the whole cohort searches in July: the rise is far
    larger (the model's 2.0-point July bump before the mechanism existed; 0.2-0.3 in 2018-2019)."""
    rise_with, rise_without = july_rise(with_campus), july_rise(without_campus)
    assert rise_without > 1.0
    assert rise_with < 0.6 * rise_without
    grads = sum(r.monthly.graduates.sum() for r in with_campus)
    starts = sum(r.monthly.signed_job_starts.sum() for r in with_campus)
    assert 0.4 < starts / grads < 0.95  # most, not all, graduates start a signed job
    assert all(r.monthly.signed_job_starts.sum() == 0 for r in without_campus)


def test_starting_state_holds_signed_offers_for_the_first_cohort():
    model = tiny_model()
    w, offers = model.workers, model.signed_offers
    final_year = np.flatnonzero((w.flags & FINAL_YEAR) > 0)
    cohort = model.demography.graduates[2021] * 1e4 / w.weight
    assert abs(len(final_year) - cohort) <= 1  # exactly the 2021 cohort, chosen at the start
    share = len(offers) / len(final_year)
    assert abs(share - model.cfg.matching.signed_before_start) < 0.05
    assert set(offers.worker) <= set(final_year)
    assert model.firms.urban[offers.firm].all()  # signed at urban firms
    # the firms count the signed students: their workforce exceeds their staff by exactly those
    staff = model.firms.employment_by_occupation(w).sum()
    assert model.demand.workforce(model).sum() == staff + len(offers)


def test_offers_lapse_when_firms_close():
    res = sim.run([*TINY, "demand.firm_exit=0.02"])
    assert res.monthly.signed_offers_lapsed.sum() > 0
