"""Durations: how long unemployment spells last, and how the chance of leaving falls with the
spell.

The baseline is stepped month by month; each urban unemployed person's spell is recorded with
where they are a month later (a non-farm job, farming, still searching, out of the labour
force). Nothing in the model makes search weaker as a spell lengthens, so a falling job-finding
rate is dynamic selection: those with the fewest reachable vacancies stay unemployed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from sim.analysis.validation.report import Claims, fmt, md_table, save_figure
from sim.analysis.validation.runs import log
from sim.analysis.validation.settings import Settings
from sim.api import compose_config
from sim.codes import Status
from sim.config import validate
from sim.model import LabourMarketModel

SPELL_CAP = 36  # months; longer spells are counted here
# where an urban unemployed person is one month later ("other": rows taken by new entrants)
OUTCOMES = ("non-farm job", "farming", "still unemployed", "out of the labour force", "other")
OUT_OF_LF = (Status.INACTIVE, Status.TRAINING, Status.RETIRED, Status.STUDENT)
BUCKETS = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 5), (6, 11), (12, 23), (24, SPELL_CAP))


def spell_panel(n_agents: int, months: int, seed: int, burn_in: int) -> dict[str, object]:
    """Step the baseline month by month; tabulate spells of the urban unemployed and where each
    of them is one month later (pooled over the months after ``burn_in``)."""
    cfg = validate(
        compose_config(
            [f"n_agents={n_agents}", f"months={months}", f"seed={seed}", "figures=false"]
        )
    )
    model = LabourMarketModel(cfg)
    n_out = len(OUTCOMES)
    trans = np.zeros((SPELL_CAP + 1) * n_out, np.int64)
    stock = np.zeros(SPELL_CAP + 1, np.int64)
    finding = []
    for t in range(cfg.months):
        w = model.workers
        idx = np.flatnonzero((w.status == Status.UNEMPLOYED) & w.urban)
        sp = np.minimum(w.spell[idx], SPELL_CAP).astype(np.int64)
        model.step()
        if t < burn_in:
            continue
        w = model.workers
        st = w.status[idx]
        cat = np.select(
            [w.nonfarm_work()[idx], st == Status.FARMING, st == Status.UNEMPLOYED,
             np.isin(st, OUT_OF_LF)],
            [0, 1, 2, 3],
            default=4,
        )  # fmt: skip
        trans += np.bincount(sp * n_out + cat, minlength=trans.size)
        stock += np.bincount(sp, minlength=SPELL_CAP + 1)
        finding.append(model.statistics.record["job_finding_rate"])
    w = model.workers
    end = np.bincount(
        np.minimum(w.spell[(w.status == Status.UNEMPLOYED) & w.urban], SPELL_CAP),
        minlength=SPELL_CAP + 1,
    )
    return {
        "trans": trans.reshape(SPELL_CAP + 1, n_out),
        "stock": stock,
        "end": end,
        "job_finding_rate": float(np.mean(finding)),
        "long_term_share": float(model.statistics.record["long_term_unemployed_share"]),
    }


@dataclass
class Durations:
    """Pooled spell distribution and one-month transitions by spell bucket."""

    settings: Settings
    share: np.ndarray  # share of the urban unemployed by months unemployed so far (pooled)
    end: np.ndarray  # counts by spell at the end of the runs
    table: pd.DataFrame  # by spell bucket: person-months and % in each outcome a month later
    job_finding_rate: float  # the official-style rate, mean over months and seeds

    @property
    def mean_spell(self) -> float:
        return float((self.share * np.arange(SPELL_CAP + 1)).sum())

    @property
    def median_spell(self) -> int:
        return int(np.searchsorted(np.cumsum(self.share), 0.5))

    @property
    def long_term(self) -> float:
        """Share of the urban unemployed (%) unemployed for 12 months or more."""
        return float(100 * self.share[12:].sum())


def compute(s: Settings) -> Durations:
    """Step the baseline at every seed (in parallel) and pool the spell panels."""
    log(f"durations: stepping {len(s.dur_seeds)} baseline runs of {s.dur_agents:,} agents")
    args = [(s.dur_agents, s.dur_months, sd, s.dur_burn_in) for sd in s.dur_seeds]
    if s.jobs > 1 and len(args) > 1:
        res = Parallel(n_jobs=s.jobs)(delayed(spell_panel)(*a) for a in args)
    else:
        res = [spell_panel(*a) for a in args]
    trans = sum(r["trans"] for r in res)
    stock = sum(r["stock"] for r in res)
    end = sum(r["end"] for r in res)
    rows = []
    for lo, hi in BUCKETS:
        t = trans[lo : hi + 1].sum(axis=0)
        n = t.sum()
        rows.append(
            {
                "spell (months)": str(lo) if lo == hi
                else f"{lo}-{hi}" + ("+" if hi == SPELL_CAP else ""),
                "person-months": int(n),
                **{o: 100 * t[i] / n if n else np.nan for i, o in enumerate(OUTCOMES)},
            }
        )  # fmt: skip
    return Durations(
        s,
        stock / stock.sum(),
        end,
        pd.DataFrame(rows),
        float(np.mean([r["job_finding_rate"] for r in res])),
    )


def plot(d: Durations, path: Path) -> None:
    """Left: the spell distribution; right: status a month later by spell bucket."""
    spells = np.arange(SPELL_CAP + 1)
    tab = d.table
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.6))
    ax = axes[0]
    ax.bar(spells, 100 * d.share, color="steelblue", label="pooled over months")
    ax.step(spells, 100 * d.end / max(d.end.sum(), 1), where="mid", color="black", lw=1,
            label="end of the run")  # fmt: skip
    ax.set_xlabel(f"months unemployed so far (0 = since this month; {SPELL_CAP} = {SPELL_CAP}+)")
    ax.set_ylabel("share of the urban unemployed (%)")
    ax.set_title("Distribution of unemployment spells (urban unemployed)")
    xmax = max(int(np.flatnonzero(d.share > 1e-3).max()), 12) + 1
    ax.set_xlim(-1, xmax + 0.5)
    ax.set_xticks(range(0, xmax + 1, 2))
    ax.legend(frameon=False)
    ax.grid(alpha=0.3)
    ax = axes[1]
    bottom = np.zeros(len(tab))
    x = np.arange(len(tab))
    colours = ("seagreen", "goldenrod", "lightgrey", "indianred")
    for o, col in zip(OUTCOMES[:4], colours, strict=True):
        ax.bar(x, tab[o], bottom=bottom, color=col, label=o)
        bottom += tab[o].to_numpy()
    ax.set_xticks(x, tab["spell (months)"])
    ax.set_xlabel("months unemployed so far at month t")
    ax.set_ylabel("status at month t+1 (% of the unemployed at t)")
    ax.set_title("Where the urban unemployed are one month later")
    ax.set_ylim(0, 118)
    ax.set_yticks(range(0, 101, 20))
    ax.legend(frameon=False, fontsize=8, loc="upper center", ncol=4)
    save_figure(fig, path)


def _finding(d: Durations, bucket: str) -> float:
    """% of the unemployed in a spell bucket who hold a non-farm job a month later."""
    return float(d.table.set_index("spell (months)").loc[bucket, "non-farm job"])


def check(d: Durations) -> list[str]:
    """Job finding falls with the spell, exits to farming rise, long-term unemployment is rare."""
    claims = Claims()
    first, late = _finding(d, "0"), _finding(d, "12-23")
    claims.require(
        bool(first > late),
        "job finding falls with the spell (dynamic selection)",
        f"{fmt(first, 1)}% of new spells against {fmt(late, 1)}% at 12-23 months find a "
        "non-farm job within a month",
    )
    farm = d.table.set_index("spell (months)")["farming"]
    claims.require(
        bool(farm["12-23"] > farm["0"]),
        "exits to farming rise with the spell (return migration of the long unemployed)",
        f"{fmt(farm['0'], 1)}% at 0 months, {fmt(farm['12-23'], 1)}% at 12-23",
    )
    claims.require(
        bool(d.long_term < 10),
        "long-term unemployment (12 months or more) is under a tenth of the unemployed",
        f"{fmt(d.long_term, 1)}%",
    )
    return claims.verdict()


def words(d: Durations) -> dict[str, str]:
    """The section's table and the numbers its text quotes."""
    s = d.settings
    show = d.table.copy()
    for o in OUTCOMES:
        show[o] = show[o].map(lambda v: fmt(v, 1))
    if not (d.table["other"].fillna(0) >= 0.05).any():  # rows taken by entrants: negligible
        show = show.drop(columns="other")
    return {
        "agents": f"{s.dur_agents:,}",
        "seeds": ", ".join(map(str, s.dur_seeds)),
        "last_year": str(2020 + s.dur_months // 12),
        "burn_in": str(s.dur_burn_in),
        "mean_spell": fmt(d.mean_spell, 1),
        "median_spell": str(d.median_spell),
        "long_term": fmt(d.long_term, 1),
        "job_finding_rate": fmt(d.job_finding_rate, 3),
        "table": md_table(show),
        "first": fmt(_finding(d, "0"), 1),
        "late": fmt(_finding(d, "12-23"), 1),
    }
