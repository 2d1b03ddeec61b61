"""Command line: ``python -m sim [overrides]`` runs a scenario and prints the plan's scorecard.

The run itself is a Hydra job (:mod:`sim.cli`); ``experiment=sensitivity`` is a Morris screening
(:mod:`sim.analysis.sensitivity`). ``--help`` is answered here from the files of ``conf/``, without
importing Hydra, pandas or the model: Hydra's own help composes the config once per config group
and took over two seconds. ``--hydra-help`` still prints Hydra's.
"""

from __future__ import annotations

import gc
import re
import sys
import textwrap
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parent.parent / "conf"  # as sim.api.CONF_DIR
HELP_FLAGS = ("--help", "-h")
SENSITIVITY = "experiment=sensitivity"  # sim.analysis.sensitivity.EXPERIMENT
MORE = """\
More:
  python -m sim --cfg job [OVERRIDE ...]  every parameter's value for these overrides
  python -m sim --multirun seed=0,1,2     a sweep, one job per value (docs/sweeps.md)
  python -m sim experiment=sensitivity    Morris screening of the parameters
  python -m sim --hydra-help              Hydra's own options (launchers, sweepers, logging)
  docs/ODD.md                             every parameter with its unit, source and range"""


def usage() -> str:
    """The answer to ``--help``: how to call, the config groups and their options, examples."""
    import yaml  # light, unlike Hydra's composition

    config_text = (CONF_DIR / "config.yaml").read_text()
    defaults: dict[str, str] = {}
    for entry in yaml.safe_load(config_text)["defaults"]:
        if isinstance(entry, dict):
            defaults.update({k: str(v) for k, v in entry.items()})
    groups = sorted(d for d in CONF_DIR.iterdir() if d.is_dir())
    width = max(len(g.name) for g in groups) + 1
    lines = [
        "usage: python -m sim [--multirun] [OVERRIDE ...]",
        "",
        "Runs the model of China's labour market and prints the plan's scorecard; results are",
        "saved under outputs/runs/ (hydra.run.dir=DIR to choose).",
        "",
        "An OVERRIDE is key=value for any parameter (seed=3, n_agents=500000, months=36) or",
        "group=option for a config group of conf/ (* marks the default):",
        "",
    ]
    for group in groups:
        options = sorted(p.stem for p in group.glob("*.yaml"))
        marked = [f"{o}*" if defaults.get(group.name) == o else o for o in options]
        head = f"  {group.name + ':':<{width}} "
        lines += textwrap.wrap(
            ", ".join(marked), 96, initial_indent=head, subsequent_indent=" " * len(head)
        )
    examples = re.findall(r"^#\s+(python -m sim\b.*)$", config_text, flags=re.MULTILINE)
    lines += ["", "Examples:", *(f"  {e}" for e in examples), "", MORE]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """Answer ``--help``, hand a sensitivity screening to its module, else run Hydra's job."""
    if SENSITIVITY in argv:  # its own options, --help included
        from sim.analysis.sensitivity import dispatch

        dispatch(argv)
    if any(a in HELP_FLAGS for a in argv):
        print(usage())
        return
    # The libraries' objects (~150k) live as long as the process: the garbage collector is off
    # while they load, then they are frozen out of its collections; what the run built is
    # frozen at its end, sparing the interpreter's last collections at exit (together 0.3-0.8 s)
    gc.disable()
    # Mesa first: its import looks up every loaded module for each frame of the call stack
    # (mesa.mesa_logging), about 0.1 s before Hydra, pandas and Numba are loaded, 0.3 s after
    import mesa  # noqa: F401

    from sim import cli

    gc.freeze()
    gc.enable()
    cli.preflight(argv)
    cli.main()
    gc.freeze()


if __name__ == "__main__":
    main(sys.argv[1:])
