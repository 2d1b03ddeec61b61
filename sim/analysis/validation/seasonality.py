"""Seasonality: unemployment rises in February (migrants back from the Spring Festival) and in
July (graduates), as in the monthly survey of 2018-2019.

For each run the deviation of every calendar month from its year's mean, averaged over the
complete years; three variants: the baseline (its activity grows smoothly at potential, so no
seasonal swing can come from the demand side) on the convergence seeds, the same baseline on the
seasonality seeds ("smooth"; runs shared where the seeds are), and the ``history`` scenario.
Most of a college cohort signs a job in its final year and starts it in July without a spell of
unemployment; only those without one enter the search, so the July bump should be of the data's
size, not the size of the whole cohort.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim import data_loader as data
from sim.analysis.validation.report import Claims, fmt, md_table, save_figure
from sim.analysis.validation.runs import log, monthly_tables, plan_period
from sim.analysis.validation.settings import PLAN_YEARS, Settings

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
VARIANTS = {
    "baseline": "baseline (activity at potential), convergence seeds",
    "smooth": "baseline (activity at potential), seasonality seeds",
    "history": "history (the activity releases)",
}
BUMPS = {"February - January (Spring Festival)": (1, 2), "July - June (graduates)": (6, 7)}
DATA_YEARS = (2018, 2019)  # 2020 is left out: the Covid shock dominates it


@dataclass
class Seasonality:
    """Seasonal patterns (seeds x 12 months) by variant, the data's, and the baseline's gap."""

    settings: Settings
    patterns: dict[str, np.ndarray]
    data: pd.DataFrame  # deviation from the annual mean, years x months
    flags: pd.DataFrame  # V/D/M of each data month
    output_gap: np.ndarray  # baseline, mean by calendar month (log points)

    def bump(self, variant: str, month: int) -> np.ndarray:
        """Month minus the month before (points), per seed (or per data year)."""
        p = self.data.to_numpy() if variant == "data" else self.patterns[variant]
        return p[..., month - 1] - p[..., month - 2]


def seasonal_pattern(m: pd.DataFrame) -> pd.Series:
    """Deviation of each calendar month from its year's mean, averaged over complete years."""
    p = m.pivot_table(index="year", columns="month", values="urban_unemployment_rate")
    p = p.dropna()
    return p.sub(p.mean(axis=1), axis=0).mean(axis=0)


def compute(s: Settings) -> Seasonality:
    """The baseline on two sets of seeds and history runs; the 2018-2019 survey."""
    variants = {
        "baseline": (plan_period(s.months, s.hist_agents), s.conv_seeds),
        "smooth": (plan_period(s.months, s.hist_agents), s.smooth_seeds),
        "history": (plan_period(s.months, s.hist_agents, "scenario=history"), s.hist_seeds),
    }
    log("seasonality: " + ", ".join(f"{len(v[1])} {k} runs" for k, v in variants.items()))
    runs = {
        name: [m for m in monthly_tables({name: ov}, seeds, s.jobs).values()]
        for name, (ov, seeds) in variants.items()
    }
    patterns = {k: np.array([seasonal_pattern(m).to_numpy() for m in v]) for k, v in runs.items()}
    monthly = data.read_table("china_unemployment_monthly")
    d = monthly[monthly.year.isin(DATA_YEARS)]
    dp = d.pivot_table(index="year", columns="month", values="surveyed_urban_unemployment")
    gap = pd.concat(runs["baseline"]).groupby("month").output_gap.mean()
    return Seasonality(
        s,
        patterns,
        dp.sub(dp.mean(axis=1), axis=0),
        d.pivot(index="year", columns="month", values="flag"),
        gap.reindex(range(1, 13)).to_numpy(),
    )


def plot(r: Seasonality, path: Path) -> None:
    """The seasonal patterns of the model and the data; below, the baseline's output gap."""
    months = np.arange(1, 13)
    fig, axes = plt.subplots(2, 1, figsize=(9, 8), height_ratios=[3, 1.3], sharex=True)
    ax = axes[0]
    styles = {"baseline": ("navy", "o"), "smooth": ("teal", "^"), "history": ("purple", "s")}
    for k, p in r.patterns.items():
        col, mk = styles[k]
        if k != "history":
            lo, hi = np.quantile(p, [0.05, 0.95], axis=0)
            ax.fill_between(months, lo, hi, color=col, alpha=0.12)
        ax.plot(months, p.mean(axis=0), color=col, marker=mk, ms=4,
                label=f"model: {VARIANTS[k]}, {len(p)} seeds")  # fmt: skip
    for year, col in zip(DATA_YEARS, ("darkorange", "seagreen"), strict=True):
        for mm in months:
            ax.scatter(mm, r.data.loc[year, mm], marker="D", color=col, s=36, zorder=3,
                       facecolors="none" if r.flags.loc[year, mm] == "M" else col)  # fmt: skip
        ax.plot(months, r.data.loc[year], color=col, lw=0.8, alpha=0.7, label=f"data {year}")
    ax.plot(months, r.data.mean(axis=0), color="black", lw=1.2, ls=":", label="data 2018-19 mean")
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylabel("deviation from the annual mean (points)")
    ax.set_title("Seasonal pattern of the surveyed urban unemployment rate (bands: 5-95% over "
                 "seeds; open diamonds: data flagged M)", fontsize=10)  # fmt: skip
    ax.legend(frameon=False, fontsize=8, ncol=2, loc="upper left")
    ax.grid(alpha=0.3)
    ax = axes[1]
    ax.bar(months, 100 * r.output_gap, color="navy", alpha=0.7)
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylabel("output gap (%)")
    ax.set_title("Output gap of the baseline scenario by calendar month (the scenario's input)",
                 fontsize=10)  # fmt: skip
    ax.set_xticks(months, MONTH_NAMES)
    ax.set_xlabel("calendar month")
    ax.grid(alpha=0.3)
    save_figure(fig, path)


def check(r: Seasonality) -> list[str]:
    """The July bump is there and of the data's size; the demand side brings no season."""
    claims = Claims()
    july, july_data = r.bump("baseline", 7).mean(), r.bump("data", 7).mean()
    claims.require(
        bool(july > 0),
        "the July bump is positive (graduates without a signed job start searching)",
        f"July - June {fmt(july, 2)} points in the baseline",
    )
    claims.require(
        bool(july <= 2 * max(july_data, 0.05)),
        "the July bump is at most twice the data's (most graduates start a job signed before)",
        f"{fmt(july, 2)} against {fmt(july_data, 2)} points",
    )
    claims.require(
        bool(np.ptp(r.output_gap) <= 0.01),
        "the baseline's trend GDP path has no seasonal swing (output gap within 1 point "
        "across calendar months)",
        f"range {fmt(100 * np.ptp(r.output_gap), 2)} points",
    )
    return claims.verdict()


def words(r: Seasonality) -> dict[str, str]:
    """The section's tables and the numbers its text quotes."""
    s = r.settings
    pats, dev, flags = r.patterns, r.data, r.flags
    rows = []
    for i, mm in enumerate(range(1, 13)):
        row = {"month": MONTH_NAMES[i]}
        for k, p in pats.items():
            row[k] = fmt(p[:, i].mean(), 2)
        row["baseline output gap %"] = fmt(100 * r.output_gap[i], 1)
        for year in DATA_YEARS:
            row[f"data {year}"] = f"{fmt(dev.loc[year, mm], 2)} ({flags.loc[year, mm]})"
        row["data mean"] = fmt(dev.loc[:, mm].mean(), 2)
        rows.append(row)
    lines = []
    for name, (a, b) in BUMPS.items():
        cells = []
        for k in pats:
            x = r.bump(k, b)
            cells.append(f"{fmt(x.mean(), 2)} ({fmt(np.quantile(x, 0.05), 2)} .. "
                         f"{fmt(np.quantile(x, 0.95), 2)})")  # fmt: skip
        dd = r.bump("data", b)
        data_cells = [f"{fmt(dd[i], 2)} ({flags.loc[y, a]}/{flags.loc[y, b]})"
                      for i, y in enumerate(DATA_YEARS)]  # fmt: skip
        lines.append(f"| {name} | " + " | ".join(cells + data_cells) + " |")
    head = " | ".join(f"model: {VARIANTS[k]}" for k in pats)
    years = " | ".join(f"data {y}" for y in DATA_YEARS)
    bump_table = "\n".join(
        [f"| bump (points) | {head} | {years} |",
         "| --- | " + " | ".join("---" for _ in pats) + " | --- | --- |", *lines]
    )  # fmt: skip
    rng = {k: np.ptp(p.mean(axis=0)) for k, p in pats.items()}
    smooth_mean = pats["smooth"].mean(axis=0)
    above = np.flatnonzero(smooth_mean[6:] <= 0)
    after_july = 7 + (int(above[0]) - 1 if len(above) else 5)  # last month above the mean
    july, july_data = r.bump("baseline", 7).mean(), r.bump("data", 7).mean()
    feb = r.bump("data", 2)
    return {
        "first_year": str(PLAN_YEARS[0]),
        "last_year": str(s.last_year),
        "agents": f"{s.hist_agents:,}",
        "n_flag_m": str(int((flags == "M").to_numpy().sum())),
        "n_months": str(flags.size),
        "table": md_table(pd.DataFrame(rows)),
        "bump_table": bump_table,
        "july": fmt(july, 2),
        "july_data": fmt(july_data, 2),
        "july_ratio": fmt(july / max(july_data, 0.05), 1),
        "range": fmt(rng["baseline"], 2),
        "range_data": fmt(np.ptp(dev.mean(axis=0).to_numpy()), 2),
        "after_july": "in July only"
        if after_july == 7
        else f"from July to {MONTH_NAMES[after_july - 1]}",
        "first_half": fmt(-smooth_mean[:6].mean(), 2),
        "first_half_data": fmt(-dev.mean(axis=0).to_numpy()[:6].mean(), 2),
        "gap_range": fmt(100 * np.ptp(r.output_gap), 2),
        "feb": fmt(r.bump("baseline", 2).mean(), 2),
        "feb_smooth": fmt(r.bump("smooth", 2).mean(), 2),
        "feb_data": fmt(feb.mean(), 2),
        "feb_2018": fmt(feb[0], 2),
        "feb_2019": fmt(feb[1], 2),
        "feb_flags_2018": f"{flags.loc[2018, 1]}/{flags.loc[2018, 2]}",
        "feb_flags_2019": f"{flags.loc[2019, 1]}/{flags.loc[2019, 2]}",
    }
