"""Compiled passes over every worker, run on a few threads with results that do not depend on
how many.

A pass over rows ``0..n-1`` is split into tasks, each a run of whole blocks of :data:`BLOCK`
rows (a constant; the last block shorter), handled by ``task(lo, hi)``: a ``nogil`` compiled
kernel over rows ``lo..hi-1``, called from Python. The calling thread and the pool's threads take
the next task not yet taken until none is left (:func:`run`). How many tasks there are depends on
the threads; the results do not:

What this guarantees, so that the model's numbers are the same to the bit whatever the cores or
threads:

- tasks start at multiples of :data:`BLOCK` (a multiple of numpy's buffer size and of 8), so a
  kernel may keep partial results per buffer of ``np.getbufsize()`` rows (a float sum) or per
  word of 8 mask bytes that never straddle two tasks;
- results come back per task in row order (:func:`run`) and lists of rows found by the tasks
  are joined in row order (:func:`join`): lists come out as one pass would list them; integer
  counts are exact in any grouping (a thread may count its tasks into its own table); float
  partial sums must be kept per buffer and added in order by the caller, never per task;
- kernels draw no random numbers: draws are made by the caller before the pass.

A pass whose rows' results are each their own (a list of rows found, kept in row order) may be
cut anywhere: :func:`run_cuts` runs the caller's cuts (e.g. job seekers cut where their
applications split evenly, :func:`sim.processes.matching_kernels.vacancy_picks`).

Threads: ``min(2, os.cpu_count())``, or the environment variable ``SIM_THREADS`` (1 runs a pass
as one task on the calling thread, with no pool), read when first needed. The pool is made
lazily, is safe to use from several threads at once (each call waits only for its own tasks;
pool threads never wait), and is forgotten in a forked child, which makes its own. A pass under
2 x :data:`TASK_ROWS` rows is one task, on the calling thread.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np

BLOCK = 1 << 16  # rows of a block: tasks start at multiples of it
TASK_ROWS = 1 << 18  # rows a task has at least: a task costs tens of microseconds in Python
TASKS_PER_THREAD = 2  # several tasks a thread, so that a thread on a busy core holds back little
MAX_DEFAULT_THREADS = 2
THREADS_ENV = "SIM_THREADS"
assert BLOCK % int(np.getbufsize()) == 0 and BLOCK % 8 == 0

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_threads = 0  # 0: not read yet


def threads() -> int:
    """The number of threads a pass may use (``SIM_THREADS``, else min(2, cores))."""
    global _threads
    if _threads == 0:
        setting = os.environ.get(THREADS_ENV, "").strip()
        wanted = int(setting) if setting else min(MAX_DEFAULT_THREADS, os.cpu_count() or 1)
        _threads = max(1, wanted)
    return _threads


def _forget_pool() -> None:
    """In a forked child: the parent's pool threads do not exist here; make new ones on demand."""
    global _lock, _pool, _threads
    _lock, _pool, _threads = threading.Lock(), None, 0


os.register_at_fork(after_in_child=_forget_pool)


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max(1, threads() - 1), thread_name_prefix="sim-blocks")
        return _pool


def spans(n: int) -> list[tuple[int, int]]:
    """Rows ``0..n-1`` in tasks of whole blocks, in order: one task on one thread, else up to
    ``TASKS_PER_THREAD`` a thread of at least :data:`TASK_ROWS` rows."""
    n_blocks = -(-n // BLOCK)
    parts = 1 if threads() == 1 else TASKS_PER_THREAD * threads()
    parts = max(1, min(parts, n // TASK_ROWS, n_blocks))
    cuts = [min(n, (n_blocks * p // parts) * BLOCK) for p in range(parts + 1)]
    return list(zip(cuts[:-1], cuts[1:], strict=True))


def run[R](task: Callable[[int, int], R], n: int) -> list[tuple[int, R]]:
    """``task(lo, hi)`` for each task of :func:`spans`; returns ``(lo, result)`` per task, in
    row order. The calling thread and up to ``threads() - 1`` pool threads take the next task
    not yet taken until none is left, so that a busy core delays little: the caller waits only
    for tasks another thread has started. A task's error is raised once every task is done
    (tasks share the caller's output arrays)."""
    return run_cuts(task, spans(n))


def run_cuts[R](
    task: Callable[[int, int], R], cuts: Sequence[tuple[int, int]]
) -> list[tuple[int, R]]:
    """:func:`run` over the tasks ``cuts`` (``(lo, hi)`` each, in order) chosen by the caller:
    for a pass whose result is the same however its rows are cut (each row's result its own,
    joined in row order), e.g. cut where a row's work (not its number) splits evenly."""
    helpers = min(threads(), len(cuts)) - 1
    if helpers == 0:
        return [(lo, task(lo, hi)) for lo, hi in cuts]
    results: list = [None] * len(cuts)
    errors: dict[int, BaseException] = {}
    claim = itertools.count()  # next() on it is atomic
    left = [len(cuts)]
    done = threading.Condition()

    def work() -> None:
        while (i := next(claim)) < len(cuts):
            try:
                results[i] = task(*cuts[i])
            except BaseException as error:  # noqa: BLE001 - raised by the caller below
                errors[i] = error
            with done:
                left[0] -= 1
                if left[0] == 0:
                    done.notify_all()

    pool = _executor()
    for _ in range(helpers):
        pool.submit(work)
    work()
    with done:
        done.wait_for(lambda: left[0] == 0)
    if errors:
        raise errors[min(errors)]
    return [(lo, r) for (lo, _), r in zip(cuts, results, strict=True)]


def listed(task: Callable[[int, int], np.ndarray], n: int) -> np.ndarray:
    """The rows ``task(lo, hi)`` lists in each task of :func:`run`, joined in row order: a pass
    that lists agents, as one pass would list them."""
    return join([rows for _, rows in run(task, n)])


def counted[R](
    task: Callable[[int, int, tuple[np.ndarray, ...]], R], n: int, tables: tuple[np.ndarray, ...]
) -> list[tuple[int, R]]:
    """:func:`run` for a pass that counts into ``tables``: ``task(lo, hi, mine)`` adds its rows'
    counts to ``mine``, the calling thread's tables being ``tables`` themselves and every other
    thread's zeroed copies of them, added into ``tables`` at the end (integer counts: exact in
    any grouping). Returns what ``run`` returns."""
    own = {threading.get_ident(): tables}

    def counting(lo: int, hi: int) -> R:
        mine = threading.get_ident()
        if mine not in own:
            own[mine] = tuple(np.zeros_like(t) for t in tables)
        return task(lo, hi, own[mine])

    results = run(counting, n)
    for copies in list(own.values())[1:]:
        for table, copy in zip(tables, copies, strict=True):
            table += copy
    return results


def join(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The arrays the tasks returned (in row order) joined in row order: lists come out as one
    pass would list them. A kernel that lists rows does best to allocate its task's list itself
    (the compiler then knows it overlaps no input)."""
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def positive_rows(codes: np.ndarray) -> np.ndarray:
    """``np.flatnonzero(codes > 0)`` of a column of small integer codes (int8, uint8) that are
    mostly zero, block by block: eight rows at a time are skipped while all their codes are
    zero."""
    return listed(lambda lo, hi: _positive_in(lo, codes[lo:hi]), len(codes))


@numba.njit(cache=True, nogil=True)
def _positive_in(lo: int, codes: np.ndarray) -> np.ndarray:
    """The rows (from ``lo``) of the block ``codes`` with a positive code, in order."""
    n = codes.shape[0]
    out = np.empty(n, dtype=np.int64)
    k = 0
    whole = n - n % 8
    for j in range(0, whole, 8):
        seen = codes[j] | codes[j + 1] | codes[j + 2] | codes[j + 3]
        seen |= codes[j + 4] | codes[j + 5] | codes[j + 6] | codes[j + 7]
        if seen != 0:  # rare: a well-predicted branch skips eight rows
            for i in range(j, j + 8):
                out[k] = lo + i  # branch-free: write every row, advance on a positive code
                k += codes[i] > 0
    for i in range(whole, n):
        out[k] = lo + i
        k += codes[i] > 0
    return out[:k].copy()
