"""The response of urban unemployment to a 2020-sized output shock, from matched runs (same seeds)
with and without it: the rise by month, its peak, Okun coefficient and half-life, beside 2020's
rise in the data (each month's rate less the same month of 2019).

The shock replays 2020 in another year of the baseline: each month of the shock year grows over
the year before as the model's monthly GDP of 2020 grew over 2019 (``sim.activity.gdp_levels``),
on a path that is otherwise at potential. Used by ``experiments/shock_response.py`` and the
validation report's transmission check.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import sim


def shock_overrides(year: int) -> list[str]:
    """Overrides replaying 2020's monthly GDP in ``year``: each month's growth over the same month
    of 2019 (``sim.activity.gdp_levels``), set as that month's year-on-year growth."""
    from sim import activity
    from sim.calendar import month_index

    first, level = activity.gdp_levels()
    items = []
    for m in range(1, 13):
        k = month_index(2020, m) - first
        items.append(f"{year}-{m:02d}:{100 * np.expm1(level[k] - level[k - 12]):.4f}")
    return ["+scenario.gdp_growth_overrides={" + ",".join(items) + "}"]


def response(monthly: pd.DataFrame, year: int) -> tuple[pd.DataFrame, dict[str, float]]:
    """The shock's effect by month (means over seeds) and its summary figures."""
    cols = ["urban_unemployment_rate", "output_gap"]
    mean = monthly.groupby(["cell", "date"])[cols].mean().unstack("cell")
    by_month = pd.DataFrame(
        {
            "gap_shock": 100 * mean["output_gap"]["shock"],
            "gap_change": 100 * (mean["output_gap"]["shock"] - mean["output_gap"]["baseline"]),
            "u_baseline": mean["urban_unemployment_rate"]["baseline"],
            "u_shock": mean["urban_unemployment_rate"]["shock"],
        }
    )
    by_month["u_rise"] = by_month.u_shock - by_month.u_baseline
    inside = by_month.index.str.startswith(str(year))
    data_rise = rise_in_2020()
    by_month["data_rise"] = np.nan
    by_month.loc[inside, "data_rise"] = data_rise.to_numpy()
    rise, gap = by_month.u_rise, by_month.gap_change
    peak_month = rise[inside].idxmax()
    peak = float(rise[peak_month])
    after = rise.loc[peak_month:]
    half = after[after <= peak / 2]
    half_life = float(after.index.get_loc(half.index[0])) if len(half) else float("nan")
    slope = float(np.polyfit(-gap[inside], rise[inside], 1)[0])
    summary = {
        "peak rise (points)": round(peak, 3),
        "peak month": peak_month,
        "lowest GDP gap change (points)": round(float(gap[inside].min()), 2),
        "Okun coefficient (points of u per point of gap)": round(slope, 4),
        "half-life (months from the peak)": half_life,
        "RMSE of the rise against 2020's (points)": round(
            float(np.sqrt(((rise[inside] - by_month.data_rise[inside]) ** 2).mean())), 3
        ),
    }
    return by_month, summary


def rise_in_2020() -> pd.Series:
    """China's surveyed urban rate of each month of 2020 less that of the same month of 2019
    (``sim/data/china_unemployment_monthly.csv``): the 2020 shock's effect with the seasonal
    pattern taken out, the figure the model's ``u_rise`` is compared with (in-sample data)."""
    from sim import data_loader as data

    rate = data.monthly_urban_rate()
    return pd.Series(
        [rate[f"2020-{m:02d}"] - rate[f"2019-{m:02d}"] for m in range(1, 13)], index=range(1, 13)
    )


def run_response(
    agents: int, seeds: int, year: int, jobs: int = 2, overrides: list[str] | None = None
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Matched baseline and shock runs (``seeds`` seeds at ``agents`` agents, the shock in
    ``year``, 2022-2025) and their :func:`response`."""
    if not 2022 <= year <= 2025:
        raise ValueError(f"year {year}: choose 2022-2025 (a year after the start's first)")
    cells = {"baseline": [], "shock": shock_overrides(year)}
    common = [f"n_agents={agents}", "figures=false", "months=60", *(overrides or [])]
    monthly, _ = sim.run_many(cells, range(seeds), common=common, n_jobs=jobs)
    return response(monthly, year)
