"""The plan's levers: off they change nothing, on they move their outcome, and costs add up."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sim
from sim.analysis.policy_eval import effect_table
from sim.policies import LEVER_NAMES, LEVERS
from tests.conftest import LARGE, SMALL, TINY

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def none_run() -> sim.Results:
    return sim.run(TINY + ["policy=none"])


@pytest.mark.parametrize("lever", LEVERS, ids=LEVER_NAMES)
def test_lever_at_zero_intensity_changes_nothing(lever, none_run):
    zeros = [f"policy.{lever.name}.{f}=0" for f in lever.intensities]
    off = sim.run(TINY + [f"policy={lever.name}", *zeros])
    pd.testing.assert_frame_equal(off.monthly, none_run.monthly)


def _mean(extra: list[str], metric, seeds=(0, 1)) -> float:
    """Mean of ``metric`` over seeds of 36-month runs with overrides ``extra``."""
    return float(
        np.mean([metric(sim.run(SMALL + ["months=36", f"seed={s}", *extra])) for s in seeds])
    )


def _tail(col: str, months: int = 24):
    return lambda r: r.monthly[col].iloc[-months:].mean()


def _share_outside(name: str):
    """Share of urban employment outside region ``name`` over the last year."""

    def f(r):
        m = r.monthly.iloc[-12:]
        cols = [c for c in m.columns if c.startswith("urban_employed_")]
        return float((1 - m[f"urban_employed_{name}"] / m[cols].sum(axis=1)).mean())

    return f


# lever -> (extra overrides, outcome, expected sign of (with lever - without))
EXPECTED = {
    # (some tests turn the intensity up so the direction shows above the noise of small runs)
    "job_retention": (
        ["scenario=demand_shock"],
        ["policy.job_retention.layoff_reduction=0.6"],
        _tail("layoffs", 36),
        -1,
    ),
    "training": ([], [], _tail("training_starts"), +1),
    "employment_services": ([], [], _tail("job_finding_rate"), +1),
    "unemployment_insurance": ([], [], _tail("ui_recipients"), +1),
    "startup_support": ([], [], _tail("startups"), +1),
    "hukou_relaxation": ([], [], _tail("hukou_settlements"), +1),
    "regional_transfer": ([], ["policy.regional_transfer.shift=3"], _share_outside("East"), +1),
    # graduates and villagers are few at 30k agents: these two use 100k
    "graduate_programmes": (LARGE, [], _tail("graduate_unemployment_rate"), -1),
    # 1m posts lower the long-term share by ~0.3 points at 30k agents, with a seed-to-seed sd of
    # ~0.45 (40 seeds): 5m posts make it ~1.2 points, clear of the noise with two seeds
    "public_welfare_posts": (
        [],
        ["policy.public_welfare_posts.posts=500"],
        _tail("long_term_unemployed_share"),
        -1,
    ),
    "work_relief": (
        LARGE,
        ["policy.work_relief.participants=300"],
        _tail("rural_employed"),
        +1,
    ),
    "platform_work": ([], [], _tail("pension_coverage", 6), +1),
    "macro_support": (
        # more urban demand draws villagers off the farms (the rural absorber): the urban rate and
        # total employment barely move, urban employment rises
        ["scenario=slow_growth", *LARGE],
        ["policy.macro_support.trigger=4.0"],
        _tail("urban_employed"),
        +1,
    ),
    # migrants' rate is noisy at 30k agents (+-0.15 points between seeds): 100k, whole penalty
    "equal_access": (
        LARGE,
        ["policy.equal_access.penalty_removed=1.0"],
        _tail("migrant_unemployment_rate"),
        -1,
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("lever", LEVER_NAMES)
def test_each_lever_moves_its_outcome_the_expected_way(lever):
    common, stronger, metric, sign = EXPECTED[lever]
    with_lever = _mean(common + [f"policy={lever}"] + stronger, metric)
    without = _mean(common + ["policy=none"], metric)
    assert np.sign(with_lever - without) == sign, f"{lever}: {with_lever} vs {without}"


def test_every_lever_is_covered_by_an_outcome_test():
    assert set(EXPECTED) == set(LEVER_NAMES)


def test_costs_are_non_negative_and_add_up():
    res = sim.run(TINY + ["policy=plan", "scenario=demand_shock"])
    m = res.monthly
    levers = [f"cost_{n}" for n in LEVER_NAMES]
    assert (m[levers] >= 0).all().all()
    assert np.allclose(m[levers].sum(axis=1), m.cost_total)
    assert np.allclose(res.annual.cost_total, m.groupby("year").cost_total.sum())
    assert (m[levers].sum() > 0).sum() >= 10  # most levers spend money under the plan
    fiscal = res.summary["fiscal_cost_100m_yuan"]
    assert set(fiscal) == {c.removeprefix("cost_") for c in levers} | {"total"}


def test_no_policy_costs_nothing(none_run):
    assert (none_run.monthly.cost_total == 0).all()


def test_cost_per_job_is_reported_against_the_counterfactual(none_run):
    plan = sim.run(TINY + ["policy=plan"])
    table = effect_table(plan, none_run)
    assert list(table.year) == [2021, 2022]
    assert (table.cost_100m_yuan > 0).all()
    assert {"jobs_10k", "cost_per_job_yuan", "d_urban_unemployment_rate"} <= set(table.columns)


@pytest.mark.parametrize("lever", LEVERS, ids=LEVER_NAMES)
def test_lever_docstring_names_its_plan_section(lever):
    doc = inspect.getmodule(lever).__doc__
    assert re.search(r"plan\s+sections?", doc) and lever.plan_section.split(",")[0] in doc


def test_readme_lists_every_lever():
    text = README.read_text()
    for name in LEVER_NAMES:
        assert f"`{name}`" in text, name
