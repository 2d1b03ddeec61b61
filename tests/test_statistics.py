"""The statistics bureau's head count on a small hand-made economy (tests/hand_made.py): every
indicator read off the one-pass tabulation is the count a clerk would get person by person."""

from __future__ import annotations

import numpy as np
import pytest

from sim.codes import EMPLOYED_STATUSES, SCHOOLING_YEARS, Education, Occupation, Sector, Status
from sim.markets import seekers_by_market
from sim.processes.statistics import STATE_OF, states, tabulate
from sim.workers import (
    AI_DISPLACED,
    GRADUATE,
    IN_PLACE_URBAN,
    PENSION_INSURED,
    POVERTY_ALLEVIATED,
)
from tests.conftest import tiny_model
from tests.hand_made import N_REGIONS, economy, employ, firms, population

N_PEOPLE = 900
PERCENT = 100.0


@pytest.fixture(scope="module")
def mixed():
    """People of every status, age, place, hukou and group, in jobs at firms of every sector in
    town and country; the state keeps the workers' invariants."""
    rng = np.random.default_rng(12)
    n_firms = 2 * len(Sector) * N_REGIONS
    shops = firms(
        [s % len(Sector) for s in range(n_firms)],
        [(s // len(Sector)) % N_REGIONS for s in range(n_firms)],
        [s < n_firms // 2 for s in range(n_firms)],
        [1.0] * n_firms,
    )
    people = population(
        N_PEOPLE,
        age_months=rng.integers(16 * 12, 75 * 12, N_PEOPLE),
        education=rng.integers(0, len(Education), N_PEOPLE),
        occupation=rng.integers(0, len(Occupation), N_PEOPLE),
        hukou_rural=rng.random(N_PEOPLE) < 0.4,
        region=rng.integers(0, N_REGIONS, N_PEOPLE),
        urban=rng.random(N_PEOPLE) < 0.6,
        spell=rng.integers(0, 30, N_PEOPLE),
        flags=rng.choice(
            [
                0,
                GRADUATE,
                POVERTY_ALLEVIATED,
                AI_DISPLACED,
                PENSION_INSURED,
                GRADUATE | 32,
                6,
                IN_PLACE_URBAN,
                IN_PLACE_URBAN | GRADUATE,
            ],  # fmt: skip
            N_PEOPLE,
        ),
        ui_months=rng.integers(0, 4, N_PEOPLE),
    )
    status = rng.choice(list(Status), N_PEOPLE)
    for i in np.flatnonzero(status == Status.EMPLOYED_FORMAL):
        employ(people, np.array([i]), int(rng.integers(n_firms)), shops)
    flexible = np.flatnonzero(status == Status.EMPLOYED_FLEXIBLE)
    for i in flexible:
        employ(people, np.array([i]), int(rng.integers(n_firms)), shops)
    people.status[flexible] = Status.EMPLOYED_FLEXIBLE
    others = ~np.isin(status, [Status.EMPLOYED_FORMAL, Status.EMPLOYED_FLEXIBLE])
    people.status[others] = status[others]
    people.sector[status == Status.FARMING] = Sector.AGRICULTURE
    programme = status == Status.PUBLIC_PROGRAMME
    people.sector[programme] = Sector.PUBLIC
    people.programme[programme] = 1
    people.wage[programme] = 2000.0
    people.check_invariants()
    return economy(people, shops)


def _rate(num, den) -> float:
    return PERCENT * int(num) / int(den)


def test_the_urban_unemployment_rates_are_the_share_of_the_urban_labour_force_without_work(mixed):
    w, rec = mixed.workers, mixed.statistics.record
    employed = np.isin(w.status, [1, 2, 3, 8])
    unemployed = w.status == Status.UNEMPLOYED
    urban_lf = (employed | unemployed) & w.urban
    uu = unemployed & w.urban
    assert rec["urban_unemployment_rate"] == _rate(uu.sum(), urban_lf.sum())
    young = w.age_months < 25 * 12
    assert rec["youth_unemployment_rate"] == _rate((uu & young).sum(), (urban_lf & young).sum())
    grad = (w.flags & GRADUATE) > 0
    assert rec["graduate_unemployment_rate"] == _rate((uu & grad).sum(), (urban_lf & grad).sum())
    rural = w.hukou_rural
    assert rec["migrant_unemployment_rate"] == _rate((uu & rural).sum(), (urban_lf & rural).sum())
    for r in mixed.regions:
        here = w.region == r.index
        assert rec[f"urban_unemployment_rate_{r.name}"] == _rate(
            (uu & here).sum(), (urban_lf & here).sum()
        )
    long_term = uu & (w.spell >= 12)
    assert rec["long_term_unemployed_share"] == _rate(long_term.sum(), uu.sum())
    assert mixed.statistics.n_urban_unemployed == uu.sum() > 0
    assert mixed.statistics.n_urban_employed == (employed & w.urban).sum() > 0


def test_employment_counts_follow_sector_hukou_and_group(mixed):
    w, rec = mixed.workers, mixed.statistics.record
    k = w.weight / 1e4
    assert rec["employed_primary"] == int((w.sector == Sector.AGRICULTURE).sum()) * k
    secondary = (w.sector == Sector.MANUFACTURING) | (w.sector == Sector.CONSTRUCTION)
    assert rec["employed_secondary"] == int(secondary.sum()) * k
    nonfarm = (w.employer >= 0) | (w.status == Status.PUBLIC_PROGRAMME)
    migrant = nonfarm & w.hukou_rural
    at_home = (w.flags & IN_PLACE_URBAN) > 0  # in a village that became urban: not away
    assert (migrant & w.urban & at_home).any()
    assert rec["migrant_workers_away"] == int((migrant & w.urban & ~at_home).sum()) * k
    assert rec["migrant_workers_local"] == int((migrant & (~w.urban | at_home)).sum()) * k
    poor = (w.flags & POVERTY_ALLEVIATED) > 0
    assert rec["poverty_alleviated_in_work"] == int((poor & nonfarm).sum()) * k
    unemployed = w.status == Status.UNEMPLOYED
    assert rec["ui_recipients"] == int((unemployed & (w.ui_months > 0)).sum()) * k
    displaced = (w.flags & AI_DISPLACED) > 0
    assert rec["ai_displaced_unemployed"] == int((displaced & unemployed).sum()) * k
    adults = w.status != Status.STUDENT
    insured = (w.flags & PENSION_INSURED) > 0
    assert rec["pension_coverage"] == _rate((insured & adults).sum(), adults.sum())
    working_age = w.age_months < 60 * 12
    years = SCHOOLING_YEARS[w.education[working_age]].astype(np.float64)
    assert rec["schooling_years_working_age"] == pytest.approx(years.mean(), rel=1e-6)
    for o, name in enumerate(o.name.lower() for o in Occupation):
        employed = np.isin(w.status, [1, 2, 3, 8]) & (w.occupation == o)
        assert rec[f"employed_{name}"] == int(employed.sum()) * k


def test_the_tabulated_job_seekers_are_those_of_the_markets(mixed):
    tab = tabulate(mixed.workers, len(mixed.regions))
    assert (tab.seekers() == seekers_by_market(mixed)).all()
    assert tab.table.sum() == N_PEOPLE


def test_on_a_simulated_economy_every_status_and_seeker_is_counted_once():
    model = tiny_model("months=3")
    for _ in range(3):
        model.step()
    w = model.workers
    tab = model.statistics.tabulation
    per_status = [int(tab.by_place()[states(s)].sum()) for s in Status]
    assert per_status == np.bincount(w.status, minlength=len(Status)).tolist()
    assert (tab.seekers() == seekers_by_market(model)).all()
    employed_sectors = [
        int(tab.by_place()[[STATE_OF[s] + g for s in EMPLOYED_STATUSES]].sum()) for g in range(3)
    ]
    assert sum(employed_sectors) == int((w.sector >= 0).sum())
