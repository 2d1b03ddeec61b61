"""Model runs the checks share: monthly tables through ``sim.run_many`` (kept for the process,
so that seasonality, convergence and history reuse the same baseline runs), and the smooth and
cyclical GDP paths the Beveridge and seasonality checks drive the model with."""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from functools import cache

import numpy as np
import pandas as pd

import sim
from sim.api import compose_config
from sim.calendar import month_index
from sim.config import validate
from sim.scenario import quarterly_log_gdp

_MONTHLY: dict[tuple[tuple[str, ...], int], pd.DataFrame] = {}


def log(msg: str) -> None:
    """Progress on standard output, with the time of day."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def monthly_tables(
    cells: dict[Hashable, list[str]], seeds: Sequence[int], jobs: int
) -> dict[tuple[Hashable, int], pd.DataFrame]:
    """The monthly table of every cell (key -> overrides) for every seed, by (key, seed).

    Runs go through ``sim.run_many`` on ``jobs`` workers; a run with the same overrides and seed
    made earlier in this process is reused rather than repeated (the model is deterministic)."""
    todo = {
        str(i): overrides
        for i, overrides in enumerate(cells.values())
        if any((tuple(overrides), seed) not in _MONTHLY for seed in seeds)
    }
    if todo:
        t0 = time.perf_counter()
        monthly, _ = sim.run_many(
            todo, list(seeds), by="cell", common=["figures=false"], n_jobs=jobs
        )
        for (label, seed), table in monthly.groupby(["cell", "seed"], sort=False):
            key = (tuple(todo[label]), int(seed))
            _MONTHLY[key] = table.drop(columns=["cell", "seed"]).reset_index(drop=True)
        log(f"  {len(todo) * len(seeds)} runs in {time.perf_counter() - t0:.0f} s")
    return {
        (key, seed): _MONTHLY[(tuple(overrides), seed)]
        for key, overrides in cells.items()
        for seed in seeds
    }


@cache
def gdp_path_override(
    last_year: int, amplitude: float = 0.0, period: int = 36, start: int | None = None
) -> str:
    """A ``scenario.gdp_growth_overrides`` override (every quarter 2021Q1..``last_year``Q4) that
    makes log GDP grow smoothly at the trend rate from 2020Q4, plus, from month index ``start``,
    a sine cycle of ``amplitude`` (log points) and ``period`` months that starts with a slump.

    Overrides chain: each quarter's growth is on the same quarter of the year before, already
    overridden, so the levels are exactly the ones designed here (checked in the function)."""
    cfg = validate(compose_config([]))
    q = quarterly_log_gdp(cfg.scenario, last_year)
    trend = np.log1p(cfg.scenario.trend_gdp_growth / 100)
    base_mid = month_index(2020, 11)  # 2020Q4 sits at its middle month
    levels = {k: v for k, v in q.items() if k < "2021"}
    items = []
    for y in range(2021, last_year + 1):
        for qq in range(1, 5):
            mid = month_index(y, 3 * qq - 1)
            cyc = 0.0
            if start is not None and mid >= start:
                cyc = -amplitude * np.sin(2 * np.pi * (mid - start) / period)
            target = q["2020Q4"] + trend * (mid - base_mid) / 12 + cyc
            g = round(100 * np.expm1(target - levels[f"{y - 1}Q{qq}"]), 6)
            levels[f"{y}Q{qq}"] = levels[f"{y - 1}Q{qq}"] + np.log1p(g / 100)
            items.append(f"{y}Q{qq}:{g}")
    override = "+scenario.gdp_growth_overrides={" + ",".join(items) + "}"
    check = quarterly_log_gdp(validate(compose_config([override])).scenario, last_year)
    assert all(abs(check[k] - v) < 1e-6 for k, v in levels.items()), "GDP override did not chain"
    return override


def plan_period(s_months: int, n_agents: int, *extra: str) -> list[str]:
    """Overrides of a run over the plan period at ``n_agents``; the same list wherever the same
    run is wanted, so that the checks share it."""
    return [f"n_agents={n_agents}", f"months={s_months}", *extra]
