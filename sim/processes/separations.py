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
from sim.params import param
from sim.processes.event_kernels import each_agent, separations

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


YOUTH_AGE = 25 * 12  # workers younger than this separate ``youth_multiplier`` times as often
# Draws below max(formal, flexible) + this are made as events; chances above it get their own.
DECIDED_BY_EVENTS = 0.005


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
        firm_layoff = model.demand.layoff_probability()
        factor = model.policy.effects.layoff_factor
        # A worker quits if their uniform draw is below p_quit and is laid off if it lies in
        # [p_quit, p_quit + p_layoff). Draws are made only where they fall below ``level`` and
        # for the few whose chance exceeds it (young workers, staff of firms shedding fast).
        level = min(max(c.flexible, c.formal) + DECIDED_BY_EVENTS, 1.0)
        quits, layoffs, expected = separations(
            rng,
            w.status,
            w.age_months,
            w.employer,
            firm_layoff,
            factor,
            c.formal,
            c.flexible,
            c.youth_multiplier,
            YOUTH_AGE,
            level,
        )
        if factor < 1.0:  # job-retention subsidies: the expected layoffs they avoid
            model.flows.layoffs_avoided += expected * (1.0 - factor)
        model.flows.quits += len(quits)
        model.flows.layoffs += len(layoffs)
        model.lose_jobs(np.sort(np.concatenate([quits, layoffs])))

        if model.month == JANUARY and c.spring_festival_quits > 0:
            self._spring_festival(model)

    def _spring_festival(self, model: LabourMarketModel) -> None:
        """Migrants who leave city jobs before the Spring Festival and go home to the farm."""
        w, rng = model.workers, self.rng
        hit = each_agent(rng, w.n, self.cfg.spring_festival_quits)
        going = hit[w.hukou_rural[hit] & w.urban[hit] & (w.employer[hit] >= 0)]
        model.flows.separations += len(going)
        model.flows.spring_festival_returns += len(going)
        model.send_home(going)
