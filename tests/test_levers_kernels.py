"""The compiled helpers of demand and demography (issue 12, levers): same results as the numpy
they replace."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.occupations import N_OCC
from sim.processes.demand import row_sums, spread_vacancies, with_rows, workforce_counts
from sim.processes.demography import _in_sorted


def test_row_sums_hand_built() -> None:
    table = np.array([[1, 2, 3], [0, 0, 0], [5, 0, 1]], dtype=np.int64)
    np.testing.assert_array_equal(row_sums(table), [6, 0, 6])


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n_firms=st.integers(1, 40), n_signed=st.integers(0, 30))
def test_workforce_counts_match_numpy(seed: int, n_firms: int, n_signed: int) -> None:
    rng = np.random.default_rng(seed)
    held = rng.integers(0, 5, (n_firms, N_OCC)).astype(np.int64)
    firm = rng.integers(0, n_firms, n_signed).astype(np.int64)
    occ = rng.integers(0, N_OCC, n_signed).astype(np.int64)
    signed = np.bincount(firm * N_OCC + occ, minlength=n_firms * N_OCC).reshape(n_firms, N_OCC)
    employment, jobs = workforce_counts(held, firm, occ, 3)
    np.testing.assert_array_equal(employment[:n_firms], held + signed)
    np.testing.assert_array_equal(employment[n_firms:], 0)
    np.testing.assert_array_equal(jobs, held.sum(axis=1))


def test_with_rows_extends_a_buffer_head_without_copy() -> None:
    buffer = np.zeros((6, 2), dtype=np.int64)
    head = buffer[:4]
    head[:] = 1
    longer = with_rows(head, 5)
    assert longer.base is buffer
    np.testing.assert_array_equal(longer, np.r_[np.ones((4, 2)), np.zeros((1, 2))])
    copied = with_rows(head, 8)  # more than the buffer holds: a padded copy
    np.testing.assert_array_equal(copied, np.r_[np.ones((4, 2)), np.zeros((4, 2))])
    plain = with_rows(np.ones((2, 2), dtype=np.int64), 3)
    np.testing.assert_array_equal(plain, [[1, 1], [1, 1], [0, 0]])


def test_spread_vacancies_spare_rows_are_zero() -> None:
    target = np.array([5.0, 2.0])
    employment = np.zeros((2, N_OCC), dtype=np.int64)
    table = np.full((1, N_OCC), 1.0 / N_OCC)
    n_vac = np.array([3, 1], dtype=np.int64)
    u = np.array([0.1, 0.5, 0.99, 0.3])
    plain = spread_vacancies(target, employment, table, np.zeros(2, np.intp), n_vac, u)
    spare = spread_vacancies(target, employment, table, np.zeros(2, np.intp), n_vac, u, 4)
    np.testing.assert_array_equal(spare[:2], plain)
    np.testing.assert_array_equal(spare[2:], 0)


@settings(max_examples=50, deadline=None)
@given(
    a=st.lists(st.integers(0, 50), max_size=30),
    b=st.sets(st.integers(0, 50), max_size=30),
)
def test_in_sorted_is_isin(a: list[int], b: set[int]) -> None:
    a_arr = np.array(a, dtype=np.int64)
    b_arr = np.array(sorted(b), dtype=np.int64)
    np.testing.assert_array_equal(_in_sorted(a_arr, b_arr), np.isin(a_arr, b_arr))
