"""An agent-based model of China's labour market under the 14th Five-Year employment plan.

    import sim
    res = sim.run(overrides=["scenario=history", "seed=1"])
    res.summary["ceiling_held_every_year"], res.scorecard

See ``sim.model`` for the economics and the monthly schedule. The model is ``sim`` with its
processes (``sim.processes``) and levers (``sim.policies``); ``sim.analysis`` reads runs and
sweeps (results, the plan's scorecard, the ceiling, the experiments' analyses) and ``sim.ui``
draws them (figures, the dashboard).
"""

from sim.analysis.results import Results, load
from sim.api import run, run_many
from sim.config import Config, ConfigError

__all__ = ["run", "run_many", "load", "Config", "ConfigError", "Results"]
