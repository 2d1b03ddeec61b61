"""Compiled loops of demography and training on small hand-built populations: entrants take
their rows as 16-year-olds; training priorities are the numpy sum they replace, to the bit."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.codes import Education, Sector, Status
from sim.processes.demography import _enter
from sim.processes.event_kernels import SINCE_URBAN_JOB_CAP
from sim.processes.training import YOUTH_AGE, priorities
from sim.workers import AI_DISPLACED, GRADUATE, Workers
from tests.hand_made import population


def enter(w: Workers, rows, age, female, rural, stays) -> None:
    _enter(
        np.asarray(rows, np.int64), np.asarray(age, np.int64), np.asarray(female, bool),
        np.asarray(rural, bool), np.asarray(stays, bool), w.age_months, w.female, w.hukou_rural,
        w.hukou_region, w.region, w.urban, w.education, w.status, w.spell, w.employer, w.sector,
        w.wage, w.programme, w.flags, w.ai_displaced_at, w.ai_reemployed_at, w.ui_months,
        w.months_since_urban_job,
    )  # fmt: skip


def test_entrants_take_their_rows_as_sixteen_year_olds_and_the_others_keep_theirs() -> None:
    # three formal workers of region 2 with a history; rows 0 and 2 are taken by entrants
    w = population(
        3,
        status=Status.EMPLOYED_FORMAL,
        age_months=70 * 12,
        region=2,
        hukou_region=1,
        employer=5,
        sector=Sector.MANUFACTURING,
        wage=4000.0,
        spell=30,
        flags=GRADUATE | AI_DISPLACED,
        ai_displaced_at=3,
        ai_reemployed_at=4,
        ui_months=2,
        months_since_urban_job=0,
        education=Education.TERTIARY,
    )
    enter(w, [0, 2], [192, 203], [True, False], [True, False], [True, False])
    assert w.age_months.tolist() == [192, 70 * 12, 203]
    assert w.female.tolist() == [True, False, False]
    assert w.hukou_rural.tolist() == [True, False, False]
    assert w.urban.tolist() == [False, True, True]  # urban hukou: living in a town
    assert w.hukou_region.tolist() == [2, 1, 2]  # entrants' hukou where they live
    assert w.status.tolist() == [Status.STUDENT, Status.EMPLOYED_FORMAL, Status.UNEMPLOYED]
    assert w.education.tolist() == [Education.JUNIOR_SECONDARY, Education.TERTIARY] + [
        Education.JUNIOR_SECONDARY
    ]
    assert w.spell.tolist() == [0, 30, 0]
    assert w.employer.tolist() == [-1, 5, -1]
    assert w.sector.tolist() == [-1, Sector.MANUFACTURING, -1]
    assert w.wage.tolist() == [0.0, 4000.0, 0.0]
    assert w.flags.tolist() == [0, GRADUATE | AI_DISPLACED, 0]
    assert w.ai_displaced_at.tolist() == [-1, 3, -1]
    assert w.ai_reemployed_at.tolist() == [-1, 4, -1]
    assert w.ui_months.tolist() == [0, 2, 0]
    assert w.months_since_urban_job.tolist() == [SINCE_URBAN_JOB_CAP, 0, SINCE_URBAN_JOB_CAP]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    weights=st.tuples(*[st.floats(0.0, 10.0, allow_nan=False)] * 3),
)
def test_training_priorities_are_the_numpy_sum_to_the_bit(seed, weights) -> None:
    rng = np.random.default_rng(seed)
    n = 200
    w = population(
        n,
        flags=rng.integers(0, 128, n),
        age_months=rng.integers(16 * 12, 40 * 12, n),
        hukou_rural=rng.random(n) < 0.5,
    )
    seekers = np.sort(rng.choice(n, 50, replace=False))
    displaced, youth, migrants = weights
    expected = (
        1.0
        + displaced * ((w.flags[seekers] & AI_DISPLACED) > 0)
        + youth * (w.age_months[seekers] < YOUTH_AGE)
        + migrants * w.hukou_rural[seekers]
    )
    got = priorities(seekers, w.flags, w.age_months, w.hukou_rural, displaced, youth, migrants)
    assert (got == expected).all()
