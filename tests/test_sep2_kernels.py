"""The compiled passes of separations, firms' job counts and the vacancies tally agree with plain
numpy on small hand-built inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.codes import Status
from sim.firms import count_jobs_and_staff, firm_flags
from sim.markets import _count_vacancies
from sim.occupations import N_OCC
from sim.processes.separations import quit_table, separation_pass

FORMAL, FLEXIBLE = Status.EMPLOYED_FORMAL.value, Status.EMPLOYED_FLEXIBLE.value
YOUTH = 25 * 12


def _job_holders(seed: int, n: int, n_firms: int) -> dict[str, np.ndarray]:
    """Random worker columns with the model's dtypes; employer set iff in a firm job."""
    rng = np.random.default_rng(seed)
    status = rng.integers(0, len(Status), n).astype(np.int8)
    in_job = (status == FORMAL) | (status == FLEXIBLE)
    employer = np.where(in_job, rng.integers(0, n_firms, n), -1).astype(np.int32)
    return {
        "status": status,
        "age": rng.integers(16 * 12, 75 * 12, n).astype(np.int16),
        "employer": employer,
        "occupation": rng.integers(0, N_OCC, n).astype(np.int8),
    }


def _chances(w: dict[str, np.ndarray], layoff: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each agent's quit chance and quit-or-layoff chance, written out plainly."""
    young = w["age"] < YOUTH
    p_quit = np.where(w["status"] == FLEXIBLE, 0.02, 0.008) * np.where(young, 3.0, 1.0)
    in_job = w["employer"] >= 0
    p_quit = np.where(in_job, p_quit, 0.0)
    p_layoff = np.where(in_job, layoff[w["employer"] + 1], 0.0)
    return p_quit, p_quit + p_layoff


def test_quit_table_gives_firm_job_holders_their_chance_and_others_none() -> None:
    table = quit_table(0.008, 0.02, 3.0)
    assert table[2 * FORMAL] == 0.008 and table[2 * FORMAL + 1] == 0.008 * 3.0
    assert table[2 * FLEXIBLE] == 0.02 and table[2 * FLEXIBLE + 1] == 0.02 * 3.0
    others = [s for s in range(len(Status)) if s not in (FORMAL, FLEXIBLE)]
    assert (table[[2 * s for s in others]] == 0).all()
    assert (table[[2 * s + 1 for s in others]] == 0).all()


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(0, 400),
    n_firms=st.integers(1, 20),
    level=st.floats(0.001, 0.2),
)
def test_separation_pass_decides_the_drawn_and_lists_those_above_the_level(
    seed: int, n: int, n_firms: int, level: float
) -> None:
    w = _job_holders(seed, n, n_firms)
    rng = np.random.default_rng(seed + 1)
    layoff = np.concatenate([[0.0], rng.random(n_firms) * 0.1 * (rng.random(n_firms) < 0.5)])
    pos = np.flatnonzero(rng.random(n) < 0.3)
    draw = rng.random(len(pos)) * level
    decided, high, high_quit, high_total = separation_pass(
        w["status"],
        w["age"],
        w["employer"],
        quit_table(0.008, 0.02, 3.0),
        layoff,
        YOUTH,
        level,
        pos,
        draw,
    )
    p_quit, total = _chances(w, layoff)
    above = total > level
    np.testing.assert_array_equal(high, np.flatnonzero(above))
    np.testing.assert_array_equal(high_quit, p_quit[above])
    np.testing.assert_array_equal(high_total, total[above])
    outcome = np.where(draw < p_quit[pos], 1, np.where(draw < total[pos], 2, 0))
    np.testing.assert_array_equal(decided, np.where(above[pos], 0, outcome))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 400), n_firms=st.integers(1, 20))
def test_count_jobs_and_staff_counts_jobs_and_lists_flagged_firms_staff(
    seed: int, n: int, n_firms: int
) -> None:
    w = _job_holders(seed, n, n_firms)
    rng = np.random.default_rng(seed + 3)
    chosen = np.flatnonzero(rng.random(n_firms) < 0.3)
    counts, staff = count_jobs_and_staff(
        w["employer"], w["occupation"], firm_flags(chosen, n_firms)
    )
    jobs = w["employer"] >= 0
    cells = w["employer"][jobs].astype(np.int64) * N_OCC + w["occupation"][jobs]
    expected = np.bincount(cells, minlength=n_firms * N_OCC).reshape(n_firms, N_OCC)
    np.testing.assert_array_equal(counts, expected)
    np.testing.assert_array_equal(staff, np.flatnonzero(np.isin(w["employer"], chosen)))


def test_firm_flags_leave_the_no_firm_entry_false() -> None:
    flags = firm_flags(np.array([0, 3]), 5)
    assert flags.tolist() == [False, True, False, False, True, False]


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n_firms=st.integers(0, 50), n_regions=st.integers(1, 4))
def test_vacancies_tally_is_a_bincount_by_place_and_occupation(
    seed: int, n_firms: int, n_regions: int
) -> None:
    rng = np.random.default_rng(seed)
    region = rng.integers(0, n_regions, n_firms).astype(np.int8)
    urban = rng.random(n_firms) < 0.5
    vacancies = rng.integers(0, 5, (n_firms, N_OCC)).astype(np.int64)
    counts = np.zeros((n_regions, 2, N_OCC), dtype=np.int64)
    _count_vacancies(region, urban, vacancies, counts)
    cells = ((region.astype(np.int64) * 2 + urban) * N_OCC)[:, None] + np.arange(N_OCC)
    expected = np.bincount(
        cells.ravel(), weights=vacancies.ravel(), minlength=n_regions * 2 * N_OCC
    ).reshape(n_regions, 2, N_OCC)
    np.testing.assert_array_equal(counts, expected)
