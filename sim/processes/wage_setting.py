"""Wage setting: market wage levels grow with trend real wages and respond to local tightness.

    log w_{r,a,o}(t+1) = log w_{r,a,o}(t) + g / 12 + kappa * log(1 + V_{r,a,o}) / (1 + U_{r,a,o}))

where V and U are the vacancies and job seekers of the (region, area, occupation) market: a slow
wage curve. Incumbents' pay grows at the trend rate. Farm income is a fixed share of the region's
urban wage level (the urban-rural income ratio of 2020).

Wage levels start from the 2020 regional averages (``china_regions_2020.csv``) times occupation
premia, in yuan of 2020 (a state before December 2020 deflates them by the trend); individual
wages are the level of the job's market times a personal effect drawn at hiring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim import data_loader as data
from sim.markets import vacancies_and_seekers
from sim.occupations import RELATIVE_WAGE
from sim.params import param

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


# Share of urban employment in non-private units, used to average the two NBS wage series
# (assumption: ~170 of ~460 million urban workers were in non-private units in 2020).
NONPRIVATE_SHARE = 0.37


def rural_wage_ratio() -> float:
    """Local non-farm pay relative to pay away from home (migrant survey 2020: 3,606 / 4,549)."""
    return data.annual("migrant_workers_monthly_income_local", 2020) / data.annual(
        "migrant_workers_monthly_income_away", 2020
    )


def initial_wage_levels(reg: data.RegionData, cfg: WagesConfig, year: int = 2020) -> np.ndarray:
    """Monthly wage levels of December ``year``, yuan of 2020, indexed [region, area (0 rural,
    1 urban), occupation]: the 2020 levels, deflated for an earlier year by the trend real wage
    growth (``cfg.real_wage_growth``), so that the trend brings them to the 2020 level by
    December 2020."""
    annual = NONPRIVATE_SHARE * np.array(reg.wage_nonprivate) + (1 - NONPRIVATE_SHARE) * np.array(
        reg.wage_private
    )
    urban = annual[:, None] / 12.0 * RELATIVE_WAGE[None, :]
    rural = urban * rural_wage_ratio()
    levels = np.stack([rural, urban], axis=1).astype(np.float64)
    return levels * (1.0 + cfg.real_wage_growth / 100.0) ** (year - 2020)


@dataclass
class WagesConfig:
    """Region x occupation wage levels moving with productivity and local tightness."""

    tightness_response: float = param(
        0.002,
        unit="log wage per month per unit of log(vacancies / job seekers)",
        source="assumption: slow wage adjustment (wage curve)",
        lo=0.0,
        hi=0.1,
    )
    real_wage_growth: float = param(
        5.5,
        unit="% per year",
        source="china_annual.csv avg_wage_urban_nonprivate 2015-2020: 62029 -> 97379 "
        "nominal (9.4%/yr), ~6.8%/yr real; assumption: slower in the plan period",
        lo=-20.0,
        hi=30.0,
    )
    farm_income_ratio: float = param(
        0.39,
        unit="farm income / urban wage",
        source="china_annual.csv urban_rural_income_ratio 2020 = 2.56",
        lo=0.01,
        hi=2.0,
    )


class WageSetting:
    name = "wages"

    def __init__(self, model: LabourMarketModel, cfg: WagesConfig) -> None:
        self.cfg = cfg
        self.n_regions = len(model.region_names)
        # [region, area, occupation], yuan per month
        self.levels = initial_wage_levels(model.region_data, cfg, model.state_year)

    def level(self, region: np.ndarray, urban: np.ndarray | int, occupation: np.ndarray):
        """Wage level of the (region, area, occupation) markets, yuan a month; ``urban`` is the
        area (a mask, or 1 for the cities)."""
        return self.levels[region, np.asarray(urban, dtype=np.int64), occupation]

    def urban_level(self) -> np.ndarray:
        """Each region's mean urban wage level over occupations, yuan a month."""
        return self.levels[:, 1, :].mean(axis=1)

    def farm_income(self) -> np.ndarray:
        """Monthly farm income by region, yuan."""
        return self.cfg.farm_income_ratio * self.urban_level()

    def step(self, model: LabourMarketModel) -> None:
        w = model.workers
        trend = np.log1p(self.cfg.real_wage_growth / 100.0) / 12.0
        v, u = vacancies_and_seekers(model)
        tight = np.log((1.0 + v) / (1.0 + u))
        self.levels *= np.exp(trend + self.cfg.tightness_response * tight)
        w.wage *= np.float32(np.exp(trend))  # wages of those without a job are zero
