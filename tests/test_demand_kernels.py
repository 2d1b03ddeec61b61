"""The compiled passes of labour demand, firms, markets and the levers agree with plain numpy."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.codes import Status
from sim.firms import count_jobs, staff_of
from sim.markets import _count_seekers
from sim.occupations import N_OCC
from sim.policies.public_welfare_posts import hard_to_employ
from sim.policies.work_relief import rural_seekers
from sim.processes.ai_adoption import most_ready
from sim.processes.demand import spread_vacancies
from sim.workers import EVER_MIGRATED, POVERTY_ALLEVIATED

UNEMPLOYED, FARMING = Status.UNEMPLOYED.value, Status.FARMING.value


def _workers(seed: int, n: int, n_firms: int) -> dict[str, np.ndarray]:
    """Random worker columns with the model's dtypes."""
    rng = np.random.default_rng(seed)
    return {
        "employer": np.where(rng.random(n) < 0.5, rng.integers(0, n_firms, n), -1).astype(np.int32),
        "occupation": rng.integers(0, N_OCC, n).astype(np.int8),
        "status": rng.integers(0, len(Status), n).astype(np.int8),
        "urban": rng.random(n) < 0.6,
        "hukou_rural": rng.random(n) < 0.5,
        "female": rng.random(n) < 0.5,
        "region": rng.integers(0, 4, n).astype(np.int8),
        "spell": rng.integers(0, 30, n).astype(np.int16),
        "age_months": rng.integers(16 * 12, 75 * 12, n).astype(np.int16),
        "flags": rng.integers(0, 128, n).astype(np.uint8),
    }


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 300), n_firms=st.integers(1, 20))
def test_count_jobs_is_a_bincount_of_firm_jobs(seed: int, n: int, n_firms: int) -> None:
    w = _workers(seed, n, n_firms)
    jobs = w["employer"] >= 0
    cells = w["employer"][jobs].astype(np.int64) * N_OCC + w["occupation"][jobs]
    expected = np.bincount(cells, minlength=n_firms * N_OCC).reshape(n_firms, N_OCC)
    got = count_jobs(w["employer"], w["occupation"], n_firms)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, expected)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 300), n_firms=st.integers(1, 20))
def test_staff_of_lists_the_workers_of_flagged_firms(seed: int, n: int, n_firms: int) -> None:
    w = _workers(seed, n, n_firms)
    flagged = np.random.default_rng(seed + 1).random(n_firms) < 0.3
    is_firm = np.r_[False, flagged]  # entry 0 stands for "no firm job"
    jobs = w["employer"] >= 0
    expected = np.flatnonzero(jobs & flagged[np.maximum(w["employer"], 0)])
    np.testing.assert_array_equal(staff_of(w["employer"], is_firm), expected)


def test_vacancies_go_where_the_firm_is_short() -> None:
    target = np.array([10.0, 10.0, 10.0])
    table = np.full((1, 3), 1.0 / 3.0)
    row = np.zeros(3, dtype=np.intp)
    # firm 0 short only in occupation 2; firm 1 short in none (mix is used); firm 2 posts none
    employment = np.array([[4, 4, 0], [9, 9, 9], [0, 0, 0]])
    n_vac = np.array([50, 3000, 0])
    u = np.random.default_rng(0).random(int(n_vac.sum()))
    v = spread_vacancies(target, employment, table, row, n_vac, u)
    np.testing.assert_array_equal(v.sum(axis=1), n_vac)
    np.testing.assert_array_equal(v[0], [0, 0, 50])
    assert np.all(np.abs(v[1] - 1000) < 120)  # about a third each (sd ~26)
    np.testing.assert_array_equal(v[2], 0)


def test_vacancies_follow_the_shortfall_shares() -> None:
    target = np.array([100.0])
    table = np.array([[0.5, 0.3, 0.2]])
    employment = np.array([[40, 20, 10]])  # wants 50, 30, 20: short 10 in each
    n_vac = np.array([30_000])
    u = np.random.default_rng(1).random(30_000)
    v = spread_vacancies(target, employment, table, np.zeros(1, np.intp), n_vac, u)
    assert np.all(np.abs(v[0] - 10_000) < 400)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 60), k=st.integers(1, 70))
def test_most_ready_is_the_top_of_a_stable_sort(seed: int, n: int, k: int) -> None:
    rng = np.random.default_rng(seed)
    cand = np.sort(rng.choice(1000, n, replace=False))
    readiness = rng.standard_normal(n)
    expected = cand[np.argsort(-readiness, kind="stable")][:k]
    np.testing.assert_array_equal(most_ready(cand, readiness, k), expected)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 300))
def test_levers_pools_match_their_masks(seed: int, n: int) -> None:
    w = _workers(seed, n, 5)
    s, age = w["status"], w["age_months"] // 12
    rural = ((s == UNEMPLOYED) & ~w["urban"] & w["hukou_rural"]) | (
        (s == FARMING) & ((w["flags"] & EVER_MIGRATED) > 0)
    )
    got = rural_seekers(s, w["urban"], w["hukou_rural"], w["flags"])
    np.testing.assert_array_equal(got, np.flatnonzero(rural))
    hard = (
        (w["spell"] >= 12)
        | (w["female"] & (age >= 40))
        | (~w["female"] & (age >= 50))
        | ((w["flags"] & POVERTY_ALLEVIATED) > 0)
    )
    expected = np.flatnonzero((s == UNEMPLOYED) & w["urban"] & hard)
    got = hard_to_employ(s, w["urban"], w["spell"], w["female"], w["age_months"], w["flags"])
    np.testing.assert_array_equal(got, expected)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 300))
def test_seekers_tally_is_a_bincount_of_the_unemployed(seed: int, n: int) -> None:
    w = _workers(seed, n, 5)
    u = w["status"] == UNEMPLOYED
    cells = (w["region"][u].astype(np.int64) * 2 + w["urban"][u]) * N_OCC + w["occupation"][u]
    expected = np.bincount(cells, minlength=4 * 2 * N_OCC).reshape(4, 2, N_OCC)
    got = np.zeros((4, 2, N_OCC), dtype=np.int64)
    _count_seekers(w["status"], w["region"], w["urban"], w["occupation"], UNEMPLOYED, got)
    np.testing.assert_array_equal(got, expected)
