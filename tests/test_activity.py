"""The monthly activity inputs (sim.activity): the January-February rule, levels from
year-on-year rates, GDP by month, potential and gaps, scenario overrides."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim import activity
from sim.activity import ActivityError, activity_path, levels_from_yoy, split_january_february
from sim.calendar import month_index

END = month_index(2025, 12)


def test_january_february_average_to_the_joint_release_with_january_halfway():
    jan, feb = split_january_february(-13.5, 6.9)
    assert (jan + feb) / 2 == pytest.approx(-13.5)
    assert jan == pytest.approx((6.9 + feb) / 2)
    assert feb < jan < 6.9
    assert split_january_february(7.2, None) == (7.2, 7.2)


def test_levels_from_constant_growth_are_log_linear():
    first = month_index(2018, 1)
    rates = {first + k: 12.0 for k in range(36)}
    start, level = levels_from_yoy(rates)
    assert start == first - 12
    assert level[11] == 0.0  # December of the base year
    np.testing.assert_allclose(np.diff(level), np.log(1.12) / 12)


@given(st.lists(st.floats(-30.0, 60.0), min_size=13, max_size=60))
def test_levels_reproduce_their_year_on_year_rates(values):
    first = month_index(2018, 1)
    start, level = levels_from_yoy({first + k: v for k, v in enumerate(values)})
    np.testing.assert_allclose(
        level[12:] - level[:-12], np.log1p(np.array(values) / 100), atol=1e-12
    )


def test_a_gap_in_the_rates_is_named():
    first = month_index(2018, 1)
    with pytest.raises(ActivityError, match="2018-03"):
        levels_from_yoy({first: 5.0, first + 1: 5.0, first + 3: 5.0})


def test_the_2020_trough_of_industry_and_services_is_february():
    path = activity_path(END)
    months = path.months()
    window = (months >= month_index(2018, 1)) & (months <= month_index(2020, 12))
    for row in (activity.SERIES.index("industry"), activity.SERIES.index("services")):
        trough = months[window][np.argmin(path.gap[row, window])]
        assert trough == month_index(2020, 2)


def test_monthly_gdp_keeps_the_published_annual_growth_and_the_quarterly_shape():
    first, level = activity.gdp_levels()
    year = level.reshape(-1, 12).mean(axis=1)  # calendar years from the first
    growth = {first // 12 + k: np.expm1(year[k] - year[k - 1]) * 100 for k in range(1, len(year))}
    assert growth[2020] == pytest.approx(2.2) and growth[2021] == pytest.approx(8.4)
    assert growth[2025] == pytest.approx(5.0)
    quarter = level.reshape(-1, 3).mean(axis=1)
    q = 2020 * 4 - first // 3  # 2020Q1: a q/q fall near the released -9.8% (benchmarking moves it)
    assert -0.11 < quarter[q] - quarter[q - 1] < -0.09
    assert np.argmin(level[q * 3 - 3 : q * 3 + 6]) == 4  # the trough month: February 2020


def test_potential_growth_is_fitted_on_2015_2019_and_declines():
    at_2019, slope = activity.potential_growth_line()
    assert 5.5 < at_2019 < 7.0 and -0.5 < slope < 0.0


def test_each_gap_averages_zero_over_2018_2019():
    path = activity_path(END)
    months = path.months()
    window = (months >= month_index(2018, 1)) & (months <= month_index(2019, 12))
    np.testing.assert_allclose(path.gap[:, window].mean(axis=1), 0.0, atol=1e-12)


def test_after_the_data_end_activity_grows_at_potential():
    end = month_index(2020, 12)
    path = activity_path(END, data_end=end)
    k = end - path.first
    np.testing.assert_allclose(path.gap[:, k + 1 :] - path.gap[:, [k]], 0.0, atol=1e-12)


def test_a_quarter_override_is_a_dip_and_a_year_override_persists():
    end = month_index(2020, 12)
    base = activity_path(END, data_end=end)
    dip = activity_path(END, data_end=end, overrides={"2022Q2": 0.4})
    k = month_index(2022, 4) - base.first
    assert np.all(dip.gap[:, k : k + 3] < base.gap[:, k : k + 3] - 0.03)
    np.testing.assert_allclose(dip.gap[:, k + 3 :], base.gap[:, k + 3 :])
    slow = activity_path(END, data_end=end, overrides={"services": {"2023": 2.0}})
    j = month_index(2024, 6) - base.first
    row = activity.SERIES.index("services")
    assert slow.gap[row, j] < base.gap[row, j] - 0.03
    np.testing.assert_allclose(np.delete(slow.gap, row, 0), np.delete(base.gap, row, 0))


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"2022-13": 1.0}, "2022-13"),
        ({"servces": {"2022": 1.0}}, "servces"),
        ({"2040": 1.0}, "2040"),
    ],
)
def test_bad_overrides_are_named(overrides, named):
    with pytest.raises(ActivityError, match=named):
        activity_path(END, data_end=month_index(2020, 12), overrides=overrides)
