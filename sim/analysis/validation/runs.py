"""Model runs the checks share: monthly tables through ``sim.run_many`` (kept for the process,
so that seasonality, convergence and history reuse the same baseline runs), and the cyclical
activity path the Beveridge check drives the model with."""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence

import pandas as pd

import sim
from sim.calendar import label

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


def cycle_overrides(amplitude: float, period: int, start: int) -> list[str]:
    """Overrides that lay a sine cycle of ``amplitude`` (log points) and ``period`` months over
    every activity series from month index ``start``, beginning with a slump (the baseline path
    itself grows smoothly at potential: no override makes it smooth)."""
    return [
        f"scenario.cycle_amplitude={amplitude}",
        f"scenario.cycle_period={period}",
        f"scenario.cycle_start={label(start)}",
    ]


def plan_period(s_months: int, n_agents: int, *extra: str) -> list[str]:
    """Overrides of a run over the plan period at ``n_agents``; the same list wherever the same
    run is wanted, so that the checks share it."""
    return [f"n_agents={n_agents}", f"months={s_months}", *extra]
