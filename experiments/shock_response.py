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

import pandas as pd


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

    from sim.analysis.shock_response import run_response

    by_month, summary = run_response(args.agents, args.seeds, args.year, args.jobs, args.overrides)
    window = by_month.loc[f"{args.year - 1}-10" : f"{args.year + 1}-06"]
    with pd.option_context("display.width", 120, "display.float_format", "{:.2f}".format):
        print(window.to_string())
    for key, value in summary.items():
        print(f"{key}: {value}")
    if args.out:
        by_month.to_csv(args.out)


if __name__ == "__main__":
    main()
