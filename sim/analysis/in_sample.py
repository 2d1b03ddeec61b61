"""The in-sample fit: ``case=history`` over 2018-2020 against the statistics of those years.

Two kinds of target, both from data up to 2020 only:

- the monthly surveyed urban unemployment rate (``china_unemployment_monthly.csv``): the root mean
  square gap of the median run to the data over each year, and the mean of each year;
- the December stocks the simulation reaches (``china_annual.csv``): employment (the
  census-revised series), urban employment, and migrant workers local and away, each December of
  2018, 2019 and 2020, as the gap to the data in per cent.

The flow parameters whose sources say "calibrated (experiments/in_sample.py ...)" were set by hand
with this comparison: a few values each on 4 seeds at 200k agents, keeping the set that met the
targets of ``docs/validation.md`` (December stocks within 3%, 2019-2020 monthly RMSE at most 0.2).
A formal fit of the same targets is the calibration experiment's job.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import sim
from sim import data_loader as data

YEARS = (2018, 2019, 2020)
HISTORY = ["case=history", f"months={12 * len(YEARS)}"]  # January 2018 - December 2020
RUN = [*HISTORY, "figures=false"]
STOCKS = {  # model record -> china_annual.csv indicator
    "employed": "employed_total_revised",
    "urban_employed": "employed_urban",
    "migrant_workers_local": "migrant_workers_local",
    "migrant_workers_away": "migrant_workers_away",
}


def run_history(
    agents: int, seeds: int | list[int], jobs: int = 2, overrides: list[str] | None = None
) -> pd.DataFrame:
    """The monthly tables of the history case over 2018-2020, one run per seed (long format,
    column ``seed``)."""
    seeds = list(range(seeds)) if isinstance(seeds, int) else list(seeds)
    common = [f"n_agents={agents}", *RUN, *(overrides or [])]
    monthly, _ = sim.run_many({"history": []}, seeds, common=common, n_jobs=jobs)
    return monthly


def observed_months(path: pd.Series, year: int) -> list[str]:
    """The months of ``year`` in a monthly path (indexed ``"2020-02"``) that the bureau's series
    has."""
    observed = data.monthly_urban_rate()
    return [d for d in path.index if d.startswith(str(year)) and pd.notna(observed.get(d))]


def year_rmse(path: pd.Series, year: int) -> float:
    """Root mean square gap of a monthly urban-rate path (indexed ``"2020-02"``) to the bureau's
    over ``year``."""
    months = observed_months(path, year)
    gap = path[months] - data.monthly_urban_rate()[months]
    return float(np.sqrt((gap**2).mean()))


def rate_fit(monthly: pd.DataFrame) -> pd.DataFrame:
    """By year: the RMSE of the median run's monthly urban rate to the bureau's, and both means."""
    median = monthly.groupby("date").urban_unemployment_rate.median()
    observed = data.monthly_urban_rate()
    rows = []
    for year in YEARS:
        months = observed_months(median, year)
        rows.append(
            {
                "year": year,
                "rmse": year_rmse(median, year),
                "model": float(median[months].mean()),
                "data": float(observed[months].mean()),
            }
        )
    return pd.DataFrame(rows).set_index("year")


def stock_fit(monthly: pd.DataFrame) -> pd.DataFrame:
    """Each December stock (mean over runs) against the data: rows stock x year, columns model,
    data and gap (per cent)."""
    rows = []
    for year in YEARS:
        december = monthly[monthly.date == f"{year}-12"]
        for key, indicator in STOCKS.items():
            model, figure = float(december[key].mean()), data.annual(indicator, year)
            rows.append(
                {"stock": key, "year": year, "model": model, "data": figure,
                 "gap": 100.0 * (model / figure - 1.0)}
            )  # fmt: skip
    return pd.DataFrame(rows).set_index(["stock", "year"])
