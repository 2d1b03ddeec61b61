"""The compiled loops of job matching on small hand-built inputs: who is in a pool of searchers,
how vacant jobs are laid out by market, where applications go and which pass screening, and the
random picks that choose the applicants a vacancy offers its job to."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim import sampling
from sim.processes import matching_kernels as kernels
from sim.sampling import row_cdfs

FINAL_YEAR = 64


def test_pools_hold_the_unemployed_and_only_final_year_students_in_row_order() -> None:
    # statuses: 0 student, 4 unemployed, 8 programme, 1 formal job (no pool)
    status = np.array([4, 0, 1, 0, 8, 4, 0], dtype=np.int8)
    flags = np.array([0, FINAL_YEAR, 0, 0, 0, FINAL_YEAR, FINAL_YEAR | 1], dtype=np.uint8)
    pool_of_status = np.full(9, -1, dtype=np.int8)
    pool_of_status[[4, 8, 0]] = [0, 1, 2]
    rows, pools = kernels.pool_members(status, flags, pool_of_status, 2, FINAL_YEAR)
    assert rows.tolist() == [0, 1, 4, 5, 6]
    assert pools.tolist() == [0, 2, 1, 0, 2]


def test_vacant_jobs_are_laid_out_market_by_market_firms_in_order() -> None:
    # three firms, two occupations; firm 0 and firm 2 are in market block 0, firm 1 in block 2
    vacancies = np.array([[1, 0], [2, 3], [0, 4]])
    firm_market = np.array([0, 2, 0])
    cell_firm, cell_occ, cell_v, market_v = kernels.vacancy_cells(vacancies, firm_market, 4)
    assert list(zip(cell_firm.tolist(), cell_occ.tolist(), cell_v.tolist(), strict=True)) == [
        (0, 0, 1),  # market 0
        (2, 1, 4),  # market 1
        (1, 0, 2),  # market 2
        (1, 1, 3),  # market 3
    ]
    assert market_v.tolist() == [1, 4, 2, 3]


def apply(weights, cell_v, cell_occ, fit_value=1.0, formal=None, rural=False, n=4000, seed=0):
    """Screened applications of one seeker of type 0 sending ``n`` applications to markets of
    ``weights`` (one cell a market unless ``cell_v`` says otherwise)."""
    rng = np.random.default_rng(seed)
    market_v = np.asarray(weights["market_v"])
    cdf, guide, has_weight = row_cdfs(np.asarray(weights["access"]) * market_v)
    fit = np.full((1, 1, 2), fit_value)
    formal = np.zeros(len(cell_v)) if formal is None else np.asarray(formal)
    return kernels.screened_applications(
        np.array([0]), np.array([n]), np.array([0]), np.array([0]), np.array([rural]), cdf,
        guide, has_weight, market_v, np.asarray(cell_v), np.asarray(cell_occ), formal, fit,
        0.5, rng.random(n), rng.random(n),
    )  # fmt: skip


def test_applications_go_to_vacancies_in_proportion_to_access_times_vacancies() -> None:
    # market 0: access 1, one cell of 1 vacancy; market 1: access 1, cells of 1 and 2 vacancies;
    # market 2: no vacancies. Slots: 1 + 3, each equally likely: cells get 1/4, 1/4, 2/4
    weights = {"access": [[1.0, 1.0, 5.0]], "market_v": [1, 3, 0]}
    seeker, cell = apply(weights, cell_v=[1, 1, 2], cell_occ=[0, 1, 1], n=40_000)
    assert (seeker == 0).all() and len(cell) == 40_000
    share = np.bincount(cell, minlength=3) / 40_000
    np.testing.assert_allclose(share, [0.25, 0.25, 0.5], atol=0.015)


def test_screening_keeps_applications_with_the_fit_chance_less_the_hukou_penalty() -> None:
    weights = {"access": [[1.0]], "market_v": [1]}
    kept = len(apply(weights, [1], [0], fit_value=0.6, n=20_000)[0]) / 20_000
    assert abs(kept - 0.6) < 0.015
    # a rural-hukou applicant at a fully formal employer: 0.6 x (1 - 0.5)
    kept = len(apply(weights, [1], [0], 0.6, formal=[1.0], rural=True, n=20_000)[0]) / 20_000
    assert abs(kept - 0.3) < 0.015
    assert len(apply(weights, [1], [0], fit_value=0.0)[0]) == 0


def test_a_seeker_with_no_accessible_vacancy_sends_nothing() -> None:
    weights = {"access": [[0.0, 1.0]], "market_v": [2, 0]}
    assert len(apply(weights, cell_v=[2], cell_occ=[0])[0]) == 0


@settings(max_examples=60, deadline=None)
@given(
    access=hnp.arrays(np.float64, (3, 4), elements=st.sampled_from([0.0, 1e-9, 0.3, 1.0])),
    cell_v=hnp.arrays(np.int64, 6, elements=st.integers(0, 3)),
    n_apps=hnp.arrays(np.int64, 5, elements=st.integers(0, 6)),
    seed=st.integers(0, 2**16),
)
def test_every_application_reaches_a_vacancy_its_seeker_can_see(access, cell_v, n_apps, seed):
    # six cells, two a market in markets 0, 1, 2; market 3 has none
    cell_market = np.array([0, 0, 1, 1, 2, 2])
    market_v = np.bincount(cell_market, weights=cell_v, minlength=4).astype(np.int64)
    cdf, guide, has_weight = row_cdfs(access * market_v)
    types = np.array([0, 1, 2, 0, 1])
    rng = np.random.default_rng(seed)
    n = int(n_apps.sum())
    seeker, cell = kernels.screened_applications(
        types, n_apps, np.zeros(5, np.int64), np.zeros(5, np.int64), np.zeros(5, bool), cdf,
        guide, has_weight, market_v, cell_v, np.zeros(6, np.int64), np.zeros(6), np.ones((1, 1, 1)),
        0.0, rng.random(n), rng.random(n),
    )  # fmt: skip
    assert np.all(cell_v[cell] > 0)
    assert np.all(access[types[seeker], cell_market[cell]] > 0)
    assert np.all(np.diff(seeker) >= 0)  # in the order they were sent
    sent_by = np.bincount(seeker, minlength=5)
    assert np.all(sent_by == np.where(has_weight[types], n_apps, 0))


def test_picks_are_a_uniform_sample_of_the_quota_size() -> None:
    # a cell with two vacancies and four screened applicants: each of the 6 pairs equally likely
    g = np.random.default_rng(3)
    groups = np.array([1, 1, 1, 1, 0])
    seen: dict[tuple[int, ...], int] = {}
    for _ in range(6000):
        picked = sampling.random_picks_within_groups(g, groups, np.array([3, 2]))
        assert picked[4]
        key = tuple(np.flatnonzero(picked[:4]).tolist())
        seen[key] = seen.get(key, 0) + 1
    assert len(seen) == 6
    assert all(abs(n / 6000 - 1 / 6) < 0.02 for n in seen.values())


@settings(max_examples=80, deadline=None)
@given(
    probs=hnp.arrays(np.float64, (2, 7), elements=st.sampled_from([0.0, 1e-12, 0.01, 0.5, 3.0])),
    u=hnp.arrays(np.float64, 30, elements=st.floats(0.0, 1.0, exclude_max=True)),
)
def test_guided_draws_are_exactly_the_inverse_cdf(probs, u) -> None:
    cdf, guide, has_weight = row_cdfs(probs)
    for r in np.flatnonzero(has_weight):
        for x in [*u, 0.0, np.nextafter(1.0, 0.0)]:
            got = sampling.inverse_cdf(cdf[r], guide[r], x)
            assert got == np.searchsorted(cdf[r], x, side="right")
            assert probs[r, got] > 0
