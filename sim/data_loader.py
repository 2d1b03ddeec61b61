"""Reading the project's calibration data (``sim/data``) into the figures the model needs.

The model never reads anything outside its own package: these files travel with it. A missing file
or a missing row is reported with its name, not as a pandas KeyError deep in a process module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)


class DataError(RuntimeError):
    """A calibration file or row the model needs is missing or malformed."""


def data_dir() -> Path:
    """The folder holding the project's calibration data."""
    return Path(str(resources.files("sim") / "data"))


@cache
def read_table(name: str) -> pd.DataFrame:
    """Read one CSV of the data folder, e.g. ``read_table("china_annual")``."""
    path = data_dir() / f"{name}.csv"
    if not path.exists():
        raise DataError(f"calibration file {path} is missing; reinstall the package")
    return pd.read_csv(path)


def monthly_urban_rate() -> pd.Series:
    """The bureau's monthly surveyed urban unemployment rate (%, ``china_unemployment_monthly.csv``,
    2018-2020), indexed by month as the model's tables label it (``"2020-02"``), in order."""
    table = read_table("china_unemployment_monthly").sort_values(["year", "month"])
    labels = [f"{y}-{m:02d}" for y, m in zip(table.year, table.month, strict=True)]
    return pd.Series(table.surveyed_urban_unemployment.to_numpy(), index=labels)


def annual(indicator: str, year: int) -> float:
    """One figure of ``china_annual.csv``: ``annual("employed_urban", 2020)``."""
    value = _annual_figures().get((indicator, year))
    if value is None:
        raise DataError(f"china_annual.csv has no row indicator={indicator}, year={year}")
    return value


def has_annual(indicator: str, year: int) -> bool:
    """Whether ``china_annual.csv`` holds ``indicator`` for ``year``."""
    return (indicator, year) in _annual_figures()


@cache
def _annual_figures() -> dict[tuple[str, int], float]:
    """``china_annual.csv`` as (indicator, year) -> value, the first row of each pair: a lookup
    instead of a scan of the table for each of the figures the initial state reads."""
    df = read_table("china_annual")
    figures: dict[tuple[str, int], float] = {}
    for ind, year, value in zip(df.indicator, df.year, df.value.astype(float), strict=True):
        figures.setdefault((str(ind), int(year)), float(value))
    return figures


def initial(indicator: str) -> dict[str, float]:
    """The rows of ``initial_state_2020.csv`` for one indicator, as key -> value."""
    rows = _initial_rows().get(indicator)
    if rows is None:
        raise DataError(f"initial_state_2020.csv has no rows for indicator={indicator}")
    return dict(rows)  # a copy: the caller may change it


@cache
def _initial_rows() -> dict[str, dict[str, float]]:
    """``initial_state_2020.csv`` as indicator -> (key -> value), read in one pass."""
    df = read_table("initial_state_2020")
    rows: dict[str, dict[str, float]] = {}
    for ind, key, value in zip(
        df.indicator, df.key.astype(str), df.value.astype(float), strict=True
    ):
        rows.setdefault(str(ind), {})[key] = float(value)
    return rows


@dataclass(frozen=True)
class RegionData:
    """The regions of the model (NBS macro-regions) and their 2020 figures."""

    names: tuple[str, ...]
    population_share: tuple[float, ...]  # share of population, census 2020
    wage_nonprivate: tuple[float, ...]  # yuan/year, urban non-private units 2020
    wage_private: tuple[float, ...]  # yuan/year, urban private units 2020
    migrant_work_share: tuple[float, ...]  # where migrant workers work, 2020
    migrant_origin_share: tuple[float, ...]  # where migrant workers come from, 2017


REGION_RESOLUTIONS = ("nbs4", "national")


@cache
def regions(resolution: str = "nbs4") -> RegionData:
    """The model's regions: the NBS macro-regions of ``china_regions_2020.csv`` (as many as it
    lists), or at ``national`` resolution a single region holding the whole country."""
    if resolution == "national":
        return _national(regions("nbs4"))
    df = read_table("china_regions_2020")
    df = df[df.region != "National"]
    names = tuple(dict.fromkeys(r for r in df.region if "/" not in r))

    def col(indicator: str) -> tuple[float, ...]:
        sub = df[df.indicator == indicator].set_index("region").value
        missing = [n for n in names if n not in sub.index]
        if missing:
            raise DataError(f"china_regions_2020.csv lacks {indicator} for {', '.join(missing)}")
        vals = [float(sub[n]) for n in names]
        return tuple(vals)

    def shares(indicator: str) -> tuple[float, ...]:
        v = col(indicator)
        return tuple(x / sum(v) for x in v)

    return RegionData(
        names=names,
        population_share=shares("population_share"),
        wage_nonprivate=col("avg_wage_urban_nonprivate"),
        wage_private=col("avg_wage_urban_private"),
        migrant_work_share=shares("migrant_workers_by_work_region"),
        migrant_origin_share=shares("migrant_workers_by_origin_region"),
    )


def _national(reg: RegionData) -> RegionData:
    """One region with population-weighted wages and all migrants."""
    w = reg.population_share

    def avg(v: tuple[float, ...]) -> tuple[float]:
        return (sum(a * b for a, b in zip(w, v, strict=True)),)

    return RegionData(
        names=("China",),
        population_share=(1.0,),
        wage_nonprivate=avg(reg.wage_nonprivate),
        wage_private=avg(reg.wage_private),
        migrant_work_share=(1.0,),
        migrant_origin_share=(1.0,),
    )


def gdp_growth_quarterly() -> dict[str, float]:
    """Real GDP growth, % year on year, by quarter ('2020Q1' ...), from scenario_inputs.csv."""
    df = read_table("scenario_inputs")
    q = df[df.series == "real_gdp_growth_quarterly"]
    return dict(zip(q.period.astype(str), q.value.astype(float), strict=True))


def college_graduates() -> dict[int, float]:
    """College graduates per year (10k persons), Ministry of Education, from scenario_inputs.csv."""
    df = read_table("scenario_inputs")
    g = df[df.series == "college_graduates"]
    return {int(p): float(v) for p, v in zip(g.period, g.value, strict=True)}


def ai_exposure(measure: str) -> np.ndarray:
    """AI exposure of the nine ISCO-08 major groups (1..9) on one measure, in [0, 1]."""
    df = read_table("ai_exposure/ai_exposure_isco08_major")
    if measure not in df.columns:
        raise DataError(f"ai_exposure_isco08_major.csv has no column {measure}")
    rows = df.set_index("isco_code").loc[list(range(1, 10)), measure]
    return rows.to_numpy(dtype=np.float64)


def plan_targets() -> pd.DataFrame:
    """The plan's table 1: ten indicators with 2020 values and 2025 targets."""
    return read_table("plan_targets_2025")
