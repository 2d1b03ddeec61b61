"""Compiled passes over the worker arrays for the monthly event processes.

Demography, migration and training each need to know who is exposed to their events
(the unemployed, job holders, the old, ...). A numpy mask per condition costs a pass over a million
agents each; these kernels make ONE pass that gathers every list (and count) a process needs, then
the process draws its events on those lists. Where the exposed are a large share of the population
and the chance is small, a process instead draws events over all agents
(:func:`sim.sampling.below`) and checks the few agents hit: no pass at all. (Separations has its
own pass, :func:`sim.processes.separations.separation_pass`.)

Kernels draw no random numbers: draws are made with numpy's Generator outside and passed in.
"""

from __future__ import annotations

from collections.abc import Callable

import numba
import numpy as np

from sim import blocks
from sim.codes import EMPLOYED_STATUSES, Education, Status, status_table
from sim.sampling import below

_FORMAL = int(Status.EMPLOYED_FORMAL)
_FLEXIBLE = int(Status.EMPLOYED_FLEXIBLE)
_UNEMPLOYED = int(Status.UNEMPLOYED)
_FARMING = int(Status.FARMING)
_INACTIVE = int(Status.INACTIVE)
_TRAINING = int(Status.TRAINING)
_PROGRAMME = int(Status.PUBLIC_PROGRAMME)
assert {_FORMAL, _FLEXIBLE, _FARMING, _PROGRAMME} == {int(s) for s in EMPLOYED_STATUSES}
_CADRE_EDUCATION = int(Education.SENIOR_SECONDARY)
SPELL_CAP = 32000  # months: spells stop counting here (int16)
SINCE_URBAN_JOB_CAP = 600  # months since the last urban job, capped


# A firm job (employer >= 0) is exactly a formal or flexible status (Workers.check_invariants).
IN_FIRM_JOB = status_table(Status.EMPLOYED_FORMAL, Status.EMPLOYED_FLEXIBLE)


# Each pass below writes a code per agent into a byte mask (0: none of the lists) in one loop
# the compiler vectorises; :func:`_marked_in` then lists the agents with a code, skipping eight
# unmarked agents at a time. The mask is padded to whole 8-byte words. Both run block by block on a
# few threads (:func:`_listed`, :mod:`sim.blocks`): a block's mask is listed while in cache.


def _new_mask(n: int) -> np.ndarray:
    return np.zeros((n + 7) // 8 * 8, dtype=np.uint8)


@numba.njit(cache=True, nogil=True)
def _marked_in(first: int, end: int, mask: np.ndarray, words: np.ndarray) -> np.ndarray:
    """The agents of words ``first..end-1`` of the mask with a nonzero code."""
    out = np.empty(8 * (end - first), dtype=np.int64)
    k = 0
    for j in range(first, end):
        if words[j] != 0:
            for i in range(8 * j, 8 * j + 8):
                out[k] = i
                k += mask[i] != 0
    return out[:k].copy()


def _marked(
    mask: np.ndarray, n: int | None = None, fill: Callable[[int, int], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The agents with a nonzero code in ``mask`` (increasing) and their codes, listed block by
    block of the ``n`` agents (default: the whole mask); ``fill(lo, hi)``, if given, first writes
    the codes of agents ``lo..hi-1``, so that a block is listed while in cache."""
    n = len(mask) if n is None else n
    words = mask.view(np.uint64)

    def task(lo: int, hi: int) -> np.ndarray:
        if fill is not None:
            fill(lo, hi)
        end = len(words) if hi == n else hi // 8  # the last block lists the padding (zeros) too
        return _marked_in(lo // 8, end, mask, words)

    idx = blocks.listed(task, n)
    return idx, mask[idx]


def _listed(
    kernel: Callable, columns: tuple[np.ndarray, ...], *params
) -> tuple[np.ndarray, np.ndarray, list]:
    """Run ``kernel(*columns, *params, mask)`` block by block over the agents (``columns`` and the
    mask cut to the block), writing their codes; returns the agents with a nonzero code
    (increasing), their codes and the kernel's result per block, in row order."""
    n = len(columns[0])
    mask = _new_mask(n)
    results: dict[int, object] = {}

    def fill(lo: int, hi: int) -> None:
        results[lo] = kernel(*(c[lo:hi] for c in columns), *params, mask[lo:hi])

    idx, code = _marked(mask, n, fill)
    return idx, code, [results[lo] for lo in sorted(results)]


@numba.njit(cache=True, nogil=True)
def _age_kernel(
    age: np.ndarray,
    spell: np.ndarray,
    since_urban_job: np.ndarray,
    status: np.ndarray,
    urban: np.ndarray,
    hukou_rural: np.ndarray,
    female: np.ndarray,
    education: np.ndarray,
    ui_months: np.ndarray,
    thresholds: np.ndarray,
    exit_age: int,
    long_spell: int,
    mask: np.ndarray,
) -> None:
    men, cadre_women, other_women = thresholds[0], thresholds[1], thresholds[2]
    for i in range(age.shape[0]):
        a = age[i] + 1
        age[i] = a
        d = min(spell[i] + 1, SPELL_CAP)
        spell[i] = d
        s = status[i]
        working = (s == _FORMAL) | (s == _FLEXIBLE) | (s == _FARMING) | (s == _PROGRAMME)
        since = min(since_urban_job[i] + 1, SINCE_URBAN_JOB_CAP)
        since_urban_job[i] = 1 if urban[i] & working else since
        due_at = men
        if female[i]:
            due_at = cadre_women if education[i] >= _CADRE_EDUCATION else other_women
        # formal workers retire in the month they reach the age (someone hired past it is a
        # re-employed retiree); urban-hukou inactive people draw their pension from then on
        pensioned_now = (s == _INACTIVE) & ~hukou_rural[i] & (a >= due_at)
        due = ((s == _FORMAL) & (a == due_at)) | pensioned_now
        long_search = (s == _UNEMPLOYED) & (ui_months[i] == 0) & (d >= long_spell)
        mask[i] = due | ((a >= exit_age) << 1) | (long_search << 2)


def age_one_month(
    age: np.ndarray,
    spell: np.ndarray,
    since_urban_job: np.ndarray,
    status: np.ndarray,
    urban: np.ndarray,
    hukou_rural: np.ndarray,
    female: np.ndarray,
    education: np.ndarray,
    ui_months: np.ndarray,
    thresholds: np.ndarray,
    exit_age: int,
    long_spell: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Everyone ages a month and their spell clocks tick (capped); the months since an urban job
    restart at 1 for those in urban work (they had it last month: nothing changes status or place
    between the month's end and this pass). Returns who reached
    ``exit_age``, who is due to retire at their statutory age (ages in months), and the job
    seekers without benefit whose search has lasted ``long_spell`` months or more.

    Due: formal workers and urban-hukou inactive people at least ``thresholds[post]`` months old
    (post 0 men, 1 women in cadre posts, 2 other women): the youngest age this month at which
    people of that post have reached their cohort's statutory age (later cohorts retire later,
    so everyone older has reached theirs too).
    """
    idx, code, _ = _listed(
        _age_kernel,
        (age, spell, since_urban_job, status, urban, hukou_rural, female, education, ui_months),
        np.asarray(thresholds, dtype=np.int64),
        exit_age,
        long_spell,
    )
    return idx[(code & 2) > 0], idx[(code & 1) > 0], idx[(code & 4) > 0]


@numba.njit(cache=True, nogil=True)
def _migration_kernel(
    status: np.ndarray,
    hukou_rural: np.ndarray,
    urban: np.ndarray,
    ui_months: np.ndarray,
    flags: np.ndarray,
    age: np.ndarray,
    ever_migrated: int,
    max_move_age: int,
    mask: np.ndarray,
) -> int:
    n_settle = 0
    for i in range(status.shape[0]):
        s = status[i]
        rural = hukou_rural[i]
        seeking = rural & (s == _UNEMPLOYED) & (ui_months[i] == 0)
        may_move = (s == _FARMING) | (s == _UNEMPLOYED) | (s == _INACTIVE)
        may_move &= rural & ~urban[i] & (age[i] < max_move_age)
        mask[i] = seeking | ((may_move & ((flags[i] & ever_migrated) != 0)) << 1)
        n_settle += rural & urban[i] & ((s == _FORMAL) | (s == _FLEXIBLE))
    return n_settle


def migration_pools(
    status: np.ndarray,
    hukou_rural: np.ndarray,
    urban: np.ndarray,
    ui_months: np.ndarray,
    flags: np.ndarray,
    age: np.ndarray,
    ever_migrated: int,
    max_move_age: int,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Rural-hukou job seekers without benefit (who may go home); former migrants (flag
    ``ever_migrated``) in the countryside younger than ``max_move_age`` months and not in
    non-farm work (who may leave again); and the number of urban residents with rural hukou in a
    firm job (who may settle)."""
    idx, code, n_settle = _listed(
        _migration_kernel,
        (status, hukou_rural, urban, ui_months, flags, age),
        ever_migrated,
        max_move_age,
    )
    return idx[(code & 1) > 0], idx[(code & 2) > 0], int(sum(n_settle))


@numba.njit(cache=True, nogil=True)
def _training_kernel(
    status: np.ndarray,
    spell: np.ndarray,
    hukou_rural: np.ndarray,
    duration: int,
    mask: np.ndarray,
) -> tuple[int, int]:
    n_jobs = 0
    n_rural_jobs = 0
    for i in range(status.shape[0]):
        s = status[i]
        in_job = (s == _FORMAL) | (s == _FLEXIBLE)
        mask[i] = (s == _UNEMPLOYED) + 2 * ((s == _TRAINING) & (spell[i] >= duration))
        n_jobs += in_job
        n_rural_jobs += in_job & hukou_rural[i]
    return n_jobs, n_rural_jobs


def training_pools(
    status: np.ndarray, spell: np.ndarray, hukou_rural: np.ndarray, duration: int
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Job seekers, trainees who have finished their ``duration`` months, and the number of firm
    job holders and of those with rural hukou."""
    idx, code, jobs = _listed(_training_kernel, (status, spell, hukou_rural), duration)
    n_jobs, n_rural_jobs = (sum(counts) for counts in zip(*jobs, strict=True))
    return idx[code == 1], idx[code == 2], int(n_jobs), int(n_rural_jobs)


def each_agent(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """The agents of ``0..n-1`` hit by an event of chance ``p`` (clipped to [0, 1]), each
    independently, in increasing order: :func:`sim.sampling.select` over all agents without
    listing them. A process then keeps those hit who are exposed (checking only them), which is
    the same as selecting each exposed agent with chance ``p``."""
    return below(rng, n, min(max(float(p), 0.0), 1.0))[0]
