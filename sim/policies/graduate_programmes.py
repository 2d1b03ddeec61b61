"""Lever 8: graduate employment programmes (plan section 10, box 5).

Grassroots service posts (三支一扶, 西部计划), special-post teachers and expanded hiring by
state-owned firms take ``posts`` new graduates a year into two-year programme jobs each July;
internships and job fairs give every new graduate ``internship_applications`` more applications in
the month of graduation. The cost is ``pay`` a month for each post held.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.calendar import JULY
from sim.codes import Sector, Status
from sim.params import param
from sim.policies import programmes
from sim.policies.base import Effects, Lever
from sim.sampling import choose_weighted, stochastic_round
from sim.workers import GRADUATE


@dataclass
class GraduateProgrammesConfig:
    posts: float = param(
        0.0,
        unit="10k new graduate posts a year",
        source="plan box 5; plan value an assumption (grassroots and special posts)",
        lo=0.0,
        hi=1000.0,
    )
    term: int = param(24, unit="months", source="two-year grassroots service terms", lo=1, hi=60)
    internship_applications: int = param(
        0,
        unit="extra applications for new graduates",
        source="plan box 5: internships for a million graduates a year",
        lo=0,
        hi=100,
    )
    pay: float = param(
        3500.0,
        unit="yuan per post per month",
        source="assumption: grassroots post allowances",
        lo=0.0,
        hi=1e5,
    )


class GraduateProgrammes(Lever):
    name = "graduate_programmes"
    before_plan = True  # grassroots posts: 西部计划 since 2003, 三支一扶 since 2006
    plan_section = "10, box 5"
    intensities = ("posts", "internship_applications")

    @property
    def active(self) -> bool:
        return self.cfg.posts > 0 or self.cfg.internship_applications > 0

    def step(self, model, effects: Effects) -> None:
        c, w = self.cfg, model.workers
        effects.graduate_extra_applications += c.internship_applications
        held = programmes.end_terms(model, programmes.GRADUATE_POSTS, c.term)
        if model.month == JULY and c.posts > 0:
            grads = np.flatnonzero(
                ((w.flags & GRADUATE) > 0) & (w.status == Status.UNEMPLOYED.value)
            )
            n = int(stochastic_round(self.rng, np.array(c.posts * 1e4 / w.weight)))
            chosen = choose_weighted(self.rng, grads, np.ones(len(grads)), n)
            programmes.place(model, chosen, programmes.GRADUATE_POSTS, Sector.PUBLIC, c.pay)
            held += len(chosen)
        self.cost_this_month = held * w.weight * c.pay
