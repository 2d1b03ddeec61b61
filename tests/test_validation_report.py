"""The validation report script runs end to end (quick version) and writes everything it links."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sim import data_loader as data
from sim.api import compose_config
from sim.config import validate
from sim.model import LabourMarketModel

SCRIPT = Path(__file__).resolve().parent.parent / "experiments" / "validation" / "report.py"
FIGURES = ("calibration", "steady_state", "beveridge", "durations", "seasonality", "convergence",
           "history")  # fmt: skip


def _report_module():
    spec = importlib.util.spec_from_file_location("validation_report", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("validation")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


@pytest.mark.slow
def test_quick_report_writes_the_markdown_and_every_linked_figure(quick_report):
    md = (quick_report / "validation.md").read_text()
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert sorted(Path(link).stem for link in links) == sorted(FIGURES)
    for link in links:
        path = quick_report / link
        assert path.exists() and path.stat().st_size > 10_000, link
    for heading in ("## 1.", "## 2.", "## 3.", "## 4.", "## 5.", "## 6.", "## 7.", "## Summary"):
        assert heading in md
    assert "nan" not in md.lower().replace("nanjing", "")


@pytest.mark.slow
def test_calibration_table_has_every_row(quick_report):
    md = (quick_report / "validation.md").read_text()
    section = md.split("## 1.")[1].split("## 2.")[0]
    report = _report_module()
    model = LabourMarketModel(validate(compose_config(["n_agents=10000", "figures=false"])))
    rows = report.calibration_rows(model)
    table = [line for line in section.splitlines() if line.startswith("| ")][2:]
    assert len(table) == len(rows)
    for row in rows:
        assert any(line.startswith(f"| {row.figure} |") for line in table), row.figure
    # every 2020 row of china_annual.csv is in the table or listed as not compared
    ann = data.read_table("china_annual")
    for indicator in ann[ann.year == 2020].indicator:
        assert indicator in section, indicator
    # the figures the brief names are all there
    for name in ("surveyed_urban_unemployment_dec", "ages 25-59", "pension_coverage_rate",
                 "poverty_alleviated_in_work", "schooling_years_working_age",
                 "population share, Northeast", "migrant_workers_total"):  # fmt: skip
        assert name in section, name
