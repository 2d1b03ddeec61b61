"""Monthly real activity by sector, and its gap from potential: the inputs through which output
shocks reach labour demand (issue 13, item 1).

Three series, all from the statistics bureau's releases (``sim/data/activity_monthly.csv`` and
``sim/data/gdp_quarterly_qoq.csv``, each row with its source and flag):

- ``industry``: real value added of industry above designated size, % year on year, monthly;
- ``services``: the index of services production, % year on year, monthly;
- ``gdp``: real GDP, seasonally adjusted, % quarter on quarter.

**January and February** are released as one figure (period ``YYYY-01/02``). The rule used here:
January's year-on-year rate lies halfway between December's and February's (log levels
interpolated linearly between the two, in both years), and the two months' rates average to the
released one; so ``g_feb = (4 g_janfeb - g_dec) / 3`` and ``g_jan = (g_dec + g_feb) / 2``. Where
no December precedes (the first year of the data) both months take the released rate. In 2020 the
rule gives January -6.7% and February -20.3% for industry (released: -13.5% for the two), putting
the trough in February, where the surveyed unemployment rate peaked (6.2%,
``china_unemployment_monthly.csv``).

**Levels from year-on-year rates.** A month's log level is its level a year before plus
``log(1 + g/100)``. The base year (2017, before the data) is a log-linear path growing at the
series' mean rate over its first twelve months: the assumption that growth was steady from 2017 to
2018 (the bureau's annual rates of the two years differ by a few tenths of a point). Seasonality
cancels in a year-on-year chain, so the levels are seasonally adjusted by construction.

**GDP by month** (:func:`gdp_levels`): quarterly levels chained from the seasonally adjusted
quarter-on-quarter rates and benchmarked to the published annual growth, shared out among a
quarter's months as the monthly indicators move.

**The monthly series carry chain drift.** Chaining year-on-year rates carries a month's dip into
the same month of every later year unless the next year's rate undoes it; the bureau's rates are
computed on revised bases, so after 2022 the chained industry and services levels keep an April
dip of several points every year (a seasonal pattern that is not in the economy). The model's
sectors therefore follow GDP by default (``demand.activity_series``); industry and services are
there for scenarios that shock them and for a sector mapping once they are seasonally adjusted.

**Potential.** Potential growth is estimated from data up to 2020 by a procedure a user can
rerun (:func:`potential_growth_line`): a least-squares line through China's real GDP growth
2015-2019 (``scenario_inputs.csv`` rows ``real_gdp_growth``; 2015-2018 are the census-revised
figures, flagged M; 2020 is left out as the shock year), projected forward: the assumption that the
slowdown of 2015-2019 (about 0.2 points a year) continues. A sector's potential grows at GDP's
potential plus the sector's mean growth differential to GDP over 2018-2019. Each potential path
is anchored so that the series' gap averages zero over 2018-2019 (the assumption that output was
at potential, on average, in the two years before COVID). The gap is log level minus log potential
(log points).

**After the data** a series grows at its potential growth, so that its gap stays where the data
left it; scenarios (:func:`activity_path`) choose where the data stop and override growth by year,
quarter or month and by series.

Flag-M rows (from memory or worked out from a month-on-month sentence; most are services rows of
2018-2019 and 2021-2025) are used as they are: they move a level by their error for twelve months
and no further, since the next year's rate chains onto the true level only through them. They are
never a calibration target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from sim import data_loader as data
from sim.calendar import month_index, year_month

SERIES = ("industry", "services", "gdp")
"""The activity series, in the order of :attr:`ActivityPath.log_level`'s rows."""

MONTHLY_SOURCE = {
    "industry": "industrial_value_added",
    "services": "services_production_index",
}
"""The rows of ``activity_monthly.csv`` behind each monthly series."""

FIRST_YEAR = 2017
"""The base year of the levels (before the data's first year, 2018)."""

POTENTIAL_YEARS = (2015, 2019)
"""The years whose GDP growth fixes the potential-growth line (2020 left out: the shock)."""

AT_POTENTIAL_YEARS = (2018, 2019)
"""The years over which output is assumed to be, on average, at potential."""


class ActivityError(ValueError):
    """An activity input or override that cannot be read; the message names it."""


def split_january_february(joint: float, december: float | None) -> tuple[float, float]:
    """January's and February's year-on-year rates (%) from their joint release and the
    December before (None: not known): January halfway between December and February, the two
    averaging to the joint rate (the module's rule)."""
    if december is None:
        return joint, joint
    february = (4.0 * joint - december) / 3.0
    return (december + february) / 2.0, february


def monthly_rates(series: str) -> dict[int, float]:
    """Year-on-year growth (%) of a monthly series by month index, January and February split by
    the module's rule (January keeps December's rate; the two average to the released one)."""
    if series not in MONTHLY_SOURCE:
        raise ActivityError(
            f"no monthly series {series!r}; the monthly series are {list(MONTHLY_SOURCE)}"
        )
    table = data.read_table("activity_monthly")
    rows = table[table.series == MONTHLY_SOURCE[series]]
    if rows.empty:
        raise ActivityError(f"activity_monthly.csv has no rows for {MONTHLY_SOURCE[series]}")
    rates: dict[int, float] = {}
    for period, value in sorted(
        zip(rows.period.astype(str), rows.value.astype(float), strict=True)
    ):
        joint = re.fullmatch(r"(\d{4})-01/02", period)
        if joint:
            year = int(joint.group(1))
            december = rates.get(month_index(year - 1, 12))
            january, february = split_january_february(value, december)
            rates[month_index(year, 1)], rates[month_index(year, 2)] = january, february
            continue
        single = re.fullmatch(r"(\d{4})-(\d{2})", period)
        if not single:
            raise ActivityError(
                f"activity_monthly.csv: period {period!r} of {MONTHLY_SOURCE[series]} is neither "
                "YYYY-MM nor YYYY-01/02"
            )
        rates[month_index(int(single.group(1)), int(single.group(2)))] = value
    return rates


def levels_from_yoy(rates: dict[int, float]) -> tuple[int, np.ndarray]:
    """Log levels from year-on-year rates (%): the first month index (January of the base year)
    and the levels from it to the last month with a rate. The base year is a log-linear path at
    the mean rate of the first twelve rates, with its December at zero."""
    first_rate = min(rates)
    base_start = first_rate - 12
    last = max(rates)
    missing = [m for m in range(first_rate, last + 1) if m not in rates]
    if missing:
        y, mo = year_month(missing[0])
        raise ActivityError(f"the year-on-year series has a gap: no rate for {y}-{mo:02d}")
    growth = np.log1p(np.array([rates[m] for m in range(first_rate, last + 1)]) / 100.0)
    level = np.empty(last - base_start + 1)
    base_rate = growth[:12].mean()
    level[:12] = base_rate * (np.arange(12) - 11) / 12.0
    for k, g in enumerate(growth):
        level[12 + k] = level[k] + g
    return base_start, level


INDICATOR_WEIGHTS = {"industry": 0.308, "services": 0.545}
"""Shares of GDP in 2020, the weights of the monthly indicators that share out quarterly GDP among
its months: all industry 313,071 and the tertiary sector 553,977 of 1,015,986 (100 million yuan;
NBS Statistical Communique on 2020, 28 Feb 2021, reprinted at
https://hkcd.com/content/2021-02/28/content_1251748.html)."""


def gdp_levels() -> tuple[int, np.ndarray]:
    """Monthly log real GDP: the first month index (January of the first quarter's year) and
    the levels from it.

    Quarterly levels are chained from the seasonally adjusted quarter-on-quarter rates
    (``gdp_quarterly_qoq.csv``: no chain drift, unlike chains of year-on-year rates) and
    benchmarked to the published annual growth (:func:`benchmarked_quarters`). Within a quarter
    the months move as the monthly indicators do (their 2020 GDP-weighted mix,
    :data:`INDICATOR_WEIGHTS`) around the quarter's level: the three months average to the
    quarter's level, and a slump inside a quarter lands in its month (February 2020) rather than
    spreading into the quarter before (an additive Denton-type distribution in logs). The
    indicators' chain drift (see the module's docstring) moves months within a quarter by up to
    about 1.5 points from 2023, never a quarter's level.
    """
    first_q, quarter_level = benchmarked_quarters()
    first, last = 3 * first_q, 3 * (first_q + len(quarter_level)) - 1
    total = sum(INDICATOR_WEIGHTS.values())
    indicator = np.zeros(last - first + 1)
    for name, weight in INDICATOR_WEIGHTS.items():
        start, series = levels_from_yoy(monthly_rates(name))
        if start > first:
            raise ActivityError(f"the monthly {name} series begins after the GDP quarters")
        while start + len(series) - 1 < last:  # a release still missing: its last y/y repeats
            series = np.append(series, series[-12] + series[-1] - series[-13])
        indicator += weight / total * series[first - start : last - start + 1]
    by_quarter = indicator.reshape(-1, 3)
    within = by_quarter - by_quarter.mean(axis=1, keepdims=True)
    return first, (quarter_level[:, None] + within).ravel()


def benchmarked_quarters() -> tuple[int, np.ndarray]:
    """Log real GDP by quarter from the q/q rates, benchmarked to annual growth: the first
    quarter number (year * 4 + quarter - 1) and the levels, zero in the first quarter."""
    qoq = _quarterly("gdp_quarterly_qoq", "gdp_qoq_sa")
    first_q, last_q = min(qoq), max(qoq)
    missing = [q for q in range(first_q, last_q + 1) if q not in qoq]
    if missing:
        raise ActivityError(
            f"gdp_quarterly_qoq.csv has no quarter {missing[0] // 4}Q{missing[0] % 4 + 1}"
        )
    growth = np.log1p(np.array([qoq[q] for q in range(first_q, last_q + 1)]) / 100.0)
    table = data.read_table("scenario_inputs")
    rows = table[table.series == "real_gdp_growth"]
    annual = dict(zip(rows.period.astype(int), rows.value.astype(float), strict=True))
    for year in range(first_q // 4 + 1, last_q // 4 + 1):
        if year not in annual:
            raise ActivityError(f"scenario_inputs.csv has no real_gdp_growth for {year}")
        k = 4 * year - first_q  # the year's first quarter
        level = np.concatenate([[0.0], np.cumsum(growth[1:])])
        mean_growth = level[k : k + 4].mean() - level[k - 4 : k].mean()
        # adding c to each q/q of the year raises its quarters by c, 2c, 3c, 4c: the mean by 2.5c
        growth[k : k + 4] += (np.log1p(annual[year] / 100.0) - mean_growth) / 2.5
    return first_q, np.concatenate([[0.0], np.cumsum(growth[1:])])


def _quarterly(table_name: str, series: str) -> dict[int, float]:
    """Growth rates (%) of one quarterly series by quarter number (year * 4 + quarter - 1)."""
    table = data.read_table(table_name)
    rows = table[table.series == series]
    if rows.empty:
        raise ActivityError(f"{table_name}.csv has no rows for {series}")
    out = {}
    for period, value in zip(rows.period.astype(str), rows.value.astype(float), strict=True):
        q = re.fullmatch(r"(\d{4})Q([1-4])", period)
        if not q:
            raise ActivityError(f"{table_name}.csv: period {period!r} of {series} is not YYYYQn")
        out[int(q.group(1)) * 4 + int(q.group(2)) - 1] = value
    return out


@cache
def potential_growth_line() -> tuple[float, float]:
    """China's potential growth (% a year) as a line in the year: (growth in 2019, change a year),
    the least-squares fit through real GDP growth over :data:`POTENTIAL_YEARS`."""
    table = data.read_table("scenario_inputs")
    rows = table[table.series == "real_gdp_growth"]
    years = np.arange(POTENTIAL_YEARS[0], POTENTIAL_YEARS[1] + 1)
    by_year = dict(zip(rows.period.astype(int), rows.value.astype(float), strict=True))
    missing = [int(y) for y in years if int(y) not in by_year]
    if missing:
        raise ActivityError(f"scenario_inputs.csv has no real_gdp_growth for {missing}")
    slope, intercept = np.polyfit(years - 2019, [by_year[int(y)] for y in years], 1)
    return float(intercept), float(slope)


@dataclass(frozen=True)
class ActivityPath:
    """Monthly activity from ``first`` (a month index) on: log levels and log potential levels
    of each of :data:`SERIES` (rows), and their gaps, in log points."""

    first: int
    log_level: np.ndarray
    log_potential: np.ndarray

    @property
    def gap(self) -> np.ndarray:
        return self.log_level - self.log_potential

    def months(self) -> np.ndarray:
        return np.arange(self.first, self.first + self.log_level.shape[1])

    def at(self, month: int) -> np.ndarray:
        """The gap of each series in a month (month index)."""
        k = month - self.first
        if not 0 <= k < self.log_level.shape[1]:
            y, m = year_month(month)
            raise ActivityError(f"no activity for {y}-{m:02d}: the path covers {self.span()}")
        return self.gap[:, k]

    def span(self) -> str:
        y0, m0 = year_month(self.first)
        y1, m1 = year_month(self.first + self.log_level.shape[1] - 1)
        return f"{y0}-{m0:02d} to {y1}-{m1:02d}"


def potential_monthly_growth(years: np.ndarray, differential: float) -> np.ndarray:
    """Monthly log growth of a series' potential in each (calendar) year: GDP's potential growth
    from :func:`potential_growth_line` plus the series' differential (% a year), over twelve."""
    at_2019, slope = potential_growth_line()
    annual = at_2019 + slope * (years - 2019) + differential
    return np.log1p(annual / 100.0) / 12.0


def _annual_mean_growth(first: int, level: np.ndarray, years: tuple[int, int]) -> float:
    """Mean year-on-year growth (%) of a monthly log level over the months of ``years``."""
    lo, hi = month_index(years[0], 1) - first, month_index(years[1], 12) - first
    yoy = level[lo : hi + 1] - level[lo - 12 : hi + 1 - 12]
    return float(np.expm1(yoy.mean()) * 100.0)


@cache
def data_paths(last: int) -> dict[str, tuple[float, np.ndarray]]:
    """Each series' log level from the data, extended to month ``last`` at its potential growth,
    all from January :data:`FIRST_YEAR`."""
    start = month_index(FIRST_YEAR, 1)
    raw = {s: levels_from_yoy(monthly_rates(s)) for s in MONTHLY_SOURCE}
    raw["gdp"] = gdp_levels()
    gdp_growth = _annual_mean_growth(*_from(start, *raw["gdp"]), AT_POTENTIAL_YEARS)
    out = {}
    for s in SERIES:
        first, level = _from(start, *raw[s])
        diff = (
            0.0
            if s == "gdp"
            else _annual_mean_growth(first, level, AT_POTENTIAL_YEARS) - gdp_growth
        )
        out[s] = (diff, _extend(first, level, last, diff))
    return out


def _from(start: int, first: int, level: np.ndarray) -> tuple[int, np.ndarray]:
    """A level series re-based to begin at month ``start``, extended back at its first year's
    mean monthly growth if it begins later."""
    if first <= start:
        return start, level[start - first :]
    back = first - start
    step = (level[12] - level[0]) / 12.0 if len(level) > 12 else 0.0
    head = level[0] - step * np.arange(back, 0, -1)
    return start, np.concatenate([head, level])


def _extend(first: int, level: np.ndarray, last: int, differential: float) -> np.ndarray:
    """A level series carried on from its last month to month ``last`` at potential growth."""
    n = last - first + 1
    if len(level) >= n:
        return level[:n]
    months = np.arange(first + len(level), last + 1)
    growth = potential_monthly_growth(months // 12, differential)
    return np.concatenate([level, level[-1] + np.cumsum(growth)])


@dataclass(frozen=True)
class Cycle:
    """A sine business cycle laid over every series from month ``start``: activity moves by
    ``-amplitude * sin(2 pi (t - start) / period)`` log points (it begins with a slump)."""

    amplitude: float
    period: int
    start: int

    def at(self, months: np.ndarray) -> np.ndarray:
        phase = 2.0 * np.pi * (months - self.start) / self.period
        return np.where(months >= self.start, -self.amplitude * np.sin(phase), 0.0)


def activity_path(
    last: int,
    data_end: int | None = None,
    overrides: dict | None = None,
    cycle: Cycle | None = None,
) -> ActivityPath:
    """Monthly activity from January 2017 to month ``last``.

    ``data_end``: the last month taken from the data (default: all of it); later months grow at
    potential. ``overrides``: ``{period: growth}`` for GDP, which the other series follow with
    their differential to GDP (:func:`data_paths`), and ``{series: {period: growth}}`` for one
    series alone (it wins over the shared one), growth in % a year; a period is a year
    ``'2023'`` (that year grows at the rate, month on month: a level loss that persists), a
    quarter ``'2022Q2'`` or a month ``'2022-04'`` (the level of those months is set to that
    year-on-year growth on the path's level a year before, and the path returns to its
    unshocked level after: a dip). ``cycle``: a sine cycle laid over every series last.
    """
    series_paths = data_paths(last)
    start = month_index(FIRST_YEAR, 1)
    rows, potentials = [], []
    for s in SERIES:
        diff, level = series_paths[s]
        level = level.copy()
        if data_end is not None and data_end < last:
            k = data_end - start
            months = np.arange(data_end + 1, last + 1)
            level[k + 1 :] = level[k] + np.cumsum(potential_monthly_growth(months // 12, diff))
        level = _apply_overrides(level, start, _overrides_for(s, overrides or {}, diff))
        if cycle is not None:
            level = level + cycle.at(np.arange(start, start + len(level)))
        rows.append(level)
        potentials.append(_potential_level(level, start, diff))
    return ActivityPath(start, np.vstack(rows), np.vstack(potentials))


def _potential_level(level: np.ndarray, start: int, differential: float) -> np.ndarray:
    """The potential log level, growing at :func:`potential_monthly_growth`, anchored so that
    the gap averages zero over :data:`AT_POTENTIAL_YEARS`."""
    months = np.arange(start, start + len(level))
    path = np.concatenate(
        [[0.0], np.cumsum(potential_monthly_growth(months[1:] // 12, differential))]
    )
    lo = month_index(AT_POTENTIAL_YEARS[0], 1) - start
    hi = month_index(AT_POTENTIAL_YEARS[1], 12) - start
    return path + (level[lo : hi + 1] - path[lo : hi + 1]).mean()


def _overrides_for(series: str, overrides: dict, differential: float) -> dict[str, float]:
    """The overrides that apply to one series (% a year): the shared (GDP) ones plus the
    series' differential to GDP, then the series' own."""
    unknown = [k for k, v in overrides.items() if isinstance(v, dict) and k not in SERIES]
    if unknown:
        raise ActivityError(
            f"activity overrides name unknown series {unknown}; the series are {list(SERIES)}"
        )
    shared = {
        str(k): float(v) + differential for k, v in overrides.items() if not isinstance(v, dict)
    }
    own = overrides.get(series, {})
    return {**shared, **{str(k): float(v) for k, v in own.items()}}


def months_of(period: str) -> tuple[list[int], bool]:
    """The month indices a period names (a year '2023', a quarter '2022Q2' or a month '2022-04'),
    and whether it is a whole year."""
    if re.fullmatch(r"\d{4}", period):
        year = int(period)
        return [month_index(year, m) for m in range(1, 13)], True
    q = re.fullmatch(r"(\d{4})Q([1-4])", period)
    if q:
        year, quarter = int(q.group(1)), int(q.group(2))
        return [month_index(year, 3 * quarter - 2 + k) for k in range(3)], False
    m = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if m and 1 <= int(m.group(2)) <= 12:
        return [month_index(int(m.group(1)), int(m.group(2)))], False
    raise ActivityError(
        f"activity override period {period!r}: write a year (2023), a quarter (2022Q2) "
        "or a month (2022-04)"
    )


def _apply_overrides(level: np.ndarray, start: int, overrides: dict[str, float]) -> np.ndarray:
    """Apply growth overrides (% a year) to a log level series beginning at month ``start``:
    years first (in order; each shifts every later month), then quarters and months (dips)."""
    out = level.copy()
    end = start + len(out) - 1
    parsed = [(p, *months_of(p), g) for p, g in overrides.items()]
    for period, months, whole_year, g in sorted(parsed):
        if not whole_year:
            continue
        k0 = months[0] - start
        if k0 < 1 or months[-1] > end:
            raise ActivityError(f"activity override {period} lies outside the path's months")
        steps = np.log1p(g / 100.0) / 12.0 * np.arange(1, 13)
        shift = out[k0 - 1] + steps - out[k0 : k0 + 12]
        out[k0 : k0 + 12] += shift
        out[k0 + 12 :] += shift[-1]
    for period, months, whole_year, g in sorted(parsed, key=lambda p: p[1][0]):
        if whole_year:  # quarters and months in time order: each chains on the year before
            continue
        for m in months:
            k = m - start
            if k < 12 or m > end:
                raise ActivityError(f"activity override {period} lies outside the path's months")
            out[k] = out[k - 12] + np.log1p(g / 100.0)
    return out
