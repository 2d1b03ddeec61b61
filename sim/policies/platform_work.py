"""Lever 11: flexible and platform work (plan section 5, box 2).

Support for new forms of employment raises the platform sector's labour demand by
``demand_boost`` (log points), and social insurance for flexible workers lets an uninsured
flexible or platform worker enrol in basic pension insurance with monthly chance ``enrolment``;
this drives the plan's pension-coverage indicator. The cost is ``subsidy`` a month for every
flexible worker enrolled through the lever.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.codes import Status
from sim.params import param
from sim.policies.base import Effects, Lever
from sim.sampling import below
from sim.workers import PENSION_INSURED


@dataclass
class PlatformWorkConfig:
    demand_boost: float = param(
        0.0,
        unit="log points of platform-sector labour demand",
        source="plan section 5, box 2; plan value an assumption",
        lo=0.0,
        hi=1.0,
    )
    enrolment: float = param(
        0.0,
        unit="monthly chance that an uninsured flexible worker enrols in pension insurance",
        source="plan box 2: social insurance for flexible workers; plan value an assumption",
        lo=0.0,
        hi=1.0,
    )
    subsidy: float = param(
        150.0,
        unit="yuan per enrolled flexible worker per month",
        source="assumption: contribution subsidies for flexible workers",
        lo=0.0,
        hi=1e5,
    )


class PlatformWork(Lever):
    name = "platform_work"
    plan_section = "5, box 2"
    intensities = ("demand_boost", "enrolment")

    def __init__(self, model, cfg) -> None:
        super().__init__(model, cfg)
        self.enrolled = 0

    def step(self, model, effects: Effects) -> None:
        c, w = self.cfg, model.workers
        effects.platform_boost += c.demand_boost
        if c.enrolment > 0:
            # each person draws the chance ``enrolment`` (event draws over everyone); those drawn
            # enrol if they are in flexible work and not yet insured
            drawn = below(self.rng, w.n, min(c.enrolment, 1.0))[0]
            uninsured = (w.flags[drawn] & PENSION_INSURED) == 0
            joining = drawn[(w.status[drawn] == Status.EMPLOYED_FLEXIBLE.value) & uninsured]
            w.flags[joining] |= PENSION_INSURED
            self.enrolled += len(joining)
        self.cost_this_month = self.enrolled * w.weight * c.subsidy
