"""Speed and memory of the model: time per worker-month and peak memory per agent, against Mesa.

    python experiments/benchmark.py                 # 100k and 1M agents, 60 months, all modules
                                                    # (policy=plan, ai=baseline)
    python experiments/benchmark.py --agents 200000 --months 12
    python experiments/benchmark.py --reference-agents 0      # the model only
    python experiments/benchmark.py --process-agents 0        # without the whole-process timing

Before each size of the model, the same invocation runs a plain Mesa model of the monthly job
matching (``experiments/mesa_reference.py``: one ``mesa.Agent`` per worker, stepped with
``shuffle_do``) with ``--reference-agents`` workers for as many months, and prints the ratios
model/Mesa of time per worker-month and of peak memory per agent: run back to back, the pair sees
the same machine, so the ratio holds on a busy one where the absolute times do not. Every run
(model or reference) is a fresh subprocess, so that its peak resident memory (ru_maxrss) is its
own; a model run first steps a 10k-agent model for a month, so that its baseline memory has the
compiled kernels loaded and its peak counts the model's own state and temporaries. Last, the
whole command ``python -m sim n_agents=200000 figures=false`` (60 months) is timed as a user runs
it, start-up, initial state and results included (median of ``--process-repeats`` runs). Figures
are printed, never asserted: speed is measured here, not in the tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

COLUMNS = (
    f"{'run':<6} {'agents':>10} {'months':>6} {'init s':>7} {'run s':>7} {'ns/worker-month':>16} "
    f"{'peak MB':>8} {'peak B/agent':>12} {'state B/agent':>13} {'time model/Mesa':>15} "
    f"{'memory model/Mesa':>17}"
)


def timed(
    label: str, n_agents: int, months: int, build: Callable[[], Any], run: Callable[[Any], None]
) -> tuple[Any, dict]:
    """Build a model and run it in this process: the model, its set-up and run times, peak memory.

    The memory baseline is read after the libraries are imported and before the model is built,
    so that peak bytes per agent count the model's own state and temporaries.
    """
    import resource

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    t0 = time.perf_counter()
    model = build()
    t1 = time.perf_counter()
    run(model)
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return model, {
        "run": label,
        "n_agents": n_agents,
        "months": months,
        "init_seconds": round(t1 - t0, 3),
        "run_seconds": round(t2 - t1, 3),
        "ns_per_worker_month": round((t2 - t1) / (n_agents * months) * 1e9, 1),
        "peak_rss_mb": round(peak / 2**20, 1),
        "peak_bytes_per_agent": round((peak - base_rss) / n_agents, 1),
    }


def measure(n_agents: int, months: int, seed: int) -> dict:
    """Run the model with every module on and report its timings and peak memory."""
    import sim.model  # noqa: F401  (libraries loaded before the baseline is read)
    from sim.api import compose_config
    from sim.config import validate
    from sim.model import LabourMarketModel

    # every module on: the plan's policy package and AI adoption (baseline S-curves)
    cfg = validate(
        compose_config(
            [
                f"n_agents={n_agents}",
                f"months={months}",
                f"seed={seed}",
                "figures=false",
                "policy=plan",
                "ai=baseline",
            ]
        )
    )
    warm_up = LabourMarketModel(
        validate(compose_config(["debug=tiny", "policy=plan", "ai=baseline"]))
    )
    warm_up.step()  # compiled kernels loaded (from numba's cache) before the baseline is read
    del warm_up
    model, r = timed("model", n_agents, months, lambda: LabourMarketModel(cfg), lambda m: m.run())
    return {
        **r,
        "state_bytes_per_agent": round(model.workers.nbytes() / n_agents, 1),
        "final_urban_unemployment_rate": round(
            model.statistics.record["urban_unemployment_rate"], 3
        ),
    }


def measure_reference(n_workers: int, months: int, seed: int) -> dict:
    """Run the plain Mesa matching model (``mesa_reference.py``) and report the same figures."""
    from mesa_reference import MatchingModel  # beside this file, on sys.path as a script

    def run(model: MatchingModel) -> None:
        for _ in range(months):
            model.step()

    model, r = timed("Mesa", n_workers, months, lambda: MatchingModel(n_workers, seed), run)
    return {
        **r,
        "state_bytes_per_agent": None,
        "unemployment_rate": round(100 * model.unemployed() / n_workers, 2),
    }


def child(n_agents: int, months: int, seed: int, reference: bool = False) -> dict:
    """One measurement in a fresh process."""
    argv = [sys.executable, __file__, "--child", "--agents", str(n_agents)]
    argv += ["--months", str(months), "--seed", str(seed)] + (["--reference"] if reference else [])
    out = subprocess.run(argv, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def whole_process(n_agents: int, months: int, repeats: int) -> list[float]:
    """Wall-clock seconds of ``python -m sim`` runs (fresh interpreters), as a user runs it."""
    seconds = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as out:
            argv = [sys.executable, "-m", "sim", f"n_agents={n_agents}", f"months={months}"]
            argv += ["figures=false", f"hydra.run.dir={out}"]
            t0 = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True)
            seconds.append(time.perf_counter() - t0)
    return seconds


def row(r: dict, mesa: dict | None = None) -> str:
    """A run's line of the table; a model's carries its ratios to the Mesa run just before it."""
    state = "-" if r["state_bytes_per_agent"] is None else r["state_bytes_per_agent"]
    ratios = ("-", "-")
    if mesa is not None:
        ratios = (
            f"{r['ns_per_worker_month'] / mesa['ns_per_worker_month']:.3f}",
            f"{r['peak_bytes_per_agent'] / mesa['peak_bytes_per_agent']:.2f}",
        )
    return (
        f"{r['run']:<6} {r['n_agents']:>10,} {r['months']:>6} {r['init_seconds']:>7} "
        f"{r['run_seconds']:>7} {r['ns_per_worker_month']:>16} {r['peak_rss_mb']:>8} "
        f"{r['peak_bytes_per_agent']:>12} {state:>13} {ratios[0]:>15} {ratios[1]:>17}"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--agents", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--months", type=int, default=60)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--reference-agents",
        type=int,
        default=50_000,
        help="workers of the plain Mesa reference run before each size (0: no reference)",
    )
    p.add_argument(
        "--process-agents",
        type=int,
        default=200_000,
        help="agents of the timed whole command `python -m sim` (0: not timed)",
    )
    p.add_argument("--process-months", type=int, default=60)
    p.add_argument("--process-repeats", type=int, default=3)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--reference", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        fn = measure_reference if a.reference else measure
        print(json.dumps(fn(a.agents[0], a.months, a.seed)))
        return
    print(COLUMNS)
    for n in a.agents:
        mesa = None
        if a.reference_agents > 0:
            mesa = child(a.reference_agents, a.months, a.seed, reference=True)
            print(row(mesa), flush=True)
        print(row(child(n, a.months, a.seed), mesa), flush=True)
    if a.process_agents > 0:
        seconds = whole_process(a.process_agents, a.process_months, a.process_repeats)
        print(
            f"\nwhole process `python -m sim n_agents={a.process_agents} months={a.process_months} "
            f"figures=false`: {statistics.median(seconds):.2f} s (median of {len(seconds)}; "
            + ", ".join(f"{s:.2f}" for s in seconds)
            + ")"
        )


if __name__ == "__main__":
    main()
