"""Which parameters matter? Morris screening of the model's parameters.

``python -m sim.analysis.sensitivity [options] [overrides]``, or ``python -m sim
experiment=sensitivity [overrides]``.

Elementary effects (Morris 1991; Campolongo, Cariboni and Saltelli 2007) with SALib: ``r``
trajectories through a grid of ``levels`` levels over the ranges of :data:`FACTORS`, one factor
moving at a time, so ``r x (k + 1)`` runs for ``k`` factors. Each point is one run of the model
(:func:`sim.run`) on top of ``experiment=sensitivity`` (the base: AI adoption at its baseline
speed, so that ``ai.steepness`` acts, the plan's package, 60 months from 2021-01), all with the
same seed (common random numbers: a factor's effect is not buried in seed noise). Runs go in
parallel with joblib.

Outputs (each the mean of the annual rates over the simulated years, 2021-2025 by default):
``urban`` (surveyed urban unemployment rate, %) and ``youth`` (16-24, %).

Writes into ``--out`` (default ``outputs/sensitivity/<date>_<time>``):

- ``sensitivity.csv``: one row per output and factor: ``mu``, ``mu_star`` (mean absolute
  elementary effect: the change of the output, in percentage points, when the factor moves over
  its whole range), ``sigma`` (spread of the effects: interactions or non-linearity),
  ``mu_star_conf`` (95% bootstrap half-width), ``rank`` by ``mu_star``, the factor's range, unit
  and source;
- ``samples.csv``: every point (factor values) and its outputs;
- ``seed_noise.csv``: the outputs at the base point for ``--noise-seeds`` other seeds, and their
  standard deviation (an effect well below it is noise-sized);
- ``sensitivity.png``: ``mu_star`` with its confidence bar per factor, ranked, one panel per output;
- ``settings.json``: the design (trajectories, levels, agents, months, seed, overrides, runtime).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

EXPERIMENT = "experiment=sensitivity"
BASE_OVERRIDES = (EXPERIMENT,)
OUTPUTS = {"urban": "urban_unemployment_rate", "youth": "youth_unemployment_rate"}
TABLE_FILE = "sensitivity.csv"
SAMPLES_FILE = "samples.csv"
NOISE_FILE = "seed_noise.csv"
FIGURE_FILE = "sensitivity.png"
SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Factor:
    """A parameter screened: its config key, range, unit and why that range."""

    key: str
    lo: float
    hi: float
    unit: str
    source: str


FACTORS: tuple[Factor, ...] = (
    Factor(
        "matching.offer_acceptance",
        0.40,
        0.65,
        "probability",
        "calibrated 0.5; range assumption: -0.1 to +0.15 around it (the 2021-2025 rate moves by "
        "about a point over the range)",
    ),
    Factor("separations.formal", 0.006, 0.010, "per month", "default 0.008 +-25% (assumption)"),
    Factor("separations.flexible", 0.014, 0.026, "per month", "default 0.02 +-30%; US 0.016"),
    Factor(
        "migration.hukou_moving_cost",
        0.25,
        0.75,
        "log income points",
        "default 0.5 +-50% (assumption; the hukou lever removes 20%)",
    ),
    Factor("migration.rural_urban_rate", 0.0015, 0.0025, "per month", "calibrated 0.002 +-25%"),
    Factor("migration.return_rate", 0.015, 0.045, "per month", "default 0.03 +-50% (assumption)"),
    Factor("demand.layoff_speed", 0.04, 0.12, "per month", "default 0.08 +-50% (assumption)"),
    Factor("demand.vacancy_posting", 0.4, 0.8, "share per month", "default 0.6 +-33%"),
    Factor(
        "ai.steepness",
        0.3,
        1.2,
        "per year",
        "from ai=slow (0.3) to ai=fast (1.2), midpoint of ai=baseline (2030)",
    ),
    Factor("training.success", 0.5, 0.9, "share of trainees", "default 0.7 +-0.2 (assumption)"),
    Factor(
        "demography.discouragement", 0.005, 0.015, "per month", "default 0.01 +-50% (assumption)"
    ),
)


def problem(factors: Sequence[Factor]) -> dict:
    """SALib's problem definition for these factors."""
    return {
        "num_vars": len(factors),
        "names": [f.key for f in factors],
        "bounds": [[f.lo, f.hi] for f in factors],
    }


def morris_sample(
    factors: Sequence[Factor], trajectories: int, levels: int = 4, seed: int = 0
) -> np.ndarray:
    """The Morris design: ``trajectories x (len(factors) + 1)`` points, one per row."""
    from SALib.sample import morris

    return morris.sample(problem(factors), trajectories, num_levels=levels, seed=seed)


def point_overrides(values: Sequence[float], factors: Sequence[Factor]) -> list[str]:
    """``key=value`` overrides for one point of the design."""
    return [f"{f.key}={float(v)!r}" for f, v in zip(factors, values, strict=True)]


def outputs_of(annual: pd.DataFrame) -> dict[str, float]:
    """The screened outputs of one run: the mean over its years of the annual rates."""
    return {name: float(annual[column].mean()) for name, column in OUTPUTS.items()}


def evaluate(overrides: list[str]) -> dict[str, float]:
    """Run the model once with these overrides and return :func:`outputs_of` its annual table."""
    import sim

    return outputs_of(sim.run(overrides).annual)


def run_points(runs: list[list[str]], n_jobs: int = 2, what: str = "run") -> pd.DataFrame:
    """Evaluate every override list, ``n_jobs`` at a time, logging progress; rows in order."""
    from joblib import Parallel, delayed

    def one(i: int, overrides: list[str]) -> tuple[int, dict[str, float]]:
        return i, evaluate(overrides)

    t0 = time.perf_counter()
    results: dict[int, dict[str, float]] = {}
    tasks = (delayed(one)(i, ov) for i, ov in enumerate(runs))
    for i, out in Parallel(n_jobs=n_jobs, return_as="generator_unordered")(tasks):
        results[i] = out
        done = len(results)
        if done == len(runs) or done % max(1, len(runs) // 10) == 0:
            log.info("%s %d of %d done (%.0f s)", what, done, len(runs), time.perf_counter() - t0)
    return pd.DataFrame([results[i] for i in range(len(runs))])


def analyse(
    factors: Sequence[Factor], x: np.ndarray, y: pd.DataFrame, levels: int = 4, seed: int = 0
) -> pd.DataFrame:
    """SALib's Morris analysis of each output: one row per output and factor, ranked."""
    from SALib.analyze import morris

    rows = []
    for name in OUTPUTS:
        res = morris.analyze(problem(factors), x, y[name].to_numpy(), num_levels=levels, seed=seed)
        for i, f in enumerate(factors):
            rows.append(
                {
                    "output": name,
                    "factor": f.key,
                    "mu": float(res["mu"][i]),
                    "mu_star": float(res["mu_star"][i]),
                    "sigma": float(res["sigma"][i]),
                    "mu_star_conf": float(res["mu_star_conf"][i]),
                    "lo": f.lo,
                    "hi": f.hi,
                    "unit": f.unit,
                    "source": f.source,
                }
            )
    table = pd.DataFrame(rows)
    table.insert(2, "rank", table.groupby("output").mu_star.rank(ascending=False, method="first"))
    return table.sort_values(["output", "rank"], ignore_index=True)


def figure(table: pd.DataFrame, path: Path, noise: dict[str, float] | None = None) -> Path:
    """Ranked ``mu_star`` bars with their 95% confidence half-widths, one panel per output."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(dict.fromkeys(table.output))
    n = table.factor.nunique()
    fig, axes = plt.subplots(1, len(names), figsize=(6 * len(names), 0.4 * n + 1.6))
    for ax, name in zip(np.atleast_1d(axes), names, strict=True):
        rows = table[table.output == name].sort_values("mu_star")
        ax.barh(rows.factor, rows.mu_star, xerr=rows.mu_star_conf, color="steelblue", capsize=3)
        if noise and np.isfinite(noise.get(name, np.nan)):
            ax.axvline(noise[name], color="grey", ls=":", label="seed-to-seed sd of the output")
            ax.legend(frameon=False, fontsize=8, loc="lower right")
        ax.set_title(f"{name} unemployment rate, mean of the years (%)", fontsize=10)
        ax.set_xlabel("mu* (points over the factor's range), 95% conf.")
        ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def screen(
    out_dir: str | Path,
    trajectories: int = 4,
    n_agents: int = 30_000,
    months: int = 60,
    seed: int = 0,
    levels: int = 4,
    n_jobs: int = 2,
    noise_seeds: int = 4,
    factors: Sequence[Factor] = FACTORS,
    overrides: Sequence[str] = (),
) -> pd.DataFrame:
    """Run the Morris screening and write the files of the module docstring into ``out_dir``."""
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    user = list(overrides)
    given = dict(o.lstrip("+~").split("=", 1) for o in user)
    base = [*BASE_OVERRIDES, "figures=false"]
    base += [f"{k}={v}" for k, v in (("n_agents", n_agents), ("months", months)) if k not in given]
    base += [f"seed={seed}"] if "seed" not in given else []
    base += user
    from sim.api import compose_config
    from sim.config import validate

    validate(compose_config(base))  # a bad override stops here, not in every worker
    x = morris_sample(factors, trajectories, levels, seed)
    log.info(
        "Morris screening: %d factors x %d trajectories = %d runs, %s",
        len(factors),
        trajectories,
        len(x),
        " ".join(base),
    )
    y = run_points([base + point_overrides(p, factors) for p in x], n_jobs, "run")
    samples = pd.concat([pd.DataFrame(x, columns=[f.key for f in factors]), y], axis=1)
    samples.to_csv(out / SAMPLES_FILE, index=False, float_format="%.6g")
    noise: dict[str, float] = {}
    if noise_seeds > 0:
        seeds = [s for s in range(seed + 1, seed + 1 + noise_seeds)]
        runs = [[*base, f"seed={s}"] for s in seeds]
        ny = run_points(runs, n_jobs, "seed-noise run").assign(seed=seeds)
        noise = {name: float(ny[name].std(ddof=1)) for name in OUTPUTS} if noise_seeds > 1 else {}
        ny.to_csv(out / NOISE_FILE, index=False, float_format="%.6g")
    table = analyse(factors, x, y, levels, seed)
    table.to_csv(out / TABLE_FILE, index=False, float_format="%.5g")
    figure(table, out / FIGURE_FILE, noise)
    settings = {
        "trajectories": trajectories,
        "levels": levels,
        "runs": len(x),
        "n_agents": int(given.get("n_agents", n_agents)),
        "months": int(given.get("months", months)),
        "seed": seed,
        "base_overrides": base,
        "noise_seeds": noise_seeds,
        "seed_noise_sd": noise,
        "factors": [asdict(f) for f in factors],
        "runtime_seconds": round(time.perf_counter() - t0, 1),
    }
    (out / SETTINGS_FILE).write_text(json.dumps(settings, indent=2))
    log.info(
        "wrote %s and %s in %.0f s", out / TABLE_FILE, out / FIGURE_FILE, time.perf_counter() - t0
    )
    return table


def main(argv: list[str] | None = None) -> int:
    """Command line; extra ``key=value`` arguments are passed to every run as overrides."""
    parser = argparse.ArgumentParser(
        prog="python -m sim.analysis.sensitivity", description=__doc__.split("\n")[0]
    )
    parser.add_argument("overrides", nargs="*", help="key=value overrides for every run")
    parser.add_argument("--trajectories", "-r", type=int, default=4, help="Morris trajectories")
    parser.add_argument("--n-agents", type=int, default=30_000, help="agents per run")
    parser.add_argument("--months", type=int, default=60, help="months per run")
    parser.add_argument("--seed", type=int, default=0, help="seed of every run and the design")
    parser.add_argument("--levels", type=int, default=4, help="grid levels of the design")
    parser.add_argument("--jobs", type=int, default=2, help="runs in parallel")
    parser.add_argument("--noise-seeds", type=int, default=4, help="extra seeds at the base")
    parser.add_argument("--factors", help="comma-separated keys: screen only these factors")
    parser.add_argument("--out", help="output folder (default outputs/sensitivity/<date>_<time>)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(message)s", datefmt="%X")
    factors: Sequence[Factor] = FACTORS
    if args.factors:
        wanted = [k.strip() for k in args.factors.split(",") if k.strip()]
        known = {f.key: f for f in FACTORS}
        unknown = [k for k in wanted if k not in known]
        if unknown:
            print(
                f"error: unknown factor {', '.join(unknown)}; known: {', '.join(known)}",
                file=sys.stderr,
            )
            return 2
        factors = [known[k] for k in wanted]
    bad = [o for o in args.overrides if "=" not in o]
    if bad or args.trajectories < 2 or len(factors) < 1:
        print("error: overrides are key=value and --trajectories must be >= 2", file=sys.stderr)
        return 2
    out = args.out or f"outputs/sensitivity/{datetime.now():%Y-%m-%d_%H-%M-%S}"
    from sim.config import ConfigError

    try:
        table = screen(
            out,
            args.trajectories,
            args.n_agents,
            args.months,
            args.seed,
            args.levels,
            args.jobs,
            args.noise_seeds,
            factors,
            args.overrides,
        )
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with pd.option_context("display.width", 200, "display.max_columns", 10):
        print(
            table[["output", "factor", "rank", "mu_star", "mu_star_conf", "mu", "sigma"]].to_string(
                index=False, float_format=lambda v: f"{v:.3f}"
            )
        )
    print(f"\nResults in {out}")
    return 0


def dispatch(argv: list[str]) -> None:
    """For ``python -m sim``: if ``argv`` selects ``experiment=sensitivity``, run the screening
    with the other arguments (options and overrides) and exit; otherwise return."""
    if EXPERIMENT in argv:
        sys.exit(main([a for a in argv if a != EXPERIMENT]))


if __name__ == "__main__":
    sys.exit(main())
