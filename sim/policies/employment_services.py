"""Lever 3: public employment services (plan section 18, box 10).

The "15-minute employment service circle" and online job information let every job seeker reach
more vacancies (``extra_applications`` a month), better information lets employers screen less
harshly (``screening_relief`` lowers the weight of mismatch in employers' fit), and targeted help
gives the long-term unemployed (spells of 6+ months) ``targeted_applications`` more. The cost is
``cost_per_seeker`` for every job seeker served in a month.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.codes import Status
from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class EmploymentServicesConfig:
    extra_applications: int = param(
        0,
        unit="applications per unemployed seeker per month",
        source="plan box 10 (15-minute employment service circle); plan value an assumption",
        lo=0,
        hi=20,
    )
    screening_relief: float = param(
        0.0,
        unit="share of the occupational-fit screening removed by better information",
        source="assumption",
        lo=0.0,
        hi=1.0,
    )
    targeted_applications: int = param(
        0,
        unit="extra applications a month for spells of 6+ months",
        source="plan section 18: targeted help for the hard to employ",
        lo=0,
        hi=20,
    )
    cost_per_seeker: float = param(
        120.0,
        unit="yuan per job seeker served per month",
        source="assumption: staff and platform cost of public employment offices",
        lo=0.0,
        hi=1e5,
    )


class EmploymentServices(Lever):
    name = "employment_services"
    before_plan = True  # public employment services, long established
    plan_section = "18, box 10"
    intensities = ("extra_applications", "screening_relief", "targeted_applications")

    def step(self, model, effects: Effects) -> None:
        c = self.cfg
        effects.extra_applications += c.extra_applications
        effects.long_term_extra_applications += c.targeted_applications
        effects.screening_factor *= 1.0 - c.screening_relief
        seekers = int(np.count_nonzero(model.workers.status == Status.UNEMPLOYED.value))
        self.cost_this_month = seekers * model.workers.weight * c.cost_per_seeker
