"""Results change only on purpose: small runs must reproduce their stored digests.

When a change is meant to move results, rewrite the baselines with
``.venv/bin/python -m tests.golden --update`` and say why in the commit.
"""

from __future__ import annotations

import pytest

from tests import golden


@pytest.mark.parametrize("name", sorted(golden.CASES))
def test_results_match_the_golden_baseline(name: str) -> None:
    expected = golden.stored()[name]
    got = golden.compute(name)
    assert got["overrides"] == expected["overrides"], "the case's overrides changed: update"
    assert got["digest"] == expected["digest"], (
        f"results of the golden case {name!r} changed: annual urban rates "
        f"{got['annual_urban_unemployment_rate']} against the stored "
        f"{expected['annual_urban_unemployment_rate']}. If the change is intended, run "
        "`.venv/bin/python -m tests.golden --update` and name the reason in the commit."
    )
