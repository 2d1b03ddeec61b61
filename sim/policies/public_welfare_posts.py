"""Lever 9: public-welfare posts and employment assistance for the hard to employ (plan
section 14).

Cities keep ``posts`` public-welfare jobs (cleaning, security, community care) filled with the
hardest to employ: the long-term unemployed (12+ months), older job seekers ("4050": women 40+,
men 50+) and the poverty-alleviated. A post lasts ``term`` months. The cost is ``pay`` a month per
post held.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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


class PublicWelfarePosts(Lever):
    name = "public_welfare_posts"
    plan_section = "14"
    intensities = ("posts",)

    def step(self, model, effects: Effects) -> None:
        c, w = self.cfg, model.workers
        held = programmes.end_terms(model, programmes.PUBLIC_WELFARE, c.term)
        want = int(round(c.posts * 1e4 / w.weight))
        if want > held:
            u = np.flatnonzero(w.status == Status.UNEMPLOYED.value)
            u = u[w.urban[u]]
            age = w.age_months[u] // 12
            hard = (
                (w.spell[u] >= 12)
                | (w.female[u] & (age >= 40))
                | (~w.female[u] & (age >= 50))
                | ((w.flags[u] & POVERTY_ALLEVIATED) > 0)
            )
            chosen = choose_weighted(self.rng, u[hard], np.ones(int(hard.sum())), want - held)
            programmes.place(model, chosen, programmes.PUBLIC_WELFARE, Sector.PUBLIC, c.pay)
            held += len(chosen)
        self.cost_this_month = held * w.weight * c.pay
