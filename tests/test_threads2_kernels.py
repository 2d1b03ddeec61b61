"""More passes on a few threads give the same results, to the bit, whatever the threads: the
applications sent and screened by runs of seekers, the firm jobs and closing firms' staff counted
block by block, work relief's and welfare posts' candidates, the rows with a positive code; and
vacancies filled by a loop take what ``np.subtract.at`` took."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim import blocks
from sim.firms import count_jobs_and_staff
from sim.occupations import N_OCC
from sim.policies.public_welfare_posts import hard_to_employ
from sim.policies.work_relief import rural_seekers
from sim.processes import matching_kernels as kernels
from sim.processes.demand import take_vacancies
from sim.sampling import alias_tables
from tests.test_mstep_kernels import plain_picks
from tests.test_parallel_blocks import SIZES, _same_for_threads
from tests.test_stats_kernels import workers


@pytest.fixture
def small_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of seekers cut from a few applications on, so that small inputs make several."""
    monkeypatch.setattr(kernels, "SPLIT_APPLICATIONS", 4)


def test_seekers_are_cut_into_runs_of_about_equal_applications(small_runs) -> None:
    saved = blocks._threads
    try:
        blocks._threads = 2
        first_app = kernels.first_applications(np.array([5, 1, 1, 1, 1, 1, 2, 2, 2], np.int32))
        assert first_app.tolist() == [0, 5, 6, 7, 8, 9, 10, 12, 14, 16]
        assert kernels.seeker_runs(first_app) == [(0, 1), (1, 4), (4, 7), (7, 9)]
        blocks._threads = 1
        assert kernels.seeker_runs(first_app) == [(0, 9)]
    finally:
        blocks._threads = saved


# the fixture only sets a constant: nothing to reset between examples
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**31 - 1), n_seekers=st.integers(0, 60))
def test_picks_are_the_same_for_any_threads_and_those_of_the_plain_loop(
    small_runs, seed: int, n_seekers: int
) -> None:
    rng = np.random.default_rng(seed)
    cell_market = np.sort(rng.integers(0, 4, 6))
    cell_v = rng.integers(1, 4, 6)
    market_v = np.bincount(cell_market, weights=cell_v, minlength=4).astype(np.int64)
    access = rng.choice([0.0, 0.1, 1.0, 2.5], (3, 4))
    prob, alias, has_weight = alias_tables(access * market_v[None, :])
    types = rng.integers(0, 3, n_seekers)
    n_apps = rng.integers(0, 5, n_seekers).astype(np.int32)
    screen_row = rng.integers(0, 2, n_seekers)
    kind = rng.integers(0, 3, 6)
    fit = np.array([[1.0, 0.5, 0.0], [0.9, 0.2, 1e-12]])
    u = rng.random((int(n_apps.sum()), 2))
    args = (types, n_apps, screen_row, prob, alias, has_weight, market_v, cell_v, kind, fit, u)
    (pick, slot_cell), *_ = _same_for_threads(lambda: kernels.vacancy_picks(*args))
    want_pick, want_cell = plain_picks(*args)
    assert pick.tolist() == want_pick.tolist()
    assert slot_cell.tolist() == want_cell.tolist()


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=SIZES)
def test_jobs_staff_and_programme_candidates_are_the_same_for_any_threads(
    seed: int, n: int
) -> None:
    w = workers(seed, n)
    rng = np.random.default_rng(seed)
    employer = rng.integers(-1, 40, n).astype(np.int32)
    is_firm = np.concatenate([[False], rng.random(40) < 0.3])

    def compute() -> tuple:
        return (
            *count_jobs_and_staff(employer, w.occupation, is_firm),
            rural_seekers(w.status, w.urban, w.hukou_rural, w.flags),
            hard_to_employ(w.status, w.urban, w.spell, w.female, w.age_months, w.flags),
        )

    (counts, staff, *_), *_ = _same_for_threads(compute)
    want = np.zeros((40, N_OCC), dtype=np.int64)
    job = employer >= 0
    np.add.at(want, (employer[job], w.occupation[job]), 1)
    np.testing.assert_array_equal(counts, want, strict=True)
    np.testing.assert_array_equal(staff, np.flatnonzero(is_firm[employer + 1]), strict=True)


@given(seed=st.integers(0, 2**31 - 1), k=st.integers(0, 200))
def test_vacancies_taken_by_the_loop_are_those_of_subtract_at(seed: int, k: int) -> None:
    rng = np.random.default_rng(seed)
    vacancies = rng.integers(0, 5, (7, N_OCC)).astype(np.int64)
    firm, occ = rng.integers(0, 7, k), rng.integers(0, N_OCC, k)
    want = vacancies.copy()
    np.subtract.at(want, (firm, occ), 1)
    take_vacancies(vacancies, firm, occ)
    np.testing.assert_array_equal(vacancies, want, strict=True)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=SIZES, share=st.floats(0.0, 1.0))
def test_positive_rows_are_those_of_flatnonzero_for_any_threads(
    seed: int, n: int, share: float
) -> None:
    rng = np.random.default_rng(seed)
    codes = np.where(rng.random(n) < share, rng.integers(-3, 8, n), 0).astype(np.int8)
    (rows,), *_ = _same_for_threads(lambda: (blocks.positive_rows(codes),))
    np.testing.assert_array_equal(rows, np.flatnonzero(codes > 0), strict=True)
