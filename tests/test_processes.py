"""Each process on a small hand-made economy (tests/hand_made.py): statements about one mechanism,
checked on a state where the answer is known."""

from __future__ import annotations

import numpy as np

from sim.codes import Sector, Status
from tests.hand_made import begin_month, economy, employ, firms, population

EAST, CENTRAL = 0, 1


def _two_shops(staffed: int = 200):
    """Two shops of one city market: the first has every worker, the second (nine times its
    size) none."""
    shops = firms([Sector.TRADITIONAL_SERVICES] * 2, [EAST] * 2, [True] * 2, [0.1, 0.9])
    people = population(staffed + 50)
    employ(people, np.arange(staffed), 0, shops)
    return people, shops


def test_a_firm_above_its_target_lays_off_and_one_below_posts_vacancies():
    model = economy(*_two_shops())
    demand = model.demand
    overstaffed, short = 0, 1
    assert demand.target[overstaffed] < demand.employment[overstaffed].sum()
    assert demand.layoff_probability()[overstaffed] > 0
    assert demand.layoff_probability()[short] == 0
    assert demand.vacancies[short].sum() > 0
    assert demand.vacancies[overstaffed].sum() == 0

    begin_month(model, 2021, 1)
    model.separations.step(model)
    assert model.flows.layoffs > 0


def test_without_quits_or_excess_staff_nobody_is_laid_off():
    people, shops = _two_shops()
    model = economy(people, shops, separations__formal=0.0, demand__layoff_speed=0.0)
    begin_month(model, 2021, 3)
    model.separations.step(model)
    assert model.flows.separations == 0
    assert (people.status[:200] == Status.EMPLOYED_FORMAL).all()


def test_a_filled_vacancy_is_no_longer_open():
    model = economy(*_two_shops())
    before = model.demand.vacancies.copy()
    occ = int(np.argmax(before[1]))
    model.demand.fill(np.array([1, 1]), np.array([occ, occ]))
    assert model.demand.vacancies[1, occ] == before[1, occ] - 2
    assert (np.delete(model.demand.vacancies, 1, axis=0) == np.delete(before, 1, axis=0)).all()


def test_job_losers_become_unemployed_and_count_as_separations():
    people, shops = _two_shops(10)
    people.urban[:10] = [True] * 6 + [False] * 4  # four commute from the countryside
    model = economy(people, shops)
    begin_month(model, 2021, 3)
    losing = np.arange(10)
    model.lose_jobs(losing)
    assert (people.status[losing] == Status.UNEMPLOYED).all()
    assert (people.employer[losing] == -1).all() and (people.wage[losing] == 0).all()
    assert model.flows.separations == 10
    assert model.flows.urban_separations == 6
    people.check_invariants()


def test_spring_festival_sends_migrant_workers_home_to_farm():
    shops = firms([Sector.MANUFACTURING], [EAST], [True], [1.0])
    people = population(100, hukou_rural=[True] * 60 + [False] * 40, hukou_region=CENTRAL)
    employ(people, np.arange(100), 0, shops)
    model = economy(
        people,
        shops,
        separations__formal=0.0,
        separations__spring_festival_quits=1.0,
        demand__layoff_speed=0.0,
    )
    begin_month(model, 2021, 1)
    model.separations.step(model)
    migrants, locals_ = np.arange(60), np.arange(60, 100)
    assert (people.status[migrants] == Status.FARMING).all()
    assert (people.sector[migrants] == Sector.AGRICULTURE).all()
    assert not people.urban[migrants].any()
    assert (people.region[migrants] == CENTRAL).all()  # home is where the hukou is
    assert (people.status[locals_] == Status.EMPLOYED_FORMAL).all()
    assert model.flows.spring_festival_returns == 60
    people.check_invariants()


def test_unemployed_migrants_go_home_and_leave_the_urban_job_seekers():
    people = population(50, hukou_rural=True, hukou_region=CENTRAL, spell=24)
    model = economy(
        people,
        firms([Sector.MANUFACTURING], [EAST], [True], [1.0]),
        migration__return_rate=1.0,
        migration__rural_urban_rate=0.0,
        migration__cross_region_rate=0.0,
    )
    begin_month(model, 2021, 5)
    model.migration.step(model)
    assert (people.status == Status.FARMING).all()
    assert not people.urban.any() and (people.region == CENTRAL).all()
    assert model.flows.return_moves == 50


def test_a_worker_reaching_the_statutory_age_retires_and_leaves_the_labour_force():
    shops = firms([Sector.PUBLIC], [EAST], [True], [1.0])
    sixty = 60 * 12  # a man born in 1960: the statutory age is 60, before the reform
    people = population(20, age_months=[sixty] * 10 + [sixty - 24] * 10)
    employ(people, np.arange(20), 0, shops)
    model = economy(
        people,
        shops,
        demography__mortality_16=0.0,
        demography__work_after_retirement=0.0,
        demography__discouragement=0.0,
    )
    begin_month(model, 2021, 3)
    model.demography.step(model)
    assert (people.status[:10] == Status.RETIRED).all()
    assert (people.employer[:10] == -1).all()
    assert (people.status[10:] == Status.EMPLOYED_FORMAL).all()
    assert model.flows.retirements == 10
    assert model.flows.urban_attrition == 10


def test_at_75_a_person_leaves_the_population_and_a_16_year_old_takes_the_place():
    shops = firms([Sector.PUBLIC], [EAST], [True], [1.0])
    people = population(10, age_months=[75 * 12 - 1] * 5 + [40 * 12] * 5, status=Status.INACTIVE)
    model = economy(people, shops, demography__mortality_16=0.0, demography__reentry=0.0)
    begin_month(model, 2021, 3)
    model.demography.step(model)
    oldest, younger = np.arange(5), np.arange(5, 10)
    assert (people.age_months[oldest] < 17 * 12).all()
    assert np.isin(people.status[oldest], [Status.STUDENT, Status.UNEMPLOYED]).all()
    assert (people.status[younger] == Status.INACTIVE).all()
    assert model.flows.deaths_and_exits == 5


def test_job_retention_subsidies_pay_for_the_layoffs_they_avoid():
    people, shops = _two_shops()
    model = economy(people, shops, policy__job_retention__layoff_reduction=0.5)
    begin_month(model, 2021, 3)
    model.policy.step(model)
    model.separations.step(model)
    model.policy.settle(model)
    lever = model.policy["job_retention"]
    avoided = model.flows.layoffs_avoided
    assert avoided > 0
    assert lever.cost_this_month == avoided * people.weight * lever.cfg.cost_per_job_kept


def test_without_the_lever_no_layoff_is_avoided_and_nothing_is_paid():
    model = economy(*_two_shops())
    begin_month(model, 2021, 3)
    model.policy.step(model)
    model.separations.step(model)
    model.policy.settle(model)
    assert model.flows.layoffs_avoided == 0
    assert sum(model.policy.costs().values()) == 0
