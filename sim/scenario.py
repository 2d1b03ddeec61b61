"""The macro path a scenario imposes: monthly activity by sector (:mod:`sim.activity`) and
college graduate cohorts.

Activity (industry, services, GDP) is history up to December 2020 in every scenario (it is the
base the model starts from). From 2021:
- ``trend``: every series grows at its potential (:func:`sim.activity.potential_growth_line`), so
  that its gap from potential stays where December 2020 left it;
- ``history``: the bureau's monthly and quarterly releases to 2025, potential after them.
Overrides then apply by year ('2022': that year's growth, a persistent level loss), quarter
('2022Q2') or month ('2022-04') (year-on-year growth of those months, a dip): for GDP, which the
other series follow with their differential to GDP, or for industry or services alone. A sine
cycle can be laid over every series (the Beveridge check of the validation report uses one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim import data_loader as data
from sim.activity import SERIES, ActivityError, ActivityPath, Cycle, activity_path
from sim.calendar import LAST_MONTH, month_index, parse_month
from sim.params import ConfigError, param


def growth_overrides(series: str, source: str) -> dict[str, float]:
    """The parameter of one activity series' growth overrides: % growth by period."""
    return param(
        {},
        unit=f"% growth of {series} by period: a year ('2022', month on month over the year), a "
        "quarter ('2022Q2') or a month ('2022-04', year on year)",
        source=source,
        lo=-60.0,
        hi=100.0,
    )


@dataclass
class ScenarioConfig:
    """The macro environment: the path of real GDP and the size of graduate cohorts."""

    name: str = param("baseline", unit="label", source="name of the scenario config")
    gdp_path: str = param(
        "trend",
        unit="choice",
        source="'trend': activity grows at potential from 2021; 'history': the monthly activity "
        "releases to 2025 (activity_monthly.csv, gdp_quarterly_qoq.csv, scenario_inputs.csv "
        "real_gdp_growth_quarterly), potential after them",
        choices=("trend", "history"),
    )
    gdp_growth_overrides: dict[str, float] = growth_overrides(
        "GDP",
        "scenario shocks; industry and services follow with their differential to GDP",
    )
    industry_growth_overrides: dict[str, float] = growth_overrides(
        "industrial value added", "scenario shocks to industry alone (after the GDP overrides)"
    )
    services_growth_overrides: dict[str, float] = growth_overrides(
        "the services production index",
        "scenario shocks to services alone (after the GDP overrides)",
    )
    cycle_amplitude: float = param(
        0.0,
        unit="log points of activity",
        source="a sine business cycle over every series, starting with a slump (validation)",
        lo=0.0,
        hi=0.5,
    )
    cycle_period: int = param(36, unit="months", source="length of one cycle", lo=2, hi=240)
    cycle_start: str = param("2021-01", unit="YYYY-MM", source="first month of the cycle")
    shock_sector: str = param(
        "",
        unit="sector name or empty",
        source="a sector-region demand shock (e.g. exports: manufacturing in the East)",
    )
    shock_region: str = param("", unit="region name or empty (all regions)", source="as above")
    shock_start: str = param("2022-01", unit="YYYY-MM", source="first month of the shock")
    shock_months: int = param(0, unit="months", source="length of the shock", lo=0, hi=180)
    shock_size: float = param(
        0.0,
        unit="log points of the sector's labour demand",
        source="scenario assumption",
        lo=-2.0,
        hi=2.0,
    )
    graduates_multiplier: float = param(
        1.0,
        unit="ratio",
        source="scales the Ministry of Education cohorts (scenario_inputs.csv, college_graduates)",
        lo=0.0,
        hi=3.0,
    )


HISTORY_END = month_index(2020, 12)
"""The last month every scenario takes from the data: the model's initial state."""


def activity(cfg: ScenarioConfig, last: int) -> ActivityPath:
    """The scenario's monthly activity from January 2017 to month ``last`` or the last month a
    run may reach, whichever is later (so that an override after a short run's end is valid)."""
    last = max(last, month_index(*LAST_MONTH))
    overrides: dict = dict(cfg.gdp_growth_overrides)
    if cfg.industry_growth_overrides:
        overrides["industry"] = dict(cfg.industry_growth_overrides)
    if cfg.services_growth_overrides:
        overrides["services"] = dict(cfg.services_growth_overrides)
    cycle = None
    if cfg.cycle_amplitude > 0:
        start = month_index(*parse_month("scenario.cycle_start", cfg.cycle_start))
        cycle = Cycle(cfg.cycle_amplitude, cfg.cycle_period, start)
    data_end = HISTORY_END if cfg.gdp_path == "trend" else None
    try:
        return activity_path(last, data_end, overrides, cycle)
    except ActivityError as err:
        raise ConfigError(f"scenario: {err}") from None


def monthly_log_gdp(cfg: ScenarioConfig, first: int, last: int) -> np.ndarray:
    """Log real GDP for month indices ``first..last`` relative to December 2020 (= 0)."""
    path = activity(cfg, max(last, HISTORY_END))
    gdp = path.log_level[SERIES.index("gdp")]
    return gdp[first - path.first : last - path.first + 1] - gdp[HISTORY_END - path.first]


def graduates_by_year(cfg: ScenarioConfig) -> dict[int, float]:
    """College graduates (10k persons) for every year; after the data, the last cohort repeats."""
    grads = data.college_graduates()
    last = max(grads)
    out = {y: v * cfg.graduates_multiplier for y, v in grads.items()}
    for y in range(last + 1, 2040):
        out[y] = grads[last] * cfg.graduates_multiplier
    return out
