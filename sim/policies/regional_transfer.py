"""Lever 7: regional industrial transfer (plan section 6, box 3).

Industry moves from the East to the Central, Western and Northeastern regions: each year a share
``shift`` of the East's labour demand moves to the other regions, in proportion to their
population. The cost is ``cost_per_job`` for every job moved (relocation subsidies, parks).
At national resolution there is nowhere to move to and the lever does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class RegionalTransferConfig:
    shift: float = param(
        0.0,
        unit="% of the East's labour demand moved a year",
        source="plan section 6, box 3; plan value an assumption",
        lo=0.0,
        hi=20.0,
    )
    source_region: str = param("East", unit="region name", source="plan box 3")
    cost_per_job: float = param(
        30000.0,
        unit="yuan per job moved",
        source="assumption: relocation subsidies and industrial-park investment per job",
        lo=0.0,
        hi=1e7,
    )


class RegionalTransfer(Lever):
    name = "regional_transfer"
    plan_section = "6, box 3"
    intensities = ("shift",)

    def __init__(self, model, cfg) -> None:
        super().__init__(model, cfg)
        names = model.region_names
        self.n = len(names)
        if self.active and len(names) > 1 and cfg.source_region not in names:
            from sim.config import ConfigError

            raise ConfigError(
                f"policy.regional_transfer.source_region={cfg.source_region!r} is not a region; "
                f"choose one of {', '.join(names)}"
            )
        self.source = names.index(cfg.source_region) if cfg.source_region in names else -1
        shares = np.array(model.region_data.population_share)
        self.receive = np.where(np.arange(self.n) == self.source, 0.0, shares)
        self.receive = self.receive / self.receive.sum() if self.receive.sum() > 0 else self.receive

    def step(self, model, effects: Effects) -> None:
        if self.source < 0 or self.n < 2:
            self.cost_this_month = 0.0
            return
        months = model.month_index - model.policy.first_month(self, model) + 1
        moved = self.cfg.shift / 100.0 * months / 12.0  # share of the East's base demand
        demand = model.demand.region_demand()
        east = demand[self.source]
        others = demand * self.receive
        shift = np.zeros(self.n)
        shift[self.source] = np.log1p(-min(moved, 0.9))
        gain = east * min(moved, 0.9) * self.receive
        shift += np.where(others > 0, np.log1p(gain / np.maximum(demand, 1e-9)), 0.0)
        effects.region_shift = (
            shift if effects.region_shift is None else effects.region_shift + shift
        )
        jobs_moved = east * self.cfg.shift / 100.0 / 12.0
        self.cost_this_month = jobs_moved * model.workers.weight * self.cfg.cost_per_job
