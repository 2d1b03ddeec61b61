"""Hydra callback for sweeps (``--multirun``): progress while jobs run, collection at the end.

Registered in ``conf/config.yaml`` under ``hydra.callbacks.collect``. Hydra calls it

- ``on_multirun_start`` in the launching process: it counts the jobs the sweep will run (for the
  basic sweeper: the product of the sweep lists);
- ``on_job_end`` wherever a job runs (a joblib worker, a SLURM node, a Ray worker; the callback is
  pickled there with the count): it logs "job N of M done", where N is the number of job
  directories of the sweep that hold a ``status.json`` at that moment. Jobs finish in any order and
  two may finish at once, so N is a snapshot of the shared sweep folder, not a strict sequence;
- ``on_multirun_end`` in the launching process: it gathers every job into ``sweep.parquet``,
  ``sweep_annual.parquet``, ``jobs.csv`` and ``failed_jobs.csv`` (:mod:`sim.analysis.collect`)
  and, for the ceiling experiment (``experiment=ceiling``), writes ``ceiling.csv`` and the fan
  charts (:mod:`sim.analysis.ceiling`).

A failure in collection is logged and never turns a finished sweep into an error.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from hydra.core.utils import JobReturn
from hydra.experimental.callback import Callback
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from sim.analysis.collect import STATUS_FILE, collect

log = logging.getLogger(__name__)

BASIC_SWEEPER = "hydra._internal.core_plugins.basic_sweeper.BasicSweeper"


def count_jobs(config: DictConfig) -> int | None:
    """How many jobs the basic sweeper will launch for this multirun config (None if unknown)."""
    if OmegaConf.select(config, "hydra.sweeper._target_") != BASIC_SWEEPER:
        return None
    try:
        from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
        from hydra.core.override_parser.overrides_parser import OverridesParser

        params = OmegaConf.select(config, "hydra.sweeper.params") or {}
        args = [f"{k}={v}" for k, v in params.items()]
        args += list(OmegaConf.select(config, "hydra.overrides.task") or [])
        parsed = OverridesParser.create().parse_overrides(args)
        return sum(len(b) for b in BasicSweeper.split_arguments(parsed, None))
    except Exception as exc:  # counting is only for progress messages
        log.debug("could not count the sweep's jobs: %s", exc)
        return None


class CollectCallback(Callback):
    """Logs sweep progress and collects the finished jobs when the sweep ends."""

    def __init__(self, ceiling: str = "auto") -> None:
        """``ceiling``: "auto" runs the ceiling analysis when ``experiment=ceiling`` was chosen,
        "always" after every sweep, "never" not at all.
        """
        self.ceiling = ceiling
        self.n_jobs: int | None = None

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        self.n_jobs = count_jobs(config)
        if self.n_jobs is not None:
            log.info("sweep of %d jobs into %s", self.n_jobs, config.hydra.sweep.dir)

    def on_job_end(self, config: DictConfig, job_return: JobReturn, **kwargs: Any) -> None:
        if OmegaConf.select(config, "hydra.mode") != RunMode.MULTIRUN:
            return
        done = sum(1 for _ in Path(config.hydra.sweep.dir).rglob(STATUS_FILE))
        of = f" of {self.n_jobs}" if self.n_jobs else ""
        log.info("job %d%s done (job #%d finished)", done, of, config.hydra.job.num)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        sweep_dir = Path(config.hydra.sweep.dir)
        try:
            summary = collect(sweep_dir)
        except Exception:
            log.exception("collecting the sweep in %s failed", sweep_dir)
            return
        log.info("%s", summary.describe())
        choice = OmegaConf.select(config, "hydra.runtime.choices.experiment")
        wanted = self.ceiling == "always" or (self.ceiling == "auto" and choice == "ceiling")
        if wanted and summary.n_ok:
            from sim.analysis.ceiling import analyse

            try:
                analyse(sweep_dir)
            except Exception:
                log.exception("the ceiling analysis of %s failed", sweep_dir)
