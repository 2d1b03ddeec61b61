"""The shock response (sim/analysis/shock_response.py, run by experiments/shock_response.py): its
overrides replay 2020 and validate; its summary reads a hand-made response correctly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.analysis import shock_response
from sim.api import compose_config
from sim.config import validate
from sim.scenario import activity


def test_the_replayed_year_has_2020s_activity_gaps():
    cfg = validate(compose_config(shock_response.shock_overrides(2022)))
    path, base = activity(cfg.scenario, 2025 * 12), activity(validate({}).scenario, 2025 * 12)
    k2020, k2022 = 2020 * 12 - path.first, 2022 * 12 - path.first
    change = path.gap[:, k2022 : k2022 + 12] - base.gap[:, k2022 : k2022 + 12]
    dip_2020 = path.gap[:, k2020 : k2020 + 12] - path.gap[:, [k2020 - 1]]
    # GDP replays 2020's monthly dips (against a year at potential; they drift apart by the
    # slower potential growth of 2022 and 2019's small gaps)
    np.testing.assert_allclose(change[2], dip_2020[2], atol=0.015)
    assert change[2, 1] < -0.15  # February


def test_summary_of_a_hand_made_response():
    dates = [f"2022-{m:02d}" for m in range(1, 13)]
    rise = np.array([0.0, 1.0, 0.8, 0.6, 0.5, 0.4, 0.2, 0.1, 0.0, 0.0, 0.0, 0.0])
    gap = -np.array([0.0, 10.0, 8.0, 6.0, 5.0, 4.0, 2.0, 1.0, 0.0, 0.0, 0.0, 0.0]) / 100
    rows = []
    for seed in (0, 1):
        for cell, u, g in (("baseline", 5.0, 0.0), ("shock", 5.0 + rise, gap)):
            rows.append(
                pd.DataFrame(
                    {
                        "date": dates,
                        "urban_unemployment_rate": u,
                        "output_gap": g,
                        "cell": cell,
                        "seed": seed,
                    }
                )  # fmt: skip
            )
    by_month, summary = shock_response.response(pd.concat(rows), 2022)
    assert summary["peak rise (points)"] == pytest.approx(1.0)
    assert summary["peak month"] == "2022-02"
    assert summary["Okun coefficient (points of u per point of gap)"] == pytest.approx(0.1)
    assert summary["half-life (months from the peak)"] == 3.0  # 0.5 is reached in May
