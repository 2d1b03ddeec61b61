"""Statistics: the month's official indicators, computed as the statistics bureau defines them.

- Surveyed urban unemployment rate: urban residents aged 16+ without work, searching and available,
  over the urban labour force (employed + unemployed urban residents), migrants living in towns
  included. Also by age (16-24, students being outside the labour force; 25-29; 30-59), by hukou
  (rural-hukou "migrant" and local) and by region.
- Urban new jobs: people newly employed in urban jobs (not urban-employed in the previous 12
  months) minus natural attrition (retirements and deaths of urban workers).
- Migrant workers: rural-hukou people in non-farm work; "away" if living in a town or city,
  "local" if living in the countryside.
- Diagnostics: vacancy rate, vacancies per job seeker, job-finding and separation rates, long-term
  unemployment share (spells of 12+ months), and the Sahin-Song-Topa-Violante (2014) mismatch
  index over (region, occupation) markets: M = 1 - sum_i (v_i/V)^a (u_i/U)^(1-a), a = 0.5.

All levels are in 10k persons (the unit of China's statistical releases); rates in %.
Derived numbers live only here: the model state holds counts, never rates.

The month's head counts come from one tabulation of everyone (:func:`tabulate`: one key per
person, one ``np.bincount``); the indicators, the regions' job-finding rates and the mismatch
index's job seekers are sums of its cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from sim.codes import (
    EMPLOYED_STATUSES,
    PRIMARY_SECTORS,
    SCHOOLING_YEARS,
    SECONDARY_SECTORS,
    TERTIARY_SECTORS,
    Education,
    Occupation,
    Sector,
    Status,
    names,
)
from sim.markets import vacancies_by_market
from sim.occupations import N_OCC
from sim.workers import AI_DISPLACED, GRADUATE, PENSION_INSURED, POVERTY_ALLEVIATED, Workers

if TYPE_CHECKING:
    from sim.model import LabourMarketModel

LONG_TERM_MONTHS = 12
AGE_BAND_EDGES = np.array([25, 30, 60])  # bands 16-24, 25-29, 30-59, 60+
MISMATCH_ALPHA = 0.5
URBAN = 1  # the urban area's index in a market tally (sim.markets)


@dataclass
class Flows:
    """What happened during one month, in agents. Reset at the start of every month."""

    urban_employed_at_start: int = 0
    urban_unemployed_at_start: int = 0
    separations: int = 0
    urban_separations: int = 0  # urban residents who lost or left a job for unemployment
    quits: int = 0
    layoffs: int = 0  # demand-driven layoffs at firms above their target
    closure_layoffs: int = 0  # workers of firms that closed
    spring_festival_returns: int = 0
    hires_from_unemployment: int = 0
    hires_from_unemployment_urban: int = 0
    seekers_unemployed: int = 0
    seekers_unemployed_urban: int = 0
    job_to_job: int = 0
    urban_new_hires: int = 0
    urban_attrition: int = 0
    retirements: int = 0
    deaths_and_exits: int = 0
    school_leavers: int = 0
    graduates: int = 0
    campus_seekers: int = 0  # final-year students looking in a recruitment season
    signed_offers: int = 0  # final-year students signing a job that starts after graduation
    signed_job_starts: int = 0  # graduates starting, in July, the job they signed
    signed_offers_lapsed: int = 0  # signed jobs lost because the firm closed before July
    discouraged: int = 0
    reentrants: int = 0
    rural_urban_moves: int = 0
    return_moves: int = 0
    cross_region_moves: int = 0
    hukou_settlements: int = 0
    firm_entries: int = 0
    ai_displaced: int = 0
    ai_reemployed: int = 0
    training_starts: int = 0
    training_completions: int = 0
    training_successes: int = 0
    startups: int = 0
    # what the levers delivered, in expected agents; each lever books its cost from these
    layoffs_avoided: float = 0.0  # demand-driven layoffs avoided by job-retention subsidies
    settlements_boosted: float = 0.0  # hukou settlements added by hukou relaxation
    startups_supported: float = 0.0  # start-ups added by start-up support
    hires_by_region_area: np.ndarray = field(default_factory=lambda: np.zeros((1, 2), np.int64))

    @classmethod
    def start(cls, model: LabourMarketModel) -> Flows:
        """Empty flows for a new month, with the urban stocks the month starts from."""
        return cls(
            urban_employed_at_start=model.statistics.n_urban_employed,
            urban_unemployed_at_start=model.statistics.n_urban_unemployed,
            hires_by_region_area=np.zeros((len(model.regions), 2), dtype=np.int64),
        )


FLOW_REPORTS = (
    "separations",
    "layoffs",
    "closure_layoffs",
    "quits",
    "job_to_job",
    "retirements",
    "graduates",
    "campus_seekers",
    "signed_offers",
    "signed_job_starts",
    "signed_offers_lapsed",
    "school_leavers",
    "rural_urban_moves",
    "return_moves",
    "cross_region_moves",
    "hukou_settlements",
    "discouraged",
    "reentrants",
    "ai_displaced",
    "training_starts",
    "training_completions",
    "startups",
)


def _rate(num: float, den: float) -> float:
    return 100.0 * num / den if den > 0 else float("nan")


# The tabulation: every person falls in one cell of (groups, state, area, hukou, region, age
# band, occupation, education), counted in one pass (:func:`tabulate`); each indicator is a sum
# of cells. A state is a status refined where an indicator needs it: a job's sector group
# (primary, secondary, tertiary), an unemployed person's long spell, benefit and AI displacement,
# a trainee's AI displacement. The groups are the graduates, the poverty-alleviated and the
# pension-insured (bits of GROUP_BITS).
SECTOR_GROUPS = (PRIMARY_SECTORS, SECONDARY_SECTORS, TERTIARY_SECTORS)
# a sector's group is the number of later groups' first sectors it reaches (groups are ranges)
GROUP_STARTS = tuple(int(min(g)) for g in SECTOR_GROUPS[1:])
assert [int(s) for g in SECTOR_GROUPS for s in sorted(g)] == list(range(len(Sector)))
LONG_SPELL, ON_BENEFIT, DISPLACED = 4, 2, 1  # bits of an unemployed person's refinement
SUBSTATES = np.array(
    [
        len(SECTOR_GROUPS)
        if s in EMPLOYED_STATUSES
        else 8
        if s == Status.UNEMPLOYED
        else 2
        if s == Status.TRAINING
        else 1
        for s in Status
    ]
)
STATE_OF = np.concatenate([[0], np.cumsum(SUBSTATES)[:-1]]).astype(np.uint8)  # first state
N_STATES = int(SUBSTATES.sum())
N_BANDS = len(AGE_BAND_EDGES) + 1
N_EDU = len(Education)
GROUP_BITS = {GRADUATE: 1, POVERTY_ALLEVIATED: 2, PENSION_INSURED: 4}  # flag -> bit of a group
N_GROUPS = 8
WORKING_AGE_BANDS = slice(0, N_BANDS - 1)  # 16-59


def states(*statuses: Status) -> np.ndarray:
    """The tabulation's states of people in any of ``statuses``."""
    return np.concatenate([STATE_OF[s] + np.arange(SUBSTATES[s]) for s in statuses])


EMPLOYED = states(*EMPLOYED_STATUSES)
NONFARM = states(Status.EMPLOYED_FORMAL, Status.EMPLOYED_FLEXIBLE, Status.PUBLIC_PROGRAMME)
FIRM_JOBS = states(Status.EMPLOYED_FORMAL, Status.EMPLOYED_FLEXIBLE)
UNEMPLOYED = slice(int(STATE_OF[Status.UNEMPLOYED]), int(STATE_OF[Status.UNEMPLOYED]) + 8)
ADULTS = slice(int(SUBSTATES[Status.STUDENT]), N_STATES)  # assumes students come first
assert Status.STUDENT == 0


def unemployed_with(bit: int) -> np.ndarray:
    """States of the unemployed whose refinement has ``bit`` set."""
    return STATE_OF[Status.UNEMPLOYED] + np.flatnonzero(np.arange(8) & bit)


def groups_with(flag: np.uint8) -> np.ndarray:
    """Group codes of people with ``flag`` set."""
    return np.flatnonzero(np.arange(N_GROUPS) & GROUP_BITS[flag])


@dataclass
class Tabulation:
    """The month's head counts, in agents: ``table`` indexed [groups, state, area, hukou, region,
    age band, occupation, education] (see :func:`tabulate`), and its marginals (summed one axis
    at a time, or over whole trailing blocks: numpy's sums over several scattered axes of tables
    of this shape are several times slower)."""

    table: np.ndarray

    def __post_init__(self) -> None:
        # without the groups, which few indicators read (the first axis: a sum of whole blocks):
        # the other marginals sum a table 8x smaller
        self.people = self.table.sum(axis=0)

    def by_place(self) -> np.ndarray:
        """[state, area, hukou, region, age band]"""
        return self.people.sum(axis=(5, 6))

    def by_group(self) -> np.ndarray:
        """[state, area, groups]"""
        n_groups, n_states, n_areas = self.table.shape[:3]
        by_group = self.table.reshape(n_groups, n_states, n_areas, -1).sum(axis=3)
        return by_group.transpose(1, 2, 0)

    def by_occupation(self) -> np.ndarray:
        """[state, area, occupation]"""
        n_states, n_areas, *_, n_occ, n_edu = self.people.shape
        by_job = self.people.reshape(n_states * n_areas, -1, n_occ * n_edu).sum(axis=1)
        return by_job.reshape(n_states, n_areas, n_occ, n_edu).sum(axis=-1)

    def by_education(self) -> np.ndarray:
        """[age band, education]"""
        return self.people.reshape(-1, *self.people.shape[4:]).sum(axis=0).sum(axis=1)

    def seekers(self) -> np.ndarray:
        """Unemployed job seekers by market [region, area, occupation] (as
        :func:`sim.markets.seekers_by_market` counts them)."""
        by_area_region = self.people[UNEMPLOYED].sum(axis=0).sum(axis=1)  # [area, region, ...]
        return by_area_region.sum(axis=2).sum(axis=-1).transpose(1, 0, 2)


def _moved(f: np.ndarray, flag: np.uint8, bit: int) -> np.ndarray:
    """The bit ``flag`` of flags ``f``, moved to ``bit`` (both powers of two), as uint8."""
    shift = int(flag).bit_length() - bit.bit_length()
    moved = f >> np.uint8(shift) if shift >= 0 else f << np.uint8(-shift)
    moved &= np.uint8(bit)
    return moved


def tabulate(w: Workers, n_regions: int) -> Tabulation:
    """Count every person by (groups, state, area, hukou, region, age band, occupation,
    education) in one pass: a key put together from narrow codes (uint8 and uint16; the whole key
    in the intp that ``np.bincount`` takes) and one ``np.bincount`` of it. It relies on the
    workers' invariants: a sector iff working (so that a working person's state is refined by the
    sector, and the others' by their own bits) and ages of 16 and over."""
    u8, u16 = np.uint8, np.uint16
    s, f, sector = w.status.view(u8), w.flags, w.sector
    # A status's first state is its code plus the extra states of the statuses before it.
    state = s.copy()
    for status in Status:
        if SUBSTATES[status] > 1 and status < max(Status):
            state += (s > status.value).view(u8) * u8(SUBSTATES[status] - 1)
    for start in GROUP_STARTS:  # a job's sector group
        state += (sector >= start).view(u8)
    displaced = _moved(f, AI_DISPLACED, DISPLACED)
    unemployed = (w.spell >= LONG_TERM_MONTHS).view(u8) * u8(LONG_SPELL)
    unemployed |= (w.ui_months > 0).view(u8) * u8(ON_BENEFIT)
    unemployed |= displaced
    unemployed *= (s == Status.UNEMPLOYED.value).view(u8)
    state += unemployed
    displaced *= (s == Status.TRAINING.value).view(u8)
    state += displaced

    age = w.age_months
    band = (age >= 12 * int(AGE_BAND_EDGES[0])).view(u8)
    for edge in AGE_BAND_EDGES[1:]:  # the band is the number of edges reached
        band += (age >= 12 * int(edge)).view(u8)
    groups = _moved(f, GRADUATE, GROUP_BITS[GRADUATE])
    for flag in (POVERTY_ALLEVIATED, PENSION_INSURED):
        groups |= _moved(f, flag, GROUP_BITS[flag])
    area_hukou = w.urban.view(u8) * u8(2)
    area_hukou += w.hukou_rural.view(u8)
    n_place = N_GROUPS * N_STATES * 2 * 2 * n_regions * N_BANDS
    place = groups.astype(np.promote_types(u16, np.min_scalar_type(n_place)))
    place *= N_STATES
    place += state
    place *= 4
    place += area_hukou
    place *= n_regions
    place += w.region.view(u8)
    place *= N_BANDS
    place += band
    job = w.occupation.view(u8) * u8(N_EDU)
    job += w.education.view(u8)

    # the whole key as intp, which np.bincount would otherwise convert it to
    key = place.astype(np.intp)
    key *= N_OCC * N_EDU
    key += job
    table = np.bincount(key, minlength=n_place * N_OCC * N_EDU)
    shape = (N_GROUPS, N_STATES, 2, 2, n_regions, N_BANDS, N_OCC, N_EDU)
    return Tabulation(table.reshape(shape))


def mismatch_index(v: np.ndarray, u: np.ndarray) -> float:
    """Sahin et al. (2014) mismatch index over markets with vacancies ``v`` and seekers ``u``."""
    v, u = v.astype(float), u.astype(float)
    if u.sum() == 0 or v.sum() == 0:
        return float("nan")
    return float(
        1.0 - np.sum((v / v.sum()) ** MISMATCH_ALPHA * (u / u.sum()) ** (1 - MISMATCH_ALPHA))
    )


class Statistics:
    name = "statistics"

    def __init__(self, model: LabourMarketModel) -> None:
        self.record: dict[str, float] = {}
        self.ai_displaced_cumulative = 0  # agents displaced by AI since the start
        self.n_urban_employed = 0  # agents, at the last tabulation (next month's starting stock)
        self.n_urban_unemployed = 0
        self.urban_employed_mask = np.zeros(0, dtype=bool)
        self.tabulation: Tabulation | None = None  # the last month's head counts

    def step(self, model: LabourMarketModel) -> None:
        """Compute this month's record (the DataCollector reads it) and update region readings."""
        self.record = self.compute(model)
        w = model.workers
        w.months_since_urban_job *= ~self.urban_employed_mask  # 0 for the urban employed
        self._update_regions(model)

    def _update_regions(self, model: LabourMarketModel) -> None:
        seekers = self.tabulation.seekers().sum(axis=2)  # [region, area]
        # Seekers now plus those hired this month approximate the month's seekers.
        hires = model.flows.hires_by_region_area
        finding = hires / np.maximum(seekers + hires, 1)
        for r in model.regions:
            r.job_finding = finding[r.index]

    def compute(self, model: LabourMarketModel) -> dict[str, float]:
        w, flows = model.workers, model.flows
        k = w.weight / 1e4  # 10k persons per agent
        s = w.status
        employed = s == EMPLOYED_STATUSES[0].value  # plain ints: an IntEnum compares 15x slower
        for status in EMPLOYED_STATUSES[1:]:
            employed |= s == status.value
        self.urban_employed_mask = employed & w.urban
        self.tabulation = tab = tabulate(w, len(model.regions))
        place = tab.by_place()  # place: [state, area, hukou, region, band]
        emp = place[EMPLOYED].sum(axis=0)  # [area, hukou, region, band]
        une = place[UNEMPLOYED].sum(axis=0)
        n_emp, n_ue, n_unemp, n_uu = (
            int(emp.sum()),
            int(emp[URBAN].sum()),
            int(une.sum()),
            int(une[URBAN].sum()),
        )
        self.n_urban_employed, self.n_urban_unemployed = n_ue, n_uu
        rec: dict[str, float] = {"date": model.date_label, "year": model.year, "month": model.month}

        # The urban labour force: [unemployed, hukou, region, age band].
        lf = np.stack([emp[URBAN], une[URBAN]])

        def urate(axis_sum: np.ndarray) -> float:
            return _rate(float(axis_sum[1]), float(axis_sum.sum()))

        by = lf.sum(axis=(1, 2))  # (unemployed, band)
        rec["urban_unemployment_rate"] = urate(by.sum(axis=1))
        rec["youth_unemployment_rate"] = urate(by[:, 0])
        groups = tab.by_group()  # [state, area, groups]
        grad = groups_with(GRADUATE)
        grad_unemp = int(groups[UNEMPLOYED, URBAN][:, grad].sum())
        rec["graduate_unemployment_rate"] = _rate(
            grad_unemp, int(groups[EMPLOYED, URBAN][:, grad].sum()) + grad_unemp
        )
        rec["unemployment_rate_25_29"] = urate(by[:, 1])
        rec["unemployment_rate_30_59"] = urate(by[:, 2])
        hk = lf.sum(axis=(2, 3))
        rec["migrant_unemployment_rate"] = urate(hk[:, 1])
        rec["local_unemployment_rate"] = urate(hk[:, 0])
        rg = lf.sum(axis=(1, 3))
        for r in model.regions:
            rec[f"urban_unemployment_rate_{r.name}"] = urate(rg[:, r.index])
        for r in model.regions:  # urban employed by region, 10k persons
            rec[f"urban_employed_{r.name}"] = float(rg[0, r.index]) * w.weight / 1e4

        rec["employed"] = n_emp * k
        rec["urban_employed"] = n_ue * k
        rec["rural_employed"] = (n_emp - n_ue) * k
        rec["urban_employment_share"] = _rate(n_ue, n_emp)
        rec["urban_unemployed"] = n_uu * k
        per_state = place.sum(axis=(1, 2, 3, 4))
        for g, label in enumerate(("primary", "secondary", "tertiary")):
            in_group = [STATE_OF[st] + g for st in EMPLOYED_STATUSES]
            rec[f"employed_{label}"] = int(per_state[in_group].sum()) * k
        rec["flexible_employed"] = int(per_state[states(Status.EMPLOYED_FLEXIBLE)].sum()) * k
        rec["urban_new_jobs"] = (flows.urban_new_hires - flows.urban_attrition) * k

        migrant = place[NONFARM][:, :, 1].sum(axis=(0, 2, 3))  # rural hukou, [area]
        rec["migrant_workers"] = int(migrant.sum()) * k
        rec["migrant_workers_away"] = int(migrant[URBAN]) * k
        rec["migrant_workers_local"] = int(migrant[1 - URBAN]) * k

        vac = model.demand.vacancies
        n_vac = int(vac.sum())
        firm_jobs = int(per_state[FIRM_JOBS].sum())
        rec["vacancies"] = n_vac * k
        rec["vacancy_rate"] = _rate(n_vac, n_vac + firm_jobs)
        rec["vacancies_per_jobseeker"] = n_vac / max(n_unemp, 1)
        # Flow rates of the urban labour force against start-of-month stocks, so that in a
        # stationary economy u = s / (s + f).
        rec["job_finding_rate"] = (
            flows.hires_from_unemployment_urban / flows.urban_unemployed_at_start
            if flows.urban_unemployed_at_start
            else float("nan")
        )
        rec["separation_rate"] = (
            flows.urban_separations / flows.urban_employed_at_start
            if flows.urban_employed_at_start
            else float("nan")
        )
        long_term = int(place[unemployed_with(LONG_SPELL), URBAN].sum())
        rec["long_term_unemployed_share"] = _rate(long_term, n_uu)
        v = vacancies_by_market(model)[:, URBAN, :]
        rec["mismatch_index"] = mismatch_index(v, tab.seekers()[:, URBAN, :])

        per_group = groups.sum(axis=1)  # [state, groups]
        poor = groups_with(POVERTY_ALLEVIATED)
        rec["poverty_alleviated_in_work"] = int(per_group[NONFARM][:, poor].sum()) * k
        insured = groups_with(PENSION_INSURED)
        n_adults = int(per_state[ADULTS].sum())
        rec["pension_coverage"] = _rate(int(per_group[ADULTS][:, insured].sum()), n_adults)
        rec["public_programme_jobs"] = int(per_state[states(Status.PUBLIC_PROGRAMME)].sum()) * k
        rec["ui_recipients"] = int(per_state[unemployed_with(ON_BENEFIT)].sum()) * k
        costs = model.policy.costs()
        for lever, yuan in costs.items():
            rec[f"cost_{lever}"] = yuan / 1e8  # 100 million yuan (亿元)
        rec["cost_total"] = sum(costs.values()) / 1e8
        edu = tab.by_education()[WORKING_AGE_BANDS].sum(axis=0)
        rec["schooling_years_working_age"] = float(edu @ SCHOOLING_YEARS / edu.sum())
        rec["labour_force_participation"] = _rate(n_emp + n_unemp, n_adults)
        earners = int(np.count_nonzero(w.wage))  # firm and programme jobs (pay > 0)
        pay = float(w.wage.sum(dtype=np.float64))
        rec["mean_wage"] = pay / earners if earners else np.nan
        rec["wage_bill"] = pay * k  # 10k yuan per month
        rec["log_gdp"] = model.demand.log_gdp_now(model)
        rec["output_gap"] = model.demand.output_gap_now(model)
        rec["population"] = w.n * k
        self._occupations(rec, tab.by_occupation(), k)
        self._ai(rec, model, per_state, k)
        for name in FLOW_REPORTS:
            rec[name] = getattr(flows, name) * k
        return rec

    @staticmethod
    def _occupations(rec: dict, occ: np.ndarray, k: float) -> None:
        """Employment (all, 10k) and urban unemployment rate (%) by occupation group, from head
        counts by [state, area, occupation]."""
        emp = occ[EMPLOYED].sum(axis=0)
        u_emp, u_unemp = emp[URBAN], occ[UNEMPLOYED, URBAN].sum(axis=0)
        emp = emp.sum(axis=0)
        for o, name in enumerate(names(Occupation)):
            rec[f"employed_{name}"] = int(emp[o]) * k
            rec[f"unemployment_rate_{name}"] = _rate(int(u_unemp[o]), int(u_emp[o] + u_unemp[o]))

    def _ai(self, rec: dict, model: LabourMarketModel, per_state: np.ndarray, k: float) -> None:
        """AI adoption and the fate of displaced workers; training."""
        w, flows = model.workers, model.flows
        self.ai_displaced_cumulative += flows.ai_displaced
        rec["ai_adoption_share"] = model.ai.adoption_share(model)
        rec["ai_displaced_cumulative"] = self.ai_displaced_cumulative * k
        rec["ai_displaced_unemployed"] = int(per_state[unemployed_with(DISPLACED)].sum()) * k
        training = states(Status.TRAINING)
        rec["ai_displaced_in_training"] = int(per_state[training[1]]) * k
        t = model.month_index - model.start_index
        at = w.ai_displaced_at
        cohort = np.flatnonzero((at >= 0) & (at <= t - 12))
        back = w.ai_reemployed_at[cohort]
        n_back = int(np.count_nonzero((back >= 0) & (back - at[cohort] <= 12)))
        rec["ai_displaced_reemployed_12m_share"] = (
            float(np.int64(n_back) / np.int64(len(cohort))) if len(cohort) else float("nan")
        )
        rec["in_training"] = int(per_state[training].sum()) * k
