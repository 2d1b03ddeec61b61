"""Demography: ageing, deaths, entrants, schooling and graduation, retirement, participation.

Each month every agent ages a month. Deaths follow a Gompertz hazard; the dead and those turning 75
are replaced by 16-year-olds (most of whom stay in school). Every July senior-secondary students
turn 18 and either go on to college or enter the labour market, and exactly the year's cohort of
college graduates (``scenario_inputs.csv``) finish: those who signed a job in the recruitment
seasons of their final year (``sim.signed_offers``) start it, the others look for work in the
cities: the July bump in youth unemployment. People reaching the statutory retirement age retire
(urban hukou inactive and all formal workers); flexible workers and farmers leave work gradually
after 60. The unemployed can give up searching (inactive) and the inactive can start searching
again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numba
import numpy as np

from sim import data_loader as data
from sim.calendar import JULY
from sim.codes import Education, Status, status_table
from sim.occupations import ENTRY_OCCUPATION
from sim.params import param
from sim.processes.event_kernels import (
    SINCE_URBAN_JOB_CAP,
    age_one_month,
    each_agent,
)
from sim.sampling import below, categorical_rows, choose_weighted, select
from sim.scenario import graduates_by_year
from sim.workers import FINAL_YEAR, GRADUATE, IS_EMPLOYED, PENSION_INSURED

if TYPE_CHECKING:
    from sim.model import LabourMarketModel

log = logging.getLogger(__name__)

ENTRY_AGE = 16 * 12
EXIT_AGE = 75 * 12
MIN_RETIREMENT_AGE = 50 * 12  # the earliest statutory age (women workers before the reform)
OLDER_WORKER_AGE = 60 * 12  # flexible workers, farmers and job seekers leave gradually from here
LONG_SPELL = 12  # months of unemployment after which discouragement is faster
REENTRY_AGE_LIMIT = 55 * 12  # the inactive younger than this come back to search

_STUDENT = Status.STUDENT.value
_UNEMPLOYED = Status.UNEMPLOYED.value
_FORMAL = Status.EMPLOYED_FORMAL.value
_FLEXIBLE = Status.EMPLOYED_FLEXIBLE.value
_INACTIVE = Status.INACTIVE.value
_JUNIOR_SECONDARY = Education.JUNIOR_SECONDARY.value
# who leaves work gradually after OLDER_WORKER_AGE (no statutory retirement)
_GRADUAL_EXIT = status_table(
    Status.EMPLOYED_FLEXIBLE, Status.FARMING, Status.UNEMPLOYED, Status.PUBLIC_PROGRAMME
)


# (base age in years, first affected birth cohort (year, month), cohort months per month of delay,
#  maximum delay in months)
_RULES = {
    "men": (60, (1965, 1), 4, 36),
    "women_cadre": (55, (1970, 1), 4, 36),
    "women_worker": (50, (1975, 1), 2, 60),
}


def _age_months(birth_index: np.ndarray, rule: tuple, reform: bool) -> np.ndarray:
    base_age, (y, m), step, cap = rule
    base = np.full(birth_index.shape, base_age * 12, dtype=np.int32)
    if not reform:
        return base
    first = y * 12 + (m - 1)
    delay = np.clip((birth_index - first) // step + 1, 0, cap)
    return base + delay.astype(np.int32)


def statutory_age_months(
    birth_index: np.ndarray, female: np.ndarray, education: np.ndarray, reform: bool
) -> np.ndarray:
    """Statutory retirement age in months for people born in month ``birth_index`` (year*12+m-1).

    Before 2025: men retire at 60, women in cadre posts at 55 and other women at 50. The NPC
    Standing Committee decision of 13 September 2024 raises them gradually from January 2025
    (``reform``): men's age by one month for every four months of birth cohort (from those born in
    January 1965) up to 63; women's 50 by one month for every two months of cohort (from January
    1975) up to 55; women's 55 by one month for every four months (from January 1970) up to 58.
    Women with senior-secondary or higher education are taken to be in cadre posts (assumption:
    the model carries no job-grade variable).
    """
    cadre = education >= Education.SENIOR_SECONDARY.value
    men = _age_months(birth_index, _RULES["men"], reform)
    wc = _age_months(birth_index, _RULES["women_cadre"], reform)
    ww = _age_months(birth_index, _RULES["women_worker"], reform)
    return np.where(female, np.where(cadre, wc, ww), men)


def retirement_thresholds(month_index: int, reform: bool) -> np.ndarray:
    """The youngest age (months) at which people have reached the statutory retirement age of
    their birth cohort in month ``month_index``: men, women in cadre posts, other women.

    Later cohorts retire later (:func:`statutory_age_months` never falls with the birth month),
    so everyone older than the threshold has reached their own statutory age too.
    """
    thresholds = []
    for post in ("men", "women_cadre", "women_worker"):
        # a post's statutory ages lie between its base age and the base plus the largest delay
        base_age, _, _, cap = rule = _RULES[post]
        ages = np.arange(base_age * 12, base_age * 12 + cap + 1, dtype=np.int32)
        reached = ages >= _age_months(month_index - ages, rule, reform)
        thresholds.append(ages[np.argmax(reached)])  # the oldest age has always reached it
    return np.array(thresholds, dtype=np.int64)


@numba.njit(cache=True, nogil=True)
def _enter(
    rows, age, female, rural, stays, w_age, w_female, w_rural, w_hukou_region, w_region, w_urban,
    w_education, w_status, w_spell, w_employer, w_sector, w_wage, w_programme, w_flags,
    w_displaced_at, w_reemployed_at, w_ui_months, w_since_urban_job,
):  # fmt: skip
    """16-year-olds take ``rows``: of ``age`` months, ``female``, with rural hukou where
    ``rural`` (urban hukou: living in a town), in their region; junior-secondary educated, in
    school where ``stays`` and searching otherwise; without job, flags, benefit or urban job."""
    for k in range(rows.shape[0]):
        i = rows[k]
        w_age[i] = age[k]
        w_female[i] = female[k]
        w_rural[i] = rural[k]
        w_hukou_region[i] = w_region[i]
        w_urban[i] = not rural[k]
        w_education[i] = _JUNIOR_SECONDARY
        w_status[i] = _STUDENT if stays[k] else _UNEMPLOYED
        w_spell[i] = 0
        w_employer[i] = -1
        w_sector[i] = -1
        w_wage[i] = 0.0
        w_programme[i] = 0
        w_flags[i] = 0
        w_displaced_at[i] = -1
        w_reemployed_at[i] = -1
        w_ui_months[i] = 0
        w_since_urban_job[i] = SINCE_URBAN_JOB_CAP


@dataclass
class DemographyConfig:
    """Ageing, mortality, schooling, graduation, retirement and labour-force participation."""

    enabled: bool = param(
        True,
        unit="switch",
        source="off freezes the population (no ageing, entry, exit or participation changes): "
        "for analytic checks only",
    )
    retirement_reform: bool = param(
        True,
        unit="switch",
        source="NPC Standing Committee decision of Sept 2024: from Jan 2025 men 60->63, "
        "women 50->55 and 55->58 over 15 years",
    )
    mortality_16: float = param(
        0.0004,
        unit="deaths per person-year at age 16",
        source="assumption: Gompertz level matching China life tables of the 2020 census",
        lo=0.0,
        hi=0.05,
    )
    mortality_slope: float = param(
        0.075,
        unit="log points per year of age",
        source="assumption: Gompertz slope, mortality doubling every ~9 years",
        lo=0.0,
        hi=0.2,
    )
    senior_secondary_entry: float = param(
        0.91,
        unit="share of 16-year-olds",
        source="Ministry of Education 2020 bulletin: senior secondary gross enrolment 91.2%",
        lo=0.0,
        hi=1.0,
    )
    tertiary_entry: float = param(
        0.80,
        unit="share of senior-secondary finishers",
        source="assumption: sized so that tertiary intake (~10 million a year; MoE 2020 "
        "admissions) sustains the graduate cohorts of scenario_inputs.csv",
        lo=0.0,
        hi=1.0,
    )
    work_after_retirement: float = param(
        0.3,
        unit="share of formal workers reaching the statutory age",
        source="assumption: many retirees keep working without a labour contract (flexible)",
        lo=0.0,
        hi=1.0,
    )
    pension_enrolment: float = param(
        0.002,
        unit="monthly chance that an uninsured adult joins the residents' pension scheme",
        source="assumption: coverage rose about 1 point a year 2017-2020 (china_annual.csv "
        "pension_insurance_participants 91,548 -> 99,864)",
        lo=0.0,
        hi=1.0,
    )
    older_worker_exit: float = param(
        0.004,
        unit="per month, flexible workers, farmers and job seekers aged 60+",
        source="assumption: without a statutory retirement they leave work gradually (half "
        "have left by about 74)",
        lo=0.0,
        hi=1.0,
    )
    discouragement: float = param(
        0.01,
        unit="per month, unemployed -> inactive",
        source="assumption: flows out of the labour force of the searching unemployed",
        lo=0.0,
        hi=1.0,
    )
    discouragement_long_spell: float = param(
        0.03,
        unit="per month, extra for spells of 12+ months",
        source="assumption: long-term unemployed leave the labour force faster",
        lo=0.0,
        hi=1.0,
    )
    reentry: float = param(
        0.0037,
        unit="per month, inactive aged 16-54 -> searching",
        source="calibrated: at the Dec 2020 state, 0.0037 x 9,730 inactive under 55 equals the "
        "~36 x 10k a month who give up searching",
        lo=0.0,
        hi=1.0,
    )

    entrant_male_share: float = param(
        0.512,
        unit="share of 16-year-old entrants who are male",
        source="assumption: about 105 young men per 100 young women",
        lo=0.0,
        hi=1.0,
    )


def _in_sorted(a: np.ndarray, sorted_b: np.ndarray) -> np.ndarray:
    """Whether each of ``a`` is in ``sorted_b`` (ascending): ``np.isin`` by binary search,
    without sorting either."""
    if len(sorted_b) == 0:
        return np.zeros(len(a), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_b, a), len(sorted_b) - 1)
    return sorted_b[at] == a


class Demography:
    name = "demography"

    def __init__(self, model: LabourMarketModel, cfg: DemographyConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)
        self.graduates = graduates_by_year(model.cfg.scenario)
        self.urban_hukou_share = data.initial("urban_hukou_share")["all"] / 100.0
        age_years = np.arange(EXIT_AGE + 1) / 12.0
        # Gompertz: deaths per person-year = m16 * exp(slope * (age - 16)); per month below.
        self.monthly_hazard = cfg.mortality_16 * np.exp(cfg.mortality_slope * (age_years - 16)) / 12
        self._cohorts_chosen: set[int] = set()  # graduation years whose final year is chosen
        if cfg.enabled:  # the students in their final year in the starting state
            self.final_year(model, model.year + (model.month >= JULY))

    def step(self, model: LabourMarketModel) -> None:
        w = model.workers
        if not self.cfg.enabled:
            # nobody ages, but the months since an urban job still restart for those in urban work
            # (the ageing pass does it otherwise), so that urban new jobs are counted as with it
            w.months_since_urban_job[w.urban & IS_EMPLOYED[w.status]] = 0
            return
        # one pass: everyone ages a month, spells tick, the months since an urban job restart for
        # those in urban work; who turns 75, who is due to retire, who has searched a year
        exits, due, long_search = age_one_month(
            w.age_months,
            w.spell,
            w.months_since_urban_job,
            w.status,
            w.urban,
            w.hukou_rural,
            w.female,
            w.education,
            w.ui_months,
            retirement_thresholds(model.month_index, self.cfg.retirement_reform),
            EXIT_AGE,
            LONG_SPELL,
        )
        self._deaths_and_entrants(model, exits)
        if model.month == JULY:
            self._school_leaving(model)
        self._retirement(model, due)
        self._participation(model, long_search)
        self._pension_enrolment(model)

    def _urban_job_holders(self, model: LabourMarketModel, idx: np.ndarray) -> int:
        w = model.workers
        return int((w.urban[idx] & IS_EMPLOYED[w.status[idx]]).sum())

    def _deaths_and_entrants(self, model: LabourMarketModel, exits: np.ndarray) -> None:
        """Deaths (Gompertz hazard) and 75th birthdays (``exits``) free rows; 16-year-olds take
        them."""
        w = model.workers
        # each person dies with the hazard of their age: only those whose draw falls below the
        # oldest age's hazard need their own looked up
        idx, draw = below(self.rng, w.n, float(self.monthly_hazard.max()))
        deaths = idx[draw < self.monthly_hazard[np.minimum(w.age_months[idx], EXIT_AGE)]]
        leaving = np.union1d(deaths, exits)
        model.flows.urban_attrition += self._urban_job_holders(model, leaving)
        model.flows.deaths_and_exits += len(leaving)
        k = len(leaving)
        if k == 0:
            return
        rng = self.rng
        age = ENTRY_AGE + rng.integers(0, 12, k)
        female = rng.random(k) >= self.cfg.entrant_male_share
        rural = rng.random(k) >= self.urban_hukou_share
        stays = rng.random(k) < self.cfg.senior_secondary_entry
        _enter(
            leaving, age, female, rural, stays, w.age_months, w.female, w.hukou_rural,
            w.hukou_region, w.region, w.urban, w.education, w.status, w.spell, w.employer,
            w.sector, w.wage, w.programme, w.flags, w.ai_displaced_at, w.ai_reemployed_at,
            w.ui_months, w.months_since_urban_job,
        )  # fmt: skip
        w.occupation[leaving] = categorical_rows(rng, ENTRY_OCCUPATION, w.education[leaving])
        model.flows.school_leavers += int((~stays).sum())

    def _school_leaving(self, model: LabourMarketModel) -> None:
        """July: senior-secondary finishers choose college or work; the graduate cohort leaves."""
        w, rng = model.workers, self.rng
        w.flags &= ~GRADUATE
        finishing = np.flatnonzero(
            (w.status == _STUDENT)
            & (w.education <= Education.JUNIOR_SECONDARY.value)
            & (w.age_months >= 18 * 12)
        )
        to_college = rng.random(len(finishing)) < self.cfg.tertiary_entry
        w.education[finishing] = Education.SENIOR_SECONDARY
        leavers = finishing[~to_college]
        self._enter_labour_market(model, leavers)
        model.flows.school_leavers += len(leavers)

        grads = self.final_year(model, model.year)
        w.flags[grads] &= ~FINAL_YEAR
        w.education[grads] = Education.TERTIARY
        w.urban[grads] = True
        w.flags[grads] |= GRADUATE
        w.set_status(grads, Status.UNEMPLOYED)  # those with a signed job start it in matching
        model.flows.school_leavers += len(grads)
        model.flows.graduates += len(grads)
        self.final_year(model, model.year + 1)  # the next cohort starts its final year

    def final_year(self, model: LabourMarketModel, year: int) -> np.ndarray:
        """The college students who graduate in July of ``year`` (flag FINAL_YEAR).

        The cohort is chosen a year ahead (for the first year of a run, when the run starts), so
        that its students can look for work in the recruitment seasons before graduating: exactly
        the year's cohort of ``scenario_inputs.csv``, oldest students most likely, with a field
        of study (the occupation they are trained for) drawn as for tertiary entrants.
        """
        w = model.workers
        chosen = np.flatnonzero((w.flags & FINAL_YEAR) > 0)
        if year in self._cohorts_chosen:
            return chosen
        self._cohorts_chosen.add(year)
        cohort = self.graduates.get(year, 0.0) * 1e4 / w.weight
        n_grad = int(np.floor(cohort + self.rng.random()))
        months_to_go = max(0, (year - model.year) * 12 + JULY - model.month)
        age_now = 20 * 12 - months_to_go  # 20 at graduation, as before the cohort was chosen early
        in_college = np.flatnonzero(
            (w.status == _STUDENT)
            & (w.education == Education.SENIOR_SECONDARY.value)
            & (w.age_months >= age_now)
            & ((w.flags & FINAL_YEAR) == 0)
        )
        if n_grad > len(in_college):
            log.warning(
                "%d-07: %d graduates due but only %d college students old enough; all graduate",
                year,
                n_grad,
                len(in_college),
            )
        age_w = np.exp((w.age_months[in_college] - age_now) / 12.0)
        new = choose_weighted(self.rng, in_college, age_w, n_grad)
        w.flags[new] |= FINAL_YEAR
        w.occupation[new] = categorical_rows(
            self.rng, ENTRY_OCCUPATION, np.full(len(new), Education.TERTIARY)
        )
        return np.concatenate([chosen, new])

    def _enter_labour_market(self, model: LabourMarketModel, idx: np.ndarray) -> None:
        w = model.workers
        w.set_status(idx, Status.UNEMPLOYED)
        w.occupation[idx] = categorical_rows(self.rng, ENTRY_OCCUPATION, w.education[idx])

    def _retirement(self, model: LabourMarketModel, due: np.ndarray) -> None:
        """Formal workers retire at the statutory age (and urban-hukou inactive people draw their
        pension then); flexible workers, farmers and job seekers aged 60+ leave gradually.

        ``due`` are those who had reached their statutory age when they aged this month (rows
        since taken by 16-year-old entrants drop out).
        """
        w, rng = model.workers, self.rng
        due = due[w.age_months[due] >= MIN_RETIREMENT_AGE]
        hit = each_agent(rng, w.n, self.cfg.older_worker_exit)
        gradual = hit[(w.age_months[hit] >= OLDER_WORKER_AGE) & _GRADUAL_EXIT[w.status[hit]]]
        stay_on = np.zeros(len(due), dtype=bool)
        formal = np.flatnonzero(w.status[due] == _FORMAL)
        stay_on[select(rng, formal, self.cfg.work_after_retirement)] = True
        w.status[due[stay_on]] = _FLEXIBLE
        retiring = np.concatenate([due[~stay_on], gradual])
        model.flows.urban_attrition += self._urban_job_holders(model, retiring)
        model.flows.retirements += len(retiring)
        w.leave_job(retiring, Status.RETIRED)

    def _pension_enrolment(self, model: LabourMarketModel) -> None:
        """Uninsured adults join the urban and rural residents' pension scheme."""
        w = model.workers
        hit = each_agent(self.rng, w.n, self.cfg.pension_enrolment)
        joining = hit[((w.flags[hit] & PENSION_INSURED) == 0) & (w.status[hit] != _STUDENT)]
        w.flags[joining] |= PENSION_INSURED

    def _participation(self, model: LabourMarketModel, long_search: np.ndarray) -> None:
        """Discouraged job seekers leave the labour force (faster after a year's search; benefit
        recipients must search); the inactive under 55 come back to search.

        ``long_search`` lists the job seekers without benefit who had searched ``LONG_SPELL``
        months when they aged this month (those who have since changed status drop out).
        Discouragement is drawn in two steps: every job seeker without benefit with the base
        chance, then those on a long search not yet discouraged with the chance that makes up
        their higher one.
        """
        w, c, rng = model.workers, self.cfg, self.rng
        hit = each_agent(rng, w.n, c.discouragement)
        hit_inactive = each_agent(rng, w.n, c.reentry)
        seeking = (w.status[hit] == _UNEMPLOYED) & (w.ui_months[hit] == 0)
        quitting = hit[seeking]
        still = (w.status[long_search] == _UNEMPLOYED) & (w.spell[long_search] >= LONG_SPELL)
        long_search = long_search[still]  # (a 16-year-old may have taken the row)
        if c.discouragement < 1.0:
            extra = c.discouragement_long_spell / (1.0 - c.discouragement)
            not_yet = long_search[~_in_sorted(long_search, quitting)]
            quitting = np.concatenate([quitting, select(rng, not_yet, extra)])
        returning = hit_inactive[
            (w.status[hit_inactive] == _INACTIVE) & (w.age_months[hit_inactive] < REENTRY_AGE_LIMIT)
        ]
        w.set_status(quitting, Status.INACTIVE)
        w.set_status(returning, Status.UNEMPLOYED)
        model.flows.discouraged += len(quitting)
        model.flows.reentrants += len(returning)
