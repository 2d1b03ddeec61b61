"""The experiments of issues 3-5: their presets compose, and each analysis runs on a tiny sweep.

Sweeps here are tiny (10k agents, 12-24 months, one seed, 2 x 2 cells) and write into temporary
folders; the real runs and their findings are in experiments/*/README.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hydra.core.override_parser.overrides_parser import OverridesParser

from sim.analysis import ai_frontier, policy_ranking, sensitivity
from sim.api import CONF_DIR, compose_config
from sim.config import Config, validate
from sim.params import iter_params
from tests.conftest import TINY

REPO = Path(__file__).resolve().parent.parent
# one seed, tiny runs, and the basic launcher: jobs run one after another in the sweep's own
# process, which for four tiny jobs is faster than starting joblib's workers
TINY_SWEEP = ["seed=0", *TINY, "hydra/launcher=basic"]


def sweep_values(experiment: str) -> dict[str, list[str]]:
    """The values each swept key of a preset takes (``hydra.sweeper.params``)."""
    text = (CONF_DIR / "experiment" / f"{experiment}.yaml").read_text()
    params = yaml.safe_load(text)["hydra"]["sweeper"]["params"]
    parsed = OverridesParser.create().parse_overrides([f"{k}={v}" for k, v in params.items()])
    return {
        o.key_or_group: [str(v) for v in o.sweep_string_iterator()]
        if o.is_sweep_override()
        else [str(o.value())]
        for o in parsed
    }


def run_sweep(out: Path, *args: str) -> Path:
    """``python -m sim <args>`` (a MULTIRUN preset) into ``out``; fails the test if it fails."""
    proc = subprocess.run(
        [sys.executable, "-m", "sim", *args, f"hydra.sweep.dir={out}"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (out / "sweep_annual.parquet").exists(), "the sweep was not collected"
    return out


@pytest.mark.parametrize(
    ("experiment", "n_jobs", "n_agents"),
    [
        ("ceiling", 3 * 2 * 2 * 20, 200_000),
        ("ai_frontier", 4 * 4 * 4, 100_000),
        ("policy_ranking", 15 * 2 * 3, 100_000),
    ],
)
def test_sweep_presets_compose_and_validate(experiment, n_jobs, n_agents):
    values = sweep_values(experiment)
    total = 1
    for v in values.values():
        total *= len(v)
    assert total == n_jobs
    # the preset, and the preset with the last value of every swept key (conf/policy/*.yaml etc.
    # are each validated by tests/test_configs.py)
    cfg = validate(compose_config([f"experiment={experiment}"]))
    assert cfg.figures is False and cfg.n_agents == n_agents
    last = [f"{k}={v[-1]}" for k, v in values.items()]
    validate(compose_config([f"experiment={experiment}", *last]))


def test_sensitivity_preset_and_policy_list():
    base = validate(compose_config(["experiment=sensitivity"]))
    assert base.ai.name == "baseline" and base.ai.enabled
    assert set(sweep_values("policy_ranking")["policy"]) == {
        p.stem for p in (CONF_DIR / "policy").glob("*.yaml")
    }


def test_sensitivity_factors_are_schema_keys_within_their_allowed_ranges():
    fields = dict(iter_params(Config))
    for f in sensitivity.FACTORS:
        assert f.key in fields, f.key
        meta = fields[f.key].metadata
        assert meta["lo"] <= f.lo < f.hi <= meta["hi"], f.key
        assert f.unit and len(f.source) > 5
    assert len(sensitivity.FACTORS) >= 10


@pytest.mark.slow  # a whole experiment sweep, collected and analysed (~10 s)
def test_ai_frontier_analysis_on_a_tiny_sweep(tmp_path):
    out = run_sweep(
        tmp_path / "sweep",
        "experiment=ai_frontier",
        "ai=slow,shock",
        "policy.training.capacity=0,4000",
        *TINY_SWEEP,
    )
    assert ai_frontier.main([str(out), "--out", str(tmp_path / "res")]) == 0
    table = pd.read_csv(tmp_path / "res" / "ai_frontier.csv")
    assert len(table) == 4 and list(table.ai.unique()) == ["slow", "shock"]
    assert (table.n_seeds == 1).all()
    annual = pd.read_parquet(out / "sweep_annual.parquet")
    monthly = pd.read_parquet(out / "sweep.parquet")
    for _, r in table.iterrows():
        capacity = r["policy.training.capacity"]
        cell = (annual.ai == r.ai) & (annual["policy.training.capacity"] == capacity)
        rates = annual[cell].urban_unemployment_rate
        assert r.max_annual_rate == pytest.approx(rates.max(), abs=1e-3)
        assert r.years_above_ceiling == (rates > 5.5).sum()
        cell_m = (monthly.ai == r.ai) & (monthly["policy.training.capacity"] == capacity)
        assert r.peak_monthly_rate == pytest.approx(
            monthly[cell_m].urban_unemployment_rate.max(), abs=1e-3
        )
    assert (tmp_path / "res" / "ai_frontier.png").stat().st_size > 0


@pytest.mark.slow  # a whole experiment sweep, collected and analysed (~10 s)
def test_policy_ranking_analysis_on_a_tiny_sweep(tmp_path):
    out = run_sweep(
        tmp_path / "sweep",
        "experiment=policy_ranking",
        "policy=none,public_welfare_posts",
        "ai=none,fast",
        *TINY_SWEEP,
        "months=12",
    )
    assert policy_ranking.main([str(out), "--out", str(tmp_path / "res")]) == 0
    table = pd.read_csv(tmp_path / "res" / "policy_ranking.csv")
    assert len(table) == 2 and set(table.policy) == {"public_welfare_posts"}
    assert set(table.ai) == {"none", "fast"} and set(table.scenario) == {"history"}
    annual = pd.read_parquet(out / "sweep_annual.parquet")
    for r in table.itertuples():
        rows = annual[annual.ai == r.ai].set_index("policy")
        lever, none = rows.loc["public_welfare_posts"], rows.loc["none"]
        d = lever.urban_unemployment_rate - none.urban_unemployment_rate
        assert r.d_urban_pp == pytest.approx(d, abs=1e-4)
        assert r.cost_100m_yuan == pytest.approx(lever.cost_total - none.cost_total, rel=1e-4)
        assert r.cost_100m_yuan > 0  # public-welfare posts cost money
    assert (tmp_path / "res" / "policy_ranking.png").stat().st_size > 0
    assert (tmp_path / "res" / "policy_effects_by_seed.csv").exists()


@pytest.mark.slow  # sixteen runs, and a claim about the economy: which factor matters most
def test_sensitivity_screening_on_a_tiny_budget(tmp_path):
    # Four trajectories at 20k agents: with event draws (issue 12) two trajectories at 10k left
    # offer acceptance and formal separations within noise of each other in one seed of three.
    trajectories = 4
    factors = [
        f
        for f in sensitivity.FACTORS
        if f.key in ("matching.offer_acceptance", "separations.formal", "ai.steepness")
    ]
    table = sensitivity.screen(
        tmp_path,
        trajectories=trajectories,
        n_agents=20_000,
        months=12,
        n_jobs=1,
        noise_seeds=0,
        factors=factors,
    )
    assert len(table) == 2 * 3 and set(table.output) == {"urban", "youth"}
    assert (table.mu_star >= 0).all() and (table.mu_star >= table.mu.abs() - 1e-9).all()
    samples = pd.read_csv(tmp_path / "sensitivity.csv")
    assert len(samples) == 2 * 3  # one row per output and factor
    points = pd.read_csv(tmp_path / "samples.csv")
    assert len(points) == trajectories * (3 + 1) and points.urban.notna().all()
    # a higher acceptance of offers lowers unemployment: the largest effect, and negative
    urban = table[table.output == "urban"].set_index("factor")
    assert urban.loc["matching.offer_acceptance", "rank"] == 1
    assert urban.loc["matching.offer_acceptance", "mu"] < 0
    assert (tmp_path / "sensitivity.png").stat().st_size > 0


def test_sensitivity_cli_rejects_bad_input(capsys):
    assert sensitivity.main(["--factors", "no.such_key"]) == 2
    assert "unknown factor" in capsys.readouterr().err
    assert sensitivity.main(["-r", "1"]) == 2


def test_dispatch_runs_the_screening_only_for_experiment_sensitivity(monkeypatch):
    calls: list[list[str]] = []
    monkeypatch.setattr(sensitivity, "main", lambda argv: calls.append(argv) or 0)
    sensitivity.dispatch(["experiment=ceiling", "seed=1"])  # returns: not a screening
    with pytest.raises(SystemExit) as stop:
        sensitivity.dispatch(["experiment=sensitivity", "-r", "6", "n_agents=50000"])
    assert stop.value.code == 0 and calls == [["-r", "6", "n_agents=50000"]]
