"""Command line: ``python -m sim [overrides]`` runs a scenario and prints the plan's scorecard.

Hydra provides the overrides, ``--multirun`` sweeps and launchers. Before Hydra starts, a single
run's overrides are composed and validated, so that a user's mistake (a mistyped key, a value out
of range, an end before the start) stops the run with one message and exit code 2, not a traceback.
"""

from __future__ import annotations

import logging
import sys

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from sim.api import CONF_DIR, compose_config
from sim.config import ConfigError, validate
from sim.results import Results, simulate

log = logging.getLogger("sim")

EXIT_BAD_CONFIG = 2


def format_report(res: Results) -> str:
    """The scorecard as a person reads it at the end of a run."""
    s = res.summary
    lines = [
        f"Scenario {s['scenario']}, seed {s['seed']}, {s['n_agents']:,} agents, "
        f"{s['start']} + {s['months']} months",
        "Annual surveyed urban unemployment rate (ceiling 5.5%): "
        + ", ".join(f"{y}: {v:.2f}%" for y, v in s["annual_urban_unemployment_rate"].items()),
        f"Highest month: {s['max_monthly_urban_unemployment_rate']:.2f}% in "
        f"{s['max_monthly_urban_unemployment_month']}",
        f"5.5% ceiling held every year: {'YES' if s['ceiling_held_every_year'] else 'NO'}",
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


@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="config")
def main(cfg: DictConfig) -> float:
    """One Hydra job: validate, simulate, save under Hydra's output directory, print the report."""
    try:
        typed = validate(cfg)
    except ConfigError as exc:
        log.error("invalid configuration: %s", exc)
        sys.exit(EXIT_BAD_CONFIG)
    out_dir = HydraConfig.get().runtime.output_dir
    res = simulate(typed)
    res.save(out_dir)
    print(format_report(res))
    print(f"\nResults in {out_dir}")
    return float(res.annual.urban_unemployment_rate.max())


def _preflight(argv: list[str]) -> None:
    """Validate a single run's overrides before Hydra starts; exit 2 with a message if bad."""
    if any(
        a
        in (
            "-m",
            "--multirun",
            "--help",
            "-h",
            "--hydra-help",
            "--info",
            "-i",
            "--cfg",
            "-c",
            "--resolve",
            "--shell-completion",
            "-sc",
        )
        or a.startswith("--cfg")
        for a in argv
    ):
        return
    overrides = [a for a in argv if not a.startswith("-") and not a.startswith("hydra")]
    try:
        validate(compose_config(overrides))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(EXIT_BAD_CONFIG)


if __name__ == "__main__":
    _preflight(sys.argv[1:])
    main()
