"""The interfaces other work builds on: the CLI, ``sim.run`` and the files of a run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

import sim
from sim.data_loader import plan_targets
from tests.conftest import TINY, TINY_HALF_YEAR

REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sim", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        timeout=300,
    )


def test_cli_runs_a_scenario_and_writes_every_output(tmp_path):
    out = tmp_path / "run"
    proc = run_cli(*TINY, "figures=true", "seed=3", f"hydra.run.dir={out}")
    assert proc.returncode == 0, proc.stderr
    assert "Plan scorecard" in proc.stdout and "5.5% ceiling held every year" in proc.stdout
    for name in (
        "monthly.parquet",
        "annual.parquet",
        "scorecard.csv",
        "summary.json",
        "config.yaml",
        ".hydra/config.yaml",
        "figures/unemployment.png",
    ):
        assert (out / name).exists(), name
    monthly = pd.read_parquet(out / "monthly.parquet")
    assert len(monthly) == 24
    summary = json.loads((out / "summary.json").read_text())
    for key in (
        "annual_urban_unemployment_rate",
        "max_monthly_urban_unemployment_rate",
        "ceiling_held_every_year",
        "urban_new_jobs_cumulative",
        "scorecard",
        "seed",
        "digest",
    ):
        assert key in summary, key
    assert summary["seed"] == 3
    assert set(summary["annual_urban_unemployment_rate"]) == {"2021", "2022"}


def test_run_returns_results_without_changing_directory(tmp_path):
    before = os.getcwd()
    res = sim.run(TINY, output_dir=tmp_path / "r")
    assert os.getcwd() == before
    assert len(res.monthly) == 24 and len(res.annual) == 2
    assert res.config.n_agents == 10_000
    for col in (
        "urban_unemployment_rate",
        "youth_unemployment_rate",
        "unemployment_rate_25_29",
        "unemployment_rate_30_59",
        "migrant_unemployment_rate",
        "employed",
        "urban_employed",
        "urban_employment_share",
        "urban_new_jobs",
        "migrant_workers",
        "vacancy_rate",
        "vacancies_per_jobseeker",
        "job_finding_rate",
        "separation_rate",
        "long_term_unemployed_share",
        "mismatch_index",
    ):
        assert col in res.monthly, col
    loaded = sim.load(tmp_path / "r")
    pd.testing.assert_frame_equal(loaded.monthly, res.monthly)


def test_scorecard_lists_every_plan_indicator(baseline_run):
    """The plan's five years: a shorter run leaves the 2025 targets judged only "so far"."""
    card = baseline_run.scorecard
    assert list(card.indicator_id) == list(plan_targets().indicator_id)
    modelled = card[card.status != "not modelled"]
    assert len(modelled) >= 8
    assert set(modelled.status) <= {"pass", "fail"}
    unemployment = card.set_index("indicator_id").loc["surveyed_urban_unemployment"]
    held = baseline_run.summary["ceiling_held_every_year"]
    assert (unemployment.status == "pass") == held


def test_annual_rate_is_the_mean_of_twelve_months(tiny_run):
    m, a = tiny_run.monthly, tiny_run.annual
    for year, rate in zip(a.year, a.urban_unemployment_rate, strict=True):
        assert abs(m[m.year == year].urban_unemployment_rate.mean() - rate) < 1e-9
    assert (a.urban_unemployment_rate_max >= a.urban_unemployment_rate).all()


def test_run_many_labels_cells_and_seeds_and_matches_in_parallel():
    """``sim.run_many``: months per cell and seed, labelled; the same numbers with 2 processes."""
    cells = {"none": ["policy=none"], "plan": ["policy=plan"]}
    common = TINY_HALF_YEAR
    monthly, annual = sim.run_many(cells, [0, 1], by="policy", common=common)
    assert monthly.groupby(["policy", "seed"]).size().to_dict() == {
        (p, s): 6 for p in cells for s in (0, 1)
    }
    assert set(annual.policy) == {"none", "plan"}
    single = sim.run([*common, "policy=plan", "seed=1"]).monthly
    mine = monthly[(monthly.policy == "plan") & (monthly.seed == 1)].reset_index(drop=True)
    pd.testing.assert_frame_equal(mine.drop(columns=["policy", "seed"]), single)
    parallel, _ = sim.run_many(cells, [0, 1], by="policy", common=common, n_jobs=2)
    pd.testing.assert_frame_equal(parallel, monthly)
