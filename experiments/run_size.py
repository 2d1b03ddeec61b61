"""What a run's size buys: seed noise of the annual rates and time per run, by number of agents.

    python experiments/run_size.py                          # 200k, 500k and 1M; 8 seeds each
    python experiments/run_size.py --agents 100000 1000000 --seeds 4 --out size.csv

For each size, runs the baseline (no figures) for every seed in this process, one after the
other, and prints the time per run and the spread between seeds of the annual urban, youth and
migrant unemployment rates: the standard deviation over seeds of each year's rate, averaged over
the five years (and the largest year). That spread is the noise a single run of that size carries
in any annual figure it reports; the mean over ``k`` seeds carries it divided by ``sqrt(k)``.
Figures are printed (and written with ``--out``), never asserted.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

RATES = ["urban_unemployment_rate", "youth_unemployment_rate", "migrant_unemployment_rate"]


def measure(n_agents: int, seeds: list[int]) -> dict[str, float]:
    """Seconds per run and the seed spread (points) of each annual rate at ``n_agents``."""
    import sim

    annual, seconds = [], []
    for seed in seeds:
        t = time.perf_counter()
        res = sim.run([f"n_agents={n_agents}", f"seed={seed}", "figures=false"])
        seconds.append(time.perf_counter() - t)
        annual.append(res.annual.set_index("year")[RATES])
    row: dict[str, float] = {"n_agents": n_agents, "seeds": len(seeds)}
    row["seconds_per_run"] = round(float(np.median(seconds)), 2)
    stacked = np.stack([a.to_numpy() for a in annual])  # (seed, year, rate)
    sd = stacked.std(axis=0, ddof=1)  # (year, rate)
    for j, rate in enumerate(RATES):
        short = rate.removesuffix("_unemployment_rate")
        row[f"{short}_sd_mean"] = round(float(sd[:, j].mean()), 3)
        row[f"{short}_sd_max"] = round(float(sd[:, j].max()), 3)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, nargs="+", default=[200_000, 500_000, 1_000_000])
    parser.add_argument("--seeds", type=int, default=8, help="seeds 0..N-1 at each size")
    parser.add_argument("--out", help="also write the table to this CSV file")
    args = parser.parse_args()
    import pandas as pd

    rows = []
    for n in args.agents:
        rows.append(measure(n, list(range(args.seeds))))
        print(pd.DataFrame(rows[-1:]).to_string(index=False, header=len(rows) == 1), flush=True)
    if args.out:
        pd.DataFrame(rows).to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
