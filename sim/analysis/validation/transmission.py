"""Transmission: how urban unemployment answers an output shock, and whether a run without one
stands still at its start.

Three parts. In sample: ``case=history`` from January 2018 (the state of December 2017) through
2020 on the activity releases, every month against the bureau's monthly rate, and the December
2020 stocks the simulation reaches against the 2020 figures. The shock response
(:mod:`sim.analysis.shock_response`): 2020's monthly GDP replayed in another year of the baseline,
against the same seeds without it; the rise of the urban rate by month beside 2020's rise over 2019
in the data, its peak, root mean square gap, Okun coefficient and half-life. The stationary start:
the baseline's first twelve months against the rate of the state it starts from, and its drift
over the plan period (the same baseline runs as convergence and seasonality).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim import data_loader as data
from sim.analysis import in_sample
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
    first_by_levers: dict[str, float]  # the same, mean over seeds, by the levers acting
    annual: pd.DataFrame  # seeds x years, the baseline's annual urban rate
    in_sample: pd.DataFrame  # seeds x months (2018-01 ..), the history case's urban rate
    observed: pd.Series  # the bureau's monthly urban rate, same months
    december: pd.DataFrame  # December stocks 2018-2020 (stock x year): model, data, gap %
    december_rate: float  # the December 2020 urban rate, mean over seeds

    def rmse(self, year: int) -> float:
        """Root mean square gap of the median in-sample path to the data over ``year``."""
        return in_sample.year_rmse(self.in_sample.median(axis=0), year)

    @property
    def year_window(self) -> pd.DataFrame:
        """The months of the shock year."""
        return self.by_month[self.by_month.data_rise.notna()]

    @property
    def drift(self) -> float:
        """Least-squares slope of the seeds' mean annual rate on the year, points a year."""
        mean = self.annual.mean(axis=0)
        return float(np.polyfit(mean.index.to_numpy(float), mean.to_numpy(), 1)[0])


IN_SAMPLE = in_sample.HISTORY  # case=history from January 2018 to December 2020
START_LEVERS = {  # the baseline's first year under fewer levers: which part of the move is whose
    "only the levers in place before the plan": ["policy.plan_start=2031-01"],
    "no lever": ["policy=none"],
}


def in_sample_runs(s: Settings) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, float]:
    """The history case over 2018-2020 on every history seed: the monthly urban rate (seeds x
    months), the bureau's, the December stocks against the data
    (:func:`sim.analysis.in_sample.stock_fit`) and the December 2020 rate (mean over seeds)."""
    runs = monthly_tables(
        {"history": [f"n_agents={s.hist_agents}", *IN_SAMPLE]}, s.hist_seeds, s.jobs
    )
    tables = [runs[("history", seed)] for seed in s.hist_seeds]
    rates = pd.DataFrame(
        [m.set_index("date").urban_unemployment_rate for m in tables], index=s.hist_seeds
    )
    observed = data.monthly_urban_rate().reindex(rates.columns)
    stocks = in_sample.stock_fit(pd.concat(tables, ignore_index=True))
    return rates, observed, stocks, float(rates["2020-12"].mean())


def compute(s: Settings) -> Transmission:
    """The in-sample runs; the shock and its matched baseline; the baseline runs of the plan
    period."""
    log(f"transmission: {len(s.hist_seeds)} in-sample runs (2018-2020) at {s.hist_agents:,}")
    rates, observed, december, december_rate = in_sample_runs(s)
    log(f"transmission: {2 * len(s.shock_seeds)} shock-response runs at {s.shock_agents:,}")
    by_month, summary = run_response(s.shock_agents, len(s.shock_seeds), s.shock_year, s.jobs)
    runs = monthly_tables({"baseline": plan_period(s.months, s.hist_agents)}, s.conv_seeds, s.jobs)
    tables = [runs[("baseline", seed)] for seed in s.conv_seeds]
    start_rate = december_unemployment_rate(2020)  # the rate of the state the baseline starts from
    first = np.array([m.urban_unemployment_rate.iloc[:12].mean() - start_rate for m in tables])
    annual = pd.DataFrame(
        [m.groupby("year").urban_unemployment_rate.mean() for m in tables], index=s.conv_seeds
    )
    variants = monthly_tables(
        {label: [f"n_agents={s.hist_agents}", "months=12", *extra]
         for label, extra in START_LEVERS.items()},
        s.conv_seeds, s.jobs,
    )  # fmt: skip
    first_by_levers = {"the plan's package (baseline)": float(first.mean())}
    for label in START_LEVERS:
        moved = [variants[(label, seed)].urban_unemployment_rate.mean() for seed in s.conv_seeds]
        first_by_levers[label] = float(np.mean(moved)) - start_rate
    return Transmission(
        s, by_month, summary, first, first_by_levers, annual, rates, observed, december,
        december_rate,
    )  # fmt: skip


def plot(r: Transmission, path: Path) -> None:
    """In sample, 2018-2020: the history case's band over seeds against the data; then the rise
    of the urban rate in the replayed shock year, model and data, and the GDP gap."""
    fig, axes = plt.subplots(3, 1, figsize=(9, 10), height_ratios=[2.4, 2.4, 1.2])
    ax = axes[0]
    x = np.arange(r.in_sample.shape[1])
    lo, mid, hi = (r.in_sample.quantile(q, axis=0).to_numpy() for q in (0.05, 0.5, 0.95))
    ax.fill_between(x, lo, hi, color="navy", alpha=0.15, label="model: 5-95% over seeds")
    ax.plot(x, mid, color="navy", lw=1.4, label=f"model: median of {len(r.in_sample)} seeds")
    ax.plot(x, r.observed.to_numpy(), color="darkorange", marker="D", ms=3.5, lw=1,
            label="data: surveyed urban rate (china_unemployment_monthly.csv)")  # fmt: skip
    ticks = [i for i, d in enumerate(r.in_sample.columns) if d.endswith(("-01", "-07"))]
    ax.set_xticks(ticks, [r.in_sample.columns[i] for i in ticks], fontsize=8)
    ax.set_ylabel("urban unemployment rate (%)")
    ax.set_title("In sample: case=history from January 2018 (state of December 2017)",
                 fontsize=10)  # fmt: skip
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    ax.grid(alpha=0.3)
    w = r.year_window
    months = np.arange(1, len(w) + 1)
    ax = axes[1]
    seeds = len(r.settings.shock_seeds)
    ax.plot(months, w.u_rise, color="navy", marker="o", ms=4,
            label=f"model: shock less baseline, mean of {seeds} seeds")  # fmt: skip
    ax.plot(months, w.data_rise, color="darkorange", marker="D", ms=5,
            label="data: 2020 less the same month of 2019")  # fmt: skip
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylabel("rise of the urban rate (points)")
    ax.set_title(f"The 2020 shock replayed in {r.settings.shock_year}: the rise, model against "
                 "data", fontsize=10)  # fmt: skip
    ax.legend(frameon=False, fontsize=8)
    ax.grid(alpha=0.3)
    ax = axes[2]
    ax.bar(months, w.gap_change, color="navy", alpha=0.7)
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylabel("GDP gap change (%)")
    ax.set_xticks(months, ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                           "Nov", "Dec"])  # fmt: skip
    ax.set_xlabel(f"month of the shock year ({r.settings.shock_year}, replaying 2020)")
    ax.grid(alpha=0.3)
    save_figure(fig, path)


def check(r: Transmission) -> list[str]:
    """In sample, 2019 and 2020 track the data; the shock's rise tracks 2020's; the start stands
    still."""
    s, claims = r.settings, Claims()
    for year, limit in ((2019, s.in_sample_rmse_2019), (2020, s.in_sample_rmse_2020)):
        claims.require(
            r.rmse(year) <= limit,
            f"in sample, the median path's monthly rate over {year} is within {fmt(limit, 2)} "
            "points (root mean square) of the bureau's",
            f"RMSE {fmt(r.rmse(year), 3)}",
        )
    gaps = r.december.xs(2020, level="year").gap
    claims.require(
        float(gaps.abs().max()) <= s.stock_tolerance,
        f"in sample, every December 2020 stock is within {fmt(s.stock_tolerance, 0)}% of the "
        "2020 figure (employment, urban employment, migrant workers local and away)",
        ", ".join(f"{k} {fmt(v, 1)}%" for k, v in gaps.items()),
    )
    rate_gap = r.december_rate - december_unemployment_rate(2020)
    claims.require(
        abs(rate_gap) <= s.december_rate_tolerance,
        f"in sample, the December 2020 urban rate is within {fmt(s.december_rate_tolerance, 1)} "
        "points of the data's",
        f"{fmt(r.december_rate, 2)}% against {fmt(december_unemployment_rate(2020), 1)}%",
    )
    feb_apr = [f"2020-{m:02d}" for m in (2, 3, 4)]
    peak_model = float(r.in_sample[feb_apr].median(axis=0).max())
    peak_seen = float(r.observed[feb_apr].max())
    claims.require(
        abs(peak_model - peak_seen) <= 0.3,
        "in sample, the February-April 2020 peak is within 0.3 points of the data's",
        f"{fmt(peak_model, 2)}% against {fmt(peak_seen, 1)}%",
    )
    w = r.year_window
    peak, peak_data = float(w.u_rise.iloc[1:4].max()), float(w.data_rise.iloc[1:4].max())
    claims.require(
        abs(peak - peak_data) <= s.shock_peak_tolerance,
        f"the February-April peak of the rise is within {fmt(s.shock_peak_tolerance, 1)} points "
        "of 2020's",
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
    dec = r.december.reset_index()
    stock_rows = pd.DataFrame(
        {
            "December": dec.year.astype(str),
            "stock (10k persons)": dec.stock,
            "model (mean over seeds)": [fmt(x, 0) for x in dec.model],
            "data": [fmt(x, 0) for x in dec.data],
            "gap": [f"{fmt(x, 1)}%" for x in dec.gap],
        }
    )
    feb_apr = [f"2020-{m:02d}" for m in (2, 3, 4)]
    return {
        "in_agents": f"{s.hist_agents:,}",
        "in_seeds": str(len(r.in_sample)),
        "rmse_2018": fmt(r.rmse(2018), 2),
        "rmse_2019": fmt(r.rmse(2019), 2),
        "rmse_2020": fmt(r.rmse(2020), 2),
        "peak_2020": fmt(float(r.in_sample[feb_apr].median(axis=0).max()), 2),
        "stock_table": md_table(stock_rows),
        "december_rate": fmt(r.december_rate, 2),
        "max_stock_gap": fmt(float(r.december.xs(2020, level="year").gap.abs().max()), 1),
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
        "levers_table": md_table(
            pd.DataFrame(
                {
                    "levers acting from January 2021": list(r.first_by_levers),
                    "first twelve months less 5.2%": [
                        fmt(x, 3) for x in r.first_by_levers.values()
                    ],
                }
            )
        ),
        "start_table": md_table(start_rows),
    }
