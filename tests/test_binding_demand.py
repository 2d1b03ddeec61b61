"""The demand side binds (issue 13): firms start at their desired employment, recruit up to it plus
a buffer, lay off above it, freeze hiring in a downturn and, in the contact services, stop work for
a few months before laying off. Units on a hand-made economy, then the response of the whole model
to a one-quarter fall in output."""

from __future__ import annotations

import numpy as np
import pytest

import sim
from sim.codes import Sector, Status
from tests.hand_made import economy, employ, firms, population, run_month

EAST = 0


def _one_firm(sector: int, staffed: int = 100, share: float = 1.0):
    """One firm holding ``staffed`` workers, alone in its market (``share`` of it), and 20 job
    seekers."""
    shop = firms([sector], [EAST], [True], [share])
    people = population(staffed + 20)
    employ(people, np.arange(staffed), 0, shop)
    return people, shop


def test_a_firm_starts_at_its_staffing_ratio_of_desired_employment_and_recruits_its_buffer():
    model = economy(
        *_one_firm(Sector.MANUFACTURING), demand__hiring_buffer=0.1, demand__staffing_ratio=0.8
    )
    demand = model.demand
    assert demand.desired[0] == pytest.approx(125.0)  # its 100 workers are 0.8 of what it wants
    assert demand.target[0] == pytest.approx(137.5)
    assert demand.layoff_probability()[0] == 0.0  # below desired employment: nobody is in excess
    assert demand.vacancies[0].sum() > 0


def test_a_firm_at_its_desired_employment_still_recruits_its_buffer():
    model = economy(
        *_one_firm(Sector.MANUFACTURING), demand__hiring_buffer=0.1, demand__staffing_ratio=1.0
    )
    demand = model.demand
    assert demand.desired[0] == pytest.approx(100.0)
    assert demand.layoff_probability()[0] == 0.0
    assert demand.vacancies[0].sum() > 0


def test_layoffs_shed_a_share_of_the_excess_over_desired_employment_not_over_the_target():
    model = economy(*_one_firm(Sector.MANUFACTURING), demand__layoff_speed=0.2)
    demand = model.demand
    demand.desired[0], demand.target[0] = 80.0, 120.0  # 20 above desired, 20 below its target
    assert demand.layoff_probability()[0] == pytest.approx(0.2 * 20 / 100)


def test_hiring_freezes_with_a_fall_in_activity_and_thaws_gradually():
    model = economy(
        *_one_firm(Sector.MANUFACTURING), demand__hiring_freeze=2.0, demand__caution_memory=0.5
    )
    demand = model.demand
    posting = demand.cfg.vacancy_posting
    market = model.firms.market[0]
    demand.gaps[:, 1] = demand.gaps[:, 0] - 0.1  # the first month 10 points below the start
    demand.gaps[:, 2] = demand.gaps[:, 0] + 0.1  # and the next 10 points above
    demand.gaps[:, 3] = demand.gaps[:, 0] + 0.1
    rates = []
    for k in (1, 2, 3):
        model.month_index = model.start_index - 1 + k
        demand.update_caution(model)
        rates.append(demand.hiring_rate(model)[market] / posting)
    assert rates == pytest.approx([np.exp(-0.2), np.exp(-0.1), np.exp(-0.05)])


def _stopping_firm(sector: int, months: int):
    """A firm of ``sector`` whose desired employment has fallen to 60 of its 100 workers, run
    ``months`` months of demand and separations with half the excess stopped for up to 2 months."""
    model = economy(
        *_one_firm(sector),
        separations__formal=0.0,
        demand__firm_exit=0.0,
        demand__firm_shock_sd=0.0,
        demand__layoff_speed=0.5,
        demand__temporary_stop_share=0.5,
        demand__temporary_stop_months=2,
        demand__staffing_ratio=1.0,
    )
    model.demand.base_employment *= 0.6
    absent, layoffs = [], []
    for m in range(1, months + 1):
        run_month(model, 2021, m + 2, "demand", "separations")
        absent.append(model.demand.temporarily_absent())
        layoffs.append(model.flows.layoffs)
    return model, absent, layoffs


def test_contact_services_stop_work_before_laying_off_and_the_stopped_stay_employed():
    model, absent, layoffs = _stopping_firm(Sector.TRADITIONAL_SERVICES, 3)
    _, _, factory_layoffs = _stopping_firm(Sector.MANUFACTURING, 3)
    assert absent[0] == pytest.approx(20.0, rel=0.01)  # half the excess of 40 (and the trend)
    assert absent[1] > 0 and absent[2] == 0.0  # stops last two months, then the excess goes
    assert layoffs[0] < factory_layoffs[0]  # the factory lays off the whole excess at once
    assert model.statistics.compute(model)["temporarily_absent"] == pytest.approx(0.0)
    stopped = model.workers.status[:100] != Status.UNEMPLOYED
    assert stopped.sum() + sum(layoffs) == 100  # nobody stopped lost a job


def test_temporary_stop_sectors_are_checked():
    with pytest.raises(sim.ConfigError, match="temporary_stop_sectors names unknown sectors"):
        sim.run(["demand.temporary_stop_sectors=[restaurants]"])


@pytest.fixture(scope="module")
def quarter_fall() -> tuple:
    """A 12% fall of GDP in 2021Q3 against the same seed without it, at 100k agents over two
    years."""
    size = ["n_agents=100000", "months=24", "figures=false"]
    base = sim.run(size).monthly
    fall = sim.run([*size, "+scenario.gdp_growth_overrides={2021Q3: -7}"]).monthly
    return base.set_index("date"), fall.set_index("date")


def test_a_one_quarter_fall_in_output_raises_layoffs_and_the_rate_within_the_quarter(
    quarter_fall,
):
    base, fall = quarter_fall
    quarter = ["2021-07", "2021-08", "2021-09"]
    assert fall.output_gap[quarter].mean() < base.output_gap[quarter].mean() - 0.08
    assert fall.layoffs[quarter].sum() > 1.3 * base.layoffs[quarter].sum()
    rise = fall.urban_unemployment_rate - base.urban_unemployment_rate
    assert rise[quarter].mean() > 0.4


def test_after_the_quarter_the_rate_recovers(quarter_fall):
    base, fall = quarter_fall
    rise = fall.urban_unemployment_rate - base.urban_unemployment_rate
    peak = rise["2021-07":"2021-10"].max()
    assert abs(rise["2022-04":"2022-12"].mean()) < 0.3 * peak


def test_working_age_growth_counts_leavers_at_the_statutory_age_and_entrants_for_the_exits():
    from sim.processes.demand import working_age_growth

    # ten men of 30, two men of 59 and a half (they reach 60 within the year), three people
    # turning 75 within the year (their rows go to 16-year-olds), nobody dies
    ages = [30 * 12] * 10 + [59 * 12 + 6] * 2 + [74 * 12 + 3] * 3
    people = population(len(ages), age_months=ages)
    hazard = np.zeros(75 * 12 + 1)
    growth = working_age_growth(people, 2021 * 12, hazard, reform=False)
    assert growth == pytest.approx(np.log((12 + 3 - 2) / 12))


def test_demand_follows_a_change_in_the_growth_of_the_working_age_population():
    model = economy(*_one_firm(Sector.MANUFACTURING), demand__follows_labour_supply=1.0)
    demand = model.demand
    demand.supply_growth_start = -0.01
    demand.supply_growth = 0.01  # two points a year faster than at the start
    for m in range(2, 8):  # six months, none of them January
        model.month_index = model.start_index - 1 + m
        demand.follow_labour_supply(model)
    assert demand.supply_shift == pytest.approx(0.01)
    market = model.firms.market[0]
    shifted = demand.market_demand(model)[market]
    demand.supply_shift = 0.0
    assert shifted / demand.market_demand(model)[market] == pytest.approx(np.exp(0.01))
