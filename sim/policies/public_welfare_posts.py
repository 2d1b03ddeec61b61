"""Lever 9: public-welfare posts and employment assistance for the hard to employ (plan
section 14).

Cities keep ``posts`` public-welfare jobs (cleaning, security, community care) filled with the
hardest to employ: the long-term unemployed (12+ months), older job seekers ("4050": women 40+,
men 50+) and the poverty-alleviated. A post lasts ``term`` months. The cost is ``pay`` a month per
post held.
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
from sim.workers import POVERTY_ALLEVIATED


@dataclass
class PublicWelfarePostsConfig:
    posts: float = param(
        0.0,
        unit="10k posts kept filled",
        source="plan section 14; plan value an assumption",
        lo=0.0,
        hi=5000.0,
    )
    term: int = param(12, unit="months", source="assumption: one-year placements", lo=1, hi=60)
    pay: float = param(
        2200.0,
        unit="yuan per post per month",
        source="assumption: about the local minimum wage",
        lo=0.0,
        hi=1e5,
    )


UNEMPLOYED = Status.UNEMPLOYED.value


def hard_to_employ(
    status: np.ndarray,
    urban: np.ndarray,
    spell: np.ndarray,
    female: np.ndarray,
    age_months: np.ndarray,
    flags: np.ndarray,
) -> np.ndarray:
    """The urban job seekers hard to employ (ascending): unemployed 12+ months, women 40+ and men
    50+ ("4050"), or poverty-alleviated. One pass over the workers, block by block on a few
    threads (:mod:`sim.blocks`)."""
    columns = (status, urban, spell, female, age_months, flags)
    return blocks.listed(
        lambda lo, hi: _hard_to_employ_in(lo, *(c[lo:hi] for c in columns)), len(status)
    )


@numba.njit(cache=True, nogil=True)
def _hard_to_employ_in(
    lo: int,
    status: np.ndarray,
    urban: np.ndarray,
    spell: np.ndarray,
    female: np.ndarray,
    age_months: np.ndarray,
    flags: np.ndarray,
) -> np.ndarray:
    """:func:`hard_to_employ` among the block of rows from ``lo`` (the columns: theirs)."""
    out = np.empty(status.shape[0], dtype=np.int64)
    k = 0
    for i in range(status.shape[0]):
        if status[i] != UNEMPLOYED:  # most are not: a well-predicted branch skips them
            continue
        old = age_months[i] >= (40 * 12 if female[i] else 50 * 12)
        hard = (spell[i] >= 12) | old | ((flags[i] & POVERTY_ALLEVIATED) != 0)
        out[k] = lo + i
        k += urban[i] & hard
    return out[:k].copy()


class PublicWelfarePosts(Lever):
    name = "public_welfare_posts"
    before_plan = True  # public-welfare posts for the hard to employ since the 2000s
    plan_section = "14"
    intensities = ("posts",)

    def step(self, model, effects: Effects) -> None:
        c, w = self.cfg, model.workers
        held = programmes.end_terms(model, programmes.PUBLIC_WELFARE, c.term)
        want = int(round(c.posts * 1e4 / w.weight))
        if want > held:
            hard = hard_to_employ(w.status, w.urban, w.spell, w.female, w.age_months, w.flags)
            chosen = choose_weighted(self.rng, hard, np.ones(len(hard)), want - held)
            programmes.place(model, chosen, programmes.PUBLIC_WELFARE, Sector.PUBLIC, c.pay)
            held += len(chosen)
        self.cost_this_month = held * w.weight * c.pay
