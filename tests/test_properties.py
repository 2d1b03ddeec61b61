"""Properties that hold for any input, checked over random inputs with Hypothesis.

Three levels: the sampling helpers keep their invariants on arbitrary arrays; every parameter of
the schema accepts its declared range and nothing outside it; and a tiny whole-model run of a
random seed, scenario, policy package and AI path keeps its books: everyone is somewhere every
month, the parts of employment add up to the whole, flows match the stocks they come from, and
rates are shares.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim import sampling
from sim.codes import Status
from sim.config import Config, ConfigError, validate
from sim.model import LabourMarketModel
from sim.params import iter_params
from tests.conftest import tiny_model

CONF = Path(__file__).resolve().parent.parent / "conf"
SEEDS = st.integers(0, 2**32 - 1)

# --- sampling helpers -----------------------------------------------------------------------

# Weights are zero or well inside float range: the helpers promise nothing about denormals.
WEIGHT = st.one_of(st.just(0.0), st.floats(0.01, 100.0))


def weights(n: int) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(np.float64, n, elements=WEIGHT)


@given(
    shares=hnp.arrays(np.float64, st.integers(1, 12), elements=WEIGHT), total=st.integers(0, 10**6)
)
def test_exact_counts_split_any_total_into_its_nearest_whole_shares(
    shares: np.ndarray, total: int
) -> None:
    assume(shares.sum() > 0)
    counts = sampling.exact_counts(shares, total)
    assert counts.sum() == total
    assert np.all(np.abs(counts - shares / shares.sum() * total) < 1)
    assert np.all(counts[shares == 0] == 0)


@given(counts=hnp.arrays(np.int64, st.integers(0, 8), elements=st.integers(0, 30)), seed=SEEDS)
def test_shuffled_labels_hold_any_requested_counts(counts: np.ndarray, seed: int) -> None:
    labels = sampling.shuffled_labels(np.random.default_rng(seed), counts)
    assert np.bincount(labels, minlength=len(counts)).tolist() == counts.tolist()


@given(data=st.data(), n=st.integers(0, 40), k=st.integers(-2, 50), seed=SEEDS)
def test_a_weighted_choice_is_k_distinct_candidates_preferring_positive_weights(
    data: st.DataObject, n: int, k: int, seed: int
) -> None:
    w = data.draw(weights(n))
    candidates = np.arange(n) * 3 + 1000  # ids unlike positions
    picked = sampling.choose_weighted(np.random.default_rng(seed), candidates, w, k)
    assert len(picked) == max(0, min(k, n))
    assert len(np.unique(picked)) == len(picked)
    positive = set(candidates[w > 0].tolist())
    chosen = set(picked.tolist())
    # positive weights come first: either every pick has one, or every positive one is picked
    assert chosen <= positive or positive <= chosen
    again = sampling.choose_weighted(np.random.default_rng(seed), candidates, w, k)
    np.testing.assert_array_equal(picked, again)


@given(data=st.data(), n_rows=st.integers(1, 6), n_cat=st.integers(1, 6), seed=SEEDS)
def test_categorical_draws_land_in_a_positive_category_of_their_row(
    data: st.DataObject, n_rows: int, n_cat: int, seed: int
) -> None:
    probs = data.draw(hnp.arrays(np.float64, (n_rows, n_cat), elements=WEIGHT))
    rows = data.draw(hnp.arrays(np.int64, st.integers(0, 60), elements=st.integers(0, n_rows - 1)))
    has_weight = probs.sum(axis=1) > 0
    for draw in (sampling.categorical_rows, sampling.categorical_grouped):
        got = draw(np.random.default_rng(seed), probs, rows)
        assert got.shape == rows.shape
        ok = has_weight[rows]
        assert np.all(probs[rows[ok], got[ok]] > 0), draw.__name__
        np.testing.assert_array_equal(got, draw(np.random.default_rng(seed), probs, rows))
    grouped = sampling.categorical_grouped(np.random.default_rng(seed), probs, rows)
    assert np.all((grouped == -1) == ~has_weight[rows])


CHANCE = st.one_of(st.just(0.0), st.just(1.0), st.floats(0.0, 1.0))


@given(data=st.data(), n=st.integers(0, 300), seed=SEEDS)
def test_events_select_every_sure_unit_and_no_impossible_one(
    data: st.DataObject, n: int, seed: int
) -> None:
    p = data.draw(hnp.arrays(np.float64, n, elements=CHANCE))
    candidates = np.arange(n) * 7 + 5  # ids unlike positions
    p_max = float(p.max(initial=0.0)) * data.draw(st.sampled_from([1.0, 1.5]))
    got = sampling.select_each(np.random.default_rng(seed), candidates, p, p_max)
    assert np.all(np.diff(got) > 0), "distinct, in the order of the candidates"
    chosen = np.isin(candidates, got)
    assert chosen[p == 1.0].all() and not chosen[p == 0.0].any()
    again = sampling.select_each(np.random.default_rng(seed), candidates, p, p_max)
    np.testing.assert_array_equal(got, again)
    q = data.draw(CHANCE)
    same = sampling.select(np.random.default_rng(seed), candidates, q)
    assert np.all(np.diff(same) > 0) and np.isin(same, candidates).all()
    assert len(same) == n if q == 1.0 else len(same) == 0 if q == 0.0 else len(same) <= n


@given(n=st.integers(0, 10**6), level=st.floats(0.0, 1.0), seed=SEEDS)
def test_draws_below_a_level_are_distinct_units_each_with_a_draw_below_it(
    n: int, level: float, seed: int
) -> None:
    idx, draw = sampling.below(np.random.default_rng(seed), n, level)
    assert len(idx) == len(draw) and np.all(np.diff(idx) > 0)
    assert np.all((idx >= 0) & (idx < n)) and np.all((draw >= 0) & (draw < max(level, 1e-300)))


@given(x=hnp.arrays(np.float64, st.integers(0, 50), elements=st.floats(0, 1e6)), seed=SEEDS)
def test_stochastic_rounding_moves_any_value_to_one_of_its_two_neighbours(
    x: np.ndarray, seed: int
) -> None:
    got = sampling.stochastic_round(np.random.default_rng(seed), x)
    assert got.shape == x.shape
    up = got - np.floor(x)
    assert np.all((up == 0) | (up == 1))
    assert np.all(got[x == np.floor(x)] == x[x == np.floor(x)])


@given(data=st.data(), n_groups=st.integers(1, 6), seed=SEEDS)
def test_a_draw_within_groups_is_a_weighted_item_of_its_group_or_minus_one(
    data: st.DataObject, n_groups: int, seed: int
) -> None:
    item_group = np.sort(
        data.draw(hnp.arrays(np.int64, st.integers(1, 30), elements=st.integers(0, n_groups - 1)))
    )
    item_weight = data.draw(weights(len(item_group)))
    draw_group = data.draw(
        hnp.arrays(np.int64, st.integers(0, 40), elements=st.integers(0, n_groups - 1))
    )
    got = sampling.choose_within_groups(
        np.random.default_rng(seed), item_group, item_weight, n_groups, draw_group
    )
    totals = np.bincount(item_group, weights=item_weight, minlength=n_groups)
    empty = totals[draw_group] == 0
    assert np.all(got[empty] == -1)
    assert np.all(item_group[got[~empty]] == draw_group[~empty])
    assert np.all(item_weight[got[~empty]] > 0)


@given(data=st.data(), seed=SEEDS)
def test_every_random_helper_draws_the_same_given_the_same_seed(
    data: st.DataObject, seed: int
) -> None:
    groups = np.sort(
        data.draw(hnp.arrays(np.int64, st.integers(1, 30), elements=st.integers(0, 4)))
    )
    x = data.draw(hnp.arrays(np.float64, len(groups), elements=st.floats(0, 100)))
    draws = {
        "shuffled_labels": lambda g: sampling.shuffled_labels(g, np.bincount(groups)),
        "stochastic_round": lambda g: sampling.stochastic_round(g, x),
        "select_each": lambda g: sampling.select_each(g, groups, x / 100, 1.0),
        "choose_within_groups": lambda g: sampling.choose_within_groups(
            g, groups, x, 5, groups[::-1].copy()
        ),
    }
    for name, draw in draws.items():
        first = draw(np.random.default_rng(seed))
        np.testing.assert_array_equal(first, draw(np.random.default_rng(seed)), err_msg=name)


# --- the schema's declared ranges -----------------------------------------------------------


def _default(f: dataclasses.Field) -> Any:
    return f.default_factory() if f.default is dataclasses.MISSING else f.default


PARAMS = {key: f for key, f in iter_params(Config)}
RANGED = sorted(
    k for k, f in PARAMS.items() if f.metadata["lo"] is not None or f.metadata["hi"] is not None
)
CHOICES = sorted(k for k, f in PARAMS.items() if f.metadata["choices"])
# A mapping whose default is empty needs a key of the form the validator asks for.
EXAMPLE_KEY = {
    "scenario.gdp_growth_overrides": "2022Q2",
    "scenario.industry_growth_overrides": "2022-04",
    "scenario.services_growth_overrides": "2023",
}


def nested(key: str, value: Any) -> dict[str, Any]:
    """``{"a": {"b": value}}`` for the dotted key ``a.b``."""
    out: dict[str, Any] = value
    for part in reversed(key.split(".")):
        out = {part: out}
    return out


# overrides of the industry and services series need a sector that follows each
FOLLOWS = {"manufacturing": "industry", "traditional_services": "services"}


def merge(into: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    for k, v in more.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            merge(into[k], v)
        else:
            into[k] = v
    return into


def shaped(key: str, number: float) -> Any:
    """``number`` as a value of parameter ``key``: an int, a float, or every entry of a mapping.

    For shares that must add up to a total, ``number`` is the first entry and the others share
    what is left equally, so that the sum rule holds and only the range is tested.
    """
    default, total = _default(PARAMS[key]), PARAMS[key].metadata["total"]
    if isinstance(default, dict):
        keys = list(default or [EXAMPLE_KEY[key]])
        if total is not None:
            rest = (total - float(number)) / (len(keys) - 1)
            return {k: float(number) if i == 0 else rest for i, k in enumerate(keys)}
        return {k: float(number) for k in keys}
    return int(number) if isinstance(default, int) else float(number)


def inside(key: str) -> st.SearchStrategy[Any]:
    """A value within the declared range of ``key`` (for a mapping, each entry its own)."""
    meta, default = PARAMS[key].metadata, _default(PARAMS[key])
    lo, hi = meta["lo"], meta["hi"]
    if isinstance(default, int):
        return st.integers(lo, hi)
    number = st.floats(lo, hi, allow_nan=False, allow_infinity=False)
    if isinstance(default, dict):
        keys = list(default or [EXAMPLE_KEY[key]])
        if meta["total"] is not None:  # shares: random weights scaled to their total
            weights = st.lists(st.floats(0.0, 1.0), min_size=len(keys), max_size=len(keys))
            return weights.filter(lambda x: sum(x) > 0.01).map(
                lambda x: {k: meta["total"] * v / sum(x) for k, v in zip(keys, x, strict=True)}
            )
        return st.fixed_dictionaries({k: number for k in keys})
    return number


def outside(key: str, side: str) -> float:
    """The nearest value beyond the ``lo`` or ``hi`` bound of ``key``."""
    meta, default = PARAMS[key].metadata, _default(PARAMS[key])
    bound = meta[side]
    step = -1 if side == "lo" else 1
    if isinstance(default, int):
        return bound + step
    return float(np.nextafter(bound, step * math.inf))


def dig(cfg: dict[str, Any], key: str) -> Any:
    """The value at the dotted ``key`` of a nested dict."""
    for part in key.split("."):
        cfg = cfg[part]
    return cfg


def test_the_schema_declares_ranges_and_choices() -> None:
    """The property tests below cover the bounded numbers and the string choices."""
    assert len(RANGED) > 50 and len(CHOICES) >= 2


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_every_parameter_accepts_any_value_within_its_range(data: st.DataObject) -> None:
    """All ranged parameters at once, each at a random value of its range (ends included)."""
    cfg: dict[str, Any] = {}
    for key in RANGED:
        merge(cfg, nested(key, data.draw(inside(key), label=key)))
    for key in CHOICES:
        merge(cfg, nested(key, data.draw(st.sampled_from(PARAMS[key].metadata["choices"]))))
    merge(cfg, nested("demand.activity_series", dict(FOLLOWS)))
    typed = validate(cfg)
    for key in RANGED:
        value: Any = typed
        for part in key.split("."):
            value = getattr(value, part)
        assert value == dig(cfg, key), key


def typed_with(key: str, value: Any) -> Config:
    """The default typed config with parameter ``key`` set to ``value`` (and a sector following
    each activity series, so that an override of any series is allowed).

    ``validate`` checks a typed config exactly as it checks one Hydra composed from a dict, and
    some eighty times faster: the test of every key goes this way, the random ones through dicts.
    """
    cfg = Config()
    cfg.demand.activity_series.update(FOLLOWS)
    *parents, name = key.split(".")
    owner: Any = cfg
    for part in parents:
        owner = getattr(owner, part)
    setattr(owner, name, value)
    return cfg


@pytest.mark.parametrize("key", RANGED)
def test_every_parameter_rejects_the_nearest_value_beyond_its_range_naming_itself(key: str) -> None:
    meta = PARAMS[key].metadata
    for side in ("lo", "hi"):
        if meta[side] is None:
            continue
        with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
            validate(typed_with(key, shaped(key, outside(key, side))))
        validate(typed_with(key, shaped(key, meta[side])))  # the bound itself is allowed


@pytest.mark.parametrize("key", CHOICES)
def test_a_choice_parameter_accepts_its_choices_and_nothing_else(key: str) -> None:
    for choice in PARAMS[key].metadata["choices"]:
        validate(nested(key, choice))
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        validate(nested(key, "not_a_choice"))


SHARES = sorted(k for k, f in PARAMS.items() if f.metadata["total"] is not None)


@settings(max_examples=20, deadline=None)
@given(key=st.sampled_from(SHARES), scale=st.floats(0.1, 0.99) | st.floats(1.01, 10.0))
def test_shares_that_do_not_add_up_to_their_total_are_rejected(key: str, scale: float) -> None:
    """Shares scaled away from their total (each entry still within its range) are refused."""
    entries = {k: v * scale for k, v in _default(PARAMS[key]).items()}
    assume(all(v <= PARAMS[key].metadata["hi"] for v in entries.values()))
    with pytest.raises(ConfigError, match=key.replace(".", r"\.") + ".*sum to"):
        validate(typed_with(key, entries))


@settings(max_examples=20, deadline=None)
@given(key=st.sampled_from(RANGED), side=st.sampled_from(["lo", "hi"]), far=st.floats(1e-6, 1e6))
def test_values_far_beyond_a_range_are_rejected_too(key: str, side: str, far: float) -> None:
    """A random parameter, a random distance beyond one of its bounds (relative to the bound)."""
    bound = PARAMS[key].metadata[side]
    assume(bound is not None)
    distance = far * max(1.0, abs(bound))
    if isinstance(_default(PARAMS[key]), int):
        distance = math.ceil(distance)
    beyond = bound + (-distance if side == "lo" else distance)
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        validate(nested(key, shaped(key, beyond)))


# --- the whole model's books ----------------------------------------------------------------


def _stems(group: str) -> list[str]:
    return sorted(p.stem for p in (CONF / group).glob("*.yaml"))


PERCENT = (
    "urban_employment_share",
    "long_term_unemployed_share",
    "pension_coverage",
    "labour_force_participation",
)
FRACTIONS = (
    "job_finding_rate",
    "separation_rate",
    "ai_adoption_share",
    "ai_displaced_reemployed_12m_share",
)


def _within(value: float, lo: float, hi: float) -> bool:
    return math.isnan(value) or lo <= value <= hi


def check_books(model: LabourMarketModel, previous_urban_unemployed: int) -> None:
    """One month's accounting identities, on the model just after its step."""
    w, rec, flows = model.workers, model.statistics.record, model.flows
    k = w.weight / 1e4
    counts = np.bincount(w.status, minlength=len(Status))
    assert len(counts) == len(Status) and counts.sum() == w.n == model.cfg.n_agents
    w.check_invariants()
    assert math.isclose(rec["urban_employed"] + rec["rural_employed"], rec["employed"])
    sectors = rec["employed_primary"] + rec["employed_secondary"] + rec["employed_tertiary"]
    assert math.isclose(sectors, rec["employed"])
    assert model.firms.employment_by_occupation(w).sum() == int((w.employer >= 0).sum())
    # every separation has one cause, and the month starts from last month's stock
    causes = (
        flows.quits
        + flows.layoffs
        + flows.closure_layoffs
        + flows.spring_festival_returns
        + flows.ai_displaced
    )
    assert flows.separations == causes
    assert 0 <= flows.urban_separations <= flows.separations
    assert flows.urban_unemployed_at_start == previous_urban_unemployed
    assert flows.hires_by_region_area.sum() == flows.hires_from_unemployment
    assert math.isclose(
        rec["urban_new_jobs"], (flows.urban_new_hires - flows.urban_attrition) * k, abs_tol=1e-9
    )
    assert flows.signed_job_starts <= flows.graduates
    for key, value in rec.items():
        if key.endswith("_rate") and key not in FRACTIONS or key in PERCENT:
            assert _within(value, 0.0, 100.0), (model.date_label, key, value)
    for key in FRACTIONS:
        assert _within(rec[key], 0.0, 1.0), (model.date_label, key, rec[key])


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 2**31 - 1),
    scenario=st.sampled_from(_stems("scenario")),
    policy=st.sampled_from(_stems("policy")),
    ai=st.sampled_from(_stems("ai")),
)
def test_a_random_tiny_run_keeps_its_books_every_month(
    seed: int, scenario: str, policy: str, ai: str
) -> None:
    model = tiny_model(f"seed={seed}", f"scenario={scenario}", f"policy={policy}", f"ai={ai}")
    for _ in range(model.cfg.months):
        previous = model.statistics.n_urban_unemployed
        model.step()
        check_books(model, previous)
