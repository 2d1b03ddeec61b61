"""Does the 5.5% ceiling hold, across seeds? ``python -m sim.analysis.ceiling SWEEP_DIR``.

Reads a collected sweep (``jobs.csv``, ``sweep.parquet``, ``sweep_annual.parquet`` from
:mod:`sim.analysis.collect`; collects first if they are missing) and writes into ``SWEEP_DIR``:

- ``ceiling.csv``: one row per cell, a cell being one combination of the sweep's overrides other
  than ``seed`` (e.g. ``scenario=history``), with

  - ``n_runs``: the finished jobs (seeds) of the cell; every probability is a share of them
  - ``p_below_every_year``: share of runs whose annual surveyed urban unemployment rate (mean of
    the year's months) is below 5.5% in every simulated year of the plan period (2021 on: the
    in-sample years of a run that starts before 2021 are left out, as are their months below)
  - ``p_below_<year>``: the same for each year alone
  - ``p_no_month_above``: share of runs in which no month's rate exceeds 5.5% (every month <= 5.5)
  - ``mean_<year>``, ``p05_<year>``, ``p95_<year>``: mean and 5th / 95th percentiles (linear
    interpolation) over the cell's runs of the year's annual rate, in %

- ``figures/fan_urban_<cell>.png`` and ``figures/fan_youth_<cell>.png`` (``<cell>`` as in
  ``scenario-history``): the monthly urban (16+)
  and youth (16-24) rates of the cell, median and 5-95% band over seeds; the urban chart carries
  the 5.5% ceiling (the ceiling applies to the urban rate only, so the youth chart has none).

The sweep callback (:mod:`sim.analysis.sweep`) runs this after ``experiment=ceiling`` sweeps.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from sim.analysis.collect import JOB_COLUMNS, SWEEP_ANNUAL_FILE, SWEEP_FILE, finished_jobs
from sim.analysis.results import plan_rows
from sim.analysis.scorecard import CEILING

log = logging.getLogger(__name__)

CEILING_FILE = "ceiling.csv"
RATE = "urban_unemployment_rate"
YOUTH = "youth_unemployment_rate"


def cell_columns(jobs: pd.DataFrame) -> list[str]:
    """The override columns that define a cell: every override except ``seed``."""
    return [c for c in jobs.columns if c not in JOB_COLUMNS and c != "seed"]


def _label(cell: pd.Series, varying: list[str]) -> str:
    """A cell's short name from the columns that vary across the sweep (``scenario=history``)."""
    return " ".join(f"{c}={cell[c]}" for c in varying) or "all"


def _filename(label: str) -> str:
    """``scenario=history policy=plan`` -> ``scenario-history_policy-plan``."""
    return re.sub(r"[^-\w.]", "_", label.replace("=", "-").replace(" ", "_"))


def load_sweep(sweep_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The finished jobs (with a ``cell`` label), their monthly and their annual rows."""
    jobs = finished_jobs(sweep_dir)
    cells = cell_columns(jobs)
    varying = [c for c in cells if jobs[c].nunique(dropna=False) > 1]
    jobs["cell"] = [_label(r, varying) for _, r in jobs.iterrows()]
    monthly = pd.read_parquet(sweep_dir / SWEEP_FILE, columns=["job", "date", "year", RATE, YOUTH])
    annual = pd.read_parquet(sweep_dir / SWEEP_ANNUAL_FILE, columns=["job", "year", RATE])
    monthly["job"] = monthly["job"].astype(str)
    annual["job"] = annual["job"].astype(str)
    return jobs, monthly, annual


def ceiling_table(
    jobs: pd.DataFrame, monthly: pd.DataFrame, annual: pd.DataFrame, ceiling: float = CEILING
) -> pd.DataFrame:
    """One row per cell: the probabilities and percentiles described in the module docstring."""
    cells = cell_columns(jobs.drop(columns="cell"))
    annual, monthly = plan_rows(annual), plan_rows(monthly)
    annual_wide = annual.pivot(index="job", columns="year", values=RATE)
    worst_month = monthly.groupby("job")[RATE].max()
    rows = []
    for _, group in jobs.groupby("cell", sort=False):
        ids = group["job"].tolist()
        # a cell whose runs end before 2021 has no plan year: its probabilities are NaN
        rates = annual_wide.reindex(ids).dropna(axis=1, how="all")
        worst = worst_month.reindex(ids)
        row = {c: group[c].iloc[0] for c in cells}
        row["n_runs"] = len(ids)
        row["p_below_every_year"] = (
            float((rates < ceiling).all(axis=1).mean()) if rates.shape[1] else np.nan
        )
        row["p_no_month_above"] = (
            float((worst <= ceiling).mean()) if worst.notna().any() else np.nan
        )
        for year in rates.columns:
            row[f"p_below_{year}"] = float((rates[year] < ceiling).mean())
        for year in rates.columns:
            values = rates[year].to_numpy(dtype=float)
            row[f"mean_{year}"] = float(values.mean())
            row[f"p05_{year}"] = float(np.percentile(values, 5))
            row[f"p95_{year}"] = float(np.percentile(values, 95))
        rows.append(row)
    return pd.DataFrame(rows)


def fan_charts(jobs: pd.DataFrame, monthly: pd.DataFrame, out_dir: Path) -> list[Path]:
    """Per cell, the median and 5-95% band over seeds of the monthly urban and youth rates."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sim.ui.plotting import plot_fan

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for cell, group in jobs.groupby("cell", sort=False):
        rows = monthly[monthly.job.isin(group.job)]
        for column, name, title in (
            (RATE, "urban", "Surveyed urban unemployment rate"),
            (YOUTH, "youth", "Youth (16-24) unemployment rate"),
        ):
            fig, ax = plt.subplots(figsize=(8, 4.5))
            plot_fan(rows, column, ax=ax, runs="job", title=f"{title}: {cell}")
            path = out_dir / f"fan_{name}_{_filename(str(cell))}.png"
            fig.savefig(path, dpi=110, bbox_inches="tight")
            plt.close(fig)
            paths.append(path)
    return paths


def analyse(sweep_dir: str | Path, figures: bool = True) -> pd.DataFrame:
    """Write ``ceiling.csv`` (and the fan charts) for a sweep and return the table."""
    root = Path(sweep_dir)
    jobs, monthly, annual = load_sweep(root)
    table = ceiling_table(jobs, monthly, annual)
    table.to_csv(root / CEILING_FILE, index=False)
    if figures:
        fan_charts(jobs, monthly, root / "figures")
    log.info("wrote %s (%d cells)", root / CEILING_FILE, len(table))
    return table


def main(argv: list[str] | None = None) -> int:
    """``python -m sim.analysis.ceiling SWEEP_DIR [--no-figures]``: print the table; exit 1 if no
    data."""
    parser = argparse.ArgumentParser(
        prog="python -m sim.analysis.ceiling", description=__doc__.split("\n")[0]
    )
    parser.add_argument("sweep_dir", help="a sweep's folder (hydra.sweep.dir)")
    parser.add_argument("--no-figures", action="store_true", help="write ceiling.csv only")
    args = parser.parse_args(argv)
    try:
        table = analyse(args.sweep_dir, figures=not args.no_figures)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with pd.option_context("display.width", 200, "display.max_columns", 40):
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    print(f"\nwritten to {Path(args.sweep_dir) / CEILING_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
