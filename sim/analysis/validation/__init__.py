"""The validation report: does the model reproduce what it should, and how well?

One module per check, each with the same four parts: ``compute(settings)`` runs the model
through the public API and returns the numbers, ``plot(result, path)`` draws the check's figure,
``check(result)`` asserts the check's claims (raising :class:`ClaimFailed` with the numbers when
one fails) and ``words(result)`` formats what the text quotes. The text is
``template.md``; ``python -m sim.analysis.validation`` runs every check and writes
``docs/validation.md`` with its figures.

The checks, in the report's order: calibration (the December 2020 state against the data),
steady state (u* = s/(s+f) in a closed market), Beveridge (the u-v curve under demand cycles and
mismatch), durations (spells and job finding by spell), seasonality (the February and July
bumps), convergence (results against the number of agents), history (the real GDP path of
2021-2025) and transmission (the 2020 shock replayed, and a stationary start).
"""

from __future__ import annotations

from sim.analysis.validation import (
    beveridge,
    calibration,
    convergence,
    durations,
    history,
    seasonality,
    steady_state,
    transmission,
)
from sim.analysis.validation.report import ClaimFailed
from sim.analysis.validation.settings import FULL, QUICK, Settings

CHECKS = {
    "calibration": calibration,
    "steady_state": steady_state,
    "beveridge": beveridge,
    "durations": durations,
    "seasonality": seasonality,
    "convergence": convergence,
    "history": history,
    "transmission": transmission,
}

__all__ = ["CHECKS", "FULL", "QUICK", "ClaimFailed", "Settings"]
