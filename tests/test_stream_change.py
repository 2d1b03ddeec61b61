"""Drawing the same events differently leaves the economy's distribution where it was.

The random streams changed twice, on purpose, both in issue 12: first events drawn as counts and
samples rather than one uniform per worker, then the event sampler (``sampling.below``: a sample
without replacement drawn into a bitmap instead of ``rng.choice``). The annual urban, youth and
migrant unemployment rates, averaged over eight seeds, must agree with their values before the
latest change (``tests/baselines/stream_change.json``, written by ``python -m tests.stream_change
--write`` on the code just before it) within the combined standard error of the two means.

A deliberate change of the model (not of its draws) moves the rates too: the reference is then
rewritten on the new model, so that it stands ready for the next change of the draws (last: the
binding demand side and stationary start of issue 13, December 2026).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests import stream_change

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def now_and_before() -> tuple[dict, dict]:
    before = json.loads(stream_change.REFERENCE_FILE.read_text(encoding="utf-8"))
    assert before["size"] == stream_change.SIZE and before["seeds"] == stream_change.SEEDS
    return stream_change.measure()["rates"], before["rates"]


def _gap(now: dict, before: dict) -> float:
    """The difference of two means in units of their combined standard error."""
    return abs(now["mean"] - before["mean"]) / np.hypot(now["se"], before["se"])


@pytest.mark.parametrize("rate", stream_change.RATES)
def test_the_five_year_mean_of_each_rate_is_where_it_was(now_and_before, rate: str) -> None:
    now, before = (stream_change.five_year_mean(x[rate]) for x in now_and_before)
    assert _gap(now, before) < 2.5, f"{rate}: {now} now against {before} before"


@pytest.mark.parametrize("rate", stream_change.RATES)
def test_no_year_of_any_rate_moved(now_and_before, rate: str) -> None:
    # 15 comparisons: 3.5 standard errors keeps the chance of a false alarm below 1%
    now, before = (x[rate] for x in now_and_before)
    gaps = {y: round(_gap(now[y], before[y]), 2) for y in before}
    assert max(gaps.values()) < 3.5, f"{rate}: gaps in standard errors by year {gaps}"
