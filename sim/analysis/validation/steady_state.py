"""Steady state: in a closed, frictionless urban market unemployment settles at u* = s/(s+f).

``experiment=steady_state`` switches off everything but the flows between urban jobs and urban
unemployment (one national market, no search costs, no demography or migration, constant
separation rate, no policy lever: the preset selects ``policy: none``). The stock of unemployed
then has to settle where inflows s(1-u) equal outflows f u, whatever the separation rate and the
offer-acceptance probability. A gap would mean that the model loses or double-counts people
between the two states.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from sim.analysis.validation.report import Claims, fmt, md_table, save_figure
from sim.analysis.validation.runs import log, monthly_tables
from sim.analysis.validation.settings import Settings


@dataclass
class SteadyState:
    """One row per grid point: configured s and acceptance; measured s, f; simulated u; u*."""

    agents: int
    months: int
    tail: int  # months averaged at the end of each run
    table: pd.DataFrame
    tolerance: float  # points


def compute(s: Settings) -> SteadyState:
    """Run the preset over the grid of separation rates and offer acceptances (seed 0)."""
    cells = {
        (sep, acc): [
            "experiment=steady_state",
            f"separations.formal={sep}",
            f"matching.offer_acceptance={acc}",
            f"n_agents={s.ss_agents}",
            f"months={s.ss_months}",
        ]
        for sep in s.ss_separations
        for acc in s.ss_acceptance
    }
    log(f"steady state: {len(cells)} runs of {s.ss_agents:,} agents, {s.ss_months} months")
    runs = monthly_tables(cells, [0], s.jobs)
    tail = min(24, s.ss_months // 2)
    rows = []
    for (sep, acc), m in ((key, runs[(key, 0)]) for key in cells):
        last = m.iloc[-tail:]
        sr, fr = last.separation_rate.mean(), last.job_finding_rate.mean()
        u = last.urban_unemployment_rate.mean()
        u_star = 100 * sr / (sr + fr)
        rows.append(
            {"s (config)": sep, "acceptance": acc, "s": sr, "f": fr, "u": u, "u*": u_star,
             "error": u - u_star, "rel": 100 * (u / u_star - 1)}
        )  # fmt: skip
    return SteadyState(s.ss_agents, s.ss_months, tail, pd.DataFrame(rows), s.ss_tolerance)


def plot(r: SteadyState, path: Path) -> None:
    """Simulated against analytic rate (log scales), and the error in points."""
    df = r.table
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.8))
    ax = axes[0]
    ax.scatter(df["u*"], df["u"], marker="s", color="navy", label="experiment=steady_state")
    lim = [max(df[["u", "u*"]].min().min() * 0.7, 1e-3), df[["u", "u*"]].max().max() * 1.3]
    ax.plot(lim, lim, color="grey", lw=1, label="45-degree line")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("analytic u* = s/(s+f) from measured s, f (%)")
    ax.set_ylabel("simulated urban unemployment rate (%)")
    ax.set_title(f"Steady state, mean of the last {r.tail} months")
    ax.legend(frameon=False, fontsize=8)
    ax.grid(alpha=0.3, which="both")
    ax = axes[1]
    ax.scatter(df["u*"], df["error"], marker="s", color="navy")
    ax.axhline(0, color="grey", lw=1)
    ax.set_xscale("log")
    ax.set_xlabel("analytic u* (%)")
    ax.set_ylabel("simulated - analytic (percentage points)")
    ax.set_title("Error")
    ax.grid(alpha=0.3, which="both")
    save_figure(fig, path)


def check(r: SteadyState) -> list[str]:
    """The closed market keeps its books: u sits on s/(s+f) at every grid point."""
    claims = Claims()
    worst = r.table.loc[r.table.error.abs().idxmax()]
    claims.require(
        bool(r.table.error.abs().max() <= r.tolerance),
        f"the simulated rate is within {r.tolerance:g} points of u* = s/(s+f) at every grid point",
        f"largest error {fmt(worst.error, 3)} points at s = {worst['s (config)']:g}, "
        f"acceptance {worst.acceptance:g}",
    )
    return claims.verdict()


def words(r: SteadyState) -> dict[str, str]:
    """The section's table and the numbers its text quotes."""
    df = r.table
    show = df.copy()
    for c, d in (("s", 4), ("f", 3), ("u", 3), ("u*", 3), ("error", 3), ("rel", 1)):
        show[c] = show[c].map(lambda x, d=d: fmt(x, d))
    show = show.rename(
        columns={"s": "s measured", "f": "f measured", "u": "u simulated %", "u*": "u* %",
                 "error": "error (points)", "rel": "error %"}
    )  # fmt: skip
    return {
        "agents": f"{r.agents:,}",
        "months": str(r.months),
        "tail": str(r.tail),
        "separations": ", ".join(f"{x:g}" for x in df["s (config)"].unique()),
        "acceptances": ", ".join(f"{x:g}" for x in df["acceptance"].unique()),
        "table": md_table(show),
        "max_error": fmt(df.error.abs().max(), 3),
        "mean_abs_rel": fmt(df.rel.abs().mean(), 1),
        "max_f": fmt(df.f.max(), 1),
        "tolerance": f"{r.tolerance:g}",
    }
