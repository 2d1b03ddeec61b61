"""The Python entry point: compose a config from overrides, validate it, run, return results.

``sim.run(overrides=["seed=3", "scenario=history"])`` composes ``conf/config.yaml`` with the same
overrides the command line takes (through Hydra's compose API, without changing the working
directory), validates it, runs the model and returns a :class:`sim.analysis.results.Results`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
from hydra import compose, initialize_config_dir
from hydra.core.global_hydra import GlobalHydra
from omegaconf import DictConfig

from sim.analysis.results import Results, simulate
from sim.config import ConfigError, validate

log = logging.getLogger(__name__)

CONF_DIR = Path(__file__).resolve().parent.parent / "conf"


def compose_config(overrides: list[str] | None = None) -> DictConfig:
    """The composed (not yet validated) config for these overrides, as Hydra would build it."""
    if not (CONF_DIR / "config.yaml").exists():
        raise ConfigError(
            f"config folder {CONF_DIR} not found; install the project with "
            "`pip install -e .` from its repository"
        )
    overrides = list(overrides or [])
    gh = GlobalHydra.instance()
    was_initialised = gh.is_initialized()
    saved = gh.hydra if was_initialised else None
    if was_initialised:
        gh.clear()
    try:
        with initialize_config_dir(config_dir=str(CONF_DIR), version_base="1.3"):
            return compose(config_name="config", overrides=overrides)
    except ConfigError:
        raise
    except Exception as exc:  # Hydra's override and composition errors name the bad key
        raise ConfigError(config_error_message(exc, overrides)) from None
    finally:
        if was_initialised and saved is not None:
            GlobalHydra.instance().initialize(saved)


def config_error_message(exc: Exception, overrides: list[str]) -> str:
    """Hydra's or omegaconf's error for these overrides as one line; for an unknown key, the
    known keys closest to it (``n_agnts``: did you mean n_agents?)."""
    import difflib

    from sim.config import Config
    from sim.params import iter_params

    text = " ".join(str(exc).split())
    known = [k for k, _ in iter_params(Config)]
    hints = []
    for ov in overrides:
        key = ov.split("=", 1)[0].lstrip("+~")
        if "=" in ov and key not in known and key not in ("scenario",) and key in text:
            close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
            hints.append(
                f"unknown key '{key}'"
                + (
                    f"; did you mean {', '.join(close)}?"
                    if close
                    else f"; keys are: {', '.join(known)}"
                )
            )
    return "; ".join(hints) if hints else f"invalid configuration: {text}"


def run(overrides: list[str] | None = None, output_dir: str | Path | None = None) -> Results:
    """Run the model with command-line style ``overrides``; save into ``output_dir`` if given."""
    cfg = validate(compose_config(overrides))
    results = simulate(cfg)
    if output_dir is not None:
        results.save(output_dir)
    return results


def run_many(
    cells: dict[str, list[str]],
    seeds: list[int] | range,
    by: str = "cell",
    common: list[str] | None = None,
    n_jobs: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every cell (label -> overrides) for every seed, in memory: the notebooks' small sweeps.

    Returns the long monthly and annual tables of all runs, with the cell's label in column
    ``by`` and the seed in ``seed``. ``common`` overrides go to every run (``n_agents=50000``);
    ``n_jobs`` > 1 runs them in parallel processes (joblib), with the same numbers as serially.
    For sweeps that should be saved and collected, use ``python -m sim --multirun`` instead.
    """
    from joblib import Parallel, delayed

    tasks = [
        (label, seed, [*(common or []), *overrides, f"seed={seed}"])
        for label, overrides in cells.items()
        for seed in seeds
    ]
    log.info("running %d cells x %d seeds", len(cells), len(list(seeds)))
    results = Parallel(n_jobs=n_jobs)(delayed(run)(ov) for _, _, ov in tasks)
    monthly, annual = [], []
    for (label, seed, _), res in zip(tasks, results, strict=True):
        monthly.append(res.monthly.assign(**{by: label, "seed": seed}))
        annual.append(res.annual.assign(**{by: label, "seed": seed}))
    return pd.concat(monthly, ignore_index=True), pd.concat(annual, ignore_index=True)
