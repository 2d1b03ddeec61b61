"""The December 2020 state reproduces the official figures, and the baseline path is plausible."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import data_loader as data
from sim.codes import Status

TARGETS = {  # record key -> (china_annual.csv indicator, 2020)
    "employed": "employed_total_revised",
    "urban_employed": "employed_urban",
    "rural_employed": "employed_rural",
    "employed_primary": "employed_primary",
    "employed_secondary": "employed_secondary",
    "employed_tertiary": "employed_tertiary",
    "migrant_workers_local": "migrant_workers_local",
    "migrant_workers_away": "migrant_workers_away",
}


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_initial_levels_within_two_percent(initial_model, key):
    target = data.annual(TARGETS[key], 2020)
    value = initial_model.statistics.record[key]
    assert abs(value / target - 1) < 0.02, f"{key}: model {value:.0f} vs data {target:.0f}"


def test_initial_rates_within_a_third_of_a_point(initial_model):
    rec = initial_model.statistics.record
    assert abs(rec["urban_unemployment_rate"] - 5.2) < 0.3
    assert abs(rec["urban_employment_share"] - data.annual("urban_employment_share", 2020)) < 0.3
    assert abs(rec["schooling_years_working_age"] - 10.8) < 0.1
    # Unemployment aged 25-59 was 4.7% in December 2020 (china_unemployment_groups_2018_2020.csv);
    # the statistics tabulate 25-29 and 30-59, so the band is counted from the worker arrays.
    groups = data.read_table("china_unemployment_groups_2018_2020")
    target = groups.query("year == 2020 and month == 12 and group == 'age_25_59'").rate.item()
    w = initial_model.workers
    age = w.age_months // 12
    band = w.urban & (age >= 25) & (age <= 59)
    unemployed = int((band & (w.status == Status.UNEMPLOYED)).sum())
    rate = 100 * unemployed / (unemployed + int((band & w.employed()).sum()))
    assert abs(rate - target) < 0.3, f"25-59: model {rate:.2f}% vs data {target}%"


def test_regions_hold_their_census_population_shares(initial_model):
    w = initial_model.workers
    shares = np.bincount(w.region, minlength=4) / w.n
    expected = np.array(data.regions().population_share)
    assert np.all(np.abs(shares / expected - 1) < 0.02)


def test_every_data_row_carries_a_source_and_a_flag():
    for name in ("china_annual", "china_regions_2020", "initial_state_2020", "scenario_inputs"):
        df = data.read_table(name)
        assert df["flag"].isin(["V", "D", "M"]).all(), name
        if "source" in df:  # scenario_inputs.csv has notes instead; its source is SOURCES.md
            assert df["source"].notna().all() and (df["source"].str.len() >= 3).all(), name


def test_baseline_path_stays_plausible_and_shows_seasonal_bumps(baseline_run):
    m = baseline_run.monthly
    assert m.urban_unemployment_rate.between(3.0, 8.0).all()
    by = m.pivot_table(index="year", columns="month", values="urban_unemployment_rate")
    # Spring Festival: February not below January; graduates: July above June (averaged over
    # years; the data's February bumps are 0.0 in 2018 (V) and 0.2 in 2019 (M), its July bumps 0.3
    # and 0.2; one run's February bump at 100k is within +-0.1 of the mean over seeds)
    feb, jul = (by[2] - by[1]).mean(), (by[7] - by[6]).mean()
    assert feb > -0.1 and jul > 0.1
    # ... and bumps of the size seen in 2018-2019 (0.1 and 0.25 points), not jumps: without
    # campus recruitment the July rise was 2 points
    monthly = data.read_table("china_unemployment_monthly")
    seen = pd.pivot_table(
        monthly[monthly.year.isin([2018, 2019])],
        index="year",
        columns="month",
        values="surveyed_urban_unemployment",
    )
    assert abs(feb - (seen[2] - seen[1]).mean()) < 0.5
    assert abs(jul - (seen[7] - seen[6]).mean()) < 0.5
