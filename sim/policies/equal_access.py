"""Lever 13: equal access to jobs (plan section 20).

Enforcement against hiring discrimination removes ``penalty_removed`` of the penalty that formal
employers put on rural-hukou applicants (matching's ``hukou_penalty``). The model carries sex but
no hiring penalty by sex, so there is nothing to remove there. The cost is the enforcement budget,
``enforcement_cost`` a year scaled by the share removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class EqualAccessConfig:
    penalty_removed: float = param(
        0.0,
        unit="share of the hukou hiring penalty removed",
        source="plan section 20; plan value an assumption",
        lo=0.0,
        hi=1.0,
    )
    enforcement_cost: float = param(
        2e9,
        unit="yuan a year at full removal",
        source="assumption: labour inspection and legal aid budget",
        lo=0.0,
        hi=1e12,
    )


class EqualAccess(Lever):
    name = "equal_access"
    plan_section = "20"
    intensities = ("penalty_removed",)

    def step(self, model, effects: Effects) -> None:
        effects.hukou_penalty_factor *= 1.0 - self.cfg.penalty_removed
        self.cost_this_month = self.cfg.enforcement_cost * self.cfg.penalty_removed / 12.0
