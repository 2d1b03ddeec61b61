"""Lever 5: start-up support (plan sections 7-9, box 4).

Guaranteed start-up loans, incubators and return-home entrepreneurship parks raise the monthly
chance that an unemployed person, or a migrant who has returned home, starts a firm by
``rate_boost``, and incubation lowers a young firm's chance of closing by ``survival_boost``. The
start-up process (``sim.processes.startups``) does the rest; the cost is ``cost_per_startup`` for
every start-up it creates while the lever is on.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class StartupSupportConfig:
    rate_boost: float = param(
        0.0,
        unit="extra monthly chance that an unemployed or returned migrant starts a firm",
        source="plan sections 7-9, box 4; plan value an assumption",
        lo=0.0,
        hi=0.2,
    )
    survival_boost: float = param(
        0.0,
        unit="reduction of a young firm's closing hazard",
        source="assumption: incubators and parks (plan box 4)",
        lo=0.0,
        hi=1.0,
    )
    cost_per_startup: float = param(
        30000.0,
        unit="yuan per start-up",
        source="assumption: interest subsidy and expected default on a guaranteed loan of up to "
        "200,000 yuan (plan section 9), plus incubation services",
        lo=0.0,
        hi=1e7,
    )


class StartupSupport(Lever):
    name = "startup_support"
    before_plan = True  # guaranteed start-up loans since 2002
    plan_section = "7-9, box 4"
    intensities = ("rate_boost", "survival_boost")

    def step(self, model, effects: Effects) -> None:
        effects.startup_rate_boost += self.cfg.rate_boost
        effects.startup_exit_factor *= 1.0 - self.cfg.survival_boost
        self.cost_this_month = 0.0

    def settle(self, model) -> None:
        """Every start-up the support added this month (expected) costs ``cost_per_startup``."""
        added = model.flows.startups_supported
        self.cost_this_month += added * model.workers.weight * self.cfg.cost_per_startup
