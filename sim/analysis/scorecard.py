"""Annual aggregates and the plan's scorecard (table 1 of the 14th Five-Year employment plan).

Annual figures follow the statistics bureau: the annual surveyed urban unemployment rate is the
mean of the twelve monthly rates (the yearly maximum is reported beside it); flows (urban new jobs,
graduates) are sums over the year; stocks (employment, migrant workers, schooling) are December
values. Growth rates compare annual means with the year before (for the first simulated year, the
initial state, December of the year before the start, stands for that year).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim import data_loader as data

CEILING = 5.5  # %, plan table 1: surveyed urban unemployment rate "< 5.5" (annual control target)
TRAINING_TOLERANCE = 0.10  # the plan's "~" (about) target read as within 10%
LABOUR_SHARE_2020 = 52.1  # %, plan table 1 value for 2020 (china_annual.csv labour_share_of_gdp)

MEAN_COLUMNS = [
    "urban_unemployment_rate",
    "youth_unemployment_rate",
    "unemployment_rate_25_29",
    "unemployment_rate_30_59",
    "migrant_unemployment_rate",
    "local_unemployment_rate",
    "vacancy_rate",
    "vacancies_per_jobseeker",
    "job_finding_rate",
    "separation_rate",
    "long_term_unemployed_share",
    "mismatch_index",
]
SUM_COLUMNS = [
    "urban_new_jobs",
    "graduates",
    "school_leavers",
    "separations",
    "layoffs",
    "closure_layoffs",
    "rural_urban_moves",
    "return_moves",
    "in_place_urbanised",
    "retirements",
    "ai_displaced",
    "training_starts",
    "training_completions",
]
DECEMBER_COLUMNS = [
    "employed",
    "urban_employed",
    "rural_employed",
    "urban_employment_share",
    "employed_primary",
    "employed_secondary",
    "employed_tertiary",
    "flexible_employed",
    "migrant_workers",
    "migrant_workers_away",
    "migrant_workers_local",
    "poverty_alleviated_in_work",
    "schooling_years_working_age",
    "pension_coverage",
    "public_programme_jobs",
]


def annual_table(monthly: pd.DataFrame, initial: dict[str, float]) -> pd.DataFrame:
    """One row per calendar year of the run; ``initial`` is the initial state's record (December
    2020 for the default start)."""
    g = monthly.groupby("year", sort=True)
    out = pd.DataFrame(index=g.size().index)
    out["months"] = g.size()
    regional = [c for c in monthly.columns if c.startswith("urban_unemployment_rate_")]
    for c in MEAN_COLUMNS + regional:
        out[c] = g[c].mean()
    out["urban_unemployment_rate_max"] = g["urban_unemployment_rate"].max()
    out["youth_unemployment_rate_max"] = g["youth_unemployment_rate"].max()
    costs = [c for c in monthly.columns if c.startswith("cost_")]  # 100m yuan per month
    for c in SUM_COLUMNS + costs:
        out[c] = g[c].sum()
    for c in DECEMBER_COLUMNS:
        out[c] = g[c].last()
    out["new_labour_higher_ed_share"] = (
        100.0 * out["graduates"] / out["school_leavers"].where(out["school_leavers"] > 0)
    )
    gdp = g["log_gdp"].apply(lambda s: float(np.log(np.exp(s).mean())))
    emp = g["employed"].mean()
    wage_bill = g["wage_bill"].mean()
    prev_gdp = gdp.shift(1)
    prev_emp = emp.shift(1)
    first = out.index[0]
    prev_gdp.loc[first] = initial["log_gdp_prev_year"]
    prev_emp.loc[first] = initial["employed"]
    out["gdp_growth"] = 100.0 * (np.exp(gdp - prev_gdp) - 1.0)
    out["employment_growth"] = 100.0 * (emp / prev_emp - 1.0)
    out["labour_productivity_growth"] = 100.0 * (
        (1 + out["gdp_growth"] / 100) / (1 + out["employment_growth"] / 100) - 1
    )
    # GDP relative to the initial state's month (log_gdp is relative to December 2020)
    out["labour_share"] = (
        LABOUR_SHARE_2020 * (wage_bill / initial["wage_bill"]) / np.exp(gdp - initial["log_gdp"])
    )
    out["ceiling_held"] = out["urban_unemployment_rate"] < CEILING
    return out.reset_index()


def _row(t: pd.Series, value: float | None, year: int | None, status: str, note: str) -> dict:
    return {
        "indicator_id": t.indicator_id,
        "indicator": t.indicator_en,
        "unit": t.unit,
        "value_2020": t.value_2020,
        "target_2025": t.target_2025,
        "rule": t.target_rule,
        "model_value": None if value is None else round(float(value), 3),
        "year": year,
        "status": status,
        "note": note,
    }


def scorecard(annual: pd.DataFrame) -> pd.DataFrame:
    """Every indicator of the plan's table 1 against its 2025 target: pass, fail or not modelled.

    An indicator is judged on the run's years 2021-2025 that are complete (12 months); if the run
    does not reach December 2025, the last complete year is shown and the status says so.
    """
    targets = data.plan_targets()
    full = annual[(annual.months == 12) & (annual.year >= 2021) & (annual.year <= 2025)]
    plan_years = full.set_index("year")
    reaches_2025 = 2025 in plan_years.index
    last = int(plan_years.index.max()) if len(plan_years) else None
    rows = []

    def status(ok: bool) -> str:
        verdict = "pass" if ok else "fail"
        return verdict if reaches_2025 else f"{verdict} (so far; run ends before 2025)"

    for t in targets.itertuples(index=False):
        if last is None:
            rows.append(_row(t, None, None, "not reached", "no complete year 2021-2025 in the run"))
            continue
        y = plan_years.loc[last]
        match t.indicator_id:
            case "urban_new_jobs_cum":
                v = plan_years["urban_new_jobs"].sum()
                ok = v >= float(t.target_2025) * len(plan_years) / 5
                rows.append(
                    _row(
                        t,
                        v,
                        last,
                        status(ok),
                        f"sum over {len(plan_years)} complete plan years, prorated target",
                    )
                )
            case "surveyed_urban_unemployment":
                ok = bool((plan_years["urban_unemployment_rate"] < CEILING).all())
                worst = plan_years["urban_unemployment_rate"].max()
                rows.append(
                    _row(
                        t,
                        y.urban_unemployment_rate,
                        last,
                        status(ok),
                        f"annual means; highest year {worst:.2f}%",
                    )
                )
            case "urban_employment_share":
                v = y.urban_employment_share
                rows.append(_row(t, v, last, status(v > float(t.target_2025)), "December value"))
            case "poverty_alleviated_migrant_work":
                ok = bool((plan_years["poverty_alleviated_in_work"] > float(t.target_2025)).all())
                rows.append(
                    _row(
                        t,
                        y.poverty_alleviated_in_work,
                        last,
                        status(ok),
                        "December values; every year must stay above the floor",
                    )
                )
            case "labour_productivity_growth":
                ok = bool(
                    (plan_years["labour_productivity_growth"] > plan_years["gdp_growth"]).all()
                )
                rows.append(
                    _row(
                        t,
                        y.labour_productivity_growth,
                        last,
                        status(ok),
                        f"GDP growth {y.gdp_growth:.2f}% in {last}; every year compared",
                    )
                )
            case "labour_share":
                first_share = plan_years["labour_share"].iloc[0]
                ok = bool(y.labour_share > LABOUR_SHARE_2020 and y.labour_share >= first_share)
                rows.append(
                    _row(
                        t,
                        y.labour_share,
                        last,
                        status(ok),
                        "index of real wage bill over real GDP, 2020 = 52.1",
                    )
                )
            case "schooling_years_working_age":
                v = y.schooling_years_working_age
                rows.append(_row(t, v, last, status(v >= float(t.target_2025)), "ages 16-59"))
            case "new_labour_higher_ed_share":
                v = y.new_labour_higher_ed_share
                rows.append(
                    _row(
                        t,
                        v,
                        last,
                        status(v >= float(t.target_2025)),
                        "college graduates over all school leavers in the year",
                    )
                )
            case "subsidised_training_cum":
                v = plan_years["training_starts"].sum()
                goal = float(t.target_2025) * len(plan_years) / 5
                ok = abs(v - goal) <= TRAINING_TOLERANCE * goal
                rows.append(
                    _row(
                        t,
                        v,
                        last,
                        status(ok),
                        f"person-times started; '~' read as within 10% of {goal:.0f}",
                    )
                )
            case "pension_coverage":
                v = y.pension_coverage
                rows.append(
                    _row(
                        t,
                        v,
                        last,
                        status(v >= float(t.target_2025)),
                        "December; insured adults (not in school), both schemes",
                    )
                )
            case _:
                rows.append(_row(t, None, None, "not modelled", "unknown indicator"))
    return pd.DataFrame(rows)
