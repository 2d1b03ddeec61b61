"""What a command loads: the help answers without the model; a run without figures, no matplotlib.

Each check runs in a fresh interpreter (a subprocess), since this test session has imported
everything already. The figures are libraries loaded, never times: speed is measured by
``experiments/benchmark.py``, not here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from experiments.mesa_reference import MatchingModel, Worker
from tests.conftest import TINY_HALF_YEAR

REPO = Path(__file__).resolve().parent.parent


def python(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO, timeout=300
    )


def imported(importtime_log: str) -> set[str]:
    """The modules named in ``python -X importtime``'s report."""
    return {
        line.rsplit("|", 1)[1].strip()
        for line in importtime_log.splitlines()
        if line.startswith("import time:")
    }


def test_a_run_without_figures_never_loads_matplotlib_and_one_with_figures_does(tmp_path):
    overrides = [*TINY_HALF_YEAR, "figures=false"]
    script = (
        "import sys, sim\n"
        f"res = sim.run({overrides!r}, output_dir={str(tmp_path / 'a')!r})\n"
        "print('matplotlib' in sys.modules)\n"
        f"res.save({str(tmp_path / 'b')!r}, figures=True)\n"
        "print('matplotlib' in sys.modules)\n"
    )
    proc = python("-c", script)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]
    assert (tmp_path / "a" / "monthly.parquet").exists()
    assert not (tmp_path / "a" / "figures").exists()


def test_the_command_line_run_without_figures_never_loads_matplotlib(tmp_path):
    out = tmp_path / "run"
    proc = python(
        "-X", "importtime", "-m", "sim", *TINY_HALF_YEAR, "figures=false", f"hydra.run.dir={out}"
    )
    assert proc.returncode == 0, proc.stderr
    assert "Plan scorecard" in proc.stdout
    assert "matplotlib" not in imported(proc.stderr)


def test_help_lists_the_choices_without_loading_the_model_or_hydra():
    proc = python("-X", "importtime", "-m", "sim", "--help")
    assert proc.returncode == 0, proc.stderr
    for group in ("scenario:", "policy:", "ai:", "experiment:"):
        assert group in proc.stdout
    assert "plan*" in proc.stdout  # the default policy package is marked
    loaded = imported(proc.stderr)
    assert not loaded & {"matplotlib", "pandas", "numpy", "mesa", "hydra", "sim.model"}


def test_import_sim_loads_nothing_heavy_until_a_name_is_used():
    script = (
        "import sys, sim\n"
        "print(sorted(m for m in ('pandas', 'hydra', 'mesa', 'matplotlib') if m in sys.modules))\n"
        "print(sim.Config.__name__, sim.run.__module__)\n"
    )
    proc = python("-c", script)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["[]", "Config sim.api"]


def test_the_mesa_reference_of_the_benchmark_matches_workers_to_jobs():
    """The benchmark's yardstick (experiments/mesa_reference.py) at a tiny size: every worker is
    one Mesa agent, jobs end and are filled again, and unemployment stays near its start."""
    model = MatchingModel(2000, seed=1)
    assert len(model.agents_by_type[Worker]) == 2000
    for _ in range(6):
        model.step()
    assert model.hires > 0
    assert 0.01 < model.unemployed() / 2000 < 0.15
    for worker in model.agents_by_type[Worker]:
        assert worker.employer is None or worker in worker.employer.staff
