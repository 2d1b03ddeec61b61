"""The macro path a scenario imposes: real GDP by month, and college graduate cohorts.

GDP is built by quarter and interpolated to months. 2020 is history in every scenario (it is the
base the model starts from). From 2021:
- ``trend``: every quarter grows at ``trend_gdp_growth`` year on year;
- ``history``: the real quarterly path 2021Q1-2025Q4 (``scenario_inputs.csv``), trend after it.
``gdp_growth_overrides`` then apply: a year ('2022') sets that year's growth (quarter on
quarter), and later years grow from the lower level (a permanent level loss); a quarter ('2022Q2')
sets one quarter's year-on-year growth and the path returns to the unshocked one the next quarter
(a dip).
The output gap is log GDP minus its trend from December 2020.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim import data_loader as data
from sim.calendar import month_index
from sim.params import param


@dataclass
class ScenarioConfig:
    """The macro environment: the path of real GDP and the size of graduate cohorts."""

    name: str = param("baseline", unit="label", source="name of the scenario config")
    gdp_path: str = param(
        "trend",
        unit="choice",
        source="'trend': trend_gdp_growth every year; 'history': the real quarterly path "
        "(scenario_inputs.csv rows real_gdp_growth_quarterly 2020Q1-2025Q4), trend after it",
        choices=("trend", "history"),
    )
    trend_gdp_growth: float = param(
        5.5,
        unit="% per year",
        source="assumption: potential growth of the plan period, between 2019's 6.0 and the "
        "5.0 of 2024-25 (scenario_inputs.csv, real_gdp_growth)",
        lo=-20.0,
        hi=20.0,
    )
    gdp_growth_overrides: dict[str, float] = param(
        {},
        unit="% y/y by period ('2022' or '2022Q2')",
        source="scenario shocks; a quarter's value replaces that quarter's year-on-year growth",
        lo=-30.0,
        hi=30.0,
    )
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


def _quarter_key(year: int, q: int) -> str:
    return f"{year}Q{q}"


def quarterly_log_gdp(cfg: ScenarioConfig, last_year: int) -> dict[str, float]:
    """Log real GDP by quarter from 2019Q1 to ``last_year``Q4 (2019 on a 6.0% trend).

    2020 is history (year on year on 2019). Where the scenario gives year-on-year quarterly
    growth (``history`` to 2025Q4), a quarter is its quarter of the year before times that growth;
    elsewhere GDP grows smoothly, quarter on quarter, at the trend (or at an overridden year's
    rate) from the quarter before, so that 2020's COVID dip in 2020Q1 does not recur every Q1.
    """
    hist = data.gdp_growth_quarterly()
    g2019 = 0.06  # scenario_inputs.csv real_gdp_growth 2019
    log_level: dict[str, float] = {}
    for q in range(1, 5):
        log_level[_quarter_key(2019, q)] = np.log1p(g2019) * (q - 1) / 4
    trend = cfg.trend_gdp_growth / 100.0
    years_over = {int(k): v / 100.0 for k, v in cfg.gdp_growth_overrides.items() if "Q" not in k}
    quarters_over = {k: v for k, v in cfg.gdp_growth_overrides.items() if "Q" in k}
    previous = _quarter_key(2019, 4)
    for year in range(2020, last_year + 1):
        for q in range(1, 5):
            key = _quarter_key(year, q)
            year_ago = log_level[_quarter_key(year - 1, q)]
            if year in years_over:
                log_level[key] = log_level[previous] + np.log1p(years_over[year]) / 4
            elif year == 2020 or (cfg.gdp_path == "history" and key in hist):
                log_level[key] = year_ago + np.log1p(hist[key] / 100.0)
            else:
                log_level[key] = log_level[previous] + np.log1p(trend) / 4
            previous = key
    for key, g in quarters_over.items():  # a one-quarter dip (or jump) relative to the path
        year, q = int(key[:4]), int(key[-1])
        if key in log_level:
            path_growth = log_level[key] - log_level[_quarter_key(year - 1, q)]
            log_level[key] += np.log1p(g / 100.0) - path_growth
    return log_level


def monthly_log_gdp(cfg: ScenarioConfig, first: int, last: int) -> np.ndarray:
    """Log real GDP for month indices ``first..last`` relative to December 2020 (= 0)."""
    last_year = max(2026, last // 12 + 1)
    ql = quarterly_log_gdp(cfg, last_year)
    # Each quarter's level sits at its middle month; months in between are log-linear.
    mids = np.array([month_index(int(k[:4]), 3 * int(k[-1]) - 1) for k in ql], dtype=float)
    vals = np.array(list(ql.values()))
    base = np.interp(month_index(2020, 12), mids, vals)
    months = np.arange(first, last + 1, dtype=float)
    return np.interp(months, mids, vals) - base


def trend_log_gdp(cfg: ScenarioConfig, first: int, last: int) -> np.ndarray:
    """Log GDP on the trend path from December 2020, for the output gap."""
    months = np.arange(first, last + 1) - month_index(2020, 12)
    return np.log1p(cfg.trend_gdp_growth / 100.0) * months / 12.0


def graduates_by_year(cfg: ScenarioConfig) -> dict[int, float]:
    """College graduates (10k persons) for every year; after the data, the last cohort repeats."""
    grads = data.college_graduates()
    last = max(grads)
    out = {y: v * cfg.graduates_multiplier for y, v in grads.items()}
    for y in range(last + 1, 2040):
        out[y] = grads[last] * cfg.graduates_multiplier
    return out
