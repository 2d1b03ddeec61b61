"""Calibration: the December 2020 state against every figure of the data it can be held against.

The model starts from a synthetic population built to reproduce the official picture of December
2020 (employment by sector and area, migrant workers, unemployment, schooling, regions). Target
figures show that the synthesis does what it claims; the untargeted checks (migrants' ages and
incomes, census sector shares, wages, the vacancy ratio) are the informative part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim import data_loader as data
from sim.analysis.validation.report import Claims, fmt, md_table, save_figure
from sim.analysis.validation.runs import log
from sim.analysis.validation.settings import Settings
from sim.api import compose_config
from sim.codes import SCHOOLING_YEARS, Sector, Status
from sim.config import validate
from sim.model import LabourMarketModel
from sim.processes.wage_setting import NONPRIVATE_SHARE
from sim.workers import PENSION_INSURED


@dataclass
class Row:
    figure: str  # what is compared (label in the table)
    unit: str
    data: float
    flag: str  # V / D / M of the data row
    source: str  # file and row of the data
    model: float
    role: str  # "target" (the initial state is built to hit it) or "check" (not targeted)
    note: str = ""


def annual_row(indicator: str, year: int = 2020) -> pd.Series:
    df = data.read_table("china_annual")
    return df[(df.indicator == indicator) & (df.year == year)].iloc[0]


# china_annual.csv rows of 2020 that the table does not compare, and why
NOT_COMPARED = {
    "surveyed_urban_unemployment_avg": "annual mean of 2020 (Covid peak 6.2% in February); the "
    "initial state is December",
    "registered_urban_unemployment_rate": "registered unemployment is not modelled",
    "urban_new_jobs": "a flow over 2020; the initial state has no past flows (see the known "
    "limitation on urban new jobs in README.md)",
    "migrant_workers_within_province": "the complement of the cross-province row",
    "urban_rural_income_ratio": "an input (farm income ratio), not an outcome",
    "unemployment_insurance_participants": "insurance membership is not modelled (only benefit "
    "entitlement of job losers)",
    "unemployment_insurance_beneficiaries_in_year": "a flow over 2020",
    "avg_weekly_hours_enterprise": "hours are not modelled",
    "labour_productivity_growth": "a growth rate of 2020; the model computes it from 2021",
    "subsidised_training": "a flow over 2020",
    "skilled_workers_total": "skill certificates are not modelled",
    "new_labour_higher_ed_share": "a flow (July graduates over school leavers), computed from 2021",
    "census_2020_employed_share_wholesale_retail": "not a sector of the model (part of "
    "traditional services)",
    "avg_wage_urban_private": "compared through the blended average urban wage",
}


def calibration_rows(model: LabourMarketModel) -> list[Row]:
    """Every figure of the data the December 2020 state can be held against."""
    rec = model.statistics.record
    w = model.workers
    k = w.weight / 1e4
    age = w.age_months / 12.0
    urban_lf = w.urban & (w.employed() | (w.status == Status.UNEMPLOYED))
    unemp = w.status == Status.UNEMPLOYED
    nonfarm = w.nonfarm_work()
    migrant = w.hukou_rural & nonfarm
    firm = w.employer >= 0
    rows: list[Row] = []

    def annual(indicator: str, key_or_value, role: str = "target", label: str = "", note=""):
        r = annual_row(indicator)
        value = rec[key_or_value] if isinstance(key_or_value, str) else float(key_or_value)
        rows.append(
            Row(
                label or indicator,
                str(r.unit),
                float(r.value),
                str(r.flag),
                f"china_annual.csv {indicator} 2020",
                value,
                role,
                note,
            )
        )

    annual("employed_total_revised", "employed")
    annual("employed_urban", "urban_employed")
    annual("employed_rural", "rural_employed")
    annual("urban_employment_share", "urban_employment_share")
    annual("employed_primary", "employed_primary")
    annual("employed_secondary", "employed_secondary")
    annual("employed_tertiary", "employed_tertiary")
    annual("migrant_workers_total", "migrant_workers")
    annual("migrant_workers_local", "migrant_workers_local")
    annual("migrant_workers_away", "migrant_workers_away")
    annual("surveyed_urban_unemployment_dec", "urban_unemployment_rate")

    groups = data.read_table("china_unemployment_groups_2018_2020")
    g = groups[(groups.year == 2020) & (groups.month == 12) & (groups.group == "age_25_59")].iloc[0]
    band = urban_lf & (age >= 25) & (age < 60)
    rows.append(
        Row(
            "surveyed unemployment, ages 25-59, Dec",
            "%",
            float(g.rate),
            str(g.flag),
            "china_unemployment_groups_2018_2020.csv age_25_59 2020-12",
            100.0 * (band & unemp).sum() / band.sum(),
            "target",
            "computed from the worker arrays (urban residents 25-59)",
        )
    )
    annual("schooling_years_working_age", "schooling_years_working_age", note="ages 16-59")
    annual("poverty_alleviated_in_work", "poverty_alleviated_in_work")
    annual("pension_coverage_rate", "pension_coverage", note="adults who are not students")

    # Regions: population shares (census) and where away migrants work.
    regions = data.read_table("china_regions_2020")
    names = model.region_names
    pop_share = np.bincount(w.region, minlength=len(names)) / w.n * 100
    away = migrant & w.urban
    away_share = np.bincount(w.region[away], minlength=len(names)) / max(away.sum(), 1) * 100
    by_work = regions[regions.indicator == "migrant_workers_by_work_region"]
    for i, name in enumerate(names):
        r = regions[(regions.region == name) & (regions.indicator == "population_share")].iloc[0]
        rows.append(
            Row(
                f"population share, {name}",
                "%",
                float(r.value),
                str(r.flag),
                f"china_regions_2020.csv {name} population_share",
                float(pop_share[i]),
                "target",
            )
        )
    for i, name in enumerate(names):
        r = by_work[by_work.region == name].iloc[0]
        rows.append(
            Row(
                f"away migrant workers working in {name}",
                "% of away migrants",
                100.0 * float(r.value) / by_work.value.sum(),
                str(r.flag),
                f"china_regions_2020.csv {name} migrant_workers_by_work_region",
                float(away_share[i]),
                "target",
            )
        )

    # Inputs of initial_state_2020.csv the synthesis targets.
    pop = sum(data.initial("population_by_age").values())
    rows.append(
        Row(
            "population aged 16-74",
            "10k persons",
            pop,
            "M",
            "initial_state_2020.csv population_by_age (sum)",
            w.n * k,
            "target",
        )
    )
    rows.append(
        Row(
            "male share of the population 16-74",
            "%",
            data.initial("male_share")["all"],
            "M",
            "initial_state_2020.csv male_share",
            100.0 * (~w.female).mean(),
            "target",
        )
    )
    rows.append(
        Row(
            "urban hukou share of the population 16-74",
            "%",
            data.initial("urban_hukou_share")["all"],
            "M",
            "initial_state_2020.csv urban_hukou_share",
            100.0 * (~w.hukou_rural).mean(),
            "target",
        )
    )

    # Checks: figures the synthesis does not target.
    employed = w.employed()
    annual(
        "schooling_years_employed",
        float(SCHOOLING_YEARS[w.education[employed]].mean()),
        "check",
        note="mean over all employed 16-74",
    )
    annual("migrant_workers_avg_age", float(age[migrant].mean()), "check")
    annual("migrant_workers_share_age_50plus", float(100.0 * (age[migrant] >= 50).mean()), "check")
    annual(
        "migrant_workers_living_in_towns",
        float((migrant & w.urban).sum() * k),
        "check",
        note="model: rural-hukou non-farm workers living in urban areas (= away migrants)",
    )
    annual(
        "migrant_workers_cross_province",
        float((away & (w.hukou_region != w.region)).sum() * k),
        "check",
        note="model: away migrants outside their hukou macro-region (a lower bound)",
    )
    annual(
        "migrant_workers_monthly_income",
        float(w.wage[migrant & firm].mean()),
        "check",
        note="model: mean wage of rural-hukou workers in firm jobs",
    )
    annual(
        "migrant_workers_monthly_income_away",
        float(w.wage[migrant & firm & w.urban].mean()),
        "check",
        note="model: those living in urban areas",
    )
    annual(
        "migrant_workers_monthly_income_local",
        float(w.wage[migrant & firm & ~w.urban].mean()),
        "check",
        note="model: those living in rural areas",
    )
    blend = (
        NONPRIVATE_SHARE * annual_row("avg_wage_urban_nonprivate").value
        + (1 - NONPRIVATE_SHARE) * annual_row("avg_wage_urban_private").value
    )
    rows.append(
        Row(
            "average urban wage, non-private / private blend",
            "yuan/year",
            float(blend),
            "D",
            "china_annual.csv avg_wage_urban_nonprivate and _private 2020 (V), weighted "
            f"{NONPRIVATE_SHARE:.0%} / {1 - NONPRIVATE_SHARE:.0%} as in "
            "sim/processes/wage_setting.py",
            float(12 * w.wage[firm & w.urban].mean()),
            "check",
            "model: 12 x mean monthly wage of urban firm jobs",
        )
    )
    n_emp = employed.sum()
    for sector, label in (
        (Sector.AGRICULTURE, "agriculture"),
        (Sector.MANUFACTURING, "manufacturing"),
        (Sector.CONSTRUCTION, "construction"),
    ):
        annual(
            f"census_2020_employed_share_{label}",
            float(100.0 * (w.sector[employed] == sector).sum() / n_emp),
            "check",
            note="model: share of the employed in the sector (manufacturing includes mining "
            "and utilities)"
            if sector == Sector.MANUFACTURING
            else "model: share of the employed in the sector",
        )
    adults = w.status != Status.STUDENT
    annual(
        "pension_insurance_participants",
        float(((w.flags & PENSION_INSURED) > 0)[adults].sum() * k),
        "check",
        note="data include people over 74, who are not in the model",
    )
    r = annual_row("vacancy_to_jobseeker_ratio_q4", 2019)
    rows.append(
        Row(
            "vacancy_to_jobseeker_ratio_q4 (2019)",
            "ratio",
            float(r.value),
            str(r.flag),
            "china_annual.csv vacancy_to_jobseeker_ratio_q4 2019",
            float(rec["vacancies_per_jobseeker"]),
            "check",
            "data: registered at public employment offices; model: all vacancies over all "
            "job seekers",
        )
    )
    return rows


@dataclass
class Calibration:
    """The compared figures with their gaps (model / data - 1, %), and the 2020 rows of
    ``china_annual.csv`` left out of the comparison with the reason for each."""

    agents: int
    rows: list[Row]
    gaps: np.ndarray
    not_compared: pd.DataFrame  # indicator, value, unit, flag, reason
    tolerance: float

    @property
    def targets(self) -> np.ndarray:
        return np.array([r.role == "target" for r in self.rows])


def compute(s: Settings) -> Calibration:
    """Build the December 2020 state (seed 0) and compare it with the data."""
    log(f"calibration: building the December 2020 state at {s.calib_agents:,} agents")
    cfg = validate(compose_config([f"n_agents={s.calib_agents}", "seed=0", "figures=false"]))
    rows = calibration_rows(LabourMarketModel(cfg))
    gaps = np.array([100.0 * (r.model / r.data - 1) for r in rows])
    ann = data.read_table("china_annual")
    compared = {r.source.split()[1] for r in rows if r.source.startswith("china_annual.csv")}
    left = ann[(ann.year == 2020) & ~ann.indicator.isin(compared)]
    not_compared = pd.DataFrame(
        {
            "indicator": left.indicator.to_numpy(),
            "value": left.value.to_numpy(),
            "unit": left.unit.to_numpy(),
            "flag": left.flag.to_numpy(),
            "reason": [NOT_COMPARED.get(i, "") for i in left.indicator],
        }
    )
    return Calibration(s.calib_agents, rows, gaps, not_compared, s.calib_tolerance)


def plot(c: Calibration, path: Path) -> None:
    """Bars of the gap of every compared figure (blue: targets, orange: untargeted checks)."""
    fig, ax = plt.subplots(figsize=(10, 0.28 * len(c.rows) + 1.2))
    y = np.arange(len(c.rows))[::-1]
    ax.barh(y, c.gaps, color=["steelblue" if t else "darkorange" for t in c.targets])
    ax.set_yticks(y, [f"{r.figure} [{r.flag}]" for r in c.rows], fontsize=7)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("gap of the model from the data (% of the data value)")
    ax.set_title(f"December 2020 state, {c.agents:,} agents (blue: target, orange: check)")
    ax.grid(axis="x", alpha=0.3)
    save_figure(fig, path)


def check(c: Calibration) -> list[str]:
    """The synthesis hits its targets, and no 2020 figure of the data is silently ignored."""
    claims = Claims()
    gap = np.abs(c.gaps[c.targets])
    worst = c.rows[int(np.argmax(np.where(c.targets, np.abs(c.gaps), -1)))]
    claims.require(
        bool(gap.max() <= c.tolerance),
        f"every calibration target is met within {c.tolerance:g}%",
        f"largest gap {fmt(gap.max(), 2)}%, {worst.figure}",
    )
    unexplained = c.not_compared.indicator[c.not_compared.reason == ""].tolist()
    claims.require(
        not unexplained,
        "every 2020 figure of china_annual.csv is compared or left out for a stated reason",
        f"left out without a reason: {', '.join(unexplained)}" if unexplained else
        f"{len(c.not_compared)} left out, each with its reason",
    )  # fmt: skip
    return claims.verdict()


def words(c: Calibration) -> dict[str, str]:
    """The section's table and the numbers its text quotes."""
    rows, gaps, targets = c.rows, c.gaps, c.targets
    digits = [2 if abs(r.data) < 100 else 0 for r in rows]
    table = pd.DataFrame(
        {
            "figure": [r.figure for r in rows],
            "unit": [r.unit for r in rows],
            "data": [fmt(r.data, d) for r, d in zip(rows, digits, strict=True)],
            "flag": [r.flag for r in rows],
            "model": [fmt(r.model, d) for r, d in zip(rows, digits, strict=True)],
            "gap %": [fmt(g, 1) for g in gaps],
            "role": [r.role for r in rows],
            "source / note": [r.source + (f"; {r.note}" if r.note else "") for r in rows],
        }
    )
    not_compared = "\n".join(
        f"- `{r.indicator}` ({fmt(r.value, 2 if abs(r.value) < 100 else 0)} {r.unit}, {r.flag}): "
        f"{r.reason}"
        for r in c.not_compared.itertuples()
    )
    worst = int(np.argmax(np.where(targets, np.abs(gaps), -1)))
    target_gap = np.abs(gaps[targets])
    checks = [(r, g) for r, g in zip(rows, gaps, strict=True) if r.role == "check"]
    big = [(r, g) for r, g in checks if abs(g) > 10]
    return {
        "agents": f"{c.agents:,}",
        "table": md_table(table),
        "not_compared": not_compared,
        "n_targets": str(int(targets.sum())),
        "max_target_gap": fmt(target_gap.max(), 1),
        "worst_target": rows[worst].figure,
        "worst_target_gap": fmt(gaps[worst], 1),
        "median_target_gap": fmt(float(np.median(target_gap)), 2),
        "n_checks": str(len(checks)),
        "n_checks_close": str(len(checks) - len(big)),
        "big_checks": "; ".join(f"{r.figure} is off by {fmt(g, 0)}%" for r, g in big)
        or "none is not",
        "big_checks_list": ", ".join(f"{r.figure} ({fmt(g, 0)}%)" for r, g in big) or "none",
    }
