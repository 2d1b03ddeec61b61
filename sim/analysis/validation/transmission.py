"""Transmission: how urban unemployment answers an output shock, and whether a run without one
stands still at its start.

Two parts. The shock response (:mod:`sim.analysis.shock_response`): 2020's monthly GDP replayed in
another year of the baseline, against the same seeds without it; the rise of the urban rate by
month beside 2020's rise over 2019 in the data, its peak, root mean square gap, Okun coefficient
and half-life. The stationary start: the baseline's first twelve months against the rate of the
state it starts from, and its drift over the plan period (the same baseline runs as convergence
and seasonality).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.analysis.shock_response import rise_in_2020, run_response
from sim.analysis.validation.report import Claims, fmt, md_table, save_figure
from sim.analysis.validation.runs import log, monthly_tables, plan_period
from sim.analysis.validation.settings import Settings
from sim.initial_state import december_unemployment_rate


@dataclass
class Transmission:
    """The shock response by month and its summary; the baseline's annual rates by seed."""

    settings: Settings
    by_month: pd.DataFrame  # gap_shock, gap_change, u_baseline, u_shock, u_rise, data_rise
    summary: dict[str, float]
    first_year: np.ndarray  # per seed: mean of the first twelve months less the start's rate
    annual: pd.DataFrame  # seeds x years, the baseline's annual urban rate

    @property
    def year_window(self) -> pd.DataFrame:
        """The months of the shock year."""
        return self.by_month[self.by_month.data_rise.notna()]

    @property
    def drift(self) -> float:
        """Least-squares slope of the seeds' mean annual rate on the year, points a year."""
        mean = self.annual.mean(axis=0)
        return float(np.polyfit(mean.index.to_numpy(float), mean.to_numpy(), 1)[0])


def compute(s: Settings) -> Transmission:
    """The shock and its matched baseline; the baseline runs of the plan period."""
    log(f"transmission: {2 * len(s.shock_seeds)} shock-response runs at {s.shock_agents:,}")
    by_month, summary = run_response(s.shock_agents, len(s.shock_seeds), s.shock_year, s.jobs)
    runs = monthly_tables({"baseline": plan_period(s.months, s.hist_agents)}, s.conv_seeds, s.jobs)
    tables = [runs[("baseline", seed)] for seed in s.conv_seeds]
    start_rate = december_unemployment_rate(2020)  # the rate of the state the baseline starts from
    first = np.array([m.urban_unemployment_rate.iloc[:12].mean() - start_rate for m in tables])
    annual = pd.DataFrame(
        [m.groupby("year").urban_unemployment_rate.mean() for m in tables], index=s.conv_seeds
    )
    return Transmission(s, by_month, summary, first, annual)


def plot(r: Transmission, path: Path) -> None:
    """The rise of the urban rate in the shock year, model and data; below, the GDP gap."""
    w = r.year_window
    months = np.arange(1, len(w) + 1)
    fig, axes = plt.subplots(2, 1, figsize=(9, 7), height_ratios=[3, 1.4], sharex=True)
    ax = axes[0]
    seeds = len(r.settings.shock_seeds)
    ax.plot(months, w.u_rise, color="navy", marker="o", ms=4,
            label=f"model: shock less baseline, mean of {seeds} seeds")  # fmt: skip
    ax.plot(months, w.data_rise, color="darkorange", marker="D", ms=5,
            label="data: 2020 less the same month of 2019")  # fmt: skip
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylabel("rise of the urban unemployment rate (points)")
    ax.set_title("The 2020 shock: urban unemployment, model against data", fontsize=10)
    ax.legend(frameon=False, fontsize=8)
    ax.grid(alpha=0.3)
    ax = axes[1]
    ax.bar(months, w.gap_change, color="navy", alpha=0.7)
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylabel("GDP gap change (%)")
    ax.set_xticks(months, ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                           "Nov", "Dec"])  # fmt: skip
    ax.set_xlabel(f"month of the shock year ({r.settings.shock_year}, replaying 2020)")
    ax.grid(alpha=0.3)
    save_figure(fig, path)


def check(r: Transmission) -> list[str]:
    """The shock's rise tracks 2020's; the start stands still."""
    s, claims = r.settings, Claims()
    w = r.year_window
    peak, peak_data = float(w.u_rise.iloc[1:4].max()), float(w.data_rise.iloc[1:4].max())
    claims.require(
        abs(peak - peak_data) <= 0.3,
        "the February-April peak of the rise is within 0.3 points of 2020's",
        f"{fmt(peak, 2)} against {fmt(peak_data, 2)} points",
    )
    rmse = float(np.sqrt(((w.u_rise - w.data_rise) ** 2).mean()))
    claims.require(
        rmse <= s.shock_rmse_tolerance,
        f"the rise over the twelve months is within {fmt(s.shock_rmse_tolerance, 2)} points "
        "(root mean square) of 2020's",
        f"RMSE {fmt(rmse, 3)}",
    )
    moved = float(r.first_year.mean())
    claims.require(
        abs(moved) <= s.start_tolerance,
        f"the baseline's first twelve months stay within {fmt(s.start_tolerance, 2)} points of "
        "the rate of the state it starts from (mean over seeds)",
        f"{fmt(moved, 3)} points",
    )
    return claims.verdict()


def words(r: Transmission) -> dict[str, str]:
    """The section's tables and the numbers its text quotes."""
    s, w = r.settings, r.year_window
    table = pd.DataFrame(
        {
            "month": [d[-2:] for d in w.index],
            "GDP gap change %": [fmt(x, 1) for x in w.gap_change],
            "model rise": [fmt(x, 2) for x in w.u_rise],
            "data rise (2020 - 2019)": [fmt(x, 1) for x in w.data_rise],
        }
    )
    annual = r.annual.mean(axis=0)
    start_rows = pd.DataFrame(
        {
            "year": [str(y) for y in annual.index],
            "mean over seeds %": [fmt(x, 2) for x in annual],
            "sd over seeds": [fmt(x, 3) for x in r.annual.std(axis=0, ddof=1)],
        }
    )
    data = rise_in_2020()
    return {
        "agents": f"{s.shock_agents:,}",
        "seeds": str(len(s.shock_seeds)),
        "year": str(s.shock_year),
        "table": md_table(table),
        "peak": fmt(r.summary["peak rise (points)"], 2),
        "peak_month": str(r.summary["peak month"]),
        "peak_data": fmt(float(data.max()), 1),
        "okun": fmt(r.summary["Okun coefficient (points of u per point of gap)"], 3),
        "half_life": fmt(r.summary["half-life (months from the peak)"], 0),
        "rmse": fmt(r.summary["RMSE of the rise against 2020's (points)"], 3),
        "start_agents": f"{s.hist_agents:,}",
        "start_seeds": str(len(s.conv_seeds)),
        "start_rate": fmt(december_unemployment_rate(2020), 1),
        "first_year": fmt(float(r.first_year.mean()), 3),
        "first_year_sd": fmt(float(r.first_year.std(ddof=1)), 3),
        "drift": fmt(r.drift, 3),
        "start_table": md_table(start_rows),
    }
