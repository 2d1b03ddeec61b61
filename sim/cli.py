"""The Hydra job behind ``python -m sim [overrides]``: run a scenario, print the plan's scorecard.

Hydra provides the overrides, ``--multirun`` sweeps and launchers. A user's mistake stops a single
run with one message and exit code 2, not a traceback: a mistyped key, a value of the wrong type
or an unknown option of a config group before Hydra starts (:func:`preflight`), a value out of
range or an end after the last month in the job, before anything is simulated (:func:`main`).
``sim/__main__.py`` answers ``--help`` itself and hands everything else here.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import hydra
from hydra.core.config_store import ConfigStore
from hydra.core.hydra_config import HydraConfig
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.override_parser.types import Override, OverrideType
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from sim.analysis.collect import write_status
from sim.analysis.results import Results, plan_rows, simulate
from sim.api import CONF_DIR, config_error_message
from sim.config import ConfigError, validate

log = logging.getLogger("sim")

EXIT_BAD_CONFIG = 2
# commands that are not a single run: Hydra answers them, or each job of a sweep is checked alone
HYDRA_FLAGS = frozenset(
    ("-m", "--multirun", "--help", "-h", "--hydra-help", "--info", "-i", "--cfg", "-c")
    + ("--resolve", "--shell-completion", "-sc")
)


def format_report(res: Results) -> str:
    """The scorecard as a person reads it at the end of a run."""
    s = res.summary
    lines = [
        f"Scenario {s['scenario']}, seed {s['seed']}, {s['n_agents']:,} agents, "
        f"{s['start']} + {s['months']} months",
        "Annual surveyed urban unemployment rate (ceiling 5.5%): "
        + ", ".join(f"{y}: {v:.2f}%" for y, v in s["annual_urban_unemployment_rate"].items()),
        _highest_month(s),
        "5.5% ceiling held every year from 2021: "
        + ("YES" if s["ceiling_held_every_year"] else "NO"),
        "",
        "Plan scorecard (table 1 of the 14th Five-Year employment plan):",
    ]
    card = res.scorecard
    width = max(len(x) for x in card.indicator)
    for r in card.itertuples(index=False):
        missing = r.model_value is None or r.model_value != r.model_value
        val = "-" if missing else f"{r.model_value:g}"
        target = r.rule if str(r.target_2025) in str(r.rule) else f"{r.rule} {r.target_2025}"
        lines.append(f"  {r.indicator:<{width}}  model {val:>9}  target {target:<16} {r.status}")
    return "\n".join(lines)


def _highest_month(summary: dict) -> str:
    """The report's line on the worst month of the plan period (2021 on)."""
    rate = summary["max_monthly_urban_unemployment_rate"]
    if rate is None:
        return "Highest month from 2021: none (the run ends before 2021)"
    return (
        f"Highest month from 2021: {rate:.2f}% in {summary['max_monthly_urban_unemployment_month']}"
    )


@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="config")
def main(cfg: DictConfig) -> float | None:
    """One Hydra job: validate, simulate, save under Hydra's output directory, print the report.

    Every job, single or part of a sweep, also writes ``status.json``
    (:func:`sim.analysis.collect.write_status`).
    A single run with a bad config prints one line on stderr and exits with code 2; a failing
    simulation raises. In a sweep (``--multirun``) a bad config or a failing simulation is only
    recorded in ``status.json`` and logged, and the job returns None, so that the sweep's other
    jobs run on and their results can be collected.
    """
    t0 = time.perf_counter()
    hc = HydraConfig.get()
    multirun = hc.mode == RunMode.MULTIRUN
    out_dir = Path(hc.runtime.output_dir)
    overrides = list(hc.overrides.task)
    seed = OmegaConf.select(cfg, "seed", default=None)

    def record(status: str, error: str | None = None) -> None:
        write_status(out_dir, status, error, overrides, seed, time.perf_counter() - t0)

    try:
        typed = validate(cfg)
    except ConfigError as exc:
        record("failed", f"invalid configuration: {exc}")
        if not multirun:
            print(f"error: {exc}", file=sys.stderr)
            sys.exit(EXIT_BAD_CONFIG)
        log.error("job %d (%s) invalid configuration: %s", hc.job.num, " ".join(overrides), exc)
        return None
    try:
        res = simulate(typed)
        res.save(out_dir)
    except Exception as exc:
        record("failed", f"{type(exc).__name__}: {exc}")
        if not multirun:
            raise
        log.exception("job %d (%s) failed", hc.job.num, " ".join(overrides))
        return None
    record("ok")
    plan_years = plan_rows(res.annual)
    worst = float((plan_years if len(plan_years) else res.annual).urban_unemployment_rate.max())
    if multirun:
        log.info(
            "job %d (%s) finished in %.1f s: highest annual urban rate %.2f%%",
            hc.job.num,
            " ".join(overrides),
            time.perf_counter() - t0,
            worst,
        )
    else:
        print(format_report(res))
        print(f"\nResults in {out_dir}")
    return worst


def preflight(argv: list[str]) -> None:
    """Check a single run's overrides before Hydra starts; exit 2 with a message if one is bad.

    Each override is checked on its own, without composing the config (Hydra composes it twice
    more, 0.15-0.2 s each): its syntax, a config group's option against the files of ``conf/``, a
    key and the type of its value against the schema. A value out of range or a rule across keys
    (an end after 2035) is checked by the job, before anything is simulated (:func:`main`).
    """
    if any(a in HYDRA_FLAGS or a.startswith("--cfg") for a in argv):
        return
    overrides = [a for a in argv if not a.startswith("-") and not a.startswith("hydra")]
    try:
        try:
            parsed = OverridesParser.create().parse_overrides(overrides)
        except Exception as exc:  # Hydra's message names the override and what it expected
            raise ConfigError(config_error_message(exc, overrides)) from None
        if any(o.is_sweep_override() for o in parsed):  # each job of a sweep is checked alone
            return
        check_overrides(parsed, overrides)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(EXIT_BAD_CONFIG)


def check_overrides(parsed: list[Override], overrides: list[str]) -> None:
    """Raise :class:`ConfigError` for an option of a config group that ``conf/`` does not have,
    or a key the schema does not have or a value of the wrong type for its key."""
    schema = ConfigStore.instance().load("schema.yaml").node  # a copy of the registered schema
    for o in parsed:
        if o.type != OverrideType.CHANGE or o.package is not None:
            continue  # additions and deletions are Hydra's to check
        group = CONF_DIR / o.key_or_group
        value = o.value()
        if group.is_dir():
            options = sorted(p.stem for p in group.glob("*.yaml"))
            for option in value if isinstance(value, list) else [value]:
                if option is not None and str(option) not in options:
                    raise ConfigError(
                        f"{o.key_or_group}={option} is not an option of conf/{group.name}; "
                        f"choose one of {', '.join(options)}"
                    )
            continue
        try:
            OmegaConf.update(schema, o.key_or_group, value, merge=True)
        except Exception as exc:  # omegaconf's message names the key and the expected type
            raise ConfigError(config_error_message(exc, overrides)) from None
