"""The compiled passes of the event processes (``sim.processes.event_kernels``) list the agents
their docstrings promise, on small hand-built populations, and the event draws keep each agent's
chance.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim.codes import Education, Status
from sim.processes import event_kernels as K
from sim.processes.demography import (
    EXIT_AGE,
    MIN_RETIREMENT_AGE,
    retirement_thresholds,
    statutory_age_months,
)
from sim.workers import EVER_MIGRATED

FORMAL, FLEXIBLE = int(Status.EMPLOYED_FORMAL), int(Status.EMPLOYED_FLEXIBLE)
FARMING, UNEMPLOYED, INACTIVE = int(Status.FARMING), int(Status.UNEMPLOYED), int(Status.INACTIVE)
STUDENT, TRAINING = int(Status.STUDENT), int(Status.TRAINING)


def column(values, dtype) -> np.ndarray:
    return np.array(values, dtype=dtype)


# --- the byte mask and its listing ---------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.uint8, st.integers(0, 70), elements=st.sampled_from([0, 0, 0, 1, 2, 5])))
def test_marked_lists_exactly_the_nonzero_codes(codes: np.ndarray) -> None:
    mask = K._new_mask(len(codes))
    mask[: len(codes)] = codes
    idx, code = K._marked(mask)
    assert idx.tolist() == np.flatnonzero(codes).tolist()
    assert code.tolist() == codes[codes > 0].tolist()


# --- ageing and retirement ------------------------------------------------------------------


def test_ageing_ticks_the_clocks_and_lists_exits_due_and_long_searches() -> None:
    # agents: formal man turning 63 this month; formal man of 59; urban inactive woman at 58
    # (cadre); rural inactive woman at 58; 74y11m about to turn 75; long-searching job seeker;
    # long-searching job seeker with benefit; formal man of 64 (hired past his statutory age)
    age = column(
        [63 * 12 - 1, 59 * 12, 58 * 12, 58 * 12, 75 * 12 - 1, 30 * 12, 30 * 12, 64 * 12], np.int16
    )
    spell = column([3, 32000, 0, 0, 0, 11, 40, 2], np.int16)
    since = column([600, 0, 5, 600, 599, 0, 0, 1], np.int16)
    status = column(
        [FORMAL, FORMAL, INACTIVE, INACTIVE, INACTIVE, UNEMPLOYED, UNEMPLOYED, FORMAL], np.int8
    )
    urban = column([1, 0, 1, 1, 0, 1, 1, 1], bool)  # agent 0 in urban work: its clock restarts
    rural = column([0, 0, 0, 1, 1, 0, 0, 0], bool)
    female = column([0, 0, 1, 1, 0, 0, 0, 0], bool)
    edu = column([1, 1, 2, 2, 1, 1, 1, 1], np.int8)
    ui = column([0, 0, 0, 0, 0, 0, 3, 0], np.int8)
    thresholds = np.array([63 * 12, 58 * 12, 55 * 12])  # men, cadre women, other women
    exits, due, long_search = K.age_one_month(
        age, spell, since, status, urban, rural, female, edu, ui, thresholds, EXIT_AGE, 12
    )
    assert age.tolist() == [63 * 12, 59 * 12 + 1, 58 * 12 + 1, 58 * 12 + 1, 75 * 12] + [
        30 * 12 + 1
    ] * 2 + [64 * 12 + 1]
    assert spell.tolist() == [4, 32000, 1, 1, 1, 12, 41, 3]
    assert since.tolist() == [1, 1, 6, 600, 600, 1, 1, 1]
    assert exits.tolist() == [4]
    # formal workers retire in the month they reach the age, not later; the urban inactive
    # draw their pension at any age past it
    assert due.tolist() == [0, 2]
    assert long_search.tolist() == [5]


@settings(max_examples=30, deadline=None)
@given(st.integers(2015 * 12, 2045 * 12), st.booleans())
def test_retirement_thresholds_match_each_age_statutory_age(month_index: int, reform: bool) -> None:
    """Everyone at least the threshold old has reached their cohort's statutory age; nobody
    younger has."""
    thresholds = retirement_thresholds(month_index, reform)
    ages = np.arange(MIN_RETIREMENT_AGE - 24, EXIT_AGE + 1)
    posts = ((False, Education.PRIMARY), (True, Education.TERTIARY), (True, Education.PRIMARY))
    for threshold, (female, education) in zip(thresholds, posts, strict=True):
        statutory = statutory_age_months(
            month_index - ages,
            np.full(len(ages), female),
            np.full(len(ages), int(education)),
            reform,
        )
        assert ((ages >= statutory) == (ages >= threshold)).all()


# --- the pools of migration and training ----------------------------------------------------


def test_migration_pools() -> None:
    status = column(
        [UNEMPLOYED, UNEMPLOYED, UNEMPLOYED, FARMING, FARMING, FORMAL, FLEXIBLE], np.int8
    )
    rural = column([1, 1, 0, 1, 1, 1, 1], bool)
    urban = column([1, 0, 1, 0, 0, 1, 0], bool)
    ui = column([0, 2, 0, 0, 0, 0, 0], np.int8)
    flags = column([0, 0, 0, EVER_MIGRATED, EVER_MIGRATED, EVER_MIGRATED, 0], np.uint8)
    age = column([300, 300, 300, 300, 50 * 12, 300, 300], np.int16)
    seekers, former, n_settle = K.migration_pools(
        status, rural, urban, ui, flags, age, int(EVER_MIGRATED), 50 * 12
    )
    assert seekers.tolist() == [0]  # rural hukou, searching, no benefit
    assert former.tolist() == [3]  # former migrant at home, farming, under 50
    assert n_settle == 1  # agent 5: rural hukou, city, firm job


def test_training_pools() -> None:
    status = column([UNEMPLOYED, TRAINING, TRAINING, FORMAL, FLEXIBLE, STUDENT], np.int8)
    spell = column([0, 2, 3, 0, 0, 0], np.int16)
    rural = column([0, 0, 0, 1, 0, 1], bool)
    seekers, done, n_jobs, n_rural_jobs = K.training_pools(status, spell, rural, 3)
    assert seekers.tolist() == [0]
    assert done.tolist() == [2]
    assert (n_jobs, n_rural_jobs) == (2, 1)


# --- event draws -----------------------------------------------------------


def test_each_agent_hits_each_with_its_chance_in_order() -> None:
    hit = K.each_agent(np.random.default_rng(1), 200_000, 0.05)
    assert (np.diff(hit) > 0).all()
    assert abs(len(hit) / 200_000 - 0.05) < 0.002
    assert len(K.each_agent(np.random.default_rng(1), 10, 1.5)) == 10
    assert len(K.each_agent(np.random.default_rng(1), 10, -0.1)) == 0
