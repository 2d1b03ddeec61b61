"""Every notebook in ``notebooks/`` runs top to bottom, and is stored without outputs.

Each notebook is executed with nbclient in a Python 3 kernel of this interpreter (a kernel spec
written to a temporary ``JUPYTER_PATH``, so that a system-wide ``python3`` kernel is not picked),
from the ``notebooks/`` folder as a person would run it, and must leave no file there.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TIMEOUT_SECONDS = 600  # per cell; at 2 cores the slowest notebook takes well under a minute

nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[test]' (nbformat)")


def test_there_are_notebooks() -> None:
    names = [p.name for p in NOTEBOOKS]
    for prefix in ("01_", "02_", "03_", "04_", "05_"):
        assert any(n.startswith(prefix) for n in names), names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a cell has outputs; clear them"
            assert cell.execution_count is None, f"{path.name}: clear execution counts"


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ``python3`` kernel spec running this interpreter, first on ``JUPYTER_PATH``."""
    pytest.importorskip("nbclient", reason="pip install -e '.[test]' (nbclient)")
    pytest.importorskip("ipykernel", reason="pip install -e '.[test]' (ipykernel)")
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"})
    )
    return root


def _listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(
    path: Path, kernel_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PATH", str(kernel_env))
    monkeypatch.delenv("SIM_SWEEP_DIR", raising=False)  # notebook 05 runs its own small sweep
    folder = path.parent
    before = _listing(folder)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    t0 = time.monotonic()
    client.execute()
    elapsed = time.monotonic() - t0
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "ename" in o]
    assert not errors, errors
    figures = sum(
        "image/png" in o.get("data", {})
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert figures >= 1, f"{path.name} drew no figure"
    new = _listing(folder) - before
    assert not new, f"{path.name} wrote into notebooks/: {sorted(new)}"
    with capsys.disabled():
        print(f"\n{path.name}: {elapsed:.1f} s, {figures} figures")
