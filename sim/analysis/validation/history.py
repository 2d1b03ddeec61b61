"""History: the model driven by the real GDP path of 2021-2025, an out-of-sample forecast.

``scenario=history`` feeds the quarterly GDP growth actually recorded (the 2021 rebound, the 2022
Q2 lockdowns, 2023-2025 near 5%) and the real graduate cohorts; calibration used data up to
2020 only. The project holds no unemployment figures after 2020, so the path is not scored here;
it is the model's answer for outside readers to hold against the published series. The band over
seeds is sampling noise only (parameters at their defaults).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim import data_loader as data
from sim.analysis.scorecard import CEILING
from sim.analysis.validation.report import Claims, fmt, md_table, save_figure
from sim.analysis.validation.runs import log, monthly_tables, plan_period
from sim.analysis.validation.settings import Settings
from sim.ui.plotting import CEILING_STYLE, plot_unemployment

RATES = ["urban_unemployment_rate", "youth_unemployment_rate"]


@dataclass
class History:
    """The history runs' monthly rates (seeds x months) and annual means; the baseline's."""

    settings: Settings
    months: pd.DataFrame  # date, year, month and the median over seeds of each rate
    monthly: dict[str, np.ndarray]  # rate -> seeds x months
    years: list[int]
    annual: dict[str, np.ndarray]  # rate -> seeds x years
    highest_month: np.ndarray  # seeds x years: each year's highest monthly urban rate
    baseline_annual: np.ndarray  # baseline seeds x years, urban rate
    gdp_growth: dict[int, float]  # real GDP growth by year (data, %)


def compute(s: Settings) -> History:
    """History runs at every seed, and the baseline at the same size for comparison."""
    cells = {
        "history": plan_period(s.months, s.hist_agents, "scenario=history"),
        "baseline": plan_period(s.months, s.hist_agents),
    }
    log(f"history: {len(s.hist_seeds)} runs, baseline: {len(s.conv_seeds)} runs")
    hist = list(monthly_tables({"h": cells["history"]}, s.hist_seeds, s.jobs).values())
    base = list(monthly_tables({"b": cells["baseline"]}, s.conv_seeds, s.jobs).values())
    stack = {c: np.array([m[c].to_numpy() for m in hist]) for c in RATES}
    med = hist[0][["date", "year", "month"]].copy()
    for c in RATES:
        med[c] = np.median(stack[c], axis=0)

    def annual(runs: list[pd.DataFrame], col: str) -> np.ndarray:
        return np.array([m.groupby("year")[col].mean().to_numpy() for m in runs])

    inputs = data.read_table("scenario_inputs")
    g = inputs[inputs.series == "real_gdp_growth"]
    return History(
        settings=s,
        months=med,
        monthly=stack,
        years=[int(y) for y in sorted(hist[0].year.unique())],
        annual={c: annual(hist, c) for c in RATES},
        highest_month=np.array([m.groupby("year")[RATES[0]].max().to_numpy() for m in hist]),
        baseline_annual=annual(base, RATES[0]),
        gdp_growth={int(p): float(v) for p, v in zip(g.period, g.value, strict=True)},
    )


def plot(h: History, path: Path) -> None:
    """Median monthly path with its 5-95% band over seeds: urban, then youth."""
    s, med = h.settings, h.months
    fig, axes = plt.subplots(2, 1, figsize=(10, 8), sharex=True)
    d = pd.to_datetime(med["date"] + "-01")
    for ax, c, label, col in (
        (axes[0], "urban_unemployment_rate", "urban, 16+", "navy"),
        (axes[1], "youth_unemployment_rate", "youth 16-24 (students excluded)", "darkorange"),
    ):
        lo, hi = np.quantile(h.monthly[c], [0.05, 0.95], axis=0)
        if c == "urban_unemployment_rate":
            plot_unemployment(med, ax=ax, youth=False)
        else:
            ax.plot(d, med[c], color=col, label=f"{label}, median over seeds")
            ax.axhline(CEILING, label="plan ceiling 5.5%", **CEILING_STYLE)
            ax.set_ylabel("surveyed unemployment rate (%)")
            ax.set_xlabel("month")
            ax.grid(alpha=0.3)
        ax.fill_between(d, lo, hi, color=col, alpha=0.2, label="5-95% over seeds")
        ax.set_title(f"scenario=history: {label}, {len(h.monthly[c])} seeds at "
                     f"{s.hist_agents:,} agents")  # fmt: skip
        ax.legend(frameon=False, fontsize=8)
    save_figure(fig, path)


def check(h: History) -> list[str]:
    """The path is a labour market's: youth above the overall rate, levels near the ceiling."""
    urban = np.median(h.annual[RATES[0]], axis=0)
    youth = np.median(h.annual[RATES[1]], axis=0)
    claims = Claims()
    claims.require(
        bool((youth > urban).all()),
        "youth (16-24) unemployment is above the overall urban rate in every year",
        ", ".join(f"{y}: {fmt(a, 1)} vs {fmt(b, 2)}" for y, a, b in
                  zip(h.years, youth, urban, strict=True)),
    )  # fmt: skip
    claims.require(
        bool(((urban > 4) & (urban < 7)).all()),
        "the median annual urban rate stays between 4% and 7% (the range of the survey since 2018)",
        ", ".join(f"{y}: {fmt(v, 2)}" for y, v in zip(h.years, urban, strict=True)),
    )
    return claims.verdict()


def words(h: History) -> dict[str, str]:
    """The section's table and the numbers its text quotes."""
    s = h.settings
    hu, hy, bu = h.annual[RATES[0]], h.annual[RATES[1]], h.baseline_annual
    rows = []
    for i, y in enumerate(h.years):
        rows.append(
            {
                "year": y,
                "real GDP growth % (data)": fmt(h.gdp_growth.get(y, np.nan), 1),
                "urban, median (5-95%)": f"{fmt(np.median(hu[:, i]), 2)} "
                f"({fmt(np.quantile(hu[:, i], 0.05), 2)} .. {fmt(np.quantile(hu[:, i], 0.95), 2)})",
                "highest month, median": fmt(np.median(h.highest_month[:, i]), 2),
                "baseline urban, median": fmt(np.median(bu[:, i]), 2),
                "youth 16-24, median (5-95%)": f"{fmt(np.median(hy[:, i]), 1)} "
                f"({fmt(np.quantile(hy[:, i], 0.05), 1)} .. {fmt(np.quantile(hy[:, i], 0.95), 1)})",
            }
        )  # fmt: skip
    med = h.months
    urban = med[RATES[0]]
    worst = int(np.argmax(urban))
    above = (h.monthly[RATES[0]] >= CEILING).mean(axis=0)
    return {
        "last_year": str(s.last_year),
        "n_seeds": str(len(hu)),
        "agents": f"{s.hist_agents:,}",
        "table": md_table(pd.DataFrame(rows)),
        "peak_month": str(med.date.iloc[worst]),
        "peak": fmt(urban.iloc[worst], 2),
        "months_above": str(int((urban >= CEILING).sum())),
        "seeds_above_peak": fmt(100 * above.max(), 0),
        "seeds_year_above": fmt(100 * (hu >= CEILING).any(axis=1).mean(), 0),
        "median_annual": ", ".join(
            f"{y}: {fmt(v, 2)}" for y, v in zip(h.years, np.median(hu, axis=0), strict=True)
        ),
    }
