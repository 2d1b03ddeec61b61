"""Reference distribution of the annual unemployment rates, for a change of the random streams.

A change that draws the same events in a different way (issue 12: events drawn as counts and
samples instead of one uniform per worker; later, the event sampler ``sampling.below`` drawing its
sample into a bitmap instead of with ``rng.choice``) moves every run's numbers but must not move
their distribution. This module runs ``SEEDS`` seeds of the baseline scenario at ``SIZE`` and
stores, for each year and rate, the mean over seeds and its standard error;
``tests/test_stream_change.py`` reruns them and compares the means within their standard errors.

    .venv/bin/python -m tests.stream_change --write   # on the code BEFORE the stream change

The stored file records the commit whose code produced it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

import numpy as np

import sim

REFERENCE_FILE = Path(__file__).resolve().parent / "baselines" / "stream_change.json"
SEEDS = list(range(8))
# 200k agents over the plan's five years: the seed-to-seed sd of an annual rate is a few hundredths
# of a point, so a mean over 8 seeds pins a shift of about a tenth of a point.
SIZE = ["n_agents=200000", "months=60", "figures=false"]
RATES = ["urban_unemployment_rate", "youth_unemployment_rate", "migrant_unemployment_rate"]


def annual_rates(seed: int) -> dict[str, dict[str, float]]:
    """The annual means of the three rates in one run, ``{rate: {year: value}}``."""
    annual = sim.run([*SIZE, f"seed={seed}"]).annual.set_index("year")
    return {r: {str(y): float(v) for y, v in annual[r].items()} for r in RATES}


def summarise(runs: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, dict[str, float]]]:
    """Mean over seeds and its standard error (sd / sqrt(seeds)), ``{rate: {year: {...}}}``."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for r in RATES:
        out[r] = {}
        for y in runs[0][r]:
            x = np.array([run[r][y] for run in runs])
            out[r][y] = {
                "mean": round(float(x.mean()), 6),
                "se": round(float(x.std(ddof=1) / np.sqrt(len(x))), 6),
                "values": [round(float(v), 6) for v in x],
            }
    return out


def five_year_mean(by_year: dict[str, dict]) -> dict[str, float]:
    """The mean over years of one rate's per-seed values, with its standard error over seeds."""
    x = np.mean([v["values"] for v in by_year.values()], axis=0)
    return {"mean": float(x.mean()), "se": float(x.std(ddof=1) / np.sqrt(len(x)))}


def measure() -> dict:
    """The summary of ``SEEDS`` runs at ``SIZE`` with the code as it stands."""
    return {"size": SIZE, "seeds": SEEDS, "rates": summarise([annual_rates(s) for s in SEEDS])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the reference values")
    args = parser.parse_args()
    record = measure()
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=REFERENCE_FILE.parent
    ).stdout.strip()
    record["code"] = commit
    text = json.dumps(record, indent=2) + "\n"
    if args.write:
        REFERENCE_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {REFERENCE_FILE}")
    else:
        print(text)


if __name__ == "__main__":
    main()
