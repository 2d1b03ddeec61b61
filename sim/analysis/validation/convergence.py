"""Convergence: results do not depend on the number of agents beyond sampling noise, and that
noise falls as 1/sqrt(n).

Each agent stands for a number of people (weights scale it to the population), so a level that
moved with the number of agents would be an artefact of the simulation, not a property of the
economy. The baseline's 2021-2025 mean urban unemployment rate is compared across sizes, with
ten seeds each, and the seed-to-seed spread tells how many seeds a comparison needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.analysis.validation.report import Claims, fmt, md_table, save_figure
from sim.analysis.validation.runs import log, monthly_tables, plan_period
from sim.analysis.validation.settings import PLAN_YEARS, Settings

ANNUAL_NOISE = 0.05  # points: the noise that lets a rate 0.1 from the ceiling be called right


@dataclass
class Convergence:
    """One row per number of agents: the seeds' plan-period means and the spreads."""

    settings: Settings
    table: pd.DataFrame  # n, vals (array), mean, sd, annual_sd, youth_mean, youth_sd, diff, se_diff

    @property
    def c(self) -> float:
        """The fit of the whole-run seed SD as c / sqrt(n)."""
        return _fit(self.table.n, self.table.sd)

    @property
    def c_annual(self) -> float:
        """The fit of a single year's seed SD as c / sqrt(n)."""
        return _fit(self.table.n, self.table.annual_sd)


def _seeds(k: int) -> str:
    """``k`` seeds in words: "one seed", "3 seeds"."""
    return "one seed" if k <= 1 else f"{k} seeds"


def _fit(n: pd.Series, sd: pd.Series) -> float:
    ns = n.to_numpy(float)
    return float(np.exp(np.mean(np.log(sd.to_numpy()) + 0.5 * np.log(ns))))


def compute(s: Settings) -> Convergence:
    """The baseline at every size and seed; means and spreads of the plan-period rate."""
    sizes = sorted(s.conv_agents, reverse=True)  # largest first: better load balance
    cells = {n: plan_period(s.months, n) for n in sizes}
    log(f"convergence: {len(cells) * len(s.conv_seeds)} baseline runs ({s.months} months)")
    runs = monthly_tables(cells, s.conv_seeds, s.jobs)
    rows = []
    for n in s.conv_agents:
        ms = [runs[(n, sd)] for sd in s.conv_seeds]
        plan = [m[m.year.between(*PLAN_YEARS)] for m in ms]
        vals = np.array([p.urban_unemployment_rate.mean() for p in plan])
        ann = np.array([m.groupby("year").urban_unemployment_rate.mean().to_numpy() for m in ms])
        yth = np.array([p.youth_unemployment_rate.mean() for p in plan])
        rows.append(
            {
                "n": n,
                "vals": vals,
                "mean": vals.mean(),
                "sd": vals.std(ddof=1),
                "annual_sd": ann.std(axis=0, ddof=1).mean(),
                "youth_mean": yth.mean(),
                "youth_sd": yth.std(ddof=1),
            }
        )
    ref = rows[-1]
    for r in rows:
        r["diff"] = r["mean"] - ref["mean"]
        r["se_diff"] = np.sqrt(r["sd"] ** 2 / len(r["vals"]) + ref["sd"] ** 2 / len(ref["vals"]))
    return Convergence(s, pd.DataFrame(rows))


def plot(r: Convergence, path: Path) -> None:
    """Left: the plan-period mean by size (single seeds in grey); right: the noise by size."""
    t, s = r.table, r.settings
    ns = t.n.to_numpy(float)
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.6))
    ax = axes[0]
    for row in t.itertuples():
        ax.scatter(np.full(len(row.vals), row.n), row.vals, color="grey", s=12, alpha=0.7)
    ax.errorbar(ns, t["mean"], yerr=[2 * row.sd / np.sqrt(len(row.vals)) for row in t.itertuples()],
                color="navy", marker="o", capsize=4,
                label="mean over seeds, +-2 standard errors")  # fmt: skip
    ax.set_xscale("log")
    ax.set_xticks(ns, [f"{int(n) // 1000}k" for n in ns])
    ax.minorticks_off()
    ax.set_xlabel("number of agents")
    ax.set_ylabel(f"mean urban unemployment rate 2021-{s.last_year} (%)")
    ax.set_title("Convergence with the number of agents (grey: single seeds)")
    ax.legend(frameon=False)
    ax.grid(alpha=0.3, which="both")
    ax = axes[1]
    ax.loglog(ns, t.sd, "o-", color="navy", label="whole-run mean: SD over seeds")
    ax.loglog(ns, t.annual_sd, "s-", color="darkorange", label="single year: SD over seeds")
    grid = np.geomspace(ns.min(), ns.max() * 4, 50)
    ax.loglog(grid, r.c / np.sqrt(grid), color="navy", lw=0.8, ls="--", label="fit c / sqrt(n)")
    ax.loglog(grid, r.c_annual / np.sqrt(grid), color="darkorange", lw=0.8, ls="--")
    ax.set_xlabel("number of agents")
    ax.set_ylabel("seed-to-seed standard deviation (points)")
    ax.set_title("Sampling noise")
    ax.legend(frameon=False, fontsize=8)
    ax.grid(alpha=0.3, which="both")
    save_figure(fig, path)


def check(r: Convergence) -> list[str]:
    """The level does not move with the number of agents; the noise falls as agents are added."""
    t, s = r.table, r.settings
    claims = Claims()
    max_diff = t["diff"].abs().max()
    claims.require(
        bool(max_diff <= s.conv_tolerance),
        f"the 2021-{s.last_year} mean moves by at most {s.conv_tolerance:g} points between "
        f"{t.n.iloc[0]:,} and {t.n.iloc[-1]:,} agents",
        f"largest difference from the largest sample {fmt(max_diff, 3)} points",
    )
    claims.require(
        bool(t.annual_sd.iloc[-1] < t.annual_sd.iloc[0]),
        "the seed-to-seed spread of an annual rate falls as agents are added",
        f"{fmt(t.annual_sd.iloc[0], 3)} at {t.n.iloc[0]:,}, "
        f"{fmt(t.annual_sd.iloc[-1], 3)} at {t.n.iloc[-1]:,} agents",
    )
    return claims.verdict()


def words(r: Convergence) -> dict[str, str]:
    """The section's table and the sentences that depend on what the sizes showed."""
    s, t = r.settings, r.table
    rows = t.to_dict("records")
    ref = rows[-1]
    tab = pd.DataFrame(
        {
            "agents": [f"{x['n']:,}" for x in rows],
            "seeds": [len(x["vals"]) for x in rows],
            f"mean 2021-{s.last_year} %": [fmt(x["mean"], 3) for x in rows],
            "SD over seeds": [fmt(x["sd"], 3) for x in rows],
            "min .. max": [f"{fmt(x['vals'].min(), 2)} .. {fmt(x['vals'].max(), 2)}" for x in rows],
            f"diff from {ref['n']:,}": [fmt(x["diff"], 3) for x in rows],
            "SE of diff": [fmt(x["se_diff"], 3) for x in rows],
            "SD of an annual rate": [fmt(x["annual_sd"], 3) for x in rows],
            "youth 16-24 mean (SD)": [
                f"{fmt(x['youth_mean'], 2)} ({fmt(x['youth_sd'], 2)})" for x in rows
            ],
        }
    )
    default_n, c_ann = s.default_agents, r.c_annual
    unbiased = [x["n"] for x in rows[:-1] if abs(x["diff"]) <= max(0.05, 2 * x["se_diff"])]
    first_ok = next(
        (x for i, x in enumerate(rows[:-1]) if all(y["n"] in unbiased for y in rows[i:-1])), None
    )
    d_row = next((x for x in rows if x["n"] == default_n), None)
    sd_default = d_row["annual_sd"] if d_row is not None else c_ann / np.sqrt(default_n)
    big = rows[-1]
    floor = big["annual_sd"] > 1.25 * c_ann / np.sqrt(big["n"]) and len(rows) > 2
    floor_text = (
        f" The decline stalls at the largest sizes, though: the annual-rate SD is "
        f"{fmt(rows[-2]['annual_sd'], 3)} at {rows[-2]['n'] // 1000}k and "
        f"{fmt(big['annual_sd'], 3)} at {big['n'] // 1000}k agents, against "
        f"{fmt(c_ann / np.sqrt(big['n']), 3)} by the 1/sqrt(n) fit. With {len(big['vals'])} seeds "
        f"an SD is uncertain by about a quarter, so this may be chance, or a part of the noise "
        f"that more agents do not average out; averaging over seeds removes it either way."
        if floor
        else ""
    )
    default_text = (
        f" At the default {default_n:,} agents the whole-run mean differs from the "
        f"{ref['n']:,}-agent mean by {fmt(d_row['diff'], 3)} points (standard error "
        f"{fmt(d_row['se_diff'], 3)}); a single seed's whole-run mean has a seed-to-seed SD of "
        f"{fmt(d_row['sd'], 3)} points and a single year's rate "
        f"{fmt(d_row['annual_sd'], 3)} points."
        if d_row is not None
        else ""
    )
    return {
        "sizes": ", ".join(f"{n:,}" for n in s.conv_agents),
        "seeds": f"{s.conv_seeds[0]}-{s.conv_seeds[-1]}",
        "last_year": str(s.last_year),
        "table": md_table(tab),
        "bias": "No agent count shows a bias larger than its sampling error against the largest: "
        if len(unbiased) == len(rows) - 1
        else "Small samples are biased: ",
        "largest": f"{ref['n']:,}",
        "diffs": ", ".join(f"{fmt(x['diff'], 2)} ({x['n'] // 1000}k)" for x in rows[:-1]),
        "agreement": f"From {first_ok['n']:,} agents on the mean agrees with the largest sample "
        "within max(0.05 points, 2 standard errors)."
        if first_ok
        else "No smaller sample agrees with the largest within max(0.05, 2 standard errors).",
        "sd_100k": fmt(c_ann / np.sqrt(1e5), 2),
        "sd_400k": fmt(c_ann / np.sqrt(4e5), 2),
        "floor": floor_text,
        "default": default_text,
        "needs": f"the mean level is reached (no bias beyond noise) at {first_ok['n'] // 1000}k "
        f"agents, so the default {default_n:,} is ample for levels"
        if first_ok and first_ok["n"] <= default_n
        else "the sizes tried do not show where the mean level settles",
        "seeds_default": _seeds(int(np.ceil((sd_default / ANNUAL_NOISE) ** 2))),
        "default_agents": f"{default_n:,}",
        "advice": "One run at the default size is enough by this measure; seeds still show the "
        "noise."
        if sd_default <= ANNUAL_NOISE
        else "Several seeds at the default size are the better buy.",
        "sd_source": "the measured SD over sqrt(seeds)"
        if d_row is not None
        else "the SD by the 1/sqrt(n) fit, over sqrt(seeds)",
        "agents_one_run": fmt((c_ann / ANNUAL_NOISE) ** 2 / 1e3, 0),
        "floor_note": ", which it did not clearly do above 400k" if floor else "",
        "max_diff": fmt(t["diff"].abs().iloc[:-1].max(), 2),
        "smallest": f"{t.n.iloc[0]:,}",
        "converge": "converge"
        if t["diff"].abs().max() <= s.conv_tolerance
        else "do not clearly converge",
    }
