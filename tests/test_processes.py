"""Each process on a small hand-made economy (tests/hand_made.py): statements about one mechanism,
checked on a state where the answer is known."""

from __future__ import annotations

import numpy as np

from sim.codes import Occupation, Sector, Status, names
from sim.workers import AI_DISPLACED, EVER_MIGRATED, IN_PLACE_URBAN, TRAINED
from tests.hand_made import begin_month, economy, employ, firms, population, run_month

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

    run_month(model, 2021, 1, "separations")
    assert model.flows.layoffs > 0


def test_without_quits_or_excess_staff_nobody_is_laid_off():
    people, shops = _two_shops()
    model = economy(people, shops, separations__formal=0.0, demand__layoff_speed=0.0)
    run_month(model, 2021, 3, "separations")
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
    run_month(model, 2021, 1, "separations")
    migrants, locals_ = np.arange(60), np.arange(60, 100)
    assert (people.status[migrants] == Status.FARMING).all()
    assert (people.sector[migrants] == Sector.AGRICULTURE).all()
    assert not people.urban[migrants].any()
    assert (people.region[migrants] == CENTRAL).all()  # home is where the hukou is
    assert (people.status[locals_] == Status.EMPLOYED_FORMAL).all()
    assert model.flows.spring_festival_returns == 60
    people.check_invariants()


def _moves(people, employers, **rates):
    """The model around a hand-made state with every migration flow off but ``rates``
    (``return_rate=1.0``, ...)."""
    flows = dict(
        rural_urban_rate=0.0,
        return_rate=0.0,
        cross_region_rate=0.0,
        settlement_rate=0.0,
        in_place_rate=0.0,
    )
    flows.update(rates)
    return economy(people, employers, **{f"migration__{k}": v for k, v in flows.items()})


def test_unemployed_migrants_go_home_and_leave_the_urban_job_seekers():
    people = population(50, hukou_rural=True, hukou_region=CENTRAL, spell=24)
    model = _moves(people, firms([Sector.MANUFACTURING], [EAST], [True], [1.0]), return_rate=1.0)
    run_month(model, 2021, 5, "migration")
    assert (people.status == Status.FARMING).all()
    assert not people.urban.any() and (people.region == CENTRAL).all()
    assert model.flows.return_moves == 50


def test_a_worker_reaching_the_statutory_age_retires_and_leaves_the_labour_force():
    shops = firms([Sector.PUBLIC], [EAST], [True], [1.0])
    sixty = 60 * 12  # a man born in 1960: the statutory age is 60, before the reform
    people = population(20, age_months=[sixty - 1] * 10 + [sixty - 24] * 10)
    employ(people, np.arange(20), 0, shops)
    model = economy(
        people,
        shops,
        demography__mortality_16=0.0,
        demography__work_after_retirement=0.0,
        demography__discouragement=0.0,
    )
    run_month(model, 2021, 3, "demography")
    assert (people.status[:10] == Status.RETIRED).all()
    assert (people.employer[:10] == -1).all()
    assert (people.status[10:] == Status.EMPLOYED_FORMAL).all()
    assert model.flows.retirements == 10
    assert model.flows.urban_attrition == 10


def test_a_formal_worker_hired_past_the_statutory_age_keeps_working():
    """Statutory retirement happens in the month the age is reached: a man of 62 who took a
    formal job after retiring (a re-employed retiree) is not retired again every month."""
    shops = firms([Sector.PUBLIC], [EAST], [True], [1.0])
    people = population(10, age_months=62 * 12)
    employ(people, np.arange(10), 0, shops)
    model = economy(
        people,
        shops,
        demography__mortality_16=0.0,
        demography__older_worker_exit=0.0,
        demography__discouragement=0.0,
    )
    for month in range(1, 4):
        run_month(model, 2021, month, "demography")
    assert (people.status == Status.EMPLOYED_FORMAL).all()
    assert model.flows.retirements == 0


def _villagers(n: int, **columns):
    """``n`` rural-hukou farmers in the villages of the Central region."""
    cols = dict(hukou_rural=True, hukou_region=CENTRAL, region=CENTRAL, urban=False)
    cols.update(columns)
    people = population(n, **cols)
    return people


def test_in_place_urbanisation_makes_villagers_outside_firm_jobs_town_dwellers_at_home():
    shops = firms([Sector.MANUFACTURING], [CENTRAL], [False], [1.0])  # a village firm
    people = _villagers(40, status=Status.FARMING)
    people.sector[:] = Sector.AGRICULTURE
    employ(people, np.arange(30, 40), 0, shops)  # ten work at the village firm
    model = _moves(people, shops, in_place_rate=1.0)
    run_month(model, 2021, 5, "migration")
    farmers, firm_staff = np.arange(30), np.arange(30, 40)
    assert people.urban[farmers].all() and not people.urban[firm_staff].any()
    assert ((people.flags[farmers] & IN_PLACE_URBAN) > 0).all()
    assert (people.region == CENTRAL).all() and (people.status[farmers] == Status.FARMING).all()
    assert model.flows.in_place_urbanised == 30 and model.flows.rural_urban_moves == 0
    people.check_invariants()


def test_the_urbanised_in_place_who_give_up_searching_farm_at_home_in_town():
    people = _villagers(20, urban=True, spell=24, flags=IN_PLACE_URBAN)
    people.flags[10:] = 0  # the other ten moved to the town from their village
    model = _moves(people, firms([Sector.MANUFACTURING], [CENTRAL], [True], [1.0]), return_rate=1.0)
    run_month(model, 2021, 5, "migration")
    at_home, moved = np.arange(10), np.arange(10, 20)
    assert (people.status == Status.FARMING).all()
    assert people.urban[at_home].all() and not people.urban[moved].any()
    assert model.flows.return_moves == 10  # only those who had moved came back


def test_a_villager_moving_to_a_city_is_away_even_if_the_village_had_become_a_town():
    # urbanised in place, then took (and lost) a village job: living in the countryside again
    people = _villagers(30, status=Status.UNEMPLOYED, flags=IN_PLACE_URBAN, spell=1)
    model = _moves(
        people, firms([Sector.MANUFACTURING], [CENTRAL], [True], [1.0]), rural_urban_rate=1.0
    )
    run_month(model, 2021, 5, "migration")
    moved = np.flatnonzero(people.urban)
    assert len(moved) > 0 and model.flows.rural_urban_moves == len(moved)
    assert ((people.flags[moved] & IN_PLACE_URBAN) == 0).all()
    assert ((people.flags[moved] & EVER_MIGRATED) > 0).all()


def test_a_move_to_another_region_ends_being_at_home():
    people = _villagers(30, urban=True, status=Status.UNEMPLOYED, flags=IN_PLACE_URBAN)
    model = _moves(
        people, firms([Sector.MANUFACTURING], [EAST], [True], [1.0]), cross_region_rate=1.0
    )
    model.wages.levels[EAST] *= 3.0  # the East's cities pay far more
    run_month(model, 2021, 5, "migration")
    moved = people.region != CENTRAL
    assert moved.any()
    assert ((people.flags[moved] & IN_PLACE_URBAN) == 0).all()
    assert ((people.flags[~moved] & IN_PLACE_URBAN) > 0).all()


def test_at_75_a_person_leaves_the_population_and_a_16_year_old_takes_the_place():
    shops = firms([Sector.PUBLIC], [EAST], [True], [1.0])
    people = population(10, age_months=[75 * 12 - 1] * 5 + [40 * 12] * 5, status=Status.INACTIVE)
    model = economy(people, shops, demography__mortality_16=0.0, demography__reentry=0.0)
    run_month(model, 2021, 3, "demography")
    oldest, younger = np.arange(5), np.arange(5, 10)
    assert (people.age_months[oldest] < 17 * 12).all()
    assert np.isin(people.status[oldest], [Status.STUDENT, Status.UNEMPLOYED]).all()
    assert (people.status[younger] == Status.INACTIVE).all()
    assert model.flows.deaths_and_exits == 5


def test_job_retention_subsidies_pay_for_the_layoffs_they_avoid():
    people, shops = _two_shops()
    model = economy(people, shops, policy__job_retention__layoff_reduction=0.5)
    run_month(model, 2021, 3, "separations")
    lever = model.policy["job_retention"]
    avoided = model.flows.layoffs_avoided
    assert avoided > 0
    assert lever.cost_this_month == avoided * people.weight * lever.cfg.cost_per_job_kept


def test_without_the_lever_no_layoff_is_avoided_and_nothing_is_paid():
    model = economy(*_two_shops())
    run_month(model, 2021, 3, "separations")
    assert model.flows.layoffs_avoided == 0
    assert sum(model.policy.costs().values()) == 0


def test_successful_trainees_search_again_with_a_new_skill_and_failed_ones_without():
    people = population(40, status=Status.TRAINING, spell=3)
    model = economy(
        people,
        firms([Sector.MODERN_SERVICES], [EAST], [True], [1.0]),
        training__duration=3,
        training__success=1.0,
        training__education_upgrade=0.0,
    )
    run_month(model, 2021, 4, "training")
    assert (people.status == Status.UNEMPLOYED).all()
    assert ((people.flags & TRAINED) > 0).all()
    assert model.flows.training_successes == 40

    failing = population(40, status=Status.TRAINING, spell=3)
    before = failing.occupation.copy()
    model = economy(
        failing, firms([Sector.MODERN_SERVICES], [EAST], [True], [1.0]), training__success=0.0
    )
    run_month(model, 2021, 4, "training")
    assert (failing.status == Status.UNEMPLOYED).all()
    assert ((failing.flags & TRAINED) == 0).all()
    assert (failing.occupation == before).all()


def test_subsidised_training_costs_the_subsidy_for_every_person_time_started():
    people, shops = _two_shops()
    model = economy(
        people, shops, policy__training__capacity=24.0, policy__training__jobseeker_share=1.0
    )
    run_month(model, 2021, 3, "training")
    started = model.flows.training_starts
    assert started > 0
    assert (people.status == Status.TRAINING).sum() == started
    lever = model.policy["training"]
    assert lever.cost_this_month == started * people.weight * lever.cfg.subsidy


def test_start_up_support_pays_for_the_firms_it_adds():
    people, shops = _two_shops(0)
    model = economy(
        people,
        shops,
        startups__base_rate=0.0,
        policy__startup_support__rate_boost=0.2,
    )
    run_month(model, 2021, 3, "startups")
    founded = model.flows.startups
    assert founded > 0
    assert model.firms.n == 2 + founded
    assert (people.status == Status.EMPLOYED_FLEXIBLE).sum() == founded
    assert model.flows.startups_supported == founded  # every start-up is the support's
    lever = model.policy["startup_support"]
    assert lever.cost_this_month == founded * people.weight * lever.cfg.cost_per_startup
    people.check_invariants()


def test_settled_migrants_cost_public_services_from_the_next_month_on():
    shops = firms([Sector.MANUFACTURING], [EAST], [True], [1.0])
    people = population(200, hukou_rural=True, hukou_region=EAST)
    employ(people, np.arange(200), 0, shops)
    model = economy(people, shops, policy__hukou_relaxation__settlement_boost=0.1)
    lever = model.policy["hukou_relaxation"]
    run_month(model, 2021, 3, "migration")
    assert lever.cost_this_month == 0  # nobody had settled through the boost before this month
    boosted = model.flows.settlements_boosted
    assert boosted == 200 * 0.1
    run_month(model, 2021, 4)  # the policy stage of the next month
    assert lever.cost_this_month == boosted * people.weight * lever.cfg.service_cost


def test_ai_adoption_displaces_workers_in_exposed_occupations():
    shops = firms([Sector.MODERN_SERVICES] * 3, [EAST] * 3, [True] * 3, [1.0] * 3)
    people = population(300, occupation=Occupation.CLERKS)
    for f in range(3):
        employ(people, np.arange(100 * f, 100 * (f + 1)), f, shops)
    model = economy(
        people,
        shops,
        ai__enabled=True,
        ai__midpoint=2021.0,
        ai__steepness=50.0,
        ai__displacement=1.0,
        ai__ceiling={s: 1.0 for s in names(Sector)},
    )
    run_month(model, 2021, 12, "ai")  # by now every firm of the sector has adopted
    displaced = (people.flags & AI_DISPLACED) > 0
    assert model.firms.ai_adopted.all()
    assert 0 < displaced.sum() < 300
    assert (people.status[displaced] == Status.UNEMPLOYED).all()
    assert model.flows.ai_displaced == model.flows.separations == displaced.sum()
    people.check_invariants()


def test_wage_levels_rise_faster_where_vacancies_outnumber_job_seekers():
    shops = firms([Sector.TRADITIONAL_SERVICES] * 2, [EAST, CENTRAL], [True] * 2, [1.0, 1.0])
    people = population(400, region=[EAST] * 200 + [CENTRAL] * 200)
    employ(people, np.arange(0, 100), 0, shops)  # East: 100 jobs, 100 job seekers
    employ(people, np.arange(200, 390), 1, shops)  # Central: 190 jobs, 10 job seekers
    model = economy(people, shops, wages__real_wage_growth=0.0)
    before = model.wages.levels.copy()
    model.demand.vacancies[:] = 0
    model.demand.vacancies[1, Occupation.SERVICE_SALES] = 50
    run_month(model, 2021, 3, "wages")
    growth = model.wages.levels / before
    cell = (slice(None), 1, Occupation.SERVICE_SALES)
    east, central = growth[cell][EAST], growth[cell][CENTRAL]
    assert central > 1.0 > east


def test_the_urban_job_clock_restarts_for_urban_workers_with_or_without_ageing() -> None:
    """The months since an urban job restart each month for those in urban work (a hire counts as
    an urban new job only after 12 months without one), whether demography ages people or not."""
    for enabled in (True, False):
        people = population(4, urban=[True, True, False, True])
        people.status[2] = Status.FARMING
        staff = firms([Sector.MANUFACTURING], [0], [True], [1.0])
        employ(people, np.array([0]), 0, staff)
        model = economy(people, staff, demography__enabled=enabled)
        run_month(model, 2021, 1, "demography")
        clock = model.workers.months_since_urban_job
        restarted = 1 if enabled else 0  # with ageing, restarted and one month older
        assert clock[0] == restarted, enabled  # in urban work
        assert clock[1] >= 600 and clock[3] >= 600, enabled  # urban job seekers: still counting
        assert clock[2] >= 600, enabled  # in work, but on a farm
