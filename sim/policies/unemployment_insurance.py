"""Lever 4: unemployment insurance (plan section 23).

Workers who lose a job are entitled to benefits for ``duration`` months if covered: ``coverage``
of urban-hukou workers, ``migrant_coverage`` of rural-hukou workers, ``platform_coverage`` of
flexible and platform workers. A benefit of ``replacement`` times the lost wage raises the
recipient's reservation wage: the chance of accepting an offer falls by ``search_effect`` x
``replacement`` (Krueger and Meyer 2002 survey longer spells with benefits); recipients stay in
the labour force and in the city while paid. The cost is the benefits paid.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim import blocks
from sim.codes import Status
from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class UnemploymentInsuranceConfig:
    coverage: float = param(
        0.0,
        unit="share of urban-hukou job losers entitled",
        source="china_annual.csv: 21,690 x 10k insured in 2020, about half of urban-hukou "
        "employment; plan section 23 extends coverage",
        lo=0.0,
        hi=1.0,
    )
    migrant_coverage: float = param(
        0.0,
        unit="share of rural-hukou job losers entitled",
        source="assumption: migrant workers are rarely insured (plan section 23 extends it)",
        lo=0.0,
        hi=1.0,
    )
    platform_coverage: float = param(
        0.0,
        unit="share of flexible and platform job losers entitled",
        source="plan box 2: occupational injury and unemployment cover for platform workers",
        lo=0.0,
        hi=1.0,
    )
    replacement: float = param(
        0.3,
        unit="benefit / lost wage",
        source="assumption: benefits are set below the local minimum wage (~30% of average pay)",
        lo=0.0,
        hi=1.0,
    )
    duration: int = param(
        12,
        unit="months",
        source="Unemployment Insurance Regulations 1999: 12-24 months by contribution years",
        lo=0,
        hi=24,
    )
    search_effect: float = param(
        0.5,
        unit="fall in offer acceptance per unit of replacement rate",
        source="assumption: moderate moral hazard (Krueger and Meyer 2002, Handbook of Public "
        "Economics 4)",
        lo=0.0,
        hi=1.0,
    )


class UnemploymentInsurance(Lever):
    name = "unemployment_insurance"
    before_plan = True  # Unemployment Insurance Regulations of 1999
    plan_section = "23"
    intensities = ("coverage", "migrant_coverage", "platform_coverage")

    def step(self, model, effects: Effects) -> None:
        c = self.cfg
        effects.ui_acceptance_factor *= 1.0 - c.search_effect * c.replacement
        w = model.workers
        entitled = blocks.positive_rows(w.ui_months)  # int8: a light pass, few are entitled
        paid = entitled[w.status[entitled] == Status.UNEMPLOYED.value]
        benefits = float(w.last_wage[paid].sum(dtype=np.float64)) * c.replacement
        self.cost_this_month = benefits * w.weight
        w.ui_months[paid] -= 1

    def entitle(self, model, idx: np.ndarray, was_flexible: np.ndarray) -> None:
        """Called by separations for workers who just lost a job (before their status changes)."""
        c, w = self.cfg, model.workers
        p = np.where(w.hukou_rural[idx], c.migrant_coverage, c.coverage)
        p = np.where(was_flexible, c.platform_coverage, p)
        covered = idx[self.rng.random(len(idx)) < p]
        w.ui_months[covered] = c.duration
        w.last_wage[covered] = w.wage[covered]
