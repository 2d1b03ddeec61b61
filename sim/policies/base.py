"""What every policy lever has: a plan section, parameters, an on/off intensity, effects, a cost.

A lever is a small module. Each month, in the policy stage of the schedule, it may act directly on
people (place them in programme jobs, start firms) and it writes its effects on the other processes
(a lower layoff rate, more applications, a lower moving cost, ...) into the month's
:class:`Effects`, which those processes read. The processes record what the effects delivered in
the month's flows (layoffs avoided, person-times trained, ...), and at the end of the month the
lever books its fiscal cost in yuan from them (:meth:`Lever.settle`).
At zero intensity a lever does nothing, draws no random numbers and costs nothing, so a run with it
is identical to one without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


@dataclass
class Effects:
    """The month's policy effects on the other processes; neutral values change nothing."""

    layoff_factor: float = 1.0  # separations: x chance of a demand-driven layoff
    extra_applications: int = 0  # matching: more applications per unemployed seeker
    long_term_extra_applications: int = 0  # matching: more for spells of 6+ months
    screening_factor: float = 1.0  # matching: x the exponent of employers' fit screening
    hukou_penalty_factor: float = 1.0  # matching: x the hiring penalty on rural hukou
    graduate_extra_applications: int = 0  # matching: more for new graduates (internships)
    moving_cost_factor: float = 1.0  # migration: x hukou moving cost
    settlement_boost: float = 0.0  # migration: + monthly hukou settlement rate
    demand_boost: float = 0.0  # demand: + log labour demand of every market
    platform_boost: float = 0.0  # demand: + log labour demand of the platform sector
    region_shift: np.ndarray | None = None  # demand: + log labour demand by region
    training_capacity: float = 0.0  # training: 10k person-times a year
    training_targeting: dict[str, float] = field(default_factory=dict)  # training priorities
    ui_acceptance_factor: float = 1.0  # matching: x offer acceptance of benefit recipients
    startup_rate_boost: float = 0.0  # start-ups: + monthly chance of starting a firm
    startup_exit_factor: float = 1.0  # start-ups: x closing hazard of young start-ups


class Lever:
    """Base class of a policy lever. Subclasses set ``name`` and ``plan_section``."""

    name = "lever"
    plan_section = ""
    before_plan = False  # in place before the plan period: acts from a run's first month
    intensities: tuple[str, ...] = ()  # parameters that switch the lever off when all are zero

    def __init__(self, model: LabourMarketModel, cfg: Any) -> None:
        self.cfg = cfg
        self.rng = model.stream(f"policy.{self.name}")
        self.cost_this_month = 0.0  # yuan

    @property
    def active(self) -> bool:
        """Whether the lever is switched on: any of its intensities is above zero."""
        return any(getattr(self.cfg, f) > 0 for f in self.intensities)

    def step(self, model: LabourMarketModel, effects: Effects) -> None:
        """Act on people and write effects for this month; set ``cost_this_month`` (yuan)."""
        raise NotImplementedError

    def settle(self, model: LabourMarketModel) -> None:
        """At the end of the month, book the costs that depend on what the processes delivered
        (``model.flows``: layoffs avoided, person-times trained, ...). Most levers know their
        cost when they act and have nothing to settle."""
