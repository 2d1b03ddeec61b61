"""Wage levels by region, area and occupation.

Wage levels start from the 2020 regional averages (``china_regions_2020.csv``) times occupation
premia, grow with trend real wage growth, and respond slowly to local tightness (vacancies per job
seeker): a wage curve. Individual wages are the level of the job's market times a personal effect
drawn at hiring.
"""

from __future__ import annotations

import numpy as np

from sim import data_loader as data
from sim.occupations import RELATIVE_WAGE

# Share of urban employment in non-private units, used to average the two NBS wage series
# (assumption: ~170 of ~460 million urban workers were in non-private units in 2020).
NONPRIVATE_SHARE = 0.37


def rural_wage_ratio() -> float:
    """Local non-farm pay relative to pay away from home (migrant survey 2020: 3,606 / 4,549)."""
    return data.annual("migrant_workers_monthly_income_local", 2020) / data.annual(
        "migrant_workers_monthly_income_away", 2020
    )


def initial_wage_levels(reg: data.RegionData) -> np.ndarray:
    """Monthly wage levels, yuan, indexed [region, area (0 rural, 1 urban), occupation]."""
    annual = NONPRIVATE_SHARE * np.array(reg.wage_nonprivate) + (1 - NONPRIVATE_SHARE) * np.array(
        reg.wage_private
    )
    urban = annual[:, None] / 12.0 * RELATIVE_WAGE[None, :]
    rural = urban * rural_wage_ratio()
    return np.stack([rural, urban], axis=1).astype(np.float64)
