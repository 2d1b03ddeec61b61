"""An agent-based model of China's labour market under the 14th Five-Year employment plan.

    import sim
    res = sim.run(overrides=["scenario=history", "seed=1"])
    res.summary["ceiling_held_every_year"], res.scorecard

See ``sim.model`` for the economics and the monthly schedule. The model is ``sim`` with its
processes (``sim.processes``) and levers (``sim.policies``); ``sim.analysis`` reads runs and
sweeps (results, the plan's scorecard, the ceiling, the experiments' analyses) and ``sim.ui``
draws them (figures, the dashboard).

``import sim`` loads nothing heavy: the names below are imported on first use, so that
``python -m sim --help`` and a tool that only needs a submodule do not pay for pandas, Hydra
and Mesa.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.analysis.results import Results, load
    from sim.api import run, run_many
    from sim.config import Config, ConfigError

__all__ = ["run", "run_many", "load", "Config", "ConfigError", "Results"]

_HOME = {
    "run": "sim.api",
    "run_many": "sim.api",
    "load": "sim.analysis.results",
    "Results": "sim.analysis.results",
    "Config": "sim.config",
    "ConfigError": "sim.config",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
