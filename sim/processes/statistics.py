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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from sim.codes import (
    PRIMARY_SECTORS,
    SCHOOLING_YEARS,
    SECONDARY_SECTORS,
    TERTIARY_SECTORS,
    Occupation,
    Sector,
    Status,
    names,
)
from sim.markets import vacancies_and_seekers
from sim.occupations import N_OCC
from sim.workers import AI_DISPLACED, GRADUATE, PENSION_INSURED, POVERTY_ALLEVIATED

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


class Statistics:
    name = "statistics"

    def __init__(self, model: LabourMarketModel) -> None:
        self.record: dict[str, float] = {}
        self.ai_displaced_cumulative = 0  # agents displaced by AI since the start
        self.n_urban_employed = 0  # agents, at the last tabulation (next month's starting stock)
        self.n_urban_unemployed = 0
        self.urban_employed_mask = np.zeros(0, dtype=bool)

    def step(self, model: LabourMarketModel) -> None:
        """Compute this month's record (the DataCollector reads it) and update region readings."""
        self.record = self.compute(model)
        w = model.workers
        w.months_since_urban_job[self.urban_employed_mask] = 0
        self._update_regions(model)

    def _update_regions(self, model: LabourMarketModel) -> None:
        w, flows = model.workers, model.flows
        u = w.status == Status.UNEMPLOYED
        n_reg = len(model.regions)
        seekers = np.bincount(
            w.region[u].astype(np.int64) * 2 + w.urban[u], minlength=n_reg * 2
        ).reshape(n_reg, 2)
        # Seekers now plus those hired this month approximate the month's seekers.
        hires = flows.hires_by_region_area
        finding = hires / np.maximum(seekers + hires, 1)
        for r in model.regions:
            r.job_finding = finding[r.index]

    def compute(self, model: LabourMarketModel) -> dict[str, float]:
        w, flows = model.workers, model.flows
        k = w.weight / 1e4  # 10k persons per agent
        s = w.status
        employed = w.employed()
        unemployed = s == Status.UNEMPLOYED
        urban = w.urban
        age = w.age_months // 12
        ue, uu = employed & urban, unemployed & urban
        self.urban_employed_mask = ue
        self.n_urban_employed, self.n_urban_unemployed = int(ue.sum()), int(uu.sum())
        rec: dict[str, float] = {"date": model.date_label, "year": model.year, "month": model.month}

        # The urban labour force only, tabulated once by (unemployed, age band, hukou, region).
        lf = np.flatnonzero(ue | uu)
        band = np.searchsorted(AGE_BAND_EDGES, age[lf], side="right")  # 0: 16-24 ... 3: 60+
        n_reg = len(model.regions)
        n_bands = len(AGE_BAND_EDGES) + 1
        cell = (
            (uu[lf].astype(np.int64) * n_bands + band) * 2 + w.hukou_rural[lf]
        ) * n_reg + w.region[lf]
        tab = np.bincount(cell, minlength=2 * n_bands * 2 * n_reg).reshape(2, n_bands, 2, n_reg)

        def urate(axis_sum: np.ndarray) -> float:
            return _rate(float(axis_sum[1]), float(axis_sum.sum()))

        by = tab.sum(axis=(2, 3))  # (unemployed, band)
        rec["urban_unemployment_rate"] = urate(by.sum(axis=1))
        rec["youth_unemployment_rate"] = urate(by[:, 0])
        grad = (w.flags[lf] & GRADUATE) > 0
        rec["graduate_unemployment_rate"] = _rate(int((grad & uu[lf]).sum()), int(grad.sum()))
        rec["unemployment_rate_25_29"] = urate(by[:, 1])
        rec["unemployment_rate_30_59"] = urate(by[:, 2])
        hk = tab.sum(axis=(1, 3))
        rec["migrant_unemployment_rate"] = urate(hk[:, 1])
        rec["local_unemployment_rate"] = urate(hk[:, 0])
        rg = tab.sum(axis=(1, 2))
        for r in model.regions:
            rec[f"urban_unemployment_rate_{r.name}"] = urate(rg[:, r.index])
        for r in model.regions:  # urban employed by region, 10k persons
            rec[f"urban_employed_{r.name}"] = float(rg[0, r.index]) * w.weight / 1e4

        n_emp, n_ue = int(employed.sum()), int(ue.sum())
        rec["employed"] = n_emp * k
        rec["urban_employed"] = n_ue * k
        rec["rural_employed"] = (n_emp - n_ue) * k
        rec["urban_employment_share"] = _rate(n_ue, n_emp)
        rec["urban_unemployed"] = int(uu.sum()) * k
        by_sector = np.bincount(w.sector.astype(np.int64) + 1, minlength=len(Sector) + 1)[1:]
        for label, group in (
            ("primary", PRIMARY_SECTORS),
            ("secondary", SECONDARY_SECTORS),
            ("tertiary", TERTIARY_SECTORS),
        ):
            rec[f"employed_{label}"] = int(by_sector[list(group)].sum()) * k
        rec["flexible_employed"] = int((s == Status.EMPLOYED_FLEXIBLE).sum()) * k
        rec["urban_new_jobs"] = (flows.urban_new_hires - flows.urban_attrition) * k

        nonfarm = w.nonfarm_work()
        migrant = w.hukou_rural & nonfarm
        rec["migrant_workers"] = int(migrant.sum()) * k
        rec["migrant_workers_away"] = int((migrant & urban).sum()) * k
        rec["migrant_workers_local"] = int((migrant & ~urban).sum()) * k

        vac = model.demand.vacancies
        n_vac = int(vac.sum())
        firm_jobs = int((w.employer >= 0).sum())
        rec["vacancies"] = n_vac * k
        rec["vacancy_rate"] = _rate(n_vac, n_vac + firm_jobs)
        rec["vacancies_per_jobseeker"] = n_vac / max(int(unemployed.sum()), 1)
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
        rec["long_term_unemployed_share"] = _rate(
            int((uu & (w.spell >= LONG_TERM_MONTHS)).sum()), int(uu.sum())
        )
        rec["mismatch_index"] = self.mismatch_index(model)

        poor = (w.flags & POVERTY_ALLEVIATED) > 0
        rec["poverty_alleviated_in_work"] = int((poor & nonfarm).sum()) * k
        adults = s != Status.STUDENT
        insured = (w.flags & PENSION_INSURED) > 0
        rec["pension_coverage"] = _rate(int((insured & adults).sum()), int(adults.sum()))
        rec["public_programme_jobs"] = int((s == Status.PUBLIC_PROGRAMME).sum()) * k
        rec["ui_recipients"] = int(((w.ui_months > 0) & unemployed).sum()) * k
        costs = model.policy.costs()
        for lever, yuan in costs.items():
            rec[f"cost_{lever}"] = yuan / 1e8  # 100 million yuan (亿元)
        rec["cost_total"] = sum(costs.values()) / 1e8
        working_age = (age >= 16) & (age <= 59)
        edu = np.bincount(
            w.education + len(SCHOOLING_YEARS) * working_age, minlength=2 * len(SCHOOLING_YEARS)
        )[len(SCHOOLING_YEARS) :]
        rec["schooling_years_working_age"] = float(edu @ SCHOOLING_YEARS / edu.sum())
        rec["labour_force_participation"] = _rate(
            n_emp + int(unemployed.sum()), int((s != Status.STUDENT).sum())
        )
        earners = int(np.count_nonzero(w.wage))  # firm and programme jobs (pay > 0)
        pay = float(w.wage.sum(dtype=np.float64))
        rec["mean_wage"] = pay / earners if earners else np.nan
        rec["wage_bill"] = pay * k  # 10k yuan per month
        rec["log_gdp"] = model.demand.log_gdp_now(model)
        rec["output_gap"] = model.demand.output_gap_now(model)
        rec["population"] = w.n * k
        self._occupations(rec, w, employed, ue, uu, k)
        self._ai(rec, model, k)
        for name in FLOW_REPORTS:
            rec[name] = getattr(flows, name) * k
        return rec

    @staticmethod
    def _occupations(
        rec: dict, w, employed: np.ndarray, ue: np.ndarray, uu: np.ndarray, k: float
    ) -> None:
        """Employment (all, 10k) and urban unemployment rate (%) by occupation group."""
        # one pass: state 0 other, 1 employed rural, 2 employed urban, 3 unemployed urban
        state = employed.astype(np.int64) + ue + 3 * uu
        tab = np.bincount(w.occupation * 4 + state, minlength=N_OCC * 4).reshape(N_OCC, 4)
        emp, u_emp, u_unemp = tab[:, 1] + tab[:, 2], tab[:, 2], tab[:, 3]
        for o, name in enumerate(names(Occupation)):
            rec[f"employed_{name}"] = int(emp[o]) * k
            rec[f"unemployment_rate_{name}"] = _rate(int(u_unemp[o]), int(u_emp[o] + u_unemp[o]))

    def _ai(self, rec: dict, model: LabourMarketModel, k: float) -> None:
        """AI adoption and the fate of displaced workers; training."""
        w, flows = model.workers, model.flows
        self.ai_displaced_cumulative += flows.ai_displaced
        rec["ai_adoption_share"] = model.ai.adoption_share(model)
        rec["ai_displaced_cumulative"] = self.ai_displaced_cumulative * k
        displaced = (w.flags & AI_DISPLACED) > 0
        rec["ai_displaced_unemployed"] = (
            int((displaced & (w.status == Status.UNEMPLOYED)).sum()) * k
        )
        rec["ai_displaced_in_training"] = int((displaced & (w.status == Status.TRAINING)).sum()) * k
        t = model.month_index - model.start_index
        cohort = (w.ai_displaced_at >= 0) & (w.ai_displaced_at <= t - 12)
        back = cohort & (w.ai_reemployed_at >= 0) & (w.ai_reemployed_at - w.ai_displaced_at <= 12)
        rec["ai_displaced_reemployed_12m_share"] = (
            float(back.sum() / cohort.sum()) if cohort.any() else float("nan")
        )
        rec["in_training"] = int((w.status == Status.TRAINING).sum()) * k

    @staticmethod
    def mismatch_index(model: LabourMarketModel) -> float:
        """Sahin et al. (2014) mismatch index over urban (region, occupation) markets."""
        v, u = (x[:, URBAN, :].astype(float) for x in vacancies_and_seekers(model))
        if u.sum() == 0 or v.sum() == 0:
            return float("nan")
        return float(
            1.0 - np.sum((v / v.sum()) ** MISMATCH_ALPHA * (u / u.sum()) ** (1 - MISMATCH_ALPHA))
        )
