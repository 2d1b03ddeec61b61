"""Figures of the model's outcomes, shared by the CLI, the notebooks and the dashboard.

Every function draws on a matplotlib ``Axes`` (a new figure if none is given) and returns it, so
that a notebook can compose panels; :func:`save_run_figures` writes a run's standard figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from sim.scorecard import CEILING  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from sim.results import Results

CEILING_STYLE = {"color": "firebrick", "linestyle": "--", "linewidth": 1.2}


def _axes(ax: Axes | None, size=(8, 4.5)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _dates(monthly: pd.DataFrame) -> pd.DatetimeIndex:
    return pd.to_datetime(monthly["date"] + "-01")


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
    ax.axhline(CEILING, label="plan ceiling 5.5%", **CEILING_STYLE)
    ax.set_ylabel("surveyed unemployment rate (%)")
    ax.set_xlabel("month")
    ax.set_title("Surveyed urban unemployment rate")
    ax.legend(frameon=False)
    ax.grid(alpha=0.3)
    return ax


def plot_beveridge(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The Beveridge curve: vacancy rate against the urban unemployment rate, month by month."""
    ax = _axes(ax, size=(5.5, 4.5))
    sc = ax.scatter(
        monthly["urban_unemployment_rate"],
        monthly["vacancy_rate"],
        c=range(len(monthly)),
        cmap="viridis",
        s=18,
    )
    ax.plot(monthly["urban_unemployment_rate"], monthly["vacancy_rate"], color="grey", lw=0.6)
    ax.set_xlabel("urban unemployment rate (%)")
    ax.set_ylabel("vacancy rate (% of jobs)")
    ax.set_title("Beveridge curve")
    cb = ax.figure.colorbar(sc, ax=ax)
    cb.set_label("months since start")
    ax.grid(alpha=0.3)
    return ax


def plot_regions(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Urban unemployment rate by region."""
    ax = _axes(ax)
    d = _dates(monthly)
    for c in [c for c in monthly.columns if c.startswith("urban_unemployment_rate_")]:
        ax.plot(d, monthly[c], label=c.removeprefix("urban_unemployment_rate_"))
    ax.axhline(CEILING, **CEILING_STYLE)
    ax.set_ylabel("surveyed urban unemployment rate (%)")
    ax.set_title("Urban unemployment by region")
    ax.legend(frameon=False, ncol=2)
    ax.grid(alpha=0.3)
    return ax


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
