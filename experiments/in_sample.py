"""The in-sample fit over 2018-2020: the monthly urban rate and the December stocks of the history
case against the data of those years (``sim.analysis.in_sample``).

    python experiments/in_sample.py                        # 200k agents, 4 seeds
    python experiments/in_sample.py --seeds 8 migration.return_rate=0.03   # any config overrides

Printed, never asserted: by year, the root mean square gap of the median run's monthly rate to the
bureau's and the two means; then employment, urban employment and migrant workers (local, away)
each December against ``china_annual.csv``, with the gap in per cent. The flow parameters whose
sources cite this script were set with it (a few values each, 4 seeds at 200k).
"""

from __future__ import annotations

import argparse

import pandas as pd


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", type=int, default=200_000)
    parser.add_argument("--seeds", type=int, default=4, help="seeds 1..N")
    parser.add_argument("--jobs", type=int, default=2, help="parallel processes")
    parser.add_argument("overrides", nargs="*", help="config overrides, e.g. seed-free keys")
    args = parser.parse_args()

    from sim.analysis.in_sample import rate_fit, run_history, stock_fit

    monthly = run_history(args.agents, range(1, args.seeds + 1), args.jobs, args.overrides)
    with pd.option_context("display.width", 120, "display.float_format", "{:.2f}".format):
        print("monthly urban rate, %: median run against the data")
        print(rate_fit(monthly).to_string())
        print("\nDecember stocks, 10k persons (gap in %)")
        print(stock_fit(monthly).unstack("year").to_string())


if __name__ == "__main__":
    main()
