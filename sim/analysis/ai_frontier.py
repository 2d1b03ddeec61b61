"""The AI frontier: unemployment by speed of AI adoption x training capacity.

``python -m sim.analysis.ai_frontier SWEEP_DIR [--out DIR]`` reads a collected sweep of
``experiment=ai_frontier`` (``jobs.csv``, ``sweep.parquet``, ``sweep_annual.parquet``; it collects
first if they are missing) and writes into ``DIR`` (default ``SWEEP_DIR``):

- ``ai_frontier.csv``: one row per cell (``ai`` x ``policy.training.capacity``) with ``n_seeds``
  and, as means over seeds, ``peak_monthly_rate`` (the highest monthly surveyed urban
  unemployment rate, %), ``max_annual_rate`` (the highest annual rate, the mean of a year's
  months, %), ``years_above_ceiling`` (the number of years whose annual rate exceeds 5.5%),
  ``max_annual_youth_rate`` (%), ``ai_displaced_total`` (10k persons over the run) and
  ``training_starts_per_year`` (10k person-times); ``sd_max_annual_rate`` is the seed-to-seed
  standard deviation of ``max_annual_rate``;
- ``ai_frontier.png``: four heat maps (peak month, highest year, years above 5.5%, last year).

The two axes are options (``--rows``, ``--cols``) so the analysis works on any two-way sweep.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from sim.analysis.collect import SWEEP_ANNUAL_FILE, SWEEP_FILE, finished_jobs
from sim.analysis.scorecard import CEILING

log = logging.getLogger(__name__)

RATE = "urban_unemployment_rate"
TABLE_FILE = "ai_frontier.csv"
FIGURE_FILE = "ai_frontier.png"
AI_ORDER = ["none", "slow", "baseline", "fast", "shock"]
METRICS = {
    "peak_monthly_rate": "peak monthly urban rate (%)",
    "max_annual_rate": "highest annual urban rate (%)",
    "years_above_ceiling": f"years with annual rate > {CEILING}%",
    "last_annual_rate": "annual urban rate in the last year (%)",
}


def load(sweep_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The finished jobs with their overrides, their monthly and their annual rows."""
    jobs = finished_jobs(sweep_dir)
    monthly = pd.read_parquet(sweep_dir / SWEEP_FILE, columns=["job", RATE])
    annual = pd.read_parquet(sweep_dir / SWEEP_ANNUAL_FILE)
    monthly["job"] = monthly["job"].astype(str)
    annual["job"] = annual["job"].astype(str)
    return jobs, monthly, annual


def per_run(monthly: pd.DataFrame, annual: pd.DataFrame, ceiling: float = CEILING) -> pd.DataFrame:
    """One row per job: the outcome measures of the module docstring for that run."""
    by_year = annual.groupby("job")
    out = pd.DataFrame(
        {
            "peak_monthly_rate": monthly.groupby("job")[RATE].max(),
            "max_annual_rate": by_year[RATE].max(),
            "years_above_ceiling": by_year[RATE].agg(lambda r: int((r > ceiling).sum())),
            "last_annual_rate": annual.sort_values("year").groupby("job")[RATE].last(),
            "max_annual_youth_rate": by_year["youth_unemployment_rate"].max(),
        }
    )
    if "ai_displaced" in annual.columns:
        out["ai_displaced_total"] = by_year["ai_displaced"].sum()
    if "training_starts" in annual.columns:
        out["training_starts_per_year"] = by_year["training_starts"].mean()
    return out.rename_axis("job").reset_index()


def frontier_table(
    jobs: pd.DataFrame, monthly: pd.DataFrame, annual: pd.DataFrame, rows: str, cols: str
) -> pd.DataFrame:
    """One row per (rows, cols) cell: means over seeds of :func:`per_run`'s measures."""
    runs = jobs[["job", rows, cols]].merge(per_run(monthly, annual), on="job")
    grouped = runs.groupby([rows, cols], sort=False)
    table = grouped.mean(numeric_only=True)
    table.insert(0, "n_seeds", grouped.size())
    table["sd_max_annual_rate"] = grouped["max_annual_rate"].std(ddof=1)
    table = table.reset_index()
    order = {v: i for i, v in enumerate(AI_ORDER)}
    ranked = sorted(table[rows].unique(), key=lambda v: (order.get(v, len(order)), str(v)))
    rank = {v: i for i, v in enumerate(ranked)}
    return table.sort_values(
        [rows, cols], key=lambda c: c.map(rank) if c.name == rows else c, ignore_index=True
    )


def heat_maps(table: pd.DataFrame, rows: str, cols: str, path: Path) -> Path:
    """Three annotated heat maps of the cell means, one per measure of :data:`METRICS`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    row_values = list(dict.fromkeys(table[rows]))
    col_values = sorted(dict.fromkeys(table[cols]))
    fig, axes = plt.subplots(1, len(METRICS), figsize=(4.6 * len(METRICS), 4.2))
    for ax, (metric, title) in zip(np.atleast_1d(axes), METRICS.items(), strict=True):
        grid = table.pivot(index=rows, columns=cols, values=metric).loc[row_values, col_values]
        values = grid.to_numpy(dtype=float)
        image = ax.imshow(values, cmap="Reds", aspect="auto")
        fig.colorbar(image, ax=ax, shrink=0.8)
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=9)
        ax.set_xticks(range(len(col_values)), [str(c) for c in col_values])
        ax.set_yticks(range(len(row_values)), [str(r) for r in row_values])
        ax.set_xlabel(cols)
        ax.set_ylabel(rows)
        ax.set_title(title, fontsize=10)
    lo, hi = int(table.n_seeds.min()), int(table.n_seeds.max())
    seeds = f"{lo}" if lo == hi else f"{lo}-{hi}"
    fig.suptitle(f"AI adoption x training capacity, mean of {seeds} seeds per cell", fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def analyse(
    sweep_dir: str | Path,
    out_dir: str | Path | None = None,
    rows: str = "ai",
    cols: str = "policy.training.capacity",
) -> pd.DataFrame:
    """Write :data:`TABLE_FILE` and :data:`FIGURE_FILE` for a sweep and return the table."""
    root = Path(sweep_dir)
    out = Path(out_dir) if out_dir is not None else root
    jobs, monthly, annual = load(root)
    missing = [c for c in (rows, cols) if c not in jobs.columns]
    if missing:
        raise KeyError(f"the sweep has no override {', '.join(missing)}; use --rows/--cols")
    table = frontier_table(jobs, monthly, annual, rows, cols)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / TABLE_FILE, index=False, float_format="%.4g")
    heat_maps(table, rows, cols, out / FIGURE_FILE)
    log.info("wrote %s and %s (%d cells)", out / TABLE_FILE, out / FIGURE_FILE, len(table))
    return table


def main(argv: list[str] | None = None) -> int:
    """Command line: print the table; exit 1 if the sweep holds no finished job."""
    parser = argparse.ArgumentParser(
        prog="python -m sim.analysis.ai_frontier", description=__doc__.split("\n")[0]
    )
    parser.add_argument("sweep_dir", help="a sweep folder (hydra.sweep.dir) of ai_frontier")
    parser.add_argument("--out", help="where to write the table and figure (default: sweep_dir)")
    parser.add_argument("--rows", default="ai", help="override on the rows (default: ai)")
    parser.add_argument("--cols", default="policy.training.capacity", help="override on columns")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        table = analyse(args.sweep_dir, args.out, args.rows, args.cols)
    except (FileNotFoundError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
