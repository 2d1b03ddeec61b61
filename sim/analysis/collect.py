"""Gather the jobs of a sweep into tidy tables: ``python -m sim.analysis.collect SWEEP_DIR``.

A job directory is any folder under ``SWEEP_DIR`` holding Hydra's ``.hydra/overrides.yaml``; its
name relative to ``SWEEP_DIR`` (``0``, ``1``, ... by default) is the job's id. Writes into
``SWEEP_DIR``:

- ``sweep.parquet``         one row per finished job and month: ``job``, the job's overrides as
                            columns (``seed``, ``scenario``, ``separations.formal``, ...), then
                            every column of the job's ``monthly.parquet``
- ``sweep_annual.parquet``  the same, one row per finished job and year (``annual.parquet``)
- ``jobs.csv``              one row per job: ``job``, ``status`` (ok / failed), ``error``,
                            ``runtime_seconds`` and the override columns
- ``failed_jobs.csv``       the rows of ``jobs.csv`` whose status is not ok (header only if none)

The override columns are the keys of every job's overrides; ``seed`` and ``scenario`` are always
present (from the job's ``.hydra/config.yaml`` when not overridden). Values are read
as YAML scalars (``seed=3`` gives the integer 3). An override named like a column of the results
table (``months``: annual.parquet counts the months of each year) is stored as ``months_override``
in that table. A job is "ok" when its ``status.json`` says so and its results are there; a job
with no ``status.json`` but complete results (a run from before status records) counts as ok; a
job with neither did not finish (killed, timed out) and is listed as failed.

Exit code 0 if at least one job was collected, 1 if none.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from sim.analysis.results import ANNUAL_FILE, MONTHLY_FILE, SUMMARY_FILE

log = logging.getLogger(__name__)

STATUS_FILE = "status.json"
OVERRIDES_FILE = Path(".hydra") / "overrides.yaml"
SWEEP_FILE = "sweep.parquet"
SWEEP_ANNUAL_FILE = "sweep_annual.parquet"
JOBS_FILE = "jobs.csv"
FAILED_FILE = "failed_jobs.csv"
JOB_COLUMNS = ["job", "status", "error", "runtime_seconds"]


def write_status(
    out_dir: str | Path,
    status: str,
    error: str | None,
    overrides: list[str],
    seed: Any,
    runtime_seconds: float,
) -> Path:
    """Write ``status.json`` into a job's directory: did it finish ("ok") or not ("failed"), why
    not (``error``), the job's command-line overrides, its seed and its wall-clock seconds.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    record = {
        "status": status,
        "error": error,
        "overrides": list(overrides),
        "seed": seed,
        "runtime_seconds": round(runtime_seconds, 2),
    }
    path = out / STATUS_FILE
    path.write_text(json.dumps(record, indent=2, default=str))
    return path


@dataclass
class SweepSummary:
    """What :func:`collect` found: the table of jobs and where it wrote the results."""

    sweep_dir: Path
    jobs: pd.DataFrame
    override_keys: list[str] = field(default_factory=list)

    @property
    def n_ok(self) -> int:
        """Number of jobs whose results were collected."""
        return int((self.jobs.status == "ok").sum()) if len(self.jobs) else 0

    @property
    def failed(self) -> pd.DataFrame:
        """The jobs that did not finish, with their error."""
        return self.jobs[self.jobs.status != "ok"] if len(self.jobs) else self.jobs

    def describe(self) -> str:
        """A few lines for a person: how many jobs, where the tables are, which jobs failed."""
        lines = [
            f"collected {self.n_ok} of {len(self.jobs)} jobs from {self.sweep_dir}"
            + (f" into {SWEEP_FILE} and {SWEEP_ANNUAL_FILE}" if self.n_ok else "")
        ]
        for r in self.failed.itertuples(index=False):
            lines.append(f"  failed job {r.job}: {r.error}")
        if len(self.failed):
            lines.append(f"  (listed in {self.sweep_dir / FAILED_FILE})")
        return "\n".join(lines)


def find_jobs(sweep_dir: str | Path) -> list[Path]:
    """The job directories under ``sweep_dir`` (those holding ``.hydra/overrides.yaml``)."""
    root = Path(sweep_dir)
    dirs = [p.parent.parent for p in root.rglob(str(OVERRIDES_FILE))]
    return sorted(dirs, key=lambda d: _natural_key(d.relative_to(root).as_posix()))


def _natural_key(name: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def parse_overrides(overrides: list[str]) -> dict[str, Any]:
    """``["seed=3", "scenario=history", "+x.y=0.5"]`` -> ``{"seed": 3, "scenario": "history",
    "x.y": 0.5}``; values are YAML scalars, anything else (lists, dicts) is kept as text.
    """
    out: dict[str, Any] = {}
    for ov in overrides:
        if "=" not in ov:
            continue
        key, text = ov.split("=", 1)
        key = key.lstrip("+~")
        try:
            value = yaml.safe_load(text) if text else None
        except yaml.YAMLError:
            value = text
        out[key] = value if isinstance(value, str | int | float | bool) or value is None else text
    return out


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def _job_config(job_dir: Path) -> dict[str, Any]:
    """The job's composed config as Hydra saved it (``.hydra/config.yaml``), or {}."""
    try:
        data = yaml.safe_load((job_dir / ".hydra" / "config.yaml").read_text())
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def job_record(job_dir: Path, sweep_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """One job's row of ``jobs.csv`` (status, error, runtime) and its override values."""
    overrides = yaml.safe_load((job_dir / OVERRIDES_FILE).read_text()) or []
    values = parse_overrides([str(o) for o in overrides])
    status = _read_json(job_dir / STATUS_FILE)
    summary = _read_json(job_dir / SUMMARY_FILE)
    has_results = all((job_dir / f).exists() for f in (MONTHLY_FILE, ANNUAL_FILE))
    if status is None:
        ok = has_results and summary is not None
        state, error = ("ok", None) if ok else ("failed", "no status.json: the job did not finish")
        runtime = summary.get("runtime_seconds") if summary else None
    else:
        state, error, runtime = (
            status.get("status"),
            status.get("error"),
            status.get("runtime_seconds"),
        )
        if state == "ok" and not has_results:
            state, error = "failed", "status ok but monthly.parquet or annual.parquet is missing"
    if "seed" not in values or "scenario" not in values:
        composed = _job_config(job_dir)
        values.setdefault("seed", composed.get("seed"))
        values.setdefault("scenario", (composed.get("scenario") or {}).get("name"))
    row = {
        "job": job_dir.relative_to(sweep_dir).as_posix(),
        "status": state,
        "error": error,
        "runtime_seconds": runtime,
    }
    return row, values


def _with_overrides(table: pd.DataFrame, job: str, values: dict[str, Any]) -> pd.DataFrame:
    cols = {"job": job}
    for k, v in values.items():
        cols[f"{k}_override" if k in table.columns or k == "job" else k] = v
    front = pd.DataFrame({k: [v] * len(table) for k, v in cols.items()}, index=table.index)
    return pd.concat([front, table], axis=1)


def _tidy_mixed(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Override columns holding both numbers and text (``x=1`` and ``x=abc``) become text."""
    for c in columns:
        if c in df.columns and df[c].dtype == object:
            kinds = {type(v) for v in df[c].dropna()}
            if len(kinds) > 1:
                df[c] = df[c].map(lambda v: None if v is None else str(v))
    return df


def collect(sweep_dir: str | Path) -> SweepSummary:
    """Gather every job of ``sweep_dir`` into the tables listed in the module docstring."""
    root = Path(sweep_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a directory")
    rows, monthly, annual, keys = [], [], [], []
    for job_dir in find_jobs(root):
        row, values = job_record(job_dir, root)
        keys += [k for k in values if k not in keys]
        if row["status"] == "ok":
            try:
                m = pd.read_parquet(job_dir / MONTHLY_FILE)
                a = pd.read_parquet(job_dir / ANNUAL_FILE)
            except Exception as exc:  # a truncated or corrupt file: report, don't stop
                row["status"], row["error"] = "failed", f"cannot read results: {exc}"
            else:
                monthly.append(_with_overrides(m, row["job"], values))
                annual.append(_with_overrides(a, row["job"], values))
        rows.append({**row, **values})
    jobs = pd.DataFrame(rows, columns=JOB_COLUMNS + keys)
    jobs = _tidy_mixed(jobs, keys)
    jobs.to_csv(root / JOBS_FILE, index=False)
    jobs[jobs.status != "ok"].to_csv(root / FAILED_FILE, index=False)
    for tables, name in ((monthly, SWEEP_FILE), (annual, SWEEP_ANNUAL_FILE)):
        if tables:
            df = pd.concat(tables, ignore_index=True)
            _tidy_mixed(df, keys + [f"{k}_override" for k in keys]).to_parquet(
                root / name, index=False
            )
        else:
            (root / name).unlink(missing_ok=True)  # no stale table from an earlier collection
    summary = SweepSummary(sweep_dir=root, jobs=jobs, override_keys=keys)
    log.debug("collected %d of %d jobs from %s", summary.n_ok, len(jobs), root)
    return summary


def finished_jobs(sweep_dir: str | Path) -> pd.DataFrame:
    """The sweep's finished jobs (``jobs.csv`` rows with status ok), collecting it first if it
    has not been collected; raises FileNotFoundError if no job finished."""
    root = Path(sweep_dir)
    if not (root / SWEEP_ANNUAL_FILE).exists() or not (root / JOBS_FILE).exists():
        collect(root)
    if not (root / SWEEP_ANNUAL_FILE).exists():
        raise FileNotFoundError(f"no finished jobs in {root}")
    jobs = pd.read_csv(root / JOBS_FILE, dtype={"job": str})
    return jobs[jobs.status == "ok"].copy()


def main(argv: list[str] | None = None) -> int:
    """``python -m sim.analysis.collect SWEEP_DIR``: collect, print what was found, exit 0 if
    anything was."""
    parser = argparse.ArgumentParser(
        prog="python -m sim.analysis.collect", description=__doc__.split("\n")[0]
    )
    parser.add_argument("sweep_dir", help="the sweep's output folder (hydra.sweep.dir)")
    args = parser.parse_args(argv)
    try:
        summary = collect(args.sweep_dir)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(summary.describe())
    if not len(summary.jobs):
        print(
            f"error: no job directories (with {OVERRIDES_FILE}) under {args.sweep_dir}",
            file=sys.stderr,
        )
    return 0 if summary.n_ok else 1


if __name__ == "__main__":
    sys.exit(main())
