"""How urban unemployment answers a 2020-sized output shock: its peak, Okun coefficient and
half-life, from matched runs (same seeds) with and without the shock.

    python experiments/shock_response.py                       # 200k agents, 4 seeds, in 2022
    python experiments/shock_response.py --agents 500000 --seeds 8 --year 2023 --out shock.csv
    python experiments/shock_response.py demand.hiring_freeze=0    # any config overrides

The shock replays 2020 in another year of the baseline: each month of the shock year grows over
the year before as the model's monthly GDP of 2020 grew over 2019 (``sim.activity.gdp_levels``),
on a path that is otherwise at potential (the year before the shock too, as 2019 nearly was); the
GDP gap comes out close to 2020's (within 0.015; it drifts as potential grows more slowly).
The run without the shock is the baseline with the same seed, so the difference of the two is
the shock's effect with most sampling noise removed (common random numbers).

Printed, never asserted: by month, the GDP gap and the urban rate of both runs (means over seeds)
and their difference; then the peak rise of the urban rate and its month, the Okun coefficient
(the least-squares slope of the rise in the urban rate on the fall of the GDP gap, months of the
shock year, points per point), and the half-life (months from the peak until the rise is half its
peak). Beside the model's rise stands 2020's (each month's rate less the same month of 2019,
``sim/data/china_unemployment_monthly.csv``: +0.9 points in February, near +1 to May, gone by
December), and the root mean square gap between the two over the twelve months. The demand
side's ``output_elasticity``, ``hiring_freeze`` and ``caution_memory`` were chosen with this
comparison (a grid of a few values each, 4 seeds; their sources in ``sim/processes/demand.py``
give the figures).
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd


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

    rate = data.read_table("china_unemployment_monthly").set_index(["year", "month"])
    rate = rate["surveyed_urban_unemployment"]
    return pd.Series([rate[2020, m] - rate[2019, m] for m in range(1, 13)], index=range(1, 13))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", type=int, default=200_000)
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--year", type=int, default=2022, help="year the 2020 shock replays in")
    parser.add_argument("--jobs", type=int, default=2, help="parallel processes")
    parser.add_argument("--out", help="CSV of the monthly response")
    parser.add_argument(
        "overrides", nargs="*", help="config overrides for both runs, e.g. demand.layoff_speed=0.1"
    )
    args = parser.parse_args()
    if not 2022 <= args.year <= 2025:
        parser.error(f"--year {args.year}: choose 2022-2025 (a year after the start's first)")

    import sim

    cells = {"baseline": [], "shock": shock_overrides(args.year)}
    common = [f"n_agents={args.agents}", "figures=false", "months=60", *args.overrides]
    monthly, _ = sim.run_many(cells, range(args.seeds), common=common, n_jobs=args.jobs)
    by_month, summary = response(monthly, args.year)
    window = by_month.loc[f"{args.year - 1}-10" : f"{args.year + 1}-06"]
    with pd.option_context("display.width", 120, "display.float_format", "{:.2f}".format):
        print(window.to_string())
    for key, value in summary.items():
        print(f"{key}: {value}")
    if args.out:
        by_month.to_csv(args.out)


if __name__ == "__main__":
    main()
