"""Run every validation check and write the report: ``docs/validation.md`` and its figures.

    python -m sim.analysis.validation                   # full report into docs/ (5-8 minutes)
    python -m sim.analysis.validation --quick --out DIR # small version (what the tests run)

Each check computes, draws its figure into ``<out>/validation/<check>.png`` and asserts its
claims; the text is ``template.md`` filled with the checks' numbers. The report is written even
when a claim fails (the section says which), and the command then exits with status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from sim.analysis.results import versions
from sim.analysis.validation import CHECKS, FULL, QUICK
from sim.analysis.validation.report import FIG_DIR, ClaimFailed
from sim.analysis.validation.runs import log

TEMPLATE = Path(__file__).with_name("template.md")
DOCS = Path(__file__).resolve().parents[3] / "docs"
# convergence first: seasonality and history reuse its baseline runs at the default size
ORDER = ("calibration", "steady_state", "beveridge", "durations", "convergence", "history",
         "seasonality", "transmission")  # fmt: skip


def claims_text(held: list[str], failed: str | None) -> str:
    """The list of claims closing a section: what held, and what did not."""
    if failed is not None:
        return f"**Claims not met**: {failed}."
    return "**Claims checked** (each held):\n\n" + "\n".join(f"- {c}." for c in held)


def main(argv: list[str] | None = None) -> int:
    """Run the checks in turn, write the report; 0 if every claim held, 1 otherwise."""
    ap = argparse.ArgumentParser(description="Run the validation checks and write the report.")
    ap.add_argument("--quick", action="store_true", help="small sizes (what the tests run)")
    ap.add_argument("--out", type=Path, default=DOCS, help="output folder (default docs/)")
    ap.add_argument(
        "--jobs", type=int, default=None, help="joblib workers (default 2; 1 with --quick)"
    )
    args = ap.parse_args(argv)
    settings = QUICK if args.quick else FULL
    if args.jobs is not None:
        settings = replace(settings, jobs=args.jobs)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    t_start = time.perf_counter()
    v = versions()  # before any output is written: the commit and tree the report comes from
    kind = "quick" if settings.quick else "full"
    log(f"validation report ({kind}) into {out}, {settings.jobs} workers")

    fields: dict[str, SimpleNamespace] = {}
    failures: dict[str, str] = {}
    for name in ORDER:
        module = CHECKS[name]
        t0 = time.perf_counter()
        result = module.compute(settings)
        module.plot(result, out / FIG_DIR / f"{name}.png")
        try:
            held, failed = module.check(result), None
        except ClaimFailed as exc:
            held, failed = [], str(exc)
            failures[name] = failed
        log(f"{name}: {'claims hold' if failed is None else 'CLAIM NOT MET: ' + failed} "
            f"({time.perf_counter() - t0:.0f} s)")  # fmt: skip
        fields[name] = SimpleNamespace(
            **module.words(result),
            figure=f"{FIG_DIR}/{name}.png",
            claims=claims_text(held, failed),
        )

    elapsed = time.perf_counter() - t_start
    fields["report"] = SimpleNamespace(
        command="python -m sim.analysis.validation" + (" --quick" if settings.quick else ""),
        date=dt.date.today().isoformat(),
        commit=(v["git_commit"] or "unknown")[:10],
        dirty=" (with uncommitted changes in the working tree)" if v["git_dirty"] == "True" else "",
        minutes=f"{elapsed / 60:.1f}",
        jobs=str(settings.jobs),
        quick=" (**quick version**: small samples, for the tests only)" if settings.quick else "",
    )
    path = out / "validation.md"
    path.write_text(TEMPLATE.read_text().format_map(fields))
    log(f"wrote {path} and {len(ORDER)} figures in {elapsed:.0f} s")
    if failures:
        log("claims not met: " + "; ".join(f"{k}: {v}" for k, v in failures.items()))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
