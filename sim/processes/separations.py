"""Separations: quits and contract ends, layoffs where firms have more staff than they want,
and the Spring Festival departures of migrant workers.

- Every worker in a firm job separates with a monthly chance (higher in flexible work).
- A firm above its target employment lays off each of its workers with chance
  ``layoff_speed * excess / staff`` (the demand process's ``layoff_probability``): it sheds a
  share of its excess each month. Job-retention subsidies scale that chance down; the layoffs
  they avoid (expected) are counted in the month's flows, and the lever pays for them.
- In January, a share of migrant workers in the cities leave their jobs and go home for the
  Spring Festival (they count as farming at home); many come back to search in February.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.calendar import JANUARY
from sim.codes import Status
from sim.params import param
from sim.sampling import below, select

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


@dataclass
class SeparationsConfig:
    """Quits and contract ends, on top of layoffs driven by demand."""

    formal: float = param(
        0.008,
        unit="per month",
        source="assumption: separations of contract workers; with job finding this gives u* "
        "near the Dec 2020 5.2% (china_unemployment_monthly.csv 2020-12)",
        lo=0.0,
        hi=1.0,
    )
    flexible: float = param(
        0.02,
        unit="per month",
        source="assumption: flexible and platform jobs turn over faster (del Rio-Chanona et al. "
        "2021 use 0.016 for the US)",
        lo=0.0,
        hi=1.0,
    )
    youth_multiplier: float = param(
        3.0,
        unit="ratio to the separation rates, workers aged 16-24",
        source="calibrated: young workers change jobs far more often; 3 keeps youth (16-24) "
        "unemployment near the 11.8% of the Dec 2020 state between graduation peaks",
        lo=0.0,
        hi=10.0,
    )
    spring_festival_quits: float = param(
        0.06,
        unit="share of migrant workers quitting in January",
        source="assumption: migrants leave jobs before the Spring Festival and search again in "
        "February (the February bump of china_unemployment_monthly.csv 2018-2019)",
        lo=0.0,
        hi=1.0,
    )


class Separations:
    name = "separations"

    def __init__(self, model: LabourMarketModel, cfg: SeparationsConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)

    def step(self, model: LabourMarketModel) -> None:
        w, c, rng = model.workers, self.cfg, self.rng
        jobs = np.flatnonzero(w.employer >= 0)
        firm_layoff = model.demand.layoff_probability()
        factor = model.policy.effects.layoff_factor
        if factor < 1.0:  # job-retention subsidies: the expected layoffs they avoid
            p_demand = firm_layoff[w.employer[jobs]]
            model.flows.layoffs_avoided += float(p_demand.sum()) * (1.0 - factor)
        # A worker quits if their uniform draw is below p_quit and is laid off if it lies in
        # [p_quit, p_quit + p_layoff): only the draws below the largest such sum are made.
        p_max = max(c.flexible, c.formal) * max(c.youth_multiplier, 1.0)
        p_max += float(firm_layoff.max(initial=0.0)) * factor
        pos, draw = below(rng, len(jobs), p_max)
        cand = jobs[pos]
        flexible = w.status[cand] == Status.EMPLOYED_FLEXIBLE
        young = w.age_months[cand] < 25 * 12
        p_quit = np.where(flexible, c.flexible, c.formal) * np.where(young, c.youth_multiplier, 1.0)
        p_layoff = firm_layoff[w.employer[cand]] * factor
        quit_ = draw < p_quit
        laid_off = ~quit_ & (draw < p_quit + p_layoff)
        leaving = cand[quit_ | laid_off]
        model.flows.quits += int(quit_.sum())
        model.flows.layoffs += int(laid_off.sum())
        model.lose_jobs(leaving)

        if model.month == JANUARY and c.spring_festival_quits > 0:
            self._spring_festival(model)

    def _spring_festival(self, model: LabourMarketModel) -> None:
        """Migrants who leave city jobs before the Spring Festival and go home to the farm."""
        w, rng = model.workers, self.rng
        migrants = np.flatnonzero(w.hukou_rural & w.urban & (w.employer >= 0))
        going = select(rng, migrants, self.cfg.spring_festival_quits)
        model.flows.separations += len(going)
        model.flows.spring_festival_returns += len(going)
        model.send_home(going)
