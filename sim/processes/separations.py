"""Separations: quits and contract ends, layoffs where firms have more staff than they want,
and the Spring Festival departures of migrant workers.

- Every worker in a firm job separates with a monthly chance (higher in flexible work).
- A firm above its desired employment lays off each of its workers with chance
  ``layoff_speed * (excess - stopped) / staff`` (the demand process's ``layoff_probability``): it
  sheds a share of the excess it has not stopped (temporary stops, contact services) each month.
  Job-retention subsidies scale that chance down; the layoffs they avoid (expected) are counted in
  the month's flows, and the lever pays for them.
- In January, a share of migrant workers in the cities leave their jobs and go home for the
  Spring Festival (they count as farming at home); many come back to search in February.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numba
import numpy as np

from sim import blocks
from sim.calendar import JANUARY
from sim.codes import Status
from sim.params import param
from sim.processes.event_kernels import each_agent
from sim.sampling import below

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


YOUTH_AGE = 25 * 12  # workers younger than this separate ``youth_multiplier`` times as often
# Draws below max(formal, flexible) + this are made as events; chances above it get their own.
DECIDED_BY_EVENTS = 0.005
_FORMAL, _FLEXIBLE = Status.EMPLOYED_FORMAL.value, Status.EMPLOYED_FLEXIBLE.value


def quit_table(p_formal: float, p_flexible: float, youth_multiplier: float) -> np.ndarray:
    """Monthly quit chance by ``2 * status + young``: ``p_formal`` or ``p_flexible`` in a firm job
    (times ``youth_multiplier`` for the young), 0 for every other status."""
    table = np.zeros(2 * (max(Status) + 1))
    for s, p in ((_FORMAL, p_formal), (_FLEXIBLE, p_flexible)):
        table[2 * s] = p
        table[2 * s + 1] = p * youth_multiplier
    return table


def separation_pass(
    status: np.ndarray,
    age: np.ndarray,
    employer: np.ndarray,
    quit: np.ndarray,
    layoff: np.ndarray,
    youth_age: int,
    level: float,
    pos: np.ndarray,
    draw: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One pass over the agents: each one's quit chance ``quit[2 * status + young]`` and
    quit-or-layoff chance (plus their firm's ``layoff[employer + 1]``, entry 0 for no firm job).

    The agents ``pos`` (increasing) drew ``draw`` below ``level``; for those whose total chance
    is at most ``level`` the draw decides: 1 a quit (below the quit chance), 2 a layoff (below
    the total), 0 neither. Returns these outcomes, 0 for agents above the level, and the agents
    above the level (increasing) with their quit and total chances: they need a draw of their own.
    The pass runs block by block on a few threads (:mod:`sim.blocks`), each block with its own drawn
    agents.
    """

    def task(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        a, b = np.searchsorted(pos, (lo, hi))  # the block's drawn agents
        return _separation_block(
            lo, status[lo:hi], age[lo:hi], employer[lo:hi], quit, layoff, youth_age, level,
            pos[a:b] - lo if lo else pos[a:b], draw[a:b],
        )  # fmt: skip

    found = [lists for _, lists in blocks.run(task, status.shape[0])]
    return tuple(blocks.join([lists[i] for lists in found]) for i in range(4))


@numba.njit(cache=True, nogil=True)
def _separation_block(lo, status, age, employer, quit, layoff, youth_age, level, pos, draw):
    """:func:`separation_pass` over the block of agents from row ``lo`` (the columns, ``pos``
    and ``draw`` are the block's, ``pos`` counted from ``lo``)."""
    n, m = status.shape[0], pos.shape[0]
    decided = np.zeros(m, dtype=np.int8)
    high = np.empty(n, dtype=np.int64)
    high_quit = np.empty(n, dtype=np.float64)
    high_total = np.empty(n, dtype=np.float64)
    k, j = 0, 0
    next_pos = pos[0] if m > 0 else n
    for i in range(n):
        p_quit = quit[2 * np.int64(status[i]) + (age[i] < youth_age)]
        total = p_quit + layoff[np.int64(employer[i]) + 1]
        above = total > level
        high[k] = lo + i  # branch-free: write every agent, advance on one above the level
        high_quit[k] = p_quit
        high_total[k] = total
        k += above
        if i == next_pos:  # a drawn agent: rare, a well-predicted branch
            d = draw[j]
            if not above:
                decided[j] = 1 if d < p_quit else (2 if d < total else 0)
            j += 1
            next_pos = pos[j] if j < m else n
    return decided, high[:k].copy(), high_quit[:k].copy(), high_total[:k].copy()


@dataclass
class SeparationsConfig:
    """Quits and contract ends, on top of layoffs driven by demand."""

    formal: float = param(
        0.008,
        unit="per month",
        source="assumption: separations of contract workers; with job finding this gives u* "
        "near the Dec 2020 5.2% (china_unemployment_monthly.csv 2020-12)",
        lo=0.0,
        hi=1.0,
    )
    flexible: float = param(
        0.02,
        unit="per month",
        source="assumption: flexible and platform jobs turn over faster (del Rio-Chanona et al. "
        "2021 use 0.016 for the US)",
        lo=0.0,
        hi=1.0,
    )
    youth_multiplier: float = param(
        3.0,
        unit="ratio to the separation rates, workers aged 16-24",
        source="calibrated: young workers change jobs far more often; 3 keeps youth (16-24) "
        "unemployment near the 11.8% of the Dec 2020 state between graduation peaks",
        lo=0.0,
        hi=10.0,
    )
    spring_festival_quits: float = param(
        0.06,
        unit="share of migrant workers quitting in January",
        source="assumption: migrants leave jobs before the Spring Festival and search again in "
        "February (the February bump of china_unemployment_monthly.csv 2018-2019)",
        lo=0.0,
        hi=1.0,
    )


class Separations:
    name = "separations"

    def __init__(self, model: LabourMarketModel, cfg: SeparationsConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)

    def step(self, model: LabourMarketModel) -> None:
        w, c, rng = model.workers, self.cfg, self.rng
        firm_layoff = model.demand.layoff_probability()
        factor = model.policy.effects.layoff_factor
        # A worker quits if their uniform draw is below p_quit and is laid off if it lies in
        # [p_quit, p_quit + p_layoff). Draws are made only where they fall below ``level`` and
        # for the few whose chance exceeds it (young workers, staff of firms shedding fast).
        level = min(max(c.flexible, c.formal) + DECIDED_BY_EVENTS, 1.0)
        quit = quit_table(c.formal, c.flexible, c.youth_multiplier)
        layoff = np.zeros(len(firm_layoff) + 1)  # entry 0: no firm job
        layoff[1:] = firm_layoff * factor
        pos, draw = below(rng, w.n, level)
        decided, high, high_quit, high_total = separation_pass(
            w.status, w.age_months, w.employer, quit, layoff, YOUTH_AGE, level, pos, draw
        )
        u = rng.random(len(high))
        quits = np.sort(np.concatenate([pos[decided == 1], high[u < high_quit]]))
        laid_off = (u >= high_quit) & (u < high_total)
        layoffs = np.sort(np.concatenate([pos[decided == 2], high[laid_off]]))
        # layoffs expected before the factor: each firm's chance times its job holders
        expected = float((firm_layoff * model.demand.jobs).sum())
        if factor < 1.0:  # job-retention subsidies: the expected layoffs they avoid
            model.flows.layoffs_avoided += expected * (1.0 - factor)
        model.flows.quits += len(quits)
        model.flows.layoffs += len(layoffs)
        model.lose_jobs(np.sort(np.concatenate([quits, layoffs])))

        if model.month == JANUARY and c.spring_festival_quits > 0:
            self._spring_festival(model)

    def _spring_festival(self, model: LabourMarketModel) -> None:
        """Migrants who leave city jobs before the Spring Festival and go home to the farm."""
        w, rng = model.workers, self.rng
        hit = each_agent(rng, w.n, self.cfg.spring_festival_quits)
        going = hit[w.hukou_rural[hit] & w.urban[hit] & (w.employer[hit] >= 0)]
        model.flows.separations += len(going)
        model.flows.spring_festival_returns += len(going)
        model.send_home(going)
