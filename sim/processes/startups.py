"""Start-ups: job seekers and returned migrants who start firms.

Each month an unemployed person, or a migrant who has come home to farm, starts a firm with chance
``base_rate`` (plus the start-up support lever's boost). The founder runs it (a flexible,
self-employed job) in a sector drawn from where start-ups are (mostly traditional services), in
their own region and area. The firm brings new demand of ``mean_size`` workers on average (a
geometric draw), so it hires; young firms close at ``young_exit`` a month for three years (the
survival curve), less with incubation, and their demand goes with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.codes import Sector, Status, names
from sim.params import param
from sim.sampling import below
from sim.workers import EVER_MIGRATED

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


@dataclass
class StartupsConfig:
    """Firms started by job seekers and returned migrants (plan sections 7-9)."""

    base_rate: float = param(
        0.001,
        unit="monthly chance that an unemployed or returned migrant starts a firm",
        source="assumption: about 1% a year become self-employed founders",
        lo=0.0,
        hi=0.2,
    )
    mean_size: float = param(
        3.0,
        unit="workers of new demand per start-up (founder included), mean",
        source="assumption: most start-ups are individual businesses with a few employees",
        lo=1.0,
        hi=100.0,
    )
    young_exit: float = param(
        0.02,
        unit="extra monthly closing hazard in the first three years",
        source="assumption: about half of start-ups close within three years",
        lo=0.0,
        hi=1.0,
    )

    sector_mix: dict[str, float] = param(
        {
            "agriculture": 0.0,
            "manufacturing": 0.10,
            "construction": 0.08,
            "traditional_services": 0.62,
            "modern_services": 0.12,
            "platform": 0.08,
            "public": 0.0,
        },
        unit="share of start-ups by sector (sums to 1)",
        source="assumption: most start-ups are small shops, restaurants and services",
        total=1.0,
        lo=0.0,
        hi=1.0,
    )
    young_months: int = param(
        36,
        unit="months a start-up counts as young (the young_exit hazard applies)",
        source="assumption: the three-year survival window of start-up statistics",
        lo=0,
        hi=240,
    )


class Startups:
    name = "startups"

    def __init__(self, model: LabourMarketModel, cfg: StartupsConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)
        self.sector_mix = np.array([cfg.sector_mix[s] for s in names(Sector)])

    def step(self, model: LabourMarketModel) -> None:
        c, w, rng = self.cfg, model.workers, self.rng
        effects = model.policy.effects
        self._close_young(model, effects.startup_exit_factor)
        rate = c.base_rate + effects.startup_rate_boost
        if rate <= 0:
            return
        # each person draws the chance ``rate`` (event draws over everyone); those drawn found a
        # firm if they are in the pool: job seekers and migrants home farming for under a year
        drawn = below(rng, w.n, min(rate, 1.0))[0]
        s, spell, flags = w.status[drawn], w.spell[drawn], w.flags[drawn]
        returned = (s == Status.FARMING.value) & ((flags & EVER_MIGRATED) > 0) & (spell < 12)
        founders = drawn[(s == Status.UNEMPLOYED.value) | returned]
        if len(founders) == 0:
            return
        sectors = rng.choice(len(Sector), size=len(founders), p=self.sector_mix)
        size = rng.geometric(1.0 / c.mean_size, len(founders)).astype(np.float64)
        firm_ids = model.firms.append(
            sectors.astype(np.int8), w.region[founders], w.urban[founders], size, rng
        )
        model.demand.grow(model.firms.n)
        w.leave_job(founders, Status.EMPLOYED_FLEXIBLE)
        w.employer[founders] = firm_ids.astype(np.int32)
        w.sector[founders] = sectors
        w.wage[founders] = model.wages.level(
            w.region[founders], w.urban[founders], w.occupation[founders]
        )
        model.flows.startups += len(founders)
        if effects.startup_rate_boost > 0:  # start-up support: the expected start-ups it adds
            model.flows.startups_supported += len(founders) * effects.startup_rate_boost / rate

    def _close_young(self, model: LabourMarketModel, exit_factor: float) -> None:
        """Young start-ups close at the extra start-up hazard (ordinary closures are in demand)."""
        firms = model.firms
        young = np.flatnonzero((firms.extra_demand > 0) & (firms.age < self.cfg.young_months))
        p = self.cfg.young_exit * exit_factor
        closing = young[self.rng.random(len(young)) < p]
        if len(closing):
            model.demand.close_firms(model, closing, self.rng)
