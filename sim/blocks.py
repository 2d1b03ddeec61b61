"""Compiled passes over every worker, run on a few threads with results that do not depend on
how many.

A pass over rows ``0..n-1`` is split into spans: runs of whole blocks of :data:`BLOCK` rows (a
constant), at most one span per thread and at least :data:`THREAD_ROWS` rows a span. Each span is
handled by a task ``task(lo, hi)`` (a ``nogil`` compiled kernel over rows ``lo..hi-1``, called
from Python); the first runs on the calling thread, the others on a small shared pool.

What this guarantees, so that the model's numbers are the same to the bit whatever the cores:

- spans start at multiples of :data:`BLOCK` (a multiple of numpy's buffer size and of 8), so a
  kernel may keep per-block partial results (a float sum per buffer of ``np.getbufsize()`` rows, a
  word of 8 mask bytes) that never straddle two spans;
- the results come back in row order (:func:`run`), and rows found by the spans are joined in row
  order (:func:`join`): lists come out as one pass would list them; integer counts are exact in any
  grouping; float partial sums must be kept per block and added in block order by the caller;
- kernels draw no random numbers: draws are made by the caller before the pass.

Threads: ``min(2, os.cpu_count())``, or the environment variable ``SIM_THREADS`` (1 runs every
span on the calling thread, with no pool), read when the pool is first needed. The pool is made
lazily, is safe to use from several threads at once (each call waits for its own tasks; pool
threads never wait on others), and is forgotten in a forked child, which makes its own.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

BLOCK = 1 << 16  # rows of a block: spans start at multiples of it
THREAD_ROWS = 1 << 17  # rows a thread must have at least: a task costs tens of microseconds
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


def spans(n: int, parts: int | None = None) -> list[tuple[int, int]]:
    """Rows ``0..n-1`` split into at most ``parts`` (default: the threads) runs of whole blocks,
    in order, each of at least :data:`THREAD_ROWS` rows unless there is only one."""
    parts = threads() if parts is None else parts
    n_blocks = -(-n // BLOCK)
    parts = max(1, min(parts, n // THREAD_ROWS, n_blocks))
    cuts = [min(n, (n_blocks * p // parts) * BLOCK) for p in range(parts + 1)]
    return list(zip(cuts[:-1], cuts[1:], strict=True))


def run[R](task: Callable[[int, int], R], n: int, parts: int | None = None) -> list[tuple[int, R]]:
    """``task(lo, hi)`` for each span of :func:`spans`, the first on this thread and the others
    on the pool; returns ``(lo, result)`` per span, in row order. A task's error is raised once
    every task has finished (tasks share the caller's output arrays)."""
    cuts = spans(n, parts)
    if len(cuts) == 1:
        lo, hi = cuts[0]
        return [(lo, task(lo, hi))]
    pool = _executor()
    later: list[Future[R]] = [pool.submit(task, lo, hi) for lo, hi in cuts[1:]]
    try:
        first = task(*cuts[0])
    finally:
        for f in later:  # wait for every task: they write the caller's arrays
            f.exception()
    rest = [f.result() for f in later]
    return [(lo, r) for (lo, _), r in zip(cuts, [first, *rest], strict=True)]


def join(out: np.ndarray, found: Sequence[tuple[int, int]]) -> np.ndarray:
    """The items each span wrote at the start of its own rows of ``out`` (``(lo, count)`` per
    span, in row order), joined in row order: a new array."""
    if len(found) == 1:
        lo, k = found[0]
        return out[lo : lo + k].copy()
    return np.concatenate([out[lo : lo + k] for lo, k in found])
