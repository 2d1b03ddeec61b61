"""Golden baselines: small whole-model runs whose digests are stored in ``tests/baselines/``.

A change that moves any number of these runs fails ``tests/test_golden.py`` until the stored file
is rewritten on purpose, with the reason in the commit:

    .venv/bin/python -m tests.golden --update

Each case is a tiny run (``debug=tiny``) so that the check costs seconds; together they switch on
every module (the plan's levers, AI adoption, the real GDP path).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import sim

BASELINE_FILE = Path(__file__).resolve().parent / "baselines" / "golden.json"

CASES: dict[str, list[str]] = {
    "baseline": ["debug=tiny"],
    "every_module": ["debug=tiny", "ai=baseline", "scenario=history", "seed=1"],
}


def compute(name: str) -> dict:
    """The stored record of one case: its overrides, digest and annual urban rates."""
    res = sim.run(CASES[name])
    rates = res.annual.set_index("year")["urban_unemployment_rate"]
    return {
        "overrides": CASES[name],
        "digest": res.summary["digest"],
        "annual_urban_unemployment_rate": {str(y): round(float(v), 6) for y, v in rates.items()},
    }


def stored() -> dict[str, dict]:
    """The golden records as last written on purpose."""
    return json.loads(BASELINE_FILE.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the stored baselines")
    args = parser.parse_args()
    records = {name: compute(name) for name in CASES}
    if args.update:
        BASELINE_FILE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE_FILE.write_text(json.dumps(records, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE_FILE}")
    else:
        old = stored()
        for name, rec in records.items():
            same = old.get(name, {}).get("digest") == rec["digest"]
            print(f"{name}: {'same' if same else 'CHANGED'} {rec['digest'][:16]}")


if __name__ == "__main__":
    main()
