"""Lever 1: job-retention subsidies (plan sections 4 and 23).

Unemployment-insurance premiums are refunded to firms that keep their staff (稳岗返还). A firm
facing lower demand lays off fewer workers: the chance of a demand-driven layoff falls by
``layoff_reduction``. The cost is ``cost_per_job_kept`` for every layoff avoided.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class JobRetentionConfig:
    layoff_reduction: float = param(
        0.0,
        unit="share of demand-driven layoffs avoided",
        source="plan sections 4, 23 (UI refunds to firms that keep staff); plan package value "
        "is an assumption",
        lo=0.0,
        hi=1.0,
    )
    cost_per_job_kept: float = param(
        6000.0,
        unit="yuan per layoff avoided",
        source="assumption: about half a year of a worker's and firm's UI premiums plus the "
        "subsidy (MOHRSS 2020 refunded ~104 billion yuan to ~6 million firms)",
        lo=0.0,
        hi=1e6,
    )


class JobRetention(Lever):
    name = "job_retention"
    before_plan = (
        True  # UI premium refunds to firms that keep staff, since 2015 (104 billion yuan in 2020)
    )
    plan_section = "4, 23"
    intensities = ("layoff_reduction",)

    def step(self, model, effects: Effects) -> None:
        effects.layoff_factor *= 1.0 - self.cfg.layoff_reduction
        self.cost_this_month = 0.0

    def settle(self, model) -> None:
        """The layoffs avoided this month (expected, from separations) cost ``cost_per_job_kept``
        each."""
        kept = model.flows.layoffs_avoided
        self.cost_this_month += kept * model.workers.weight * self.cfg.cost_per_job_kept
