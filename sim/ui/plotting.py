"""Figures of the model's outcomes, shared by the CLI, the notebooks and the dashboard.

Every function draws on a matplotlib ``Axes`` (a new figure if none is given) and returns it, so
that a notebook can compose panels and the dashboard can draw on its own ``Figure``;
:func:`save_run_figures` writes a run's standard figures.

Tables come in two shapes:

- one run's ``monthly`` table (``Results.monthly``, ``monthly.parquet``): one row per month;
- a *long* table of several runs (``sweep.parquet`` or runs concatenated in a notebook): one row
  per run and month, with a ``date`` column, a ``seed`` column and optionally a grouping column
  (``by``, e.g. ``scenario``, ``ai`` or ``policy``).

Units follow the model's statistics: rates in %, levels and flows in 10k persons; shares that the
model reports as fractions (AI adoption, re-employment, mismatch) are drawn in %.
"""

from __future__ import annotations

import html
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib


def _in_notebook_kernel() -> bool:
    """True inside a Jupyter kernel, whose inline backend must not be replaced."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and hasattr(shell, "kernel")


if not _in_notebook_kernel():
    matplotlib.use("Agg")  # files only: no window, safe in sweeps and threads
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from sim.analysis.scorecard import CEILING  # noqa: E402
from sim.codes import Occupation  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from sim.analysis.results import Results

log = logging.getLogger(__name__)

CEILING_STYLE = {"color": "firebrick", "linestyle": "--", "linewidth": 1.2}
CEILING_LABEL = f"plan ceiling {CEILING}%"
MONTHLY_FLOW = "10k persons a month"

OCCUPATION_LABELS = {
    "managers": "Managers",
    "professionals": "Professionals",
    "technicians": "Technicians, associate prof.",
    "clerks": "Clerical support",
    "service_sales": "Service and sales",
    "agricultural": "Skilled agricultural",
    "craft": "Craft and trades",
    "operators": "Plant and machine operators",
    "elementary": "Elementary occupations",
}
OCCUPATIONS = [o.name.lower() for o in Occupation]

STATUS_COLOURS = {"pass": "#d9f0d3", "fail": "#f4cccc"}


def _axes(ax: Axes | None, size: tuple[float, float] = (8, 4.5)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _dates(monthly: pd.DataFrame | pd.Series | pd.Index) -> pd.DatetimeIndex:
    """``"2021-01"`` labels (a table's ``date`` column, or the labels themselves) as dates."""
    labels = monthly["date"] if isinstance(monthly, pd.DataFrame) else monthly
    return pd.DatetimeIndex(pd.to_datetime(pd.Series(labels, dtype=str) + "-01"))


def _finish(ax: Axes, title: str, ylabel: str, xlabel: str = "month", legend: bool = True) -> Axes:
    """The common look: title, axis labels with units, light grid, frameless legend."""
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    if xlabel == "month":  # a time axis: years, with months where the span is short
        locator = mdates.AutoDateLocator(minticks=4, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(alpha=0.3)
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False, fontsize="small")
    return ax


def _ceiling(ax: Axes, label: bool = True) -> None:
    ax.axhline(CEILING, label=CEILING_LABEL if label else None, **CEILING_STYLE)


def _group_label(by: str | None, name: str) -> str:
    """``scenario=history`` for a group of ``by``; a label that already says it is kept."""
    return name if by is None or "=" in name else f"{by}={name}"


def _groups(table: pd.DataFrame, by: str | None) -> list[tuple[str, pd.DataFrame]]:
    if by is None:
        return [("", table)]
    return [(str(k), g) for k, g in table.groupby(by, sort=False)]


def plot_unemployment(monthly: pd.DataFrame, ax: Axes | None = None, youth: bool = True) -> Axes:
    """Monthly surveyed urban unemployment (and youth 16-24) against the plan's 5.5% ceiling."""
    ax = _axes(ax)
    d = _dates(monthly)
    ax.plot(d, monthly["urban_unemployment_rate"], label="urban, 16+", color="navy")
    if youth:
        ax.plot(
            d,
            monthly["youth_unemployment_rate"],
            label="youth 16-24",
            color="darkorange",
            alpha=0.8,
        )
    _in_sample_data(ax, monthly)
    _ceiling(ax)
    return _finish(ax, "Surveyed urban unemployment rate", "surveyed unemployment rate (%)")


def _in_sample_data(ax: Axes, monthly: pd.DataFrame) -> None:
    """Over the in-sample months of a run that starts before 2021 (``in_sample``), the bureau's
    monthly urban rate (``china_unemployment_monthly.csv``) and a light band marking them."""
    if "in_sample" not in monthly or not monthly["in_sample"].any():
        return
    from sim import data_loader as data

    observed = data.monthly_urban_rate()
    seen = observed[observed.index.isin(monthly.loc[monthly["in_sample"], "date"].astype(str))]
    ax.plot(
        _dates(seen.index),
        seen.to_numpy(),
        "o",
        color="black",
        markersize=3,
        label="urban, NBS (in-sample)",
    )
    d = _dates(monthly[monthly["in_sample"]])
    ax.axvspan(d.min(), d.max(), color="grey", alpha=0.08, lw=0)


def plot_beveridge(
    monthly: pd.DataFrame, ax: Axes | None = None, colorbar: bool = True, smooth: int = 1
) -> Axes:
    """The Beveridge curve: vacancy rate against the urban unemployment rate, month by month.

    The vacancy rate is open vacancies over vacancies plus filled firm jobs (%); points are
    coloured by months since the start, so loops (shocks, seasonal graduate waves) can be read.
    ``smooth`` > 1 draws trailing ``smooth``-month means instead (12 removes the seasons).
    """
    ax = _axes(ax, size=(5.5, 4.5))
    cols = ["urban_unemployment_rate", "vacancy_rate"]
    if smooth > 1:
        monthly = monthly[cols].rolling(smooth).mean().dropna()
    sc = ax.scatter(
        monthly["urban_unemployment_rate"],
        monthly["vacancy_rate"],
        c=np.arange(len(monthly)) + max(smooth, 1) - 1,
        cmap="viridis",
        s=18,
        zorder=3,
    )
    ax.plot(monthly["urban_unemployment_rate"], monthly["vacancy_rate"], color="grey", lw=0.6)
    ax.axvline(CEILING, **CEILING_STYLE)
    if colorbar and len(monthly):
        cb = ax.figure.colorbar(sc, ax=ax)
        cb.set_label("months since start")
    title = "Beveridge curve" + (f" ({smooth}-month means)" if smooth > 1 else "")
    return _finish(ax, title, "vacancy rate (% of jobs)", "urban unemployment rate (%)", False)


def plot_regions(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Surveyed urban unemployment rate by region (the NBS macro-regions), with the ceiling."""
    ax = _axes(ax)
    d = _dates(monthly)
    for c in [c for c in monthly.columns if c.startswith("urban_unemployment_rate_")]:
        ax.plot(d, monthly[c], label=c.removeprefix("urban_unemployment_rate_"))
    _ceiling(ax)
    return _finish(ax, "Urban unemployment by region", "surveyed urban unemployment rate (%)")


def plot_vacancy_rate(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Open vacancies as a share of all firm jobs (filled plus open), %, month by month."""
    ax = _axes(ax)
    ax.plot(_dates(monthly), monthly["vacancy_rate"], color="seagreen", label="vacancy rate")
    return _finish(ax, "Vacancy rate", "vacancy rate (% of jobs)", legend=False)


def plot_series(
    table: pd.DataFrame,
    column: str,
    by: str | None = None,
    ax: Axes | None = None,
    *,
    ylabel: str,
    title: str | None = None,
    scale: float = 1.0,
    ceiling: bool = False,
) -> Axes:
    """One indicator month by month, one line per value of ``by`` (one run per group).

    ``scale`` multiplies the values (100 turns a fraction into %); ``ylabel`` must give the unit.
    """
    ax = _axes(ax)
    for name, g in _groups(table, by):
        g = g.sort_values("date")
        ax.plot(_dates(g), g[column] * scale, label=_group_label(by, name) if by else column)
    if ceiling:
        _ceiling(ax)
    return _finish(ax, title or column, ylabel)


def fan_quantiles(
    table: pd.DataFrame, column: str, band: tuple[float, float] = (0.05, 0.95), runs: str = "seed"
) -> pd.DataFrame:
    """Per month: the median and the ``band`` quantiles of ``column`` over the runs (seeds).

    Returns a frame indexed by date label with columns ``lo``, ``median``, ``hi`` and ``n`` (the
    number of runs in the month).
    """
    wide = table.pivot_table(index="date", columns=runs, values=column, aggfunc="first")
    wide = wide.sort_index()
    return pd.DataFrame(
        {
            "lo": wide.quantile(band[0], axis=1),
            "median": wide.median(axis=1),
            "hi": wide.quantile(band[1], axis=1),
            "n": wide.notna().sum(axis=1),
        }
    )


def plot_fan(
    monthly_by_seed: pd.DataFrame,
    column: str = "urban_unemployment_rate",
    by: str | None = None,
    ax: Axes | None = None,
    *,
    band: tuple[float, float] = (0.05, 0.95),
    ceiling: bool | None = None,
    ylabel: str | None = None,
    title: str | None = None,
    scale: float = 1.0,
    runs: str = "seed",
) -> Axes:
    """Fan chart: median over seeds and the ``band`` (5-95%) of ``column``, one fan per group.

    ``monthly_by_seed`` is a long table (one row per run and month; ``runs`` names the column
    that tells runs apart, ``seed`` or the sweep's ``job``). The 5.5% line is drawn by default
    for the urban unemployment rate only, the indicator the ceiling applies to.
    """
    ax = _axes(ax)
    if ceiling is None:
        ceiling = column == "urban_unemployment_rate"
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    lo_pct, hi_pct = round(100 * band[0]), round(100 * band[1])
    for i, (name, g) in enumerate(_groups(monthly_by_seed, by)):
        q = fan_quantiles(g, column, band, runs) * [scale, scale, scale, 1]
        d = _dates(q.index)
        colour = colours[i % len(colours)]
        n = int(q["n"].max())
        label = _group_label(by, name) + ", " if by else ""
        ax.fill_between(d, q["lo"], q["hi"], color=colour, alpha=0.18, lw=0)
        ax.plot(d, q["median"], color=colour, label=f"{label}median of {n} seeds")
    if ceiling:
        _ceiling(ax)
    ax.fill_between([], [], [], color="grey", alpha=0.18, label=f"{lo_pct}-{hi_pct}% over seeds")
    _finish(ax, title or column, ylabel or ("%" if column.endswith("rate") else column))
    return ax


def plot_adoption(
    monthly_by_seed: pd.DataFrame, by: str | None = "ai", ax: Axes | None = None
) -> Axes:
    """AI adoption paths: the share of firms that have adopted AI (%), fans over seeds."""
    return plot_fan(
        monthly_by_seed,
        "ai_adoption_share",
        by,
        ax,
        scale=100.0,
        ylabel="firms that have adopted AI (%)",
        title="AI adoption",
        ceiling=False,
    )


def occupation_change(
    monthly: pd.DataFrame, counterfactual: pd.DataFrame, at: str | None = None
) -> pd.DataFrame:
    """Employment by occupation in a run against a counterfactual run (same seed), at month ``at``.

    Returns one row per ISCO-08 major group: ``employed`` and ``counterfactual`` (10k persons),
    ``change`` (10k persons), ``change_pct`` (%), and both runs' unemployment rates (%) for the
    occupation (job seekers keep the occupation of their last job).
    """
    at = at or str(monthly["date"].iloc[-1])
    row = monthly.set_index("date").loc[at]
    base = counterfactual.set_index("date").loc[at]
    out = pd.DataFrame(
        {
            "occupation": [OCCUPATION_LABELS[o] for o in OCCUPATIONS],
            "employed": [row[f"employed_{o}"] for o in OCCUPATIONS],
            "counterfactual": [base[f"employed_{o}"] for o in OCCUPATIONS],
            "unemployment_rate": [row[f"unemployment_rate_{o}"] for o in OCCUPATIONS],
            "unemployment_rate_counterfactual": [
                base[f"unemployment_rate_{o}"] for o in OCCUPATIONS
            ],
        }
    )
    out["change"] = out["employed"] - out["counterfactual"]
    out["change_pct"] = 100.0 * out["change"] / out["counterfactual"]
    out.attrs["date"] = at
    return out


def plot_occupation_change(
    monthly: pd.DataFrame,
    counterfactual: pd.DataFrame,
    ax: Axes | None = None,
    *,
    at: str | None = None,
    label: str = "AI",
    percent: bool = False,
) -> Axes:
    """Employment by occupation against the counterfactual (e.g. ``ai=none``), bars, at ``at``.

    Negative bars are jobs lost in the occupation on net (displacement net of reinstatement and
    re-employment), in 10k persons (or % of the counterfactual with ``percent``).
    """
    ax = _axes(ax, size=(8, 4.5))
    t = occupation_change(monthly, counterfactual, at)
    values = t["change_pct"] if percent else t["change"]
    colours = ["firebrick" if v < 0 else "seagreen" for v in values]
    ax.barh(t["occupation"], values, color=colours)
    ax.axvline(0, color="black", lw=0.8)
    ax.invert_yaxis()
    unit = "% of counterfactual employment" if percent else "10k persons"
    return _finish(
        ax,
        f"Employment by occupation, {label} vs counterfactual, {t.attrs['date']}",
        "",
        f"change in employment ({unit})",
        legend=False,
    )


def plot_occupation_unemployment(
    monthly: pd.DataFrame,
    counterfactual: pd.DataFrame | None = None,
    ax: Axes | None = None,
    *,
    at: str | None = None,
    labels: tuple[str, str] = ("scenario", "counterfactual"),
) -> Axes:
    """Unemployment rate by occupation (%) at month ``at``: the run, and a counterfactual if given.

    A job seeker's occupation is that of the last job, so AI displacement shows up here.
    """
    ax = _axes(ax, size=(8, 4.5))
    t = occupation_change(monthly, monthly if counterfactual is None else counterfactual, at)
    y = np.arange(len(t))
    h = 0.4 if counterfactual is not None else 0.8
    ax.barh(
        y - (h / 2 if counterfactual is not None else 0),
        t["unemployment_rate"],
        h,
        label=labels[0],
        color="navy",
    )
    if counterfactual is not None:
        ax.barh(y + h / 2, t["unemployment_rate_counterfactual"], h, label=labels[1], color="grey")
    ax.set_yticks(y, t["occupation"])
    ax.invert_yaxis()
    ax.axvline(CEILING, label=CEILING_LABEL, **CEILING_STYLE)
    return _finish(
        ax, f"Unemployment rate by occupation, {t.attrs['date']}", "", "unemployment rate (%)"
    )


def plot_reemployment(
    monthly_by_seed: pd.DataFrame, by: str | None = None, ax: Axes | None = None
) -> Axes:
    """Share of AI-displaced workers re-employed within 12 months (%), fans over seeds.

    The share is over the cohorts displaced at least 12 months earlier, so it starts a year after
    the first displacement.
    """
    return plot_fan(
        monthly_by_seed,
        "ai_displaced_reemployed_12m_share",
        by,
        ax,
        scale=100.0,
        ylabel="re-employed within 12 months (% of displaced)",
        title="Re-employment of AI-displaced workers",
        ceiling=False,
    )


def plot_migration(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Migrant flows month by month: rural-to-urban moves and return moves (10k persons a month).

    Returns peak around the Spring Festival (January-February) and departures in February-March.
    """
    ax = _axes(ax)
    d = _dates(monthly)
    ax.plot(d, monthly["rural_urban_moves"], label="rural to urban moves", color="teal")
    ax.plot(d, monthly["return_moves"], label="return moves (home to the village)", color="peru")
    if "cross_region_moves" in monthly:
        ax.plot(
            d, monthly["cross_region_moves"], label="moves between regions", color="grey", lw=0.8
        )
    if "in_place_urbanised" in monthly:
        ax.plot(d, monthly["in_place_urbanised"], label="urbanised in place (village became a "
                "town)", color="olive", lw=0.8, ls="--")  # fmt: skip
    return _finish(ax, "Migration flows", f"persons moving ({MONTHLY_FLOW})")


def plot_migrant_stock(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Migrant workers (rural hukou, non-farm): away from home and local (10k persons)."""
    ax = _axes(ax)
    d = _dates(monthly)
    ax.plot(d, monthly["migrant_workers_away"], label="away from home county", color="teal")
    ax.plot(d, monthly["migrant_workers_local"], label="local (home county)", color="peru")
    return _finish(ax, "Migrant workers", "migrant workers (10k persons)")


def plot_urban_employment_by_region(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Urban employment by region, indexed to its first month = 100."""
    ax = _axes(ax)
    d = _dates(monthly)
    for c in [c for c in monthly.columns if c.startswith("urban_employed_")]:
        ax.plot(d, 100.0 * monthly[c] / monthly[c].iloc[0], label=c.removeprefix("urban_employed_"))
    first = str(monthly["date"].iloc[0])
    return _finish(ax, "Urban employment by region", f"urban employment ({first} = 100)")


def plot_mismatch(table: pd.DataFrame, by: str | None = None, ax: Axes | None = None) -> Axes:
    """The Sahin-Song-Topa-Violante mismatch index over region x occupation markets (%).

    The index is the share of hires lost because job seekers and vacancies sit in different
    markets (0: none lost).
    """
    return plot_series(
        table,
        "mismatch_index",
        by,
        ax,
        scale=100.0,
        ylabel="mismatch index (% of hires lost)",
        title="Mismatch between job seekers and vacancies",
    )


def plot_ceiling_probability(
    table: pd.DataFrame, ax: Axes | None = None, cell: str = "cell"
) -> Axes:
    """From :func:`sim.analysis.ceiling.ceiling_table`: per cell, the share of seeds in which the
    annual rate stays below 5.5% in every year, and in which no month exceeds 5.5% (bars, %).
    """
    ax = _axes(ax, size=(7, 4))
    labels = table[cell].astype(str) if cell in table else table.index.astype(str)
    y = np.arange(len(table))
    ax.barh(
        y - 0.2,
        100 * table["p_below_every_year"],
        0.4,
        label="annual rate < 5.5% every year",
        color="navy",
    )
    ax.barh(
        y + 0.2,
        100 * table["p_no_month_above"],
        0.4,
        label="no month above 5.5%",
        color="darkorange",
    )
    for i, (a, b) in enumerate(
        zip(table["p_below_every_year"], table["p_no_month_above"], strict=True)
    ):
        ax.text(100 * a + 1, i - 0.2, f"{100 * a:.0f}%", va="center", fontsize="small")
        ax.text(100 * b + 1, i + 0.2, f"{100 * b:.0f}%", va="center", fontsize="small")
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 112)
    ax.invert_yaxis()
    n = ", ".join(sorted({str(int(v)) for v in table["n_runs"]}))
    return _finish(
        ax, f"Does the 5.5% ceiling hold? ({n} seeds per cell)", "", "share of seeds (%)"
    )


def scorecard_table(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as a reader wants it: indicator, unit, 2020, target, model value, status."""
    simple = card["rule"].isin(["<", ">", ">=", "<=", "~"])
    target = np.where(
        simple, card["rule"].astype(str) + " " + card["target_2025"].astype(str), card["rule"]
    )
    return pd.DataFrame(
        {
            "indicator": card["indicator"],
            "unit": card["unit"],
            "2020": card["value_2020"],
            "target 2025": target,
            "model": card["model_value"],
            "year": card["year"].map(lambda y: "-" if pd.isna(y) else str(int(y))),
            "status": card["status"],
        }
    )


def scorecard_html(card: pd.DataFrame) -> str:
    """The scorecard as an HTML table, rows shaded green (pass) or red (fail), for the dashboard."""
    t = scorecard_table(card)
    head = "".join(f"<th style='text-align:left;padding:2px 6px'>{c}</th>" for c in t.columns)
    rows = []
    for _, r in t.iterrows():
        colour = STATUS_COLOURS.get(str(r["status"]).split(" ")[0], "white")
        texts = [_fmt(r[c]) if c in ("2020", "model") else str(r[c]) for c in t.columns]
        cells = "".join(f"<td style='padding:2px 6px'>{html.escape(x)}</td>" for x in texts)
        rows.append(f"<tr style='background:{colour}'>{cells}</tr>")
    return (
        "<table style='border-collapse:collapse;font-size:13px'>"
        f"<caption style='text-align:left;font-weight:bold'>Scorecard: the plan's table 1</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def plot_scorecard(card: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The scorecard as a table figure, rows shaded green (pass) or red (fail)."""
    ax = _axes(ax, size=(11, 0.3 * (len(card) + 1)))
    t = scorecard_table(card)
    cells = [
        [
            str(r["indicator"]),
            str(r["unit"]),
            _fmt(r["2020"]),
            str(r["target 2025"]),
            _fmt(r["model"]),
            str(r["status"]),
        ]
        for _, r in t.iterrows()
    ]
    table = ax.table(
        cellText=cells,
        colLabels=["indicator", "unit", "2020", "target 2025", "model", "status"],
        cellLoc="left",
        colWidths=[0.45, 0.13, 0.07, 0.12, 0.08, 0.15],
        bbox=(0.0, 0.0, 1.0, 1.0),
    )
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    for i, status in enumerate(t["status"], start=1):
        colour = STATUS_COLOURS.get(str(status).split(" ")[0], "white")
        for j in range(len(cells[0])):
            table[i, j].set_facecolor(colour)
    ax.axis("off")
    ax.set_title("Scorecard: the plan's table 1")
    return ax


def _fmt(value: object) -> str:
    """A table cell: "-" for a missing value, 2 decimals below 100, thousands separators above."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    if isinstance(value, int | float | np.number):
        return f"{float(value):,.2f}" if abs(float(value)) < 100 else f"{float(value):,.0f}"
    return str(value)


def save_run_figures(res: Results, out: Path) -> list[Path]:
    """Write a run's standard figures (PNG) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, fn in (
        ("unemployment", plot_unemployment),
        ("beveridge", plot_beveridge),
        ("regions", plot_regions),
    ):
        ax = fn(res.monthly)
        path = out / f"{name}.png"
        ax.figure.tight_layout()
        ax.figure.savefig(path, dpi=110)
        plt.close(ax.figure)
        paths.append(path)
    return paths


def grid(n: int, ncols: int = 2, size: tuple[float, float] = (6.5, 4.0)) -> Sequence[Axes]:
    """``n`` panels in a grid of ``ncols`` columns, for notebooks composing several figures."""
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(size[0] * ncols, size[1] * nrows), squeeze=False
    )
    flat = list(axes.ravel())
    for ax in flat[n:]:
        ax.set_visible(False)
    fig.set_layout_engine("constrained")
    return flat[:n]
