"""What each lever of the plan buys: effects against ``policy=none``, matched by seed.

``python -m sim.analysis.policy_ranking SWEEP_DIR [--out DIR]`` reads a collected sweep of
``experiment=policy_ranking`` (it collects first if needed). Within each condition (every
override other than ``policy`` and ``seed``, e.g. ``scenario=history ai=fast``) each job is
compared with the ``policy=none`` job of the same seed by
:func:`sim.analysis.policy_eval.effect_table` (same seed, same random numbers: the difference is
the lever's effect). Writes into ``DIR`` (default ``SWEEP_DIR``):

- ``policy_effects_by_seed.csv``: one row per policy, condition, seed and year (effect_table);
- ``policy_ranking.csv``: one row per condition and policy, over the simulated years (2021-2025)
  and seeds: ``d_urban_pp`` and ``d_youth_pp`` (mean change in the annual urban and youth
  unemployment rates, percentage points; negative is better) with ``*_se`` (standard error over
  seeds), ``jobs_10k`` (mean change in employment, 10k persons), ``cost_100m_yuan`` (fiscal cost
  over the whole run, 100 million yuan, mean over seeds), ``cost_per_job_yuan`` (total cost over
  total job-years created or saved, yuan per job-year; empty when no job was gained) and
  ``rank`` (by ``d_urban_pp`` within the condition);
- ``policy_ranking.png``: the three measures by lever, one colour per condition.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from sim.analysis.collect import JOB_COLUMNS, SWEEP_ANNUAL_FILE, SWEEP_FILE, finished_jobs
from sim.analysis.policy_eval import effect_table

log = logging.getLogger(__name__)

BY_SEED_FILE = "policy_effects_by_seed.csv"
TABLE_FILE = "policy_ranking.csv"
FIGURE_FILE = "policy_ranking.png"
COUNTERFACTUAL = "none"
MONTHLY_COLUMNS = ["job", "year", "employed"]


def load(sweep_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The finished jobs with their overrides, their monthly (employment) and annual rows."""
    jobs = finished_jobs(sweep_dir)
    if "policy" not in jobs.columns or COUNTERFACTUAL not in set(jobs.policy):
        raise KeyError(f"the sweep needs policy={COUNTERFACTUAL} among its policies")
    monthly = pd.read_parquet(sweep_dir / SWEEP_FILE, columns=MONTHLY_COLUMNS)
    annual = pd.read_parquet(sweep_dir / SWEEP_ANNUAL_FILE)
    for df in (monthly, annual):
        df["job"] = df["job"].astype(str)
    return jobs, monthly, annual


def condition_columns(jobs: pd.DataFrame) -> list[str]:
    """The overrides that define a condition: all but ``policy``, ``seed`` and constant ones
    that are not ``scenario``/``ai``."""
    keys = [c for c in jobs.columns if c not in JOB_COLUMNS and c not in ("policy", "seed")]
    return [c for c in keys if c in ("scenario", "ai") or jobs[c].nunique(dropna=False) > 1]


def effects_by_seed(
    jobs: pd.DataFrame, monthly: pd.DataFrame, annual: pd.DataFrame
) -> pd.DataFrame:
    """effect_table of every job against the ``policy=none`` job of its condition and seed."""
    conditions = condition_columns(jobs)
    runs = {
        job: SimpleNamespace(annual=a.drop(columns="job"), monthly=monthly[monthly.job == job])
        for job, a in annual.groupby("job")
    }
    frames = []
    for key, group in jobs.groupby([*conditions, "seed"], sort=False, dropna=False):
        base = group[group.policy == COUNTERFACTUAL]
        if base.empty:
            log.warning("no policy=%s run for %s; skipped", COUNTERFACTUAL, key)
            continue
        cf = runs[base.job.iloc[0]]
        for r in group[group.policy != COUNTERFACTUAL].itertuples(index=False):
            eff = effect_table(runs[r.job], cf)  # type: ignore[arg-type]
            for c, v in zip([*conditions, "seed"], key, strict=True):
                eff.insert(0, c, v)
            eff.insert(0, "policy", r.policy)
            frames.append(eff)
    if not frames:
        raise KeyError("no job could be matched with a policy=none job of the same seed")
    return pd.concat(frames, ignore_index=True)


def ranking(by_seed: pd.DataFrame, conditions: list[str]) -> pd.DataFrame:
    """One row per condition and policy: mean effects, standard errors, cost, cost per job."""
    per_seed = by_seed.groupby([*conditions, "policy", "seed"], sort=False, dropna=False).agg(
        d_urban_pp=("d_urban_unemployment_rate", "mean"),
        d_youth_pp=("d_youth_unemployment_rate", "mean"),
        jobs_10k=("jobs_10k", "mean"),
        job_years_10k=("jobs_10k", "sum"),
        cost_100m_yuan=("cost_100m_yuan", "sum"),
    )
    g = per_seed.groupby([*conditions, "policy"], sort=False, dropna=False)
    table = g.mean()
    table.insert(0, "n_seeds", g.size())
    n = table.n_seeds.clip(lower=1)
    table["d_urban_se"] = g.d_urban_pp.std(ddof=1) / np.sqrt(n)
    table["d_youth_se"] = g.d_youth_pp.std(ddof=1) / np.sqrt(n)
    job_years = table.pop("job_years_10k")
    table["cost_per_job_yuan"] = (table.cost_100m_yuan * 1e8 / (job_years * 1e4)).where(
        job_years > 0
    )
    table = table.reset_index()
    table["rank"] = table.groupby(conditions, dropna=False).d_urban_pp.rank(method="first")
    cols = [*conditions, "policy", "rank", "n_seeds", "d_urban_pp", "d_urban_se", "d_youth_pp"]
    cols += ["d_youth_se", "jobs_10k", "cost_100m_yuan", "cost_per_job_yuan"]
    return table[cols].sort_values([*conditions, "rank"], ignore_index=True)


def figure(table: pd.DataFrame, conditions: list[str], path: Path) -> Path:
    """Bars by lever: change in urban and youth unemployment (with 1 s.e.), cost per job."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if conditions:
        pairs = table[conditions].astype(str).apply(lambda c: c.name + "=" + c)
        labels = pairs.agg(" ".join, axis=1)
    else:
        labels = "all"
    table = table.assign(condition=labels)
    # best (largest fall in urban unemployment, mean over conditions) at the top
    policies = list(table.groupby("policy").d_urban_pp.mean().sort_values().index)
    conds = list(dict.fromkeys(table.condition))
    y = np.arange(len(policies))
    height = 0.8 / len(conds)
    panels = [
        ("d_urban_pp", "d_urban_se", "change in urban unemployment (pp)"),
        ("d_youth_pp", "d_youth_se", "change in youth unemployment (pp)"),
        ("cost_per_job_yuan", None, "cost per job-year (10k yuan, log; none: no job gained)"),
    ]
    fig, axes = plt.subplots(1, 3, figsize=(15, 0.35 * len(policies) + 1.8), sharey=True)
    for ax, (col, se, title) in zip(axes, panels, strict=True):
        for k, cond in enumerate(conds):
            rows = table[table.condition == cond].set_index("policy").reindex(policies)
            values = rows[col] / (1e4 if col == "cost_per_job_yuan" else 1)
            err = rows[se] if se else None
            ax.barh(y + k * height, values, height, xerr=err, label=cond, capsize=2)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_title(title, fontsize=10)
        ax.grid(axis="x", alpha=0.3)
        if col == "cost_per_job_yuan" and (values > 0).any():  # a tiny sweep may have no cost
            ax.set_xscale("log")
    axes[0].set_yticks(y + height * (len(conds) - 1) / 2, policies)
    axes[0].invert_yaxis()
    axes[0].legend(frameon=False, fontsize=8)
    n = int(table.n_seeds.min())
    fig.suptitle(f"Each lever against policy=none, same seeds ({n} per bar), 2021-2025 means")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def analyse(sweep_dir: str | Path, out_dir: str | Path | None = None) -> pd.DataFrame:
    """Write the files of the module docstring for a sweep and return the ranking table."""
    root = Path(sweep_dir)
    out = Path(out_dir) if out_dir is not None else root
    jobs, monthly, annual = load(root)
    by_seed = effects_by_seed(jobs, monthly, annual)
    conditions = condition_columns(jobs)
    table = ranking(by_seed, conditions)
    out.mkdir(parents=True, exist_ok=True)
    by_seed.to_csv(out / BY_SEED_FILE, index=False, float_format="%.5g")
    table.to_csv(out / TABLE_FILE, index=False, float_format="%.5g")
    figure(table, conditions, out / FIGURE_FILE)
    log.info("wrote %s and %s (%d rows)", out / TABLE_FILE, out / FIGURE_FILE, len(table))
    return table


def main(argv: list[str] | None = None) -> int:
    """Command line: print the ranking; exit 1 if the sweep cannot be analysed."""
    parser = argparse.ArgumentParser(
        prog="python -m sim.analysis.policy_ranking", description=__doc__.split("\n")[0]
    )
    parser.add_argument("sweep_dir", help="a sweep folder (hydra.sweep.dir) of policy_ranking")
    parser.add_argument("--out", help="where to write the tables and figure (default: sweep_dir)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        table = analyse(args.sweep_dir, args.out)
    except (FileNotFoundError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with pd.option_context("display.width", 220, "display.max_columns", 20):
        print(table.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
