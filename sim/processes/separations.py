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
        flexible = w.status[jobs] == Status.EMPLOYED_FLEXIBLE
        young = w.age_months[jobs] < 25 * 12
        p_quit = np.where(flexible, c.flexible, c.formal) * np.where(young, c.youth_multiplier, 1.0)
        p_demand = model.demand.layoff_probability()[w.employer[jobs]]
        factor = model.policy.effects.layoff_factor
        p_layoff = p_demand * factor
        if factor < 1.0:  # job-retention subsidies: the expected layoffs they avoid
            model.flows.layoffs_avoided += float(p_demand.sum()) * (1.0 - factor)
        draw = rng.random(len(jobs))
        quit_ = draw < p_quit
        laid_off = ~quit_ & (draw < p_quit + p_layoff)
        leaving = jobs[quit_ | laid_off]
        model.flows.quits += int(quit_.sum())
        model.flows.layoffs += int(laid_off.sum())
        model.lose_jobs(leaving)

        if model.month == JANUARY and c.spring_festival_quits > 0:
            self._spring_festival(model)

    def _spring_festival(self, model: LabourMarketModel) -> None:
        """Migrants who leave city jobs before the Spring Festival and go home to the farm."""
        w, rng = model.workers, self.rng
        migrants = np.flatnonzero(w.hukou_rural & w.urban & (w.employer >= 0))
        going = migrants[rng.random(len(migrants)) < self.cfg.spring_festival_quits]
        model.flows.separations += len(going)
        model.flows.spring_festival_returns += len(going)
        model.send_home(going)
