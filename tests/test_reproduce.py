"""``python -m sim.analysis.reproduce RUN_DIR`` re-runs a saved run and catches any difference."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sim.analysis.reproduce import compare_tables
from tests.conftest import TINY_HALF_YEAR
from tests.test_sweeps import run_module


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory) -> Path:
    """A single CLI run (not a sweep), with its status record."""
    out = tmp_path_factory.mktemp("reproduce") / "run"
    proc = run_module("sim", "seed=4", *TINY_HALF_YEAR, f"hydra.run.dir={out}")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads((out / "status.json").read_text())["status"] == "ok"
    return out


def test_a_fresh_run_is_reproduced(fresh_run):
    before = sorted(p.name for p in fresh_run.iterdir())
    proc = run_module("sim.analysis.reproduce", str(fresh_run))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "matches" in proc.stdout
    assert sorted(p.name for p in fresh_run.iterdir()) == before  # nothing written into RUN_DIR


def test_an_altered_results_file_is_caught(fresh_run, tmp_path):
    run = tmp_path / "altered"
    shutil.copytree(fresh_run, run)
    monthly = pd.read_parquet(run / "monthly.parquet")
    monthly.loc[2, "youth_unemployment_rate"] += 0.1
    monthly.to_parquet(run / "monthly.parquet", index=False)
    proc = run_module("sim.analysis.reproduce", str(run))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "NOT reproduced" in proc.stdout
    assert "youth_unemployment_rate: 1 month(s) differ, from 2021-03" in proc.stdout


def test_a_job_of_a_sweep_is_reproduced(tmp_path):
    out = tmp_path / "sweep"
    # one job: the basic launcher runs it in the sweep's own process, without starting workers
    proc = run_module(
        "sim",
        "--multirun",
        "seed=5",
        *TINY_HALF_YEAR,
        "hydra/launcher=basic",
        f"hydra.sweep.dir={out}",
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    proc = run_module("sim.analysis.reproduce", str(out / "0"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_folder_that_is_not_a_run_gives_exit_code_2(tmp_path):
    proc = run_module("sim.analysis.reproduce", str(tmp_path))
    assert proc.returncode == 2
    assert "not a finished run" in proc.stderr


def test_compare_tables_names_columns_and_months():
    a = pd.DataFrame({"date": ["2021-01", "2021-02", "2021-03"], "x": [1.0, 2.0, 3.0], "y": 1})
    b = a.copy()
    b.loc[1, "x"] = 2.5
    diff = compare_tables(a, b)
    assert diff.column.tolist() == ["x"]
    assert diff.iloc[0].first_month == "2021-02" and diff.iloc[0].max_abs_diff == 0.5
    b = a.copy()
    b.loc[0, "x"] = 1.0 + 1e-15  # below the digest's 12 significant digits: not a difference
    assert compare_tables(a, b).empty
