"""Time spent in each monthly process of the model, with every module on.

    python experiments/process_times.py --agents 1000000 --months 12

Wraps each process's ``step`` (and the levers' ``settle``, the data collector) in a timer and
prints seconds per process over the run, with its share of the whole step. Figures are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict

# every module on, as experiments/benchmark.py runs it: the plan's levers and AI adoption
EVERY_MODULE = ["figures=false", "policy=plan", "ai=baseline"]


def measure(n_agents: int, months: int, seed: int) -> dict[str, float]:
    """Seconds spent in each process over ``months`` months of a run of ``n_agents``."""
    from sim.api import compose_config
    from sim.config import validate
    from sim.model import LabourMarketModel

    size = [f"n_agents={n_agents}", f"months={months}", f"seed={seed}"]
    cfg = validate(compose_config([*size, *EVERY_MODULE]))
    model = LabourMarketModel(cfg)
    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            out = fn(*args, **kwargs)
            spent[name] += time.perf_counter() - t
            return out

        return wrapper

    names = ["demography", "policy", "ai", "demand", "separations", "matching", "migration"]
    names += ["training", "startups", "wages", "statistics"]
    for name in names:
        process = getattr(model, name)
        process.step = timed(name, process.step)
    model.policy.settle = timed("policy.settle", model.policy.settle)
    model.datacollector.collect = timed("datacollector", model.datacollector.collect)
    t0 = time.perf_counter()
    model.run()
    spent["total"] = time.perf_counter() - t0
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    spent = measure(args.agents, args.months, args.seed)
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in spent.items()}))
        return
    total = spent["total"]
    for name, s in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{name:15s} {s:8.3f} s  {100 * s / total:5.1f}%")


if __name__ == "__main__":
    main()
