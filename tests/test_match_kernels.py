"""The compiled loops of job matching on small hand-built inputs: who is in a pool of searchers,
how vacant jobs are laid out by market, where applications go, which pass screening, which
applicant a vacancy offers its job to, each seeker's best offer, and how the hired take their
jobs."""

from __future__ import annotations

import numba
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim import sampling
from sim.processes import matching_kernels as kernels
from sim.sampling import alias_draw, alias_tables, row_cdfs

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


def picks(access, market_v, cell_v, n_seekers, fit_value=1.0, formal=0.0, rural=False, seed=0):
    """Vacancy picks of ``n_seekers`` seekers of type 0, one application each, to cells of one
    kind of job (``formal``: its formal share); ``access``: the accessibility of each market.
    Returns each slot's seeker, application and cell."""
    rng = np.random.default_rng(seed)
    market_v = np.asarray(market_v)
    prob, alias, has_weight = alias_tables(np.asarray([access], dtype=float) * market_v)
    cell_v = np.asarray(cell_v)
    zeros = np.zeros(n_seekers, dtype=np.int64)
    # screening rows: 0 an urban-hukou applicant, 1 a rural-hukou one
    fit = np.array([[fit_value], [fit_value * (1.0 - 0.5 * formal)]])
    pick, cell = kernels.vacancy_picks(
        zeros, np.ones(n_seekers, dtype=np.int64), np.full(n_seekers, int(rural)), prob, alias,
        has_weight, market_v, cell_v, np.zeros(len(cell_v), dtype=np.int64), fit,
        rng.random((n_seekers, 2)),
    )  # fmt: skip
    return pick[:, 0], pick[:, 1], cell


def test_applications_go_to_vacancies_in_proportion_to_access_times_vacancies() -> None:
    # market 0: one cell of 4,000 vacancies; market 1: cells of 4,000 and 8,000; market 2: none.
    # 4,000 applications, each slot equally likely: cells get 1/4, 1/4 and 1/2 of them
    seeker, app, cell = picks([1.0, 1.0, 5.0], [4000, 12000, 0], [4000, 4000, 8000], 4000)
    assert cell.tolist() == [0] * 4000 + [1] * 4000 + [2] * 8000
    assert (seeker >= 0).sum() == 4000 and np.all((seeker >= 0) == (app >= 0))
    share = np.bincount(cell[seeker >= 0], minlength=3) / 4000
    np.testing.assert_allclose(share, [0.25, 0.25, 0.5], atol=0.025)


def test_screening_keeps_applications_with_the_fit_chance_less_the_hukou_penalty() -> None:
    def kept(**kw) -> float:
        return (picks([1.0], [20_000], [20_000], 20_000, **kw)[0] >= 0).mean()

    assert abs(kept(fit_value=0.6) - 0.6) < 0.015
    # a rural-hukou applicant at a fully formal employer: 0.6 x (1 - 0.5)
    assert abs(kept(fit_value=0.6, formal=1.0, rural=True) - 0.3) < 0.015
    assert kept(fit_value=0.0) == 0


def test_a_seeker_with_no_accessible_vacancy_sends_nothing() -> None:
    seeker, app, cell = picks([0.0, 1.0], [2, 0], [2], 10)
    assert (seeker == -1).all() and (app == -1).all()


def test_a_vacancy_offers_its_job_to_a_uniformly_random_kept_applicant() -> None:
    # one cell of two vacancies and four applicants: each of the 6 pairs equally likely
    seen: dict[tuple[int, ...], int] = {}
    for seed in range(6000):
        seeker = picks([1.0], [2], [2], 4, seed=seed)[0]
        key = tuple(sorted(seeker.tolist()))
        seen[key] = seen.get(key, 0) + 1
    assert len(seen) == 6
    assert all(abs(n / 6000 - 1 / 6) < 0.02 for n in seen.values())


def test_a_vacancy_holds_each_applicant_alike_when_screening_keeps_some() -> None:
    # one vacancy, three applicants each kept with chance 0.5; the kept one's uniform, scaled by
    # the fit, draws the reservoir slot: every applicant holds the job with chance (1 - 0.5^3) / 3
    held = np.zeros(4)
    for seed in range(9000):
        seeker = picks([1.0], [1], [1], 3, fit_value=0.5, seed=seed)[0][0]
        held[seeker] += 1  # -1: nobody, the last entry
    np.testing.assert_allclose(held / 9000, [0.875 / 3] * 3 + [0.125], atol=0.015)


@settings(max_examples=60, deadline=None)
@given(
    access=hnp.arrays(np.float64, (3, 4), elements=st.sampled_from([0.0, 1e-9, 0.3, 1.0])),
    cell_v=hnp.arrays(np.int64, 6, elements=st.integers(0, 3)),
    n_apps=hnp.arrays(np.int64, 5, elements=st.integers(0, 6)),
    seed=st.integers(0, 2**16),
)
def test_every_offer_is_a_vacancy_its_seeker_applied_to(access, cell_v, n_apps, seed) -> None:
    # six cells, two a market in markets 0, 1, 2; market 3 has none; cells without vacancies
    # are left out, as vacancy_cells does
    cell_market = np.array([0, 0, 1, 1, 2, 2])
    market_v = np.bincount(cell_market, weights=cell_v, minlength=4).astype(np.int64)
    prob, alias, has_weight = alias_tables(access * market_v)
    types = np.array([0, 1, 2, 0, 1])
    vacant = np.flatnonzero(cell_v > 0)
    u = np.random.default_rng(seed).random((int(n_apps.sum()), 2))
    pick, cell = kernels.vacancy_picks(
        types, n_apps, np.zeros(5, np.int64), prob, alias, has_weight, market_v, cell_v[vacant],
        np.zeros(len(vacant), np.int64), np.ones((1, 1)), u,
    )  # fmt: skip
    seeker, app = pick[:, 0], pick[:, 1]
    assert len(cell) == cell_v.sum()
    held = seeker >= 0
    assert np.all(access[types[seeker[held]], cell_market[vacant[cell[held]]]] > 0)
    assert len(np.unique(app[held])) == held.sum()  # an application fills one slot at most
    last_app = np.cumsum(n_apps)
    assert np.all(app[held] >= last_app[seeker[held]] - n_apps[seeker[held]])
    assert np.all(app[held] < last_app[seeker[held]])


def test_the_best_offer_is_the_highest_paid_and_ties_go_to_the_earliest_application() -> None:
    # slots: (seeker, application); slot 3 holds nobody
    pick = np.array([[2, 9], [0, 1], [2, 7], [-1, -1], [2, 4], [0, 3]])
    level = np.array([5.0, 1.0, 7.0, 9.0, 7.0, 3.0])
    best = kernels.best_offers(pick, level, 4)
    assert best.tolist() == [5, -1, 4, -1]


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


def test_the_hired_take_their_jobs_in_one_pass() -> None:
    # workers: 0 unemployed rural-hukou villager displaced by AI; 1 urban job-to-job mover; 2 idle
    status = np.array([4, 1, 5], np.int8)
    flags = np.array([4, 0, 0], np.uint8)
    employer = np.array([-1, 0, -1], np.int32)
    sector = np.array([-1, 3, -1], np.int8)
    occupation = np.array([2, 1, 0], np.int8)
    wage = np.array([0.0, 5.0, 0.0], np.float32)
    region = np.array([1, 0, 0], np.int8)
    urban = np.array([False, True, False])
    spell = np.array([7, 30, 2], np.int16)
    programme = np.zeros(3, np.int8)
    ui_months = np.array([3, 0, 0], np.int8)
    months_since_urban_job = np.array([40, 0, 12], np.int16)
    ai_reemployed_at = np.array([-1, -1, -1], np.int16)
    hukou_rural = np.array([True, False, True])
    columns = (
        status, flags, employer, sector, occupation, wage, region, urban, spell, programme,
        ui_months, months_since_urban_job, ai_reemployed_at, hukou_rural,
    )  # fmt: skip
    by_area = np.zeros((2, 2), np.int64)
    counts = kernels.take_jobs(
        np.array([0, 1]), np.array([1, 0]), np.array([5, 6]), np.array([9.0, 8.0]),
        np.array([False, True]), np.array([True, False]), np.array([4, 6], np.int8),
        np.array([0, 0], np.int8), np.array([True, False]), columns,
        (1, 2, 8, 4, 32, 128, 17), by_area,
    )  # fmt: skip
    # worker 0 takes a formal rural job at firm 1: insured, re-employed after AI, not migrated
    assert counts == (0, 0, 1)
    assert status.tolist() == [1, 2, 5] and flags.tolist() == [4 | 32, 0, 0]
    assert employer.tolist() == [1, 0, -1] and sector.tolist() == [6, 4, -1]
    assert occupation.tolist() == [5, 6, 0] and wage.tolist() == [9.0, 8.0, 0.0]
    assert region.tolist() == [0, 0, 0] and urban.tolist() == [False, True, False]
    assert spell.tolist() == [0, 0, 2] and ui_months.tolist() == [0, 0, 0]
    assert ai_reemployed_at.tolist() == [17, -1, -1]
    assert by_area.tolist() == [[0, 0], [1, 0]]  # counted where the hired lived


def test_a_rural_hukou_villager_taking_an_urban_job_has_migrated() -> None:
    columns = (
        np.array([4], np.int8), np.array([0], np.uint8), np.array([-1], np.int32),
        np.array([-1], np.int8), np.array([0], np.int8), np.zeros(1, np.float32),
        np.array([1], np.int8), np.array([False]), np.array([5], np.int16),
        np.zeros(1, np.int8), np.zeros(1, np.int8), np.array([12], np.int16),
        np.array([-1], np.int16), np.array([True]),
    )  # fmt: skip
    by_area = np.zeros((2, 2), np.int64)
    counts = kernels.take_jobs(
        np.array([0]), np.array([0]), np.array([3]), np.array([7.0]), np.array([True]),
        np.array([True]), np.array([5], np.int8), np.array([1], np.int8), np.array([True]),
        columns, (1, 2, 8, 4, 32, 128, 3), by_area,
    )  # fmt: skip
    assert counts == (1, 0, 0)  # a new urban job; the hired lived in a rural area
    assert (
        columns[1].tolist() == [8] and columns[0].tolist() == [2] and columns[7].tolist() == [True]
    )
    assert by_area.tolist() == [[0, 0], [1, 0]]  # region 1, rural


@settings(max_examples=80, deadline=None)
@given(
    weights=hnp.arrays(
        np.float64, (3, 9), elements=st.sampled_from([0.0, 1e-12, 0.01, 0.5, 3.0, 1e6])
    )
)
def test_alias_tables_give_each_category_its_share_and_none_to_zero_weight(weights) -> None:
    prob, alias, has_weight = alias_tables(weights)
    assert has_weight.tolist() == (weights.sum(axis=1) > 0).tolist()
    k = weights.shape[1]
    for r in np.flatnonzero(has_weight):
        share = prob[r] / k
        np.add.at(share, alias[r], (1.0 - prob[r]) / k)
        np.testing.assert_allclose(share, weights[r] / weights[r].sum(), rtol=1e-9, atol=1e-12)
        assert np.all(share[weights[r] == 0] == 0)


@numba.njit
def _alias_draws(prob_row, alias_row, u):
    category, within = np.empty(len(u), np.int64), np.empty(len(u))
    for i in range(len(u)):
        category[i], within[i] = alias_draw(prob_row, alias_row, u[i])
    return category, within


def test_alias_draws_follow_the_weights_and_the_position_within_is_uniform() -> None:
    prob, alias, _ = alias_tables(np.array([[1.0, 0.0, 3.0, 6.0]]))
    u = np.random.default_rng(1).random(200_000)
    category, within = _alias_draws(prob[0], alias[0], u)
    np.testing.assert_allclose(
        np.bincount(category, minlength=4) / len(u), [0.1, 0, 0.3, 0.6], atol=0.004
    )
    for c in (0, 2, 3):
        position = within[category == c]
        assert position.min() >= 0.0 and position.max() < 1.0
        np.testing.assert_allclose(
            np.histogram(position, bins=4, range=(0, 1))[0] / len(position), 0.25, atol=0.01
        )
    # the edges of [0, 1) stay inside the row
    for x in (0.0, np.nextafter(1.0, 0.0)):
        c, w = alias_draw(prob[0], alias[0], x)
        assert c in (0, 2, 3) and 0.0 <= w < 1.0


def test_seeker_profiles_give_types_screening_rows_and_applications() -> None:
    # workers: 0 unemployed 7 months; 1 final-year student (searches as a tertiary graduate in
    # the cities); 2 on the job; 3 a graduate in the month of graduation; 4 unemployed 2 months
    region = np.array([1, 0, 1, 0, 1], np.int8)
    urban = np.array([False, False, True, True, True])
    occupation = np.array([2, 1, 0, 2, 1], np.int8)
    education = np.array([0, 2, 1, 3, 2], np.int8)
    rural = np.array([True, False, False, True, False])
    flags = np.array([0, 64, 0, 1, 1], np.uint8)
    spell = np.array([7, 0, 3, 0, 2], np.int16)
    seekers = np.array([0, 1, 2, 3, 4])
    group = np.array([0, 1, 2, 0, 0], np.int8)
    apps = np.array([1, 6, 16, 4, 5], np.int32)  # job, student, new graduate, unemployed, long
    n_areas, n_occ, n_edu = 2, 3, 4
    types, screen_row, n_apps = kernels.seeker_profiles(
        seekers, group, (region, urban, occupation, education, rural, flags, spell), apps,
        (n_areas, n_occ, n_edu), (1, 3),
    )  # fmt: skip
    area = np.where(group == 1, 1, urban)
    edu = np.where(group == 1, 3, education)
    assert (
        types.tolist() == (((region * n_areas + area) * n_occ + occupation) * n_edu + edu).tolist()
    )
    assert screen_row.tolist() == ((occupation * n_edu + edu) * 2 + rural).tolist()
    assert n_apps.tolist() == [5, 6, 1, 16, 4]
