"""Running the model and keeping what it produced: tables, scorecard, summary, provenance, files.

A run's output directory holds:

- ``monthly.parquet``   one row per month, every indicator of the statistics module
- ``annual.parquet``    one row per calendar year (annual means, sums, December values)

Both tables carry ``in_sample``: true for the months up to December 2020 (a run that starts
before 2021 simulates them against data the project holds), false for the plan period. The
headline answers and the scorecard cover the plan period 2021-2025 only.
- ``scorecard.csv``     the plan's table 1: model value, target, pass/fail/not modelled
- ``summary.json``      the headline answers, the scorecard, seed, versions and a digest
- ``config.yaml``       the resolved config (Hydra's ``.hydra/`` holds it too for CLI runs)
- ``figures/``          the unemployment path against the 5.5% ceiling, the Beveridge curve
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from omegaconf import OmegaConf

from sim.analysis.scorecard import CEILING, annual_table, scorecard
from sim.calendar import month_index, year_month
from sim.config import Config, as_dict, parse_month
from sim.scenario import HISTORY_END, monthly_log_gdp

log = logging.getLogger(__name__)

MONTHLY_FILE = "monthly.parquet"
ANNUAL_FILE = "annual.parquet"
SCORECARD_FILE = "scorecard.csv"
SUMMARY_FILE = "summary.json"
CONFIG_FILE = "config.yaml"


@dataclass
class Results:
    """What one run produced. ``monthly``, ``annual`` and ``scorecard`` are tidy tables."""

    config: Config
    monthly: pd.DataFrame
    annual: pd.DataFrame
    scorecard: pd.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)

    def save(self, out_dir: str | Path, figures: bool | None = None) -> Path:
        """Write the tables, summary, config and figures into ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.monthly.to_parquet(out / MONTHLY_FILE, index=False)
        self.annual.to_parquet(out / ANNUAL_FILE, index=False)
        self.scorecard.to_csv(out / SCORECARD_FILE, index=False)
        (out / SUMMARY_FILE).write_text(json.dumps(self.summary, indent=2, default=_jsonable))
        # from plain data: the same YAML as from the dataclass, without rebuilding the schema
        OmegaConf.save(OmegaConf.create(as_dict(self.config)), out / CONFIG_FILE)
        if self.config.figures if figures is None else figures:
            from sim.ui.plotting import save_run_figures

            save_run_figures(self, out / "figures")
        return out


def _jsonable(x: Any) -> Any:
    if isinstance(x, np.generic):
        return x.item()
    raise TypeError(f"cannot serialise {type(x)}")


LAST_IN_SAMPLE_YEAR = year_month(HISTORY_END)[0]
"""2020: the last year whose labour-market outcomes the project holds (December 2020)."""


def plan_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a monthly or annual table (with ``year``) in the plan period, after the
    in-sample years: those the headline answers and the ceiling tables judge."""
    return table[table["year"] > LAST_IN_SAMPLE_YEAR]


def mark_in_sample(table: pd.DataFrame) -> pd.DataFrame:
    """Add the column ``in_sample`` to a monthly or annual table: true for the rows up to
    December 2020 (the data's last month), false for the plan period."""
    table["in_sample"] = table["year"] <= LAST_IN_SAMPLE_YEAR
    return table


def digest(monthly: pd.DataFrame) -> str:
    """SHA-256 of the monthly table, printed to 12 significant digits (machine-independent).
    ``in_sample`` follows from the date alone and is left out, so that it changes no digest."""
    numbers = monthly.drop(columns=["in_sample"], errors="ignore")
    text = numbers.to_csv(index=False, float_format="%.12g", lineterminator="\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", *args],
            capture_output=True,
            text=True,
            timeout=5,
            cwd=Path(__file__).resolve().parent,
        )
        return out.stdout.strip() if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def versions() -> dict[str, str]:
    """Versions of the package and of the libraries whose numbers can change results."""
    out = {}
    for pkg in ("china-labour-abm", "mesa", "numpy", "pandas", "hydra-core"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    out["git_commit"] = _git("rev-parse", "HEAD") or "unknown"
    # a run from a working tree with uncommitted changes is not reproducible from the commit
    status = _git("status", "--porcelain", "--untracked-files=no")
    out["git_dirty"] = "unknown" if status is None else str(bool(status))
    return out


def simulate(cfg: Config) -> Results:
    """Build the model for a validated config, run it, and assemble the results."""
    from sim.model import LabourMarketModel

    t0 = time.perf_counter()
    model = LabourMarketModel(cfg)
    initial = dict(model.statistics.record)
    model.run()
    monthly = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    start = month_index(*parse_month("start", cfg.start))
    prev_year = start // 12 - 1
    prev = monthly_log_gdp(cfg.scenario, prev_year * 12, prev_year * 12 + 11)
    initial["log_gdp_prev_year"] = float(np.log(np.exp(prev).mean()))
    annual = mark_in_sample(annual_table(monthly, initial))
    mark_in_sample(monthly)
    card = scorecard(annual)
    elapsed = time.perf_counter() - t0
    summary = make_summary(cfg, monthly, annual, card, elapsed)
    log.info("simulated %d months of %d agents in %.1f s", cfg.months, cfg.n_agents, elapsed)
    return Results(config=cfg, monthly=monthly, annual=annual, scorecard=card, summary=summary)


def make_summary(
    cfg: Config, monthly: pd.DataFrame, annual: pd.DataFrame, card: pd.DataFrame, elapsed: float
) -> dict[str, Any]:
    """The headline answers of a run, with what it takes to re-run and check it. The answers
    about the ceiling cover the months and years of the plan period (not ``in_sample``); the
    annual rates are given for every year run."""
    rates = plan_rows(monthly)["urban_unemployment_rate"]
    worst = int(rates.idxmax()) if len(rates) else None
    plan_years = plan_rows(annual)
    plan = plan_years[plan_years.year <= 2025]
    return {
        "annual_urban_unemployment_rate": {
            int(y): round(float(v), 4)
            for y, v in zip(annual.year, annual.urban_unemployment_rate, strict=True)
        },
        "annual_youth_unemployment_rate": {
            int(y): round(float(v), 4)
            for y, v in zip(annual.year, annual.youth_unemployment_rate, strict=True)
        },
        "max_monthly_urban_unemployment_rate": None
        if worst is None
        else round(float(rates.max()), 4),
        "max_monthly_urban_unemployment_month": None if worst is None else str(monthly.date[worst]),
        "ceiling": CEILING,
        "ceiling_held_every_year": bool((plan_years.urban_unemployment_rate < CEILING).all()),
        "ceiling_held_every_month": bool((rates < CEILING).all()),
        "urban_new_jobs_cumulative": round(float(plan.urban_new_jobs.sum()), 2),
        "policy": cfg.policy.name,
        "ai": cfg.ai.name,
        "fiscal_cost_100m_yuan": {
            c.removeprefix("cost_"): {
                int(y): round(float(v), 3) for y, v in zip(annual.year, annual[c], strict=True)
            }
            for c in annual.columns
            if c.startswith("cost_")
        },
        "scorecard": card.replace({np.nan: None}).to_dict(orient="records"),
        "seed": cfg.seed,
        "n_agents": cfg.n_agents,
        "start": cfg.start,
        "months": cfg.months,
        "scenario": cfg.scenario.name,
        "digest": digest(monthly),
        "versions": versions(),
        "runtime_seconds": round(elapsed, 2),
        "config": as_dict(cfg),
    }


def load(run_dir: str | Path) -> Results:
    """Read a saved run back (tables, summary and config)."""
    from sim.config import to_config

    d = Path(run_dir)
    missing = [
        f
        for f in (MONTHLY_FILE, ANNUAL_FILE, SCORECARD_FILE, SUMMARY_FILE, CONFIG_FILE)
        if not (d / f).exists()
    ]
    if missing:
        raise FileNotFoundError(
            f"{d} is not a complete run directory; missing {', '.join(missing)}"
        )
    return Results(
        config=to_config(OmegaConf.load(d / CONFIG_FILE)),
        monthly=pd.read_parquet(d / MONTHLY_FILE),
        annual=pd.read_parquet(d / ANNUAL_FILE),
        scorecard=pd.read_csv(d / SCORECARD_FILE),
        summary=json.loads((d / SUMMARY_FILE).read_text()),
    )
