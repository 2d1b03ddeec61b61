"""Lever 6: hukou relaxation and settlement of migrants in cities (plan section 13).

Easier settlement lowers the cost of moving to and working in a city without local hukou
(``moving_cost_reduction`` of migration's ``hukou_moving_cost``) and lets more migrants with urban
jobs register (``settlement_boost`` to the monthly settlement rate). The cost is the public
services (schooling, health, housing support) of each newly settled person, ``service_cost`` a
month for the rest of the run.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class HukouRelaxationConfig:
    moving_cost_reduction: float = param(
        0.0,
        unit="share of the hukou moving cost removed",
        source="plan section 13; plan value an assumption",
        lo=0.0,
        hi=1.0,
    )
    settlement_boost: float = param(
        0.0,
        unit="extra monthly chance that an employed urban migrant settles",
        source="plan section 13 (settle agricultural migrants in cities)",
        lo=0.0,
        hi=0.1,
    )
    service_cost: float = param(
        700.0,
        unit="yuan per settled person per month",
        source="assumption: public cost of urban services per new resident (~8,000 yuan a year)",
        lo=0.0,
        hi=1e5,
    )


class HukouRelaxation(Lever):
    name = "hukou_relaxation"
    plan_section = "13"
    intensities = ("moving_cost_reduction", "settlement_boost")

    def __init__(self, model, cfg) -> None:
        super().__init__(model, cfg)
        self.settled = 0  # agents settled through the boost so far

    def step(self, model, effects: Effects) -> None:
        effects.moving_cost_factor *= 1.0 - self.cfg.moving_cost_reduction
        effects.settlement_boost += self.cfg.settlement_boost
        self.cost_this_month = self.settled * model.workers.weight * self.cfg.service_cost

    def settle(self, model) -> None:
        """The settlements the boost added this month (expected) cost ``service_cost`` a month
        from next month on."""
        self.settled += model.flows.settlements_boosted
