"""Labour demand follows its sector's activity series: a slump of services moves the services
markets' demand and leaves the markets of other series alone; overrides are read by period."""

from __future__ import annotations

import numpy as np
import pytest

from sim.codes import Sector
from sim.params import ConfigError
from tests.conftest import tiny_model

SLUMP = "+scenario.services_growth_overrides={2021-02:-20,2021-03:-20,2021-04:-20}"
SERVICES = [
    f"demand.activity_series.{s}=services"
    for s in ("traditional_services", "modern_services", "platform")
]


def months(model, n):
    """The model after ``n`` monthly steps."""
    for _ in range(n):
        model.step()
    return model


def sectors(model, *which: Sector) -> np.ndarray:
    return np.isin(model.demand.market_sector, [s.value for s in which])


def test_a_services_slump_lowers_services_demand_only_in_its_months():
    base, slump = tiny_model(*SERVICES), tiny_model(SLUMP, *SERVICES)
    staffed = base.demand.base_employment > 0
    services = staffed & sectors(
        base, Sector.TRADITIONAL_SERVICES, Sector.MODERN_SERVICES, Sector.PLATFORM
    )
    others = staffed & ~services
    for month in range(1, 6):  # January to May 2021; the slump is February to April
        months(base, 1), months(slump, 1)
        wanted, wanted_base = slump.demand.market_demand(slump), base.demand.market_demand(base)
        change = np.divide(wanted, wanted_base, out=np.ones_like(wanted), where=staffed)
        if 2 <= month <= 4:  # -20% y/y on a level ~7% above the year before, times 0.5
            assert np.all(change[services] < 0.9)
        else:
            np.testing.assert_allclose(change[services], 1.0)
        np.testing.assert_allclose(change[others], 1.0)


def test_sectors_follow_their_configured_series():
    model = tiny_model(SLUMP, *SERVICES, "demand.activity_series.manufacturing=services")
    months(model, 2)
    gap = model.demand.market_gap(model)
    manufacturing = sectors(model, Sector.MANUFACTURING)
    public = sectors(model, Sector.PUBLIC, Sector.AGRICULTURE)
    assert np.all(gap[manufacturing] < -0.1)
    np.testing.assert_array_equal(gap[public], 0.0)


def test_the_baseline_output_gap_is_held_from_december_2020():
    model = months(tiny_model(), 3)
    np.testing.assert_allclose(model.demand.market_gap(model), 0.0, atol=1e-12)


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ("+scenario.gdp_growth_overrides={2022-13:1}", "2022-13"),
        ("demand.activity_series.public=servces", "servces"),
        ("+scenario.industry_growth_overrides={1999:1}", "1999"),
        ("+scenario.services_growth_overrides={2022Q1:1}", "no sector follows the services"),
    ],
)
def test_bad_activity_settings_are_named(override, named):
    with pytest.raises(ConfigError, match=named):
        tiny_model(override, "demand.activity_series.manufacturing=industry")
