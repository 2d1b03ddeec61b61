"""The validation report's claims hold at small sizes, each check can fail, and the quick report
runs end to end and writes every figure it links.

Each check of ``sim.analysis.validation`` computes at the quick sizes and its ``check`` asserts
the claims of its section (the model's behaviour, not the code's: "the Beveridge curve slopes
down"). A doctored result shows that each claim can fail.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from sim.analysis.validation import CHECKS, QUICK, ClaimFailed
from sim.analysis.validation import beveridge as bev
from sim.analysis.validation import calibration as cal
from sim.analysis.validation import convergence as conv
from sim.analysis.validation import durations as dur
from sim.analysis.validation import history as hist
from sim.analysis.validation import seasonality as seas
from sim.analysis.validation import steady_state as ss
from sim.analysis.validation import transmission as tm

TEMPLATE = Path(cal.__file__).with_name("template.md")


@pytest.fixture(scope="module")
def quick() -> Callable[[str], object]:
    """A check's result at the quick sizes, computed once (runs are shared between checks)."""
    results: dict[str, object] = {}

    def result(name: str) -> object:
        if name not in results:
            results[name] = CHECKS[name].compute(QUICK)
        return results[name]

    return result


def test_the_december_2020_state_meets_its_targets(quick):
    """Every target within the tolerance; every 2020 figure compared or left out with a reason."""
    calibration = quick("calibration")
    claims = cal.check(calibration)
    assert len(claims) == 2
    targets = calibration.targets
    assert targets.sum() >= 20 and (~targets).sum() >= 10


def test_a_missed_target_or_an_unexplained_figure_fails_calibration(quick):
    calibration = quick("calibration")
    gaps = calibration.gaps.copy()
    gaps[np.flatnonzero(calibration.targets)[0]] = 2 * calibration.tolerance
    with pytest.raises(ClaimFailed, match="every calibration target"):
        cal.check(replace(calibration, gaps=gaps))
    left = calibration.not_compared.copy()
    left.loc[0, "reason"] = ""
    with pytest.raises(ClaimFailed, match="left out without a reason"):
        cal.check(replace(calibration, not_compared=left))


def test_a_closed_market_settles_at_u_star(quick):
    """u = s/(s+f) within 0.2 points in experiment=steady_state (which selects policy none)."""
    steady_state = quick("steady_state")
    assert ss.check(steady_state)
    assert (steady_state.table.error.abs() < steady_state.tolerance).all()


def test_a_leak_of_job_seekers_fails_the_steady_state(quick):
    steady_state = quick("steady_state")
    leaky = steady_state.table.assign(error=steady_state.table.error - 0.5)
    with pytest.raises(ClaimFailed, match="within 0.2 points of u"):
        ss.check(replace(steady_state, table=leaky))


def test_job_finding_falls_with_the_spell(quick):
    """Dynamic selection: the long unemployed find jobs less often and go home to farm more."""
    durations = quick("durations")
    assert len(dur.check(durations)) == 3
    assert np.isclose(durations.share.sum(), 1.0)


def test_rising_job_finding_with_the_spell_fails_the_durations_check(quick):
    durations = quick("durations")
    table = durations.table.copy()
    table.loc[table["spell (months)"] == "12-23", "non-farm job"] = 99.0
    with pytest.raises(ClaimFailed, match="job finding falls"):
        dur.check(replace(durations, table=table))


@pytest.mark.slow
def test_the_beveridge_curve_slopes_down_and_shifts_out_with_mismatch(quick):
    beveridge = quick("beveridge")
    assert len(bev.check(beveridge)) == 4


@pytest.mark.slow
def test_an_upward_sloping_or_inward_shifting_curve_fails_the_beveridge_check(quick):
    beveridge = quick("beveridge")
    flipped = beveridge.summary.assign(**{"v slump - boom": 1.0, "corr(u, v)": 0.5})
    with pytest.raises(ClaimFailed, match="slopes down.*negatively correlated"):
        bev.check(replace(beveridge, summary=flipped))
    inward = beveridge.summary.copy()
    inward.loc[inward.index[-1], "mean v %"] = inward["mean v %"].iloc[0] - 1
    with pytest.raises(ClaimFailed, match="outward"):
        bev.check(replace(beveridge, summary=inward))


@pytest.mark.slow
def test_the_level_does_not_depend_on_the_number_of_agents(quick):
    convergence = quick("convergence")
    assert len(conv.check(convergence)) == 2
    biased = convergence.table.assign(diff=convergence.table["diff"] + 1.0)
    with pytest.raises(ClaimFailed, match="moves by at most"):
        conv.check(replace(convergence, table=biased))


@pytest.mark.slow
def test_the_history_path_is_a_labour_markets(quick):
    history = quick("history")
    assert len(hist.check(history)) == 2
    swapped = {"urban_unemployment_rate": history.annual["youth_unemployment_rate"],
               "youth_unemployment_rate": history.annual["urban_unemployment_rate"]}  # fmt: skip
    with pytest.raises(ClaimFailed, match="youth"):
        hist.check(replace(history, annual=swapped))


@pytest.mark.slow
def test_july_brings_a_graduate_bump_of_the_datas_size(quick):
    seasonality = quick("seasonality")
    assert len(seas.check(seasonality)) == 3
    whole_cohort = {k: v.copy() for k, v in seasonality.patterns.items()}
    whole_cohort["baseline"][:, 6] += 2.0  # the whole cohort searching in July
    with pytest.raises(ClaimFailed, match="at most twice the data"):
        seas.check(replace(seasonality, patterns=whole_cohort))
    with pytest.raises(ClaimFailed, match="no seasonal swing"):
        seas.check(replace(seasonality, output_gap=np.tile([-0.02, 0.02], 6)))


def test_every_placeholder_of_the_template_names_a_check():
    """The text asks only for checks that exist (and the report's own header fields)."""
    names = set(re.findall(r"(?<!\{)\{(\w+)\.\w+\}", TEMPLATE.read_text()))
    assert names == {*CHECKS, "report"}


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("validation")
    proc = subprocess.run(
        [sys.executable, "-m", "sim.analysis.validation", "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return out, proc


@pytest.mark.slow
def test_quick_report_writes_the_markdown_and_every_linked_figure(quick_report, quick):
    out, proc = quick_report
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    md = (out / "validation.md").read_text()
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert sorted(Path(link).stem for link in links) == sorted(CHECKS)
    for link in links:
        path = out / link
        assert path.exists() and path.stat().st_size > 10_000, link
    for heading in ("## 1.", "## 2.", "## 3.", "## 4.", "## 5.", "## 6.", "## 7.", "## Summary"):
        assert heading in md
    assert md.count("**Claims checked**") == len(CHECKS) and "Claims not met" not in md
    assert "nan" not in md.lower().replace("nanjing", "")
    # the calibration table has a row for every compared figure
    section = md.split("## 1.")[1].split("## 2.")[0]
    rows = quick("calibration").rows
    table = [line for line in section.splitlines() if line.startswith("| ")][2:]
    assert len(table) == len(rows)
    for row in rows:
        assert any(line.startswith(f"| {row.figure} |") for line in table), row.figure


def test_2018_2020_and_the_2020_shock_move_as_in_the_data_and_the_start_stands_still(quick):
    transmission = quick("transmission")
    assert len(tm.check(transmission)) == 8
    window = transmission.year_window
    assert len(window) == 12 and window.u_rise.iloc[1:4].max() > 0.3
    assert transmission.in_sample.shape[1] == 36  # 2018-01 .. 2020-12
    # every December of 2018-2020, the four stocks each
    assert transmission.december.index.get_level_values("year").unique().tolist() == [
        2018,
        2019,
        2020,
    ]
    assert len(transmission.december) == 12 and 3.0 < transmission.december_rate < 8.0
    # the first year's move by the levers acting: the baseline's is the mean of the per-seed moves
    moves = transmission.first_by_levers
    assert len(moves) == 3
    assert moves["the plan's package (baseline)"] == pytest.approx(transmission.first_year.mean())


def test_a_shock_that_misses_2020_or_a_start_that_moves_fails_transmission(quick):
    transmission = quick("transmission")
    flat = transmission.by_month.assign(u_rise=0.0)
    with pytest.raises(ClaimFailed, match="peak of the rise"):
        tm.check(replace(transmission, by_month=flat))
    with pytest.raises(ClaimFailed, match="first twelve months"):
        tm.check(replace(transmission, first_year=transmission.first_year + 1.0))
    with pytest.raises(ClaimFailed, match="over 2020 is within"):
        tm.check(replace(transmission, in_sample=transmission.in_sample + 1.0))
    with pytest.raises(ClaimFailed, match="December 2020 stock"):
        far = transmission.december.assign(gap=transmission.december.gap + 10.0)
        tm.check(replace(transmission, december=far))
