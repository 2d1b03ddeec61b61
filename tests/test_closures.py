"""Firm closures as a balanced sample (issue 13, less noise): each firm closes with about the exit
rate whatever its size, and the staff of the closing firms add up to the exit rate's share of all
staff on average and to within one firm every month."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.processes.demand import balanced_closures


@settings(max_examples=50, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 500), min_size=1, max_size=300),
    exit_rate=st.floats(0.0, 0.5),
    seed=st.integers(0, 2**32 - 1),
)
def test_closing_staff_meet_the_quota_within_one_firm(sizes, exit_rate, seed):
    staff = np.array(sizes, dtype=np.int64)
    closing = balanced_closures(np.random.default_rng(seed), staff, exit_rate)
    assert (np.diff(closing) > 0).all() and (closing >= 0).all() and (closing < len(staff)).all()
    if staff.sum() > 0 and exit_rate > 0:
        quota = exit_rate * staff.sum()
        closed = staff[closing].sum()
        assert abs(closed - quota) <= staff.max() + 1e-9


def test_the_jobs_lost_to_closures_are_the_quota_on_average():
    rng = np.random.default_rng(5)
    staff = rng.integers(1, 200, size=300)  # few, large firms: where an overshoot would show
    closed = [staff[balanced_closures(rng, staff, 0.006)].sum() for _ in range(4000)]
    quota = 0.006 * staff.sum()
    assert np.mean(closed) == pytest.approx(quota, rel=0.03)


def test_each_firm_closes_with_the_exit_rate_whatever_its_size():
    rng = np.random.default_rng(7)
    staff = np.repeat([1, 10, 100], 200)  # small, middling and large firms, 200 of each
    counts = np.zeros(len(staff))
    draws = 4000
    for _ in range(draws):
        counts[balanced_closures(rng, staff, 0.02)] += 1
    by_size = counts.reshape(3, 200).mean(axis=1) / draws
    assert np.allclose(by_size, 0.02, rtol=0.15), by_size


def test_the_jobs_lost_to_closures_vary_far_less_than_with_independent_closures():
    rng = np.random.default_rng(3)
    staff = rng.integers(1, 60, size=2000)
    balanced = [staff[balanced_closures(rng, staff, 0.006)].sum() for _ in range(300)]
    independent = [staff[rng.random(len(staff)) < 0.006].sum() for _ in range(300)]
    assert np.std(balanced) < 0.25 * np.std(independent)
