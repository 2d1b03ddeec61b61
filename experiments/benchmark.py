"""Speed and memory of the model: time per worker-month and peak memory per agent.

    python experiments/benchmark.py                 # 100k and 1M agents, 60 months, all modules
                                                    # (policy=plan, ai=baseline)
    python experiments/benchmark.py --agents 200000 --months 12

Each size runs in a fresh subprocess so that its peak resident memory (ru_maxrss) is its own.
Figures are printed, never asserted: speed is measured here, not in the tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time


def measure(n_agents: int, months: int, seed: int) -> dict:
    """Run one model in this process and report its timings and peak memory."""
    import resource

    import sim.model  # noqa: F401  (libraries loaded before the baseline is read)
    from sim.api import compose_config
    from sim.config import validate
    from sim.model import LabourMarketModel

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
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
    t0 = time.perf_counter()
    model = LabourMarketModel(cfg)
    t1 = time.perf_counter()
    model.run()
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "n_agents": n_agents,
        "months": months,
        "init_seconds": round(t1 - t0, 3),
        "run_seconds": round(t2 - t1, 3),
        "ns_per_worker_month": round((t2 - t1) / (n_agents * months) * 1e9, 1),
        "peak_rss_mb": round(peak / 2**20, 1),
        "peak_bytes_per_agent": round((peak - base_rss) / n_agents, 1),
        "state_bytes_per_agent": round(model.workers.nbytes() / n_agents, 1),
        "final_urban_unemployment_rate": round(
            model.statistics.record["urban_unemployment_rate"], 3
        ),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--agents", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--months", type=int, default=60)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(measure(a.agents[0], a.months, a.seed)))
        return
    print(
        f"{'agents':>10} {'months':>6} {'init s':>7} {'run s':>7} {'ns/worker-month':>16} "
        f"{'peak MB':>8} {'peak B/agent':>12} {'state B/agent':>13}"
    )
    for n in a.agents:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--agents",
                str(n),
                "--months",
                str(a.months),
                "--seed",
                str(a.seed),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['n_agents']:>10,} {r['months']:>6} {r['init_seconds']:>7} {r['run_seconds']:>7} "
            f"{r['ns_per_worker_month']:>16} {r['peak_rss_mb']:>8} "
            f"{r['peak_bytes_per_agent']:>12} {r['state_bytes_per_agent']:>13}"
        )


if __name__ == "__main__":
    main()
