"""Re-run a saved run and check that it gives the same numbers.

``python -m sim.analysis.reproduce RUN_DIR``: ``RUN_DIR`` is a single run's folder or any job
folder of a sweep. The run's ``config.yaml`` is read, validated and simulated again in memory
(nothing is written into ``RUN_DIR``). Three SHA-256 digests of the monthly table
(:func:`sim.analysis.results.digest`, values printed to 12 significant digits) must agree:

- ``saved``: the digest recorded in ``summary.json`` when the run finished;
- ``file``: recomputed now from the saved ``monthly.parquet`` (catches an altered results file);
- ``rerun``: of the new simulation (catches a change in the code or the libraries).

If they agree the exit code is 0. If not, it prints which digests differ and, comparing the
re-run with the saved table value by value, which columns and months differ and by how much, and
the versions (packages, git commit) that changed since the run; the exit code is 1. A folder that
is not a complete run, or whose config no longer validates, gives exit code 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from omegaconf import OmegaConf

from sim.analysis.results import CONFIG_FILE, MONTHLY_FILE, SUMMARY_FILE, digest, simulate, versions
from sim.config import ConfigError, to_config, validate

log = logging.getLogger(__name__)

EXIT_DIFFERENT = 1
EXIT_NOT_A_RUN = 2


@dataclass
class Reproduction:
    """The outcome of re-running one run: the three digests and what differs."""

    run_dir: Path
    saved_digest: str | None
    file_digest: str
    rerun_digest: str
    differences: pd.DataFrame  # one row per differing column: months, first month, max |diff|
    missing_columns: list[str] = field(default_factory=list)  # in the saved table only
    extra_columns: list[str] = field(default_factory=list)  # in the re-run only
    changed_versions: dict[str, tuple[str, str]] = field(default_factory=dict)  # saved, now

    @property
    def matches(self) -> bool:
        """True if the saved, file and re-run digests are all the same."""
        return self.saved_digest == self.file_digest == self.rerun_digest

    def report(self) -> str:
        """What a person needs to know: match, or which digests, columns and months differ."""
        if self.matches:
            return f"reproduced {self.run_dir}: digest {self.rerun_digest[:16]} matches"
        lines = [f"NOT reproduced {self.run_dir}:"]
        for name, value in (
            (f"saved in {SUMMARY_FILE}", self.saved_digest),
            (f"of {MONTHLY_FILE} now", self.file_digest),
            ("of the re-run", self.rerun_digest),
        ):
            lines.append(f"  digest {name + ':':<24} {value}")
        if self.saved_digest != self.file_digest:
            lines.append(
                f"  {MONTHLY_FILE} does not match the digest recorded when the run finished: "
                "the file (or summary.json) was changed afterwards"
            )
        if self.file_digest != self.rerun_digest:
            lines.append(f"  the re-run differs from {MONTHLY_FILE}:")
        for c in self.missing_columns:
            lines.append(f"    column {c}: in the saved table, not in the re-run")
        for c in self.extra_columns:
            lines.append(f"    column {c}: in the re-run, not in the saved table")
        for r in self.differences.itertuples(index=False):
            lines.append(
                f"    column {r.column}: {r.n_months} month(s) differ, from {r.first_month}"
                f" ({r.months}); largest difference {r.max_abs_diff:.6g}"
            )
        for pkg, (then, now) in self.changed_versions.items():
            lines.append(f"  {pkg} was {then}, is now {now}")
        return "\n".join(lines)


def _text(values: pd.Series) -> np.ndarray:
    """Values as :func:`sim.analysis.results.digest` writes them (floats to 12 significant
    digits)."""
    if pd.api.types.is_float_dtype(values):
        return np.array([format(v, ".12g") for v in values.to_numpy(dtype=float)])
    return values.astype(str).to_numpy()


def compare_tables(saved: pd.DataFrame, rerun: pd.DataFrame) -> pd.DataFrame:
    """Column by column, the months whose values differ at the digest's precision."""
    key = "date" if "date" in saved.columns and "date" in rerun.columns else None
    n = min(len(saved), len(rerun))
    months = (saved[key] if key else pd.Series(range(len(saved)))).astype(str).to_numpy()
    rows = []
    for c in [c for c in saved.columns if c in rerun.columns]:
        a, b = saved[c].iloc[:n], rerun[c].iloc[:n]
        differ = _text(a) != _text(b)
        extra = abs(len(saved) - len(rerun))
        if not differ.any() and not extra:
            continue
        where = list(months[:n][differ])
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b) and differ.any():
            diff = np.abs(a.to_numpy(dtype=float) - b.to_numpy(dtype=float))[differ]
            largest = float(np.nanmax(diff)) if np.isfinite(diff).any() else float("nan")
        else:
            largest = float("nan")
        shown = ", ".join(where[:6]) + (", ..." if len(where) > 6 else "")
        if extra:
            shown += f"; and {extra} month(s) in one table only"
        rows.append(
            {
                "column": c,
                "n_months": len(where) + extra,
                "first_month": where[0] if where else months[n - 1] if n else "",
                "months": shown,
                "max_abs_diff": largest,
            }
        )
    return pd.DataFrame(
        rows, columns=["column", "n_months", "first_month", "months", "max_abs_diff"]
    )


def reproduce(run_dir: str | Path) -> Reproduction:
    """Re-run the run saved in ``run_dir`` in memory and compare (see the module docstring)."""
    d = Path(run_dir)
    missing = [f for f in (CONFIG_FILE, MONTHLY_FILE, SUMMARY_FILE) if not (d / f).exists()]
    if missing:
        raise FileNotFoundError(f"{d} is not a finished run; missing {', '.join(missing)}")
    summary = json.loads((d / SUMMARY_FILE).read_text())
    try:
        cfg = validate(to_config(OmegaConf.load(d / CONFIG_FILE)))
    except ConfigError as exc:
        then = summary.get("versions", {}).get("git_commit", "unknown")
        raise ConfigError(
            f"the saved {CONFIG_FILE} does not fit this version of the model ({exc}); the run "
            f"was made at git commit {then}, this is {versions()['git_commit']}"
        ) from None
    saved = pd.read_parquet(d / MONTHLY_FILE)
    log.info("re-running %s (seed %d, %d agents, %d months)", d, cfg.seed, cfg.n_agents, cfg.months)
    rerun = simulate(cfg).monthly
    now = versions()
    then = summary.get("versions", {})
    return Reproduction(
        run_dir=d,
        saved_digest=summary.get("digest"),
        file_digest=digest(saved),
        rerun_digest=digest(rerun),
        differences=compare_tables(saved, rerun),
        missing_columns=[c for c in saved.columns if c not in rerun.columns],
        extra_columns=[c for c in rerun.columns if c not in saved.columns],
        changed_versions={
            k: (str(v), str(now.get(k))) for k, v in then.items() if str(v) != str(now.get(k))
        },
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m sim.analysis.reproduce RUN_DIR``: 0 if reproduced, 1 if anything differs, 2 if
    no run."""
    parser = argparse.ArgumentParser(
        prog="python -m sim.analysis.reproduce", description=__doc__.split("\n")[0]
    )
    parser.add_argument("run_dir", help="a run's folder, or a job folder of a sweep")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        result = reproduce(args.run_dir)
    except (FileNotFoundError, ConfigError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOT_A_RUN
    print(result.report())
    return 0 if result.matches else EXIT_DIFFERENT


if __name__ == "__main__":
    sys.exit(main())
