"""The statistics' compiled tabulation against a person-by-person count: every cross-table cell,
the earners and the AI cohort; its pay sum against numpy's (sim.processes.statistics)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.codes import EMPLOYED_STATUSES, Education, Occupation, Sector, Status
from sim.processes.statistics import (
    _CHUNK,
    _SUM_BLOCK,
    AGE_BAND_EDGES,
    DISPLACED,
    GROUP_BITS,
    LONG_SPELL,
    LONG_TERM_MONTHS,
    N_BANDS,
    N_EDU,
    N_GROUPS,
    N_STATES,
    ON_BENEFIT,
    SECTOR_GROUPS,
    STATE_OF,
    _pairwise_sum,
    tabulate,
)
from sim.workers import AI_DISPLACED, Workers
from tests.hand_made import N_REGIONS, population

N_OCC = len(Occupation)
MONTH = 20  # model month of the tabulation: the AI cohort was displaced by month 8


def workers(seed: int, n: int) -> Workers:
    """``n`` people of every status, place and group, with a sector iff working."""
    rng = np.random.default_rng(seed)
    status = rng.integers(0, len(Status), n)
    working = np.isin(status, [int(s) for s in EMPLOYED_STATUSES])
    flags = rng.integers(0, 128, n).astype(np.uint8)
    displaced = (flags & AI_DISPLACED) > 0  # a displacement month only with the flag
    return population(
        n,
        status=status,
        sector=np.where(working, rng.integers(0, len(Sector), n), -1),
        wage=np.where(rng.random(n) < 0.5, rng.uniform(1000, 9000, n), 0.0),
        age_months=rng.integers(16 * 12, 75 * 12, n),
        education=rng.integers(0, len(Education), n),
        occupation=rng.integers(0, N_OCC, n),
        hukou_rural=rng.random(n) < 0.4,
        region=rng.integers(0, N_REGIONS, n),
        urban=rng.random(n) < 0.6,
        spell=rng.integers(0, 30, n),
        ui_months=rng.integers(0, 4, n),
        flags=flags,
        ai_displaced_at=np.where(displaced, rng.integers(-1, MONTH, n), -1),
        ai_reemployed_at=np.where(displaced, rng.integers(-1, MONTH, n), -1),
        months_since_urban_job=rng.integers(0, 100, n),
    )


def person_by_person(w: Workers) -> tuple[np.ndarray, np.ndarray]:
    """The two cross-tables counted one person at a time, from the definitions."""
    people = np.zeros((N_STATES, 2, 2, N_REGIONS, N_BANDS, N_GROUPS), np.int64)
    jobs = np.zeros((N_STATES, 2, N_REGIONS, N_OCC, N_BANDS, N_EDU), np.int64)
    sector_group = {int(s): g for g, group in enumerate(SECTOR_GROUPS) for s in group}
    for i in range(w.n):
        s, flags = int(w.status[i]), int(w.flags[i])
        state = int(STATE_OF[s])
        if w.sector[i] >= 0:
            state += sector_group[int(w.sector[i])]
        displaced = DISPLACED if flags & int(AI_DISPLACED) else 0
        if s == Status.UNEMPLOYED:
            state += displaced | (LONG_SPELL if w.spell[i] >= LONG_TERM_MONTHS else 0)
            state += ON_BENEFIT if w.ui_months[i] > 0 else 0
        elif s == Status.TRAINING:
            state += displaced
        band = int(np.searchsorted(12 * AGE_BAND_EDGES, w.age_months[i], side="right"))
        group = sum(bit for flag, bit in GROUP_BITS.items() if flags & int(flag))
        area, region = int(w.urban[i]), int(w.region[i])
        people[state, area, int(w.hukou_rural[i]), region, band, group] += 1
        jobs[state, area, region, int(w.occupation[i]), band, int(w.education[i])] += 1
    return people, jobs


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=st.sampled_from([1, 7, _CHUNK, _CHUNK + 3, 3000]))
def test_the_tabulation_counts_each_person_in_their_cells(seed, n):
    w = workers(seed, n)
    tab = tabulate(w, N_REGIONS, MONTH)
    people, jobs = person_by_person(w)
    assert (tab.people == people).all()
    assert (tab.jobs == jobs).all()
    assert tab.table.sum() == n
    assert tab.earners == np.count_nonzero(w.wage)
    at, back = w.ai_displaced_at, w.ai_reemployed_at
    cohort = (at >= 0) & (at <= MONTH - 12)
    assert tab.ai_cohort == cohort.sum()
    assert tab.ai_back == (cohort & (back >= 0) & (back - at <= 12)).sum()


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    n=st.one_of(st.integers(0, 300), st.integers(8000, 40000), st.just(_SUM_BLOCK)),
    scale=st.sampled_from([1.0, 1e4, 1e7]),
)
def test_the_pay_is_numpys_float64_sum_to_the_last_bit(seed, n, scale):
    """The wage sum of the tabulation's pass equals ``wage.sum(dtype=np.float64)`` exactly (the
    wage bill and mean wage keep their digits)."""
    rng = np.random.default_rng(seed)
    wage = (rng.random(n) * scale).astype(np.float32)
    wage[rng.random(n) < 0.4] = 0.0
    assert _pairwise_run_sums(wage) == wage.sum(dtype=np.float64)


def _pairwise_run_sums(wage: np.ndarray) -> float:
    """The tabulation's pay sum of ``wage``: numpy's pairwise sums of runs of _SUM_BLOCK."""
    total = 0.0
    for lo in range(0, len(wage), _SUM_BLOCK):
        total += _pairwise_sum(wage, lo, min(_SUM_BLOCK, len(wage) - lo))
    return total


def test_the_tabulation_sums_the_pay_of_a_large_population():
    w = workers(4, 3 * _SUM_BLOCK + 5)
    assert tabulate(w, N_REGIONS, MONTH).pay == w.wage.sum(dtype=np.float64)
