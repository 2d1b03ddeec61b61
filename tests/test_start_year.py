"""A run can start before the plan period: the state of December 2017, 2018 or 2019 holds that
year's figures, the months up to December 2020 are marked in-sample, and the plan's answers still
cover 2021-2025."""

from __future__ import annotations

import pytest

import sim
from sim import data_loader as data
from sim.api import compose_config
from sim.config import ConfigError, validate
from sim.initial_state import december_unemployment_rate
from sim.model import LabourMarketModel
from tests.conftest import MEDIUM, TINY

# record key -> china_annual.csv indicator, held for 2017-2020 (employment totals of 2017-2019: M)
LEVELS = {
    "employed": "employed_total_revised",
    "urban_employed": "employed_urban",
    "migrant_workers_local": "migrant_workers_local",
    "migrant_workers_away": "migrant_workers_away",
}
LEVEL_TOLERANCE = 0.02  # as tests/test_calibration.py holds the December 2020 state
RATE_TOLERANCE = 0.3  # points, as tests/test_calibration.py


def initial_record(start: str) -> dict[str, float]:
    """The statistics of the initial state of a run starting in ``start`` (50k agents)."""
    model = LabourMarketModel(validate(compose_config([*MEDIUM, f"start={start}"])))
    return model.statistics.record


@pytest.mark.parametrize("year", [2017, 2018, 2019])
def test_an_earlier_state_holds_that_years_employment_migrants_and_unemployment(year):
    rec = initial_record(f"{year + 1}-01")
    assert rec["date"] == f"{year}-12"
    for key, indicator in LEVELS.items():
        target = data.annual(indicator, year)
        assert abs(rec[key] / target - 1) < LEVEL_TOLERANCE, f"{year} {key}: {rec[key]:.0f}"
    target_rate = december_unemployment_rate(year)
    assert abs(rec["urban_unemployment_rate"] - target_rate) < RATE_TOLERANCE


def test_the_2019_state_differs_from_2020_where_the_data_do():
    """Migrant workers away from home fell by 466 x 10k in 2020: the two states show it."""
    before, after = initial_record("2020-01"), initial_record("2021-01")
    assert before["migrant_workers_away"] - after["migrant_workers_away"] > 300
    assert after["urban_employed"] - before["urban_employed"] > 700


@pytest.mark.parametrize("start", ["2017-12", "2016-01"])
def test_a_start_before_2018_is_refused_naming_the_allowed_range(start):
    with pytest.raises(ConfigError, match=r"allowed from 2018-01") as err:
        validate(compose_config([*TINY, f"start={start}"]))
    assert start in str(err.value) and "December 2017" in str(err.value)


@pytest.fixture(scope="module")
def run_from_2020() -> sim.Results:
    """Fourteen months from January 2020: 2020 in-sample, two months of the plan period."""
    return sim.run([*TINY, "start=2020-01", "months=14"])


def test_months_and_years_up_to_2020_are_in_sample_and_no_others(run_from_2020):
    m, a = run_from_2020.monthly, run_from_2020.annual
    assert len(m) == 14 and m.date.iloc[0] == "2020-01"
    assert (m.in_sample == (m.year == 2020)).all() and m.in_sample.sum() == 12
    assert (a.in_sample == (a.year == 2020)).all()


def test_the_headline_answers_leave_the_in_sample_year_out(run_from_2020):
    summary = run_from_2020.summary
    assert summary["max_monthly_urban_unemployment_month"] >= "2021-01"
    plan = run_from_2020.monthly.query("year >= 2021").urban_unemployment_rate
    assert summary["max_monthly_urban_unemployment_rate"] == round(float(plan.max()), 4)


def test_the_scorecard_judges_plan_years_only():
    """Two complete years from January 2020: the scorecard judges 2021, never 2020."""
    card = sim.run([*TINY, "start=2020-01", "months=24"]).scorecard
    judged = card[card.year.notna()]
    assert len(judged) > 0 and (judged.year == 2021).all()


def test_levers_new_in_the_plan_wait_for_2021_and_those_in_place_before_do_not(run_from_2020):
    """Regional transfer (new in the plan) costs nothing in 2020; unemployment insurance, in place
    since 1999, pays benefits from the first month."""
    m = run_from_2020.monthly.set_index("date")
    assert (m.loc["2020-01":"2020-12", "cost_regional_transfer"] == 0).all()
    assert (m.loc["2021-01":, "cost_regional_transfer"] > 0).all()
    assert m.loc["2020-01":"2020-12", "cost_unemployment_insurance"].sum() > 0


def test_a_run_that_ends_before_2021_reports_no_plan_answers():
    """Six months of 2020 are all in-sample: no worst month of the plan period, and the report
    says so instead of failing."""
    from sim.cli import format_report

    res = sim.run([*TINY, "start=2020-01", "months=6"])
    assert res.monthly.in_sample.all()
    assert res.summary["max_monthly_urban_unemployment_rate"] is None
    assert "none (the run ends before 2021)" in format_report(res)
