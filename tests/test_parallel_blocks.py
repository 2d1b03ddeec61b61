"""The passes over every worker run in spans on a few threads (``sim.blocks``) and give the same
results, to the bit, whatever the number of threads; the pool works from several threads at once
and in a forked child."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import blocks
from sim.codes import Status
from sim.firms import staff_of
from sim.markets import _count_seekers
from sim.occupations import N_OCC
from sim.processes import event_kernels as K
from sim.processes.matching_kernels import pool_members
from sim.processes.separations import quit_table, separation_pass
from sim.processes.statistics import _SUM_BLOCK, tabulate
from sim.sampling import below
from tests.test_stats_kernels import MONTH, N_REGIONS, workers

SMALL_BLOCK = _SUM_BLOCK  # the smallest block the tabulation's pay sum allows
UNEMPLOYED = Status.UNEMPLOYED.value


@contextmanager
def small_blocks(threads: int) -> Iterator[None]:
    """Blocks of SMALL_BLOCK rows (so that small inputs make several) and ``threads`` threads,
    for the duration."""
    saved = blocks.BLOCK, blocks.TASK_ROWS, blocks._threads
    blocks.BLOCK, blocks.TASK_ROWS, blocks._threads = SMALL_BLOCK, SMALL_BLOCK, threads
    try:
        yield
    finally:
        blocks.BLOCK, blocks.TASK_ROWS, blocks._threads = saved


def _same_for_threads(compute: Callable[[], tuple]) -> list[tuple]:
    """``compute()`` with 1, 2 and 3 threads; asserts the results are equal; returns them."""
    results = []
    for threads in (1, 2, 3):
        with small_blocks(threads):
            results.append(compute())
    for other in results[1:]:
        for a, b in zip(results[0], other, strict=True):
            np.testing.assert_array_equal(a, b, strict=True)
    return results


# --- the spans and the runner ----------------------------------------------------------------


@given(n=st.integers(0, 10**7), threads=st.integers(1, 4))
def test_tasks_cover_the_rows_in_order_in_whole_blocks(n: int, threads: int) -> None:
    with small_blocks(threads):
        cuts = blocks.spans(n)
        assert cuts[0][0] == 0 and cuts[-1][1] == n
        assert all(hi == lo for (_, hi), (lo, _) in zip(cuts, cuts[1:], strict=False))
        assert all(lo % blocks.BLOCK == 0 and hi > lo for lo, hi in cuts[1:])
        assert len(cuts) <= blocks.TASKS_PER_THREAD * threads
        assert threads > 1 or len(cuts) == 1


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_run_returns_results_in_row_order_and_joins_found_rows(threads: int) -> None:
    n = 5 * SMALL_BLOCK + 17
    out = np.empty(n, dtype=np.int64)

    def task(lo: int, hi: int) -> int:  # every third row
        rows = np.arange(lo, hi)
        found = rows[rows % 3 == 0]
        out[lo : lo + len(found)] = found
        return len(found)

    with small_blocks(threads):
        done = blocks.run(task, n)
        assert [lo for lo, _ in done] == [lo for lo, _ in blocks.spans(n)]
    np.testing.assert_array_equal(
        blocks.join([out[lo : lo + k] for lo, k in done]), np.arange(0, n, 3)
    )


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_listed_and_counted_passes_give_one_pass_results(threads: int) -> None:
    n = 5 * SMALL_BLOCK + 17
    codes = np.random.default_rng(threads).integers(0, 4, n)
    counts = np.zeros(4, dtype=np.int64)

    def count(lo: int, hi: int, mine: tuple[np.ndarray, ...]) -> int:
        np.add.at(mine[0], codes[lo:hi], 1)
        return hi - lo

    with small_blocks(threads):
        rows = blocks.listed(lambda lo, hi: lo + np.flatnonzero(codes[lo:hi] == 2), n)
        done = blocks.counted(count, n, (counts,))
    np.testing.assert_array_equal(rows, np.flatnonzero(codes == 2))
    np.testing.assert_array_equal(counts, np.bincount(codes, minlength=4))
    assert sum(k for _, k in done) == n


def test_run_raises_a_task_error_after_every_task_is_done() -> None:
    finished = []

    def task(lo: int, hi: int) -> None:
        if lo == SMALL_BLOCK:
            raise ValueError("block")
        finished.append(lo)

    with small_blocks(2), pytest.raises(ValueError, match="block"):
        blocks.run(task, 4 * SMALL_BLOCK)  # four tasks of a block each
    assert sorted(finished) == [0, 2 * SMALL_BLOCK, 3 * SMALL_BLOCK]


def test_threads_follow_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocks, "_threads", 0)
    monkeypatch.setenv(blocks.THREADS_ENV, "3")
    assert blocks.threads() == 3
    monkeypatch.setattr(blocks, "_threads", 0)
    monkeypatch.setenv(blocks.THREADS_ENV, "1")
    assert blocks.threads() == 1


def _staff_in_child(employer: np.ndarray, is_firm: np.ndarray) -> np.ndarray:
    return staff_of(employer, is_firm)


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_the_pool_works_in_a_forked_child_and_from_several_threads() -> None:
    with small_blocks(2):
        _pool_in_a_child_and_threads()


def _pool_in_a_child_and_threads() -> None:
    rng = np.random.default_rng(5)
    employer = rng.integers(-1, 50, 7 * SMALL_BLOCK + 3).astype(np.int32)
    is_firm = np.zeros(51, dtype=np.bool_)
    is_firm[1::3] = True
    expected = np.flatnonzero(is_firm[employer + 1])
    np.testing.assert_array_equal(staff_of(employer, is_firm), expected)  # the pool exists now
    with multiprocessing.get_context("fork").Pool(1) as pool:
        in_child = pool.apply(_staff_in_child, (employer, is_firm))
    np.testing.assert_array_equal(in_child, expected)
    got: list[np.ndarray] = []
    callers = [
        threading.Thread(target=lambda: got.append(staff_of(employer, is_firm))) for _ in "abcd"
    ]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert len(got) == 4
    for rows in got:
        np.testing.assert_array_equal(rows, expected)


# --- every pass gives the same results with 1, 2 and 3 threads ------------------------------

SIZES = st.one_of(st.integers(0, 50), st.integers(2 * SMALL_BLOCK, 6 * SMALL_BLOCK))


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=SIZES)
def test_the_tabulation_is_the_same_for_any_threads(seed: int, n: int) -> None:
    w = workers(seed, n)

    def compute() -> tuple:
        tab = tabulate(w, N_REGIONS, MONTH)
        return tab.people, tab.jobs, tab.pay, tab.earners, tab.ai_cohort, tab.ai_back

    (_, _, pay, *_), *_ = _same_for_threads(compute)
    assert pay == w.wage.sum(dtype=np.float64)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=SIZES, level=st.floats(0.001, 0.3))
def test_separations_and_staff_are_the_same_for_any_threads(
    seed: int, n: int, level: float
) -> None:
    rng = np.random.default_rng(seed)
    status = rng.integers(0, len(Status), n).astype(np.int8)
    age = rng.integers(16 * 12, 70 * 12, n).astype(np.int16)
    employer = rng.integers(-1, 40, n).astype(np.int32)
    layoff = np.concatenate([[0.0], rng.random(40) * 0.1])
    quit = quit_table(0.008, 0.02, 3.0)
    pos, draw = below(np.random.default_rng(seed + 1), n, level)
    is_firm = np.concatenate([[False], rng.random(40) < 0.3])

    def compute() -> tuple:
        passed = separation_pass(status, age, employer, quit, layoff, 300, level, pos, draw)
        return (*passed, staff_of(employer, is_firm))

    _same_for_threads(compute)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=SIZES)
def test_pools_and_tallies_are_the_same_for_any_threads(seed: int, n: int) -> None:
    w = workers(seed, n)
    pool_of_status = np.random.default_rng(seed).integers(-1, 3, len(Status)).astype(np.int8)

    def compute() -> tuple:
        tally = np.zeros((N_REGIONS, 2, N_OCC), dtype=np.int64)
        _count_seekers(w.status, w.region, w.urban, w.occupation, UNEMPLOYED, tally)
        clocks = [c.copy() for c in (w.age_months, w.spell, w.months_since_urban_job)]
        aged = K.age_one_month(
            *clocks, w.status, w.urban, w.hukou_rural, w.female, w.education, w.ui_months,
            np.array([60 * 12, 55 * 12, 50 * 12]), 70 * 12, 12,
        )  # fmt: skip
        return (
            tally,
            *pool_members(w.status, w.flags, pool_of_status, 1, 4),
            *K.training_pools(w.status, w.spell, w.hukou_rural, 6),
            *K.migration_pools(
                w.status, w.hukou_rural, w.urban, w.ui_months, w.flags, w.age_months, 8, 40 * 12
            ),
            *aged,
            *clocks,
        )

    _same_for_threads(compute)
