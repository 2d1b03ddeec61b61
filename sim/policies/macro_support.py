"""Lever 12: employment-first macro policy (plan section 4).

When the surveyed urban unemployment rate, averaged over the last three months, is above
``trigger``, fiscal and monetary support raises labour demand in every market by ``strength``
(log points) after a ``lag`` of months; it is withdrawn when the rate falls back. The cost is
``cost_per_job`` a month for each job the support adds.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class MacroSupportConfig:
    strength: float = param(
        0.0,
        unit="log points of labour demand while active",
        source="plan section 4 (employment-first macro policy); plan value an assumption",
        lo=0.0,
        hi=0.5,
    )
    trigger: float = param(
        5.3,
        unit="% surveyed urban unemployment, 3-month mean",
        source="assumption: support starts as the rate nears the 5.5% ceiling",
        lo=0.0,
        hi=30.0,
    )
    lag: int = param(
        3, unit="months", source="assumption: policy and transmission lags", lo=0, hi=24
    )
    cost_per_job: float = param(
        8000.0,
        unit="yuan per job-month added",
        source="assumption: fiscal cost of demand support per job (multiplier ~1)",
        lo=0.0,
        hi=1e6,
    )


class MacroSupport(Lever):
    name = "macro_support"
    plan_section = "4"
    intensities = ("strength",)

    def __init__(self, model, cfg) -> None:
        super().__init__(model, cfg)
        self.history: deque[float] = deque(maxlen=3)
        self.decisions: deque[bool] = deque([False] * cfg.lag, maxlen=cfg.lag + 1)

    def step(self, model, effects: Effects) -> None:
        rate = model.statistics.record.get("urban_unemployment_rate", 0.0)
        self.history.append(rate)
        self.decisions.append(sum(self.history) / len(self.history) > self.cfg.trigger)
        on = self.decisions[0]
        if on:
            effects.demand_boost += self.cfg.strength
            jobs = model.demand.total_demand() * (1.0 - 1.0 / (1.0 + self.cfg.strength))
            self.cost_this_month = jobs * model.workers.weight * self.cfg.cost_per_job
        else:
            self.cost_this_month = 0.0
