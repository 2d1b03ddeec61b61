"""Matching's faster paths give exactly what the plain loops gave: the vacant jobs as slots with
their job kind, the applications sent, screened and passed through the cells' reservoirs (against
a plain Python version of the loop, draw for draw), and the employers' screening table kept
between months until a lever's factor changes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim.processes import matching_kernels as kernels
from sim.sampling import alias_draw, alias_tables
from tests.conftest import tiny_model


def test_slots_are_laid_out_cell_by_cell_with_their_cells_job_kind() -> None:
    market_v = np.array([3, 0, 2])
    cell_v = np.array([1, 2, 2])  # cells 0, 1 in market 0, cell 2 in market 2
    slot_cell, slot_kind, market_slot = kernels.vacancy_slots(market_v, cell_v, np.array([7, 5, 9]))
    assert slot_cell.tolist() == [0, 1, 1, 2, 2]
    assert slot_kind.tolist() == [7, 5, 5, 9, 9]
    assert market_slot.tolist() == [0, 3, 3]


def plain_picks(types, n_apps, screen_row, prob, alias, has_weight, market_v, cell_v, kind, fit, u):
    """:func:`kernels.vacancy_picks` as a plain loop over the applications in order, with a
    reservoir per cell updated as each kept application comes (the form the kernel replaces)."""
    first = np.concatenate([[0], np.cumsum(cell_v)])
    market_first = np.concatenate([[0], np.cumsum(market_v)])
    slot_cell = np.repeat(np.arange(len(cell_v)), cell_v)
    pick = np.full((first[-1], 2), -1)
    kept = np.zeros(len(cell_v), dtype=int)
    a = 0
    for s in range(len(types)):
        for _ in range(n_apps[s]):
            if has_weight[types[s]]:
                m, within = alias_draw(prob[types[s]], alias[types[s]], u[a, 0])
                v = market_v[m]
                c = slot_cell[market_first[m] + min(int(within * v), v - 1)]
                p = fit[screen_row[s], kind[c]]
                if u[a, 1] < p:
                    i = kept[c]
                    kept[c] += 1
                    j = i if i < cell_v[c] else min(int(u[a, 1] / max(p, 1e-300) * (i + 1)), i)
                    if j < cell_v[c]:
                        pick[first[c] + j] = (s, a)
            a += 1
    return pick, slot_cell


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    access=hnp.arrays(np.float64, (3, 4), elements=st.sampled_from([0.0, 0.1, 1.0, 2.5])),
    cells=st.lists(st.tuples(st.integers(0, 3), st.integers(1, 3)), min_size=1, max_size=8),
)
def test_picks_are_those_of_the_plain_loop_draw_for_draw(data, access, cells) -> None:
    cells = sorted(cells)  # (market, vacancies), cells grouped by market
    cell_market = np.array([m for m, _ in cells])
    cell_v = np.array([v for _, v in cells])
    market_v = np.bincount(cell_market, weights=cell_v, minlength=4).astype(np.int64)
    prob, alias, has_weight = alias_tables(access * market_v[None, :])
    n = data.draw(st.integers(1, 12))
    types = np.array(data.draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)))
    n_apps = np.array(data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n)))
    screen_row = np.array(data.draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    kind = np.array(
        data.draw(st.lists(st.integers(0, 2), min_size=len(cells), max_size=len(cells)))
    )
    fit = np.array([[1.0, 0.5, 0.0], [0.9, 0.2, 1e-12]])
    u = np.random.default_rng(data.draw(st.integers(0, 99))).random((n_apps.sum(), 2))
    args = (types, n_apps, screen_row, prob, alias, has_weight, market_v, cell_v, kind, fit, u)
    pick, slot_cell = kernels.vacancy_picks(*args)
    want_pick, want_cell = plain_picks(*args)
    assert pick.tolist() == want_pick.tolist()
    assert slot_cell.tolist() == want_cell.tolist()


def test_the_screening_table_is_kept_until_a_levers_factor_changes() -> None:
    model = tiny_model()
    matching, fx = model.matching, model.policy.effects
    table = matching.screening_fit(model)
    assert matching.screening_fit(model) is table
    fx.screening_factor *= 0.5
    relieved = matching.screening_fit(model)
    assert relieved is not table
    assert np.array_equal(relieved, matching._screening_table(fx.screening_factor, 1.0))
    assert np.all(relieved >= table)  # a milder screening keeps more applicants
    fx.hukou_penalty_factor = 0.0
    assert np.array_equal(matching.screening_fit(model), matching._screening_table(0.5, 0.0))


def test_offers_name_each_seeker_with_one_and_the_cell_of_the_best() -> None:
    # slots: (seeker, application); slot 3 holds nobody; slots 0-1 in cell 0, 2-3 in 1, 4-5 in 2
    pick = np.array([[2, 9], [0, 1], [2, 7], [-1, -1], [2, 4], [0, 3]])
    slot_cell = np.array([0, 0, 1, 1, 2, 2])
    level = np.array([5.0, 7.0, 3.0])
    seeker, cell = kernels.offers(pick, slot_cell, level, 4)
    best = kernels.best_offers(pick, level[slot_cell], 4)
    assert seeker.tolist() == [0, 2]
    assert cell.tolist() == slot_cell[best[best >= 0]].tolist() == [0, 1]
