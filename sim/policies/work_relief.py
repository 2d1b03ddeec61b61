"""Lever 10: work relief in rural infrastructure (以工代赈, plan section 13, box 7).

Rural infrastructure projects employ ``participants`` rural job seekers at a time (returned
migrants and the poverty-alleviated first) for ``term`` months, in construction near home. The
cost is ``pay`` a month per participant. Villagers go back to the farm when the project ends.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np

from sim import blocks
from sim.codes import Sector, Status
from sim.params import param
from sim.policies import programmes
from sim.policies.base import Effects, Lever
from sim.sampling import choose_weighted
from sim.workers import EVER_MIGRATED, POVERTY_ALLEVIATED


@dataclass
class WorkReliefConfig:
    participants: float = param(
        0.0,
        unit="10k participants at a time",
        source="plan box 7; plan value an assumption",
        lo=0.0,
        hi=5000.0,
    )
    term: int = param(6, unit="months", source="assumption: a construction season", lo=1, hi=36)
    pay: float = param(
        2500.0,
        unit="yuan per participant per month",
        source="assumption: local construction labour pay",
        lo=0.0,
        hi=1e5,
    )


UNEMPLOYED = Status.UNEMPLOYED.value
FARMING = Status.FARMING.value


def rural_seekers(
    status: np.ndarray, urban: np.ndarray, hukou_rural: np.ndarray, flags: np.ndarray
) -> np.ndarray:
    """Who work relief can employ (ascending): rural-hukou job seekers in the countryside and
    returned migrants farming at home. One pass over the workers, block by block on a few
    threads (:mod:`sim.blocks`)."""
    return blocks.listed(
        lambda lo, hi: _rural_seekers_in(
            lo, status[lo:hi], urban[lo:hi], hukou_rural[lo:hi], flags[lo:hi]
        ),
        len(status),
    )


@numba.njit(cache=True, nogil=True)
def _rural_seekers_in(
    lo: int, status: np.ndarray, urban: np.ndarray, hukou_rural: np.ndarray, flags: np.ndarray
) -> np.ndarray:
    """:func:`rural_seekers` among the block of rows from ``lo`` (the columns: theirs). One pass
    over their status and flags lists the job seekers and the returned migrants; a second over
    those few keeps the seekers who are villagers (two fewer arrays streamed through)."""
    out = np.empty(status.shape[0], dtype=np.int64)
    k = 0
    for i in range(status.shape[0]):  # branch-free: write every index, advance on a match
        s = status[i]
        out[k] = i
        k += (s == UNEMPLOYED) | ((s == FARMING) & ((flags[i] & EVER_MIGRATED) != 0))
    kept = 0
    for j in range(k):
        i = out[j]
        out[kept] = lo + i
        kept += (status[i] != UNEMPLOYED) | ((not urban[i]) & hukou_rural[i])
    return out[:kept].copy()


class WorkRelief(Lever):
    name = "work_relief"
    before_plan = True  # work relief (以工代赈) since 1984
    plan_section = "13, box 7"
    intensities = ("participants",)

    def step(self, model, effects: Effects) -> None:
        c, w = self.cfg, model.workers
        held = programmes.end_terms(model, programmes.WORK_RELIEF, c.term, back_to_farm=True)
        want = int(round(c.participants * 1e4 / w.weight))
        if want > held:
            rural = rural_seekers(w.status, w.urban, w.hukou_rural, w.flags)
            prio = 1.0 + 2.0 * ((w.flags[rural] & POVERTY_ALLEVIATED) > 0)
            chosen = choose_weighted(self.rng, rural, prio, want - held)
            programmes.place(model, chosen, programmes.WORK_RELIEF, Sector.CONSTRUCTION, c.pay)
            held += len(chosen)
        self.cost_this_month = held * w.weight * c.pay
