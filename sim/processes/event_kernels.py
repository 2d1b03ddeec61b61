"""Compiled passes over the worker arrays for the monthly event processes.

Demography, separations, migration and training each need to know who is exposed to their events
(the unemployed, job holders, the old, ...). A numpy mask per condition costs a pass over a million
agents each; these kernels make ONE pass that gathers every list (and count) a process needs, then
the process draws its events on those lists. Where the exposed are a large share of the population
and the chance is small, a process instead draws events over all agents
(:func:`sim.sampling.below`) and checks the few agents hit: no pass at all.

Kernels draw no random numbers: draws are made with numpy's Generator outside and passed in.
"""

from __future__ import annotations

import numba
import numpy as np

from sim.codes import Education, Status
from sim.sampling import below

_FORMAL = int(Status.EMPLOYED_FORMAL)
_FLEXIBLE = int(Status.EMPLOYED_FLEXIBLE)
_UNEMPLOYED = int(Status.UNEMPLOYED)
_INACTIVE = int(Status.INACTIVE)
_TRAINING = int(Status.TRAINING)
_CADRE_EDUCATION = int(Education.SENIOR_SECONDARY)
SPELL_CAP = 32000  # months: spells stop counting here (int16)
SINCE_URBAN_JOB_CAP = 600  # months since the last urban job, capped


def status_table(*statuses: Status) -> np.ndarray:
    """Lookup table ``table[status]``: whether a status code is one of ``statuses``."""
    table = np.zeros(len(Status), dtype=bool)
    table[[int(s) for s in statuses]] = True
    return table


# A firm job (employer >= 0) is exactly a formal or flexible status (Workers.check_invariants).
IN_FIRM_JOB = status_table(Status.EMPLOYED_FORMAL, Status.EMPLOYED_FLEXIBLE)


@numba.njit(cache=True, nogil=True)
def age_one_month(
    age: np.ndarray,
    spell: np.ndarray,
    since_urban_job: np.ndarray,
    status: np.ndarray,
    hukou_rural: np.ndarray,
    female: np.ndarray,
    education: np.ndarray,
    statutory: np.ndarray,
    min_retirement_age: int,
    exit_age: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Everyone ages a month and their spell clocks tick (capped); returns who reached the exit
    age and who is due to retire at their statutory age.

    Due: formal workers and urban-hukou inactive people whose age has reached the statutory age of
    their birth cohort, sex and post. ``statutory[post, age - min_retirement_age]`` is that age in
    months for an agent ``age`` months old this month (post 0 men, 1 women in cadre posts, 2 other
    women), for ages from ``min_retirement_age`` up (older agents use the last column).
    """
    n = age.shape[0]
    last = statutory.shape[1] - 1
    exits = np.empty(n, dtype=np.int64)
    due = np.empty(n, dtype=np.int64)
    n_exits = 0
    n_due = 0
    for i in range(n):  # branch-free: statuses come in no order, a branch would mispredict
        a = age[i] + 1
        age[i] = a
        spell[i] = min(spell[i] + 1, SPELL_CAP)
        since_urban_job[i] = min(since_urban_job[i] + 1, SINCE_URBAN_JOB_CAP)
        s = status[i]
        pensioned = (s == _FORMAL) | ((s == _INACTIVE) & ~hukou_rural[i])
        post = female[i] * (2 - (education[i] >= _CADRE_EDUCATION))
        column = min(max(a - min_retirement_age, 0), last)
        exits[n_exits] = i
        n_exits += a >= exit_age
        due[n_due] = i
        n_due += pensioned & (a >= min_retirement_age) & (a >= statutory[post, column])
    return exits[:n_exits].copy(), due[:n_due].copy()


@numba.njit(cache=True, nogil=True)
def participation_pools(
    status: np.ndarray,
    spell: np.ndarray,
    ui_months: np.ndarray,
    age: np.ndarray,
    long_spell: int,
    reentry_age_limit: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Who may leave or join the labour force: job seekers without benefit on a spell shorter
    than ``long_spell`` months, those on a longer one, and the inactive younger than
    ``reentry_age_limit`` months."""
    n = status.shape[0]
    short = np.empty(n, dtype=np.int64)
    long_ = np.empty(n, dtype=np.int64)
    inactive = np.empty(n, dtype=np.int64)
    n_short = 0
    n_long = 0
    n_inactive = 0
    for i in range(n):  # branch-free
        s = status[i]
        seeking = (s == _UNEMPLOYED) & (ui_months[i] == 0)
        is_long = spell[i] >= long_spell
        short[n_short] = i
        n_short += seeking & ~is_long
        long_[n_long] = i
        n_long += seeking & is_long
        inactive[n_inactive] = i
        n_inactive += (s == _INACTIVE) & (age[i] < reentry_age_limit)
    return short[:n_short].copy(), long_[:n_long].copy(), inactive[:n_inactive].copy()


@numba.njit(cache=True, nogil=True)
def migration_pools(
    status: np.ndarray, hukou_rural: np.ndarray, urban: np.ndarray, ui_months: np.ndarray
) -> tuple[np.ndarray, int]:
    """Rural-hukou job seekers without benefit (who may go home), and the number of urban
    residents with rural hukou in a firm job (who may settle)."""
    n = status.shape[0]
    seekers = np.empty(n, dtype=np.int64)
    n_seekers = 0
    n_settle = 0
    for i in range(n):  # branch-free
        s = status[i]
        rural = hukou_rural[i]
        seekers[n_seekers] = i
        n_seekers += rural & (s == _UNEMPLOYED) & (ui_months[i] == 0)
        n_settle += rural & urban[i] & ((s == _FORMAL) | (s == _FLEXIBLE))
    return seekers[:n_seekers].copy(), n_settle


@numba.njit(cache=True, nogil=True)
def training_pools(
    status: np.ndarray, spell: np.ndarray, hukou_rural: np.ndarray, duration: int
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Job seekers, trainees who have finished their ``duration`` months, and the number of firm
    job holders and of those with rural hukou."""
    n = status.shape[0]
    seekers = np.empty(n, dtype=np.int64)
    done = np.empty(n, dtype=np.int64)
    n_seekers = 0
    n_done = 0
    n_jobs = 0
    n_rural_jobs = 0
    for i in range(n):  # branch-free
        s = status[i]
        in_job = (s == _FORMAL) | (s == _FLEXIBLE)
        seekers[n_seekers] = i
        n_seekers += s == _UNEMPLOYED
        done[n_done] = i
        n_done += (s == _TRAINING) & (spell[i] >= duration)
        n_jobs += in_job
        n_rural_jobs += in_job & hukou_rural[i]
    return seekers[:n_seekers].copy(), done[:n_done].copy(), n_jobs, n_rural_jobs


@numba.njit(cache=True, nogil=True)
def separation_pass(
    status: np.ndarray,
    age: np.ndarray,
    employer: np.ndarray,
    firm_layoff: np.ndarray,
    layoff_factor: float,
    p_formal: float,
    p_flexible: float,
    youth_multiplier: float,
    youth_age: int,
    level: float,
    event_pos: np.ndarray,
    event_draw: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """Quits and layoffs of firm job holders decided by one uniform each: a quit below the
    worker's quit chance, a layoff in the next ``layoff_factor * firm_layoff[employer]``.

    ``event_pos`` (sorted) and ``event_draw`` are the agents whose uniform fell below ``level``
    and those uniforms (:func:`sim.sampling.below` over all agents). A job holder whose total
    chance exceeds ``level`` cannot be decided by them: they are returned (with their quit and
    total chances) for a uniform of their own. Returns quits, layoffs, those undecided, their
    quit and total chances, and the sum of ``firm_layoff`` over all job holders.
    """
    n = status.shape[0]
    n_events = event_pos.shape[0]
    quits = np.empty(n_events, dtype=np.int64)
    layoffs = np.empty(n_events, dtype=np.int64)
    high = np.empty(n, dtype=np.int64)
    high_quit = np.empty(n, dtype=np.float64)
    high_total = np.empty(n, dtype=np.float64)
    n_quits = 0
    n_layoffs = 0
    n_high = 0
    layoff_sum = 0.0
    e = 0
    for i in range(n):  # branch-free but for the few agents hit by an event
        s = status[i]
        in_job = (s == _FORMAL) | (s == _FLEXIBLE)
        p_layoff = firm_layoff[max(employer[i], 0)] * in_job
        layoff_sum += p_layoff
        p_quit = p_flexible if s == _FLEXIBLE else p_formal
        p_quit *= youth_multiplier if age[i] < youth_age else 1.0
        total = p_quit + p_layoff * layoff_factor
        is_high = in_job & (total > level)
        high[n_high] = i
        high_quit[n_high] = p_quit
        high_total[n_high] = total
        n_high += is_high
        if e < n_events and event_pos[e] == i:
            u = event_draw[e]
            e += 1
            if in_job and not is_high:
                if u < p_quit:
                    quits[n_quits] = i
                    n_quits += 1
                elif u < total:
                    layoffs[n_layoffs] = i
                    n_layoffs += 1
    return (
        quits[:n_quits].copy(),
        layoffs[:n_layoffs].copy(),
        high[:n_high].copy(),
        high_quit[:n_high].copy(),
        high_total[:n_high].copy(),
        layoff_sum,
    )


def each_agent(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """The agents of ``0..n-1`` hit by an event of chance ``p`` (clipped to [0, 1]), each
    independently, in increasing order: :func:`sim.sampling.select` over all agents without
    listing them. A process then keeps those hit who are exposed (checking only them), which is
    the same as selecting each exposed agent with chance ``p``."""
    return below(rng, n, min(max(float(p), 0.0), 1.0))[0]
