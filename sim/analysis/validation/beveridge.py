"""Beveridge curve: under a demand cycle vacancies and unemployment move in opposite directions,
and more mismatch moves the whole curve outward.

After a burn-in the output gap follows a sine wave, against the same seed's run on the smooth
trend path; the difference of the two runs (common random numbers) removes seasonality, drift
and most sampling noise. Each pair is repeated with higher search costs between occupations and
regions: job seekers who cannot reach the open jobs leave vacancies unfilled (Sahin, Song, Topa
and Violante's mismatch index rises) and the curve shifts out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.analysis.validation.report import Claims, fmt, md_table, save_figure
from sim.analysis.validation.runs import cycle_overrides, log, monthly_tables
from sim.analysis.validation.settings import Settings
from sim.calendar import month_index
from sim.ui.plotting import plot_beveridge

UV = ["urban_unemployment_rate", "vacancy_rate"]


@dataclass
class Beveridge:
    """Per mismatch level: the levels on the trend path and the cycle's smoothed u-v path."""

    settings: Settings
    summary: pd.DataFrame  # one row per mismatch level
    smooth: dict[str, pd.DataFrame]  # seasonally adjusted, 12-month means, by mismatch label
    raw: pd.DataFrame  # one cycle run at default mismatch, month by month


def lag_of(x: np.ndarray, y: np.ndarray, max_lag: int) -> int:
    """The lag k (months, 0..max_lag) at which x(t + k) correlates most with y(t)."""
    best = [np.corrcoef(x[k:], y[: len(y) - k])[0, 1] if len(x) - k > 2 else -np.inf
            for k in range(max_lag + 1)]  # fmt: skip
    return int(np.argmax(best))


def compute(s: Settings) -> Beveridge:
    """Cycle and trend runs at every mismatch level and seed; their adjusted, smoothed paths."""
    start = month_index(2021, 1) + s.bev_burn_in
    cycle = cycle_overrides(s.bev_amplitude, s.bev_period, start)
    cells = {
        (label, cyc): [
            f"n_agents={s.bev_agents}",
            f"months={s.bev_months}",
            f"matching.occupation_distance_cost={occ}",
            f"matching.region_cost={reg}",
            *(cycle if cyc else []),
        ]
        for label, occ, reg in s.mismatch
        for cyc in (False, True)
    }
    log(
        f"Beveridge: {len(cells) * len(s.bev_seeds)} runs of {s.bev_agents:,} agents, "
        f"{s.bev_months} months"
    )
    runs = monthly_tables(cells, s.bev_seeds, s.jobs)
    # Seasonal adjustment with common random numbers: the cycle run minus the same seed's run on
    # the smooth trend, plus that run's mean; then a centred 12-month moving average.
    smooth, summary = {}, []
    keep = slice(s.bev_burn_in, None)
    for label, occ, reg in s.mismatch:
        frames = []
        for seed in s.bev_seeds:
            c, r = runs[((label, True), seed)], runs[((label, False), seed)]
            a = c[[*UV, "output_gap", "date"]].iloc[keep].reset_index(drop=True).copy()
            # the cycle's own gap: the run's output gap minus the trend run's (held since 2020)
            a["output_gap"] -= r["output_gap"].iloc[keep].reset_index(drop=True)
            for col in UV:
                ref = r[col].iloc[keep].reset_index(drop=True)
                a[col] = a[col] - ref + ref.mean()
            frames.append(a)
        avg = pd.concat(frames).groupby(level=0).agg(
            {"urban_unemployment_rate": "mean", "vacancy_rate": "mean", "output_gap": "mean",
             "date": "first"}
        )  # fmt: skip
        sm = avg[[*UV, "output_gap"]].rolling(12, center=True).mean()
        sm["date"] = avg["date"]
        sm = sm.dropna()
        smooth[label] = sm
        u, v, gap = sm.urban_unemployment_rate, sm.vacancy_rate, 100 * sm.output_gap
        slump, boom = gap < -50 * s.bev_amplitude, gap > 50 * s.bev_amplitude
        cyc_runs = pd.concat([runs[((label, True), sd)].iloc[keep] for sd in s.bev_seeds])
        ref_runs = pd.concat([runs[((label, False), sd)].iloc[keep] for sd in s.bev_seeds])
        summary.append(
            {
                "mismatch": label,
                "occupation / region cost": f"{occ:g} / {reg:g}",
                "mean u %": ref_runs.urban_unemployment_rate.mean(),
                "mean v %": ref_runs.vacancy_rate.mean(),
                "mismatch index": ref_runs.mismatch_index.mean(),
                "u swing": u.max() - u.min(),
                "v swing": v.max() - v.min(),
                "u slump - boom": u[slump].mean() - u[boom].mean(),
                "v slump - boom": v[slump].mean() - v[boom].mean(),
                "lag": lag_of(-u.to_numpy(), v.to_numpy(), s.bev_period // 2),
                "corr(u, v)": np.corrcoef(u, v)[0, 1],
                "cycle mean u %": cyc_runs.urban_unemployment_rate.mean(),
            }
        )
    raw = runs[((s.mismatch[0][0], True), s.bev_seeds[0])]
    return Beveridge(s, pd.DataFrame(summary), smooth, raw)


def plot(b: Beveridge, path: Path) -> None:
    """Left: one raw run (seasonal loops); right: the adjusted curves at each mismatch level."""
    s = b.settings
    fig, axes = plt.subplots(1, 2, figsize=(12.5, 4.8))
    plot_beveridge(b.raw, ax=axes[0])
    axes[0].set_title(f"Raw monthly values: default mismatch, cycle, seed {s.bev_seeds[0]}")
    ax = axes[1]
    colours = plt.cm.viridis(np.linspace(0.0, 0.8, len(s.mismatch)))
    for (label, occ, reg), col in zip(s.mismatch, colours, strict=True):
        sm = b.smooth[label]
        below = sm.output_gap < 0
        ax.plot(sm.urban_unemployment_rate, sm.vacancy_rate, color=col, lw=1)
        ax.scatter(sm.urban_unemployment_rate[below], sm.vacancy_rate[below], color=col, s=14,
                   label=f"{label} (occupation cost {occ:g}, region cost {reg:g})")  # fmt: skip
        ax.scatter(sm.urban_unemployment_rate[~below], sm.vacancy_rate[~below], s=14,
                   facecolors="none", edgecolors=col)  # fmt: skip
    ax.set_xlabel("urban unemployment rate, seasonally adjusted, 12-month mean (%)")
    ax.set_ylabel("vacancy rate, seasonally adjusted, 12-month mean (% of jobs)")
    ax.set_title(f"Demand cycle at {len(s.mismatch)} mismatch levels (filled: output below trend)")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.grid(alpha=0.3)
    save_figure(fig, path)


def check(b: Beveridge) -> list[str]:
    """The curve slopes down at every mismatch level, and more mismatch shifts it outward."""
    t = b.summary
    claims = Claims()
    claims.require(
        bool(((t["u slump - boom"] > 0) & (t["v slump - boom"] < 0)).all()),
        "the Beveridge curve slopes down: in the slump unemployment is higher and vacancies "
        "lower than in the boom, at every mismatch level",
        "u slump - boom " + ", ".join(fmt(x, 2) for x in t["u slump - boom"])
        + "; v slump - boom " + ", ".join(fmt(x, 2) for x in t["v slump - boom"]),
    )  # fmt: skip
    claims.require(
        bool((t["corr(u, v)"] < 0).all()),
        "the smoothed unemployment and vacancy rates are negatively correlated",
        "corr " + ", ".join(fmt(x, 2) for x in t["corr(u, v)"]),
    )
    d0, dn = t.iloc[0], t.iloc[-1]
    claims.require(
        bool(dn["mean u %"] > d0["mean u %"] and dn["mean v %"] > d0["mean v %"]),
        "higher search costs shift the curve outward (both rates higher)",
        f"u {fmt(d0['mean u %'], 2)} -> {fmt(dn['mean u %'], 2)}, "
        f"v {fmt(d0['mean v %'], 2)} -> {fmt(dn['mean v %'], 2)}",
    )
    claims.require(
        bool(np.all(np.diff(t["mismatch index"]) > 0)),
        "the mismatch index rises with the search costs",
        " -> ".join(fmt(x, 3) for x in t["mismatch index"]),
    )
    return claims.verdict()


def words(b: Beveridge) -> dict[str, str]:
    """The section's table and the numbers its text quotes."""
    s, t = b.settings, b.summary
    show = t.copy()
    for c, d in (("mean u %", 2), ("mean v %", 2), ("mismatch index", 3), ("u swing", 2),
                 ("v swing", 2), ("u slump - boom", 2), ("v slump - boom", 2), ("lag", 0),
                 ("corr(u, v)", 2), ("cycle mean u %", 2)):  # fmt: skip
        show[c] = show[c].map(lambda x, d=d: fmt(x, d))
    d0, dn = t.iloc[0], t.iloc[-1]
    lag0 = int(d0["lag"])
    return {
        "months": str(s.bev_months),
        "agents": f"{s.bev_agents:,}",
        "seeds": ", ".join(map(str, s.bev_seeds)),
        "burn_in": str(s.bev_burn_in),
        "amplitude": f"{100 * s.bev_amplitude:g}",
        "peak_to_trough": f"{2 * 100 * s.bev_amplitude:g}",
        "threshold": f"{50 * s.bev_amplitude:g}",
        "period": str(s.bev_period),
        "table": md_table(show),
        "u_slump_boom": ", ".join(fmt(x, 2) for x in t["u slump - boom"]),
        "v_boom_slump": ", ".join(fmt(-x, 2) for x in t["v slump - boom"]),
        "corr": ", ".join(fmt(x, 2) for x in t["corr(u, v)"]),
        "lags": ", ".join(str(int(x)) for x in t["lag"]),
        "u_swing": fmt(d0["u swing"], 2),
        "top_mismatch": str(dn["mismatch"]),
        "du": fmt(dn["mean u %"] - d0["mean u %"], 2),
        "dv": fmt(dn["mean v %"] - d0["mean v %"], 2),
        "index_default": fmt(d0["mismatch index"], 3),
        "index_top": fmt(dn["mismatch index"], 3),
        "u_slump_boom_default": fmt(d0["u slump - boom"], 2),
        "v_boom_slump_default": fmt(-d0["v slump - boom"], 2),
        "lag_default": f"{lag0} month{'' if lag0 == 1 else 's'}",
    }
