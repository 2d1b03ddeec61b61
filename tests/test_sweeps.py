"""Sweeps through the CLI: parallel launchers, status records, collection, failures, ceiling.

Every sweep is tiny (10k agents, 6-12 months) and writes into a temporary folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import sim
from sim.analysis.collect import parse_overrides
from tests.conftest import TINY, TINY_HALF_YEAR

REPO = Path(__file__).resolve().parent.parent


def run_module(module: str, *args: str) -> subprocess.CompletedProcess:
    """``python -m module args`` from the repository, output captured."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def sweep(sweep_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m sim --multirun args`` into ``sweep_dir``; fails the test if the sweep fails."""
    proc = run_module("sim", "--multirun", *args, f"hydra.sweep.dir={sweep_dir}")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def joblib_sweep(tmp_path_factory) -> Path:
    """A 2 seeds x 2 scenarios sweep with the default (joblib) launcher."""
    out = tmp_path_factory.mktemp("joblib") / "sweep"
    proc = sweep(out, "seed=0,1", "scenario=baseline,history", *TINY_HALF_YEAR)
    assert "Joblib" in proc.stdout + proc.stderr, (
        "the joblib launcher is not the default for --multirun"
    )
    return out


def check_collected(out: Path, n_jobs: int = 4, months: int = 6) -> pd.DataFrame:
    """The sweep's jobs are all ok, and sweep.parquet holds one row per job and month."""
    for job in range(n_jobs):
        status = json.loads((out / str(job) / "status.json").read_text())
        assert status["status"] == "ok" and status["error"] is None
        assert f"seed={status['seed']}" in status["overrides"]
        assert status["runtime_seconds"] > 0
    table = pd.read_parquet(out / "sweep.parquet")
    assert len(table) == n_jobs * months
    assert sorted(table.job.unique()) == [str(j) for j in range(n_jobs)]
    assert {(s, c) for s, c in zip(table.seed, table.scenario, strict=True)} == {
        (0, "baseline"),
        (0, "history"),
        (1, "baseline"),
        (1, "history"),
    }
    annual = pd.read_parquet(out / "sweep_annual.parquet")
    assert len(annual) == n_jobs and {"seed", "scenario", "job", "year"} <= set(annual.columns)
    assert len(pd.read_csv(out / "failed_jobs.csv")) == 0
    return table


def test_joblib_sweep_runs_four_jobs_and_collects_them(joblib_sweep):
    check_collected(joblib_sweep)
    proc = run_module("sim.analysis.collect", str(joblib_sweep))
    assert proc.returncode == 0, proc.stderr
    assert "collected 4 of 4 jobs" in proc.stdout


def test_same_seed_same_numbers_serially_and_under_joblib(joblib_sweep):
    jobs = pd.read_csv(joblib_sweep / "jobs.csv", dtype={"job": str})
    job = jobs[(jobs.seed == 1) & (jobs.scenario == "history")].job.item()
    parallel = pd.read_parquet(joblib_sweep / job / "monthly.parquet")
    serial = sim.run(["seed=1", "scenario=history", *TINY_HALF_YEAR])
    pd.testing.assert_frame_equal(parallel, serial.monthly)
    summary = json.loads((joblib_sweep / job / "summary.json").read_text())
    assert summary["digest"] == serial.summary["digest"]


@pytest.mark.slow
def test_submitit_local_sweep_runs_four_jobs_and_collects_them(tmp_path):
    pytest.importorskip("hydra_plugins.hydra_submitit_launcher")
    out = tmp_path / "sweep"
    proc = sweep(
        out,
        "seed=0,1",
        "scenario=baseline,history",
        *TINY_HALF_YEAR,
        "hydra/launcher=submitit_local",
    )
    assert "Submitit 'local'" in proc.stdout + proc.stderr
    check_collected(out)


def test_a_bad_job_is_recorded_and_the_others_are_collected(tmp_path):
    # a job records its own failure wherever it runs: the basic launcher runs the four jobs in
    # the sweep's process, without waiting for joblib's workers to start
    out = tmp_path / "sweep"
    launcher = "hydra/launcher=basic"
    proc = sweep(out, "seed=0,1", "separations.formal=0.01,1.5", *TINY_HALF_YEAR, launcher)
    jobs = pd.read_csv(out / "jobs.csv", dtype={"job": str})
    assert len(jobs) == 4
    bad = jobs[jobs["separations.formal"] == 1.5]
    assert (bad.status == "failed").all() and bad.error.str.contains("separations.formal").all()
    for job in bad.job:
        status = json.loads((out / job / "status.json").read_text())
        assert status["status"] == "failed" and "[0.0, 1.0]" in status["error"]
        assert "separations.formal=1.5" in status["overrides"]
    failed = pd.read_csv(out / "failed_jobs.csv", dtype={"job": str})
    assert sorted(failed.job) == sorted(bad.job)
    table = pd.read_parquet(out / "sweep.parquet")
    assert set(table["separations.formal"]) == {0.01} and set(table.seed) == {0, 1}
    assert len(table) == 2 * 6
    assert "failed job" in proc.stdout + proc.stderr  # the end-of-sweep summary names them
    again = run_module("sim.analysis.collect", str(out))
    assert again.returncode == 0 and again.stdout.count("failed job") == 2


@pytest.mark.slow  # a whole experiment sweep, collected and analysed (~10 s)
def test_ceiling_experiment_writes_probabilities_and_fan_charts(tmp_path):
    out = tmp_path / "sweep"
    # experiment=ceiling sets hydra.mode=MULTIRUN itself; seed=0,1 replaces its range(0,30). The
    # basic launcher runs the four tiny jobs in the sweep's own process, faster than joblib's
    # workers start (the joblib launcher has its own tests above).
    proc = run_module(
        "sim",
        "experiment=ceiling",
        "case=baseline,history",
        "policy=plan",
        "seed=0,1",
        *TINY,
        "months=38",  # case=history starts in 2018-01: its fourth year is 2021
        "hydra/launcher=basic",
        f"hydra.sweep.dir={out}",
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = pd.read_csv(out / "ceiling.csv")
    assert sorted(table.case) == ["baseline", "history"]
    assert (table.n_runs == 2).all()
    for col in ("p_below_every_year", "p_no_month_above", "p_below_2021"):
        assert table[col].between(0, 1).all()
    assert (table.p05_2021 <= table.mean_2021).all() and (table.mean_2021 <= table.p95_2021).all()
    annual = pd.read_parquet(out / "sweep_annual.parquet")
    assert "p_below_2020" not in table  # history's in-sample 2020 is not judged
    for r in table.itertuples():
        rates = annual[(annual.case == r.case) & (annual.year == 2021)].urban_unemployment_rate
        assert r.p_below_2021 == pytest.approx((rates < 5.5).mean())
        assert r.mean_2021 == pytest.approx(rates.mean())
    for name in ("urban", "youth"):
        for case in ("baseline", "history"):
            figure = out / "figures" / f"fan_{name}_case-{case}_scenario-{case}.png"
            assert figure.stat().st_size > 0


def test_parse_overrides_reads_yaml_scalars():
    assert parse_overrides(["seed=3", "scenario=history", "+a.b=0.5", "x=[1,2]", "f=false"]) == {
        "seed": 3,
        "scenario": "history",
        "a.b": 0.5,
        "x": "[1,2]",
        "f": False,
    }


def test_collect_of_a_folder_without_jobs_exits_non_zero(tmp_path):
    proc = run_module("sim.analysis.collect", str(tmp_path))
    assert proc.returncode == 1
    assert "no job directories" in proc.stderr


def test_a_job_whose_simulation_raises_is_recorded_and_the_sweep_goes_on(tmp_path, monkeypatch):
    """In-process, with Hydra's basic launcher, so that the patched simulation is the one used."""
    from sim import cli
    from sim.analysis.results import simulate

    def flaky(cfg):
        if cfg.seed == 1:
            raise RuntimeError("boom in month 3")
        return simulate(cfg)

    out = tmp_path / "sweep"
    monkeypatch.setattr(cli, "simulate", flaky)
    argv = ["sim", "--multirun", "seed=0,1", *TINY_HALF_YEAR, "hydra/launcher=basic"]
    monkeypatch.setattr(sys, "argv", [*argv, f"hydra.sweep.dir={out}"])
    cli.main()
    jobs = pd.read_csv(out / "jobs.csv", dtype={"job": str}).set_index("seed")
    assert jobs.loc[0, "status"] == "ok"
    assert jobs.loc[1, "status"] == "failed"
    assert jobs.loc[1, "error"] == "RuntimeError: boom in month 3"
    assert set(pd.read_parquet(out / "sweep.parquet").seed) == {0}
