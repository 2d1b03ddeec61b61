"""The sampling helpers keep the promises their docstrings make, on small hand-checked inputs.

Every agent-level draw of the model (who is laid off, who finds a job, where a migrant goes) goes
through ``sim.sampling``; these tests pin what each helper promises with numbers worked out by
hand, and check the chances of the random ones over many draws.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim import sampling

DRAWS = 20_000  # enough draws that a share is within about 0.01 of its chance (3 sd)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# --- exact_counts ---------------------------------------------------------------------------


def test_exact_counts_give_the_largest_remainders_the_leftover_units() -> None:
    # 7 x (0.5, 0.3, 0.2) = 3.5, 2.1, 1.4: floors 3, 2, 1 and the one unit left to the 0.5
    assert sampling.exact_counts(np.array([0.5, 0.3, 0.2]), 7).tolist() == [4, 2, 1]
    # 10 / 3 each: equal remainders, so the first share takes the leftover unit
    assert sampling.exact_counts(np.array([1.0, 1.0, 1.0]), 10).tolist() == [4, 3, 3]


def test_exact_counts_need_not_be_normalised_and_give_nothing_to_a_zero_share() -> None:
    assert sampling.exact_counts(np.array([0.0, 1.0, 3.0]), 8).tolist() == [0, 2, 6]
    assert sampling.exact_counts(np.array([20.0, 30.0, 50.0]), 10).tolist() == [2, 3, 5]


def test_exact_counts_add_up_to_the_total() -> None:
    shares = np.array([0.013, 0.287, 0.4, 0.3])
    for total in (0, 1, 9, 1001):
        counts = sampling.exact_counts(shares, total)
        assert counts.sum() == total
        assert np.all(np.abs(counts - shares / shares.sum() * total) < 1)


# --- shuffled_labels ------------------------------------------------------------------------


def test_shuffled_labels_hold_exactly_the_requested_count_of_each_label() -> None:
    labels = sampling.shuffled_labels(rng(), np.array([3, 0, 2, 5]))
    assert len(labels) == 10
    assert np.bincount(labels, minlength=4).tolist() == [3, 0, 2, 5]


def test_shuffled_labels_are_in_random_order_that_the_seed_fixes() -> None:
    counts = np.array([50, 50])
    a, b = (sampling.shuffled_labels(rng(1), counts) for _ in range(2))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, np.repeat([0, 1], 50))  # not left in label order
    assert not np.array_equal(a, sampling.shuffled_labels(rng(2), counts))


# --- choose_weighted ------------------------------------------------------------------------


def test_choose_weighted_picks_k_distinct_candidates() -> None:
    candidates = np.array([10, 20, 30, 40, 50, 60])
    picked = sampling.choose_weighted(rng(), candidates, np.ones(6), 4)
    assert len(picked) == 4 and len(set(picked.tolist())) == 4
    assert set(picked.tolist()) <= set(candidates.tolist())


def test_choose_weighted_never_picks_a_zero_weight_while_positive_weights_remain() -> None:
    candidates = np.arange(100, 110)
    weights = np.array([0, 1, 0, 2, 0, 3, 0, 4, 0, 5], dtype=float)
    for seed in range(200):
        picked = sampling.choose_weighted(rng(seed), candidates, weights, 5)
        assert sorted(picked.tolist()) == [101, 103, 105, 107, 109]
    picked = sampling.choose_weighted(rng(), candidates, weights, 3)
    assert set(picked.tolist()) <= {101, 103, 105, 107, 109}


def test_choose_weighted_fills_up_with_zero_weights_only_when_positive_ones_run_out() -> None:
    candidates = np.array([7, 8, 9, 10])
    picked = sampling.choose_weighted(rng(), candidates, np.array([0.0, 2.0, 0.0, 0.0]), 3)
    assert len(set(picked.tolist())) == 3 and 8 in picked


def test_choose_weighted_caps_k_at_the_number_of_candidates_and_allows_none() -> None:
    candidates = np.array([4, 5, 6])
    assert sorted(sampling.choose_weighted(rng(), candidates, np.ones(3), 10).tolist()) == [4, 5, 6]
    assert len(sampling.choose_weighted(rng(), candidates, np.ones(3), 0)) == 0
    assert len(sampling.choose_weighted(rng(), candidates, np.ones(3), -2)) == 0


def test_choose_weighted_picks_a_heavier_candidate_more_often() -> None:
    # one pick out of two with weights 1 and 9: the heavy one 90% of the time
    g = rng()
    heavy = sum(
        sampling.choose_weighted(g, np.array([0, 1]), np.array([1.0, 9.0]), 1)[0] == 1
        for _ in range(2000)
    )
    assert abs(heavy / 2000 - 0.9) < 0.03


# --- categorical_rows and categorical_grouped -----------------------------------------------


@pytest.mark.parametrize("draw", [sampling.categorical_rows, sampling.categorical_grouped])
def test_each_agent_draws_from_its_own_row_and_only_positive_categories(draw) -> None:
    probs = np.array([[0.0, 1.0, 0.0, 0.0], [0.5, 0.0, 0.0, 0.5], [0.0, 0.0, 2.0, 6.0]])
    rows = np.tile([0, 1, 2], DRAWS // 3)
    got = draw(rng(), probs, rows)
    assert got.shape == rows.shape
    assert (got[rows == 0] == 1).all()
    assert set(np.unique(got[rows == 1]).tolist()) == {0, 3}
    assert set(np.unique(got[rows == 2]).tolist()) == {2, 3}
    # chances follow the row's weights, which need not sum to one: 2:6 is 25%:75%
    assert abs((got[rows == 1] == 0).mean() - 0.5) < 0.02
    assert abs((got[rows == 2] == 3).mean() - 0.75) < 0.02


def test_grouped_draws_give_minus_one_for_a_row_without_weight() -> None:
    probs = np.array([[0.0, 0.0], [1.0, 1.0]])
    got = sampling.categorical_grouped(rng(), probs, np.array([0, 1, 0, 1]))
    assert got[[0, 2]].tolist() == [-1, -1]
    assert set(got[[1, 3]].tolist()) <= {0, 1}


@pytest.mark.parametrize("draw", [sampling.categorical_rows, sampling.categorical_grouped])
def test_categorical_draws_are_fixed_by_the_seed(draw) -> None:
    probs = np.array([[0.2, 0.3, 0.5], [0.6, 0.4, 0.0]])
    rows = np.array([0, 1, 1, 0, 0, 1, 0, 1] * 10)
    np.testing.assert_array_equal(draw(rng(5), probs, rows), draw(rng(5), probs, rows))
    assert not np.array_equal(draw(rng(5), probs, rows), draw(rng(6), probs, rows))


# --- stochastic_round -----------------------------------------------------------------------


def test_stochastic_rounding_keeps_the_integer_part() -> None:
    x = np.array([0.0, 0.25, 2.3, 5.0, 7.999])
    for seed in range(50):
        got = sampling.stochastic_round(rng(seed), x)
        assert got.dtype == np.int64
        assert np.all((got == np.floor(x)) | (got == np.floor(x) + 1))
        assert got[0] == 0 and got[3] == 5  # whole numbers stay as they are


def test_stochastic_rounding_keeps_the_expected_count() -> None:
    # 2.3 becomes 3 with chance 0.3, so the mean of many roundings is 2.3
    got = sampling.stochastic_round(rng(), np.full(DRAWS, 2.3))
    assert abs(got.mean() - 2.3) < 0.01
    assert set(np.unique(got).tolist()) == {2, 3}


def test_stochastic_rounding_keeps_the_shape_of_a_table() -> None:
    got = sampling.stochastic_round(rng(), np.array([[0.5, 1.5], [2.0, 3.25]]))
    assert got.shape == (2, 2) and got[1, 0] == 2


# --- choose_within_groups -------------------------------------------------------------------


def test_each_draw_picks_an_item_of_its_own_group_by_weight() -> None:
    # items 0-2 in group 0 (weights 1, 0, 3), items 3-4 in group 2 (weights 2, 2); group 1 empty
    item_group = np.array([0, 0, 0, 2, 2])
    item_weight = np.array([1.0, 0.0, 3.0, 2.0, 2.0])
    draw_group = np.tile([0, 2], DRAWS // 2)
    got = sampling.choose_within_groups(rng(), item_group, item_weight, 3, draw_group)
    assert set(np.unique(got[draw_group == 0]).tolist()) == {0, 2}  # never the zero weight
    assert set(np.unique(got[draw_group == 2]).tolist()) == {3, 4}
    assert abs((got[draw_group == 0] == 2).mean() - 0.75) < 0.02
    assert abs((got[draw_group == 2] == 3).mean() - 0.5) < 0.02


def test_a_draw_from_a_group_without_weight_gets_minus_one() -> None:
    item_group = np.array([0, 0, 2, 3])
    item_weight = np.array([0.0, 0.0, 1.0, 5.0])
    draw_group = np.array([0, 1, 2, 3, 1, 0])
    got = sampling.choose_within_groups(rng(), item_group, item_weight, 4, draw_group)
    assert got.tolist() == [-1, -1, 2, 3, -1, -1]


# --- below, select and select_each: events drawn as events ----------------------------------


def test_each_unit_is_selected_with_its_own_chance_over_many_draws() -> None:
    # five units with chances 0, 0.05, 0.3, 0.7 and 1, drawn DRAWS times
    p = np.array([0.0, 0.05, 0.3, 0.7, 1.0])
    g = rng()
    hits = np.zeros(5)
    for _ in range(DRAWS):
        hits[sampling.select_each(g, np.arange(5), p, 1.0)] += 1
    assert hits[0] == 0 and hits[4] == DRAWS
    assert np.all(np.abs(hits / DRAWS - p) < 0.011)


def test_thinning_reproduces_a_uniform_per_unit_for_any_bound_above_the_chances() -> None:
    # 200,000 units with chances 0.001 to 0.02: counts and who is selected do not depend on the
    # bound, only on each unit's chance (3 sd of a count of ~2,100 is ~140)
    n = 200_000
    p = np.where(np.arange(n) % 2 == 0, 0.001, 0.02)
    for p_max in (0.02, 0.05, 0.5):
        got = sampling.select_each(rng(1), np.arange(n), p, p_max)
        assert abs((got % 2 == 0).sum() - 100) < 35
        assert abs((got % 2 == 1).sum() - 2000) < 140


def test_only_the_units_below_the_bound_are_drawn_at_all() -> None:
    # a million units, bound 0.002: about 2,000 draws; those below 0.001 are the events
    idx, draw = sampling.below(rng(), 1_000_000, 0.002)
    assert abs(len(idx) - 2000) < 150
    assert abs((draw < 0.001).sum() - 1000) < 100


def test_a_common_chance_selects_a_binomial_count_of_distinct_units() -> None:
    g = rng()
    counts = [len(sampling.select(g, np.arange(1000), 0.1)) for _ in range(2000)]
    assert abs(np.mean(counts) - 100) < 1.0  # mean of a Binomial(1000, 0.1)
    assert abs(np.var(counts) - 90) < 10  # and its variance n p (1 - p)
    picked = sampling.select(g, np.arange(10, 20), 1.0)
    assert picked.tolist() == list(range(10, 20))
    assert len(sampling.select(g, np.arange(10), 0.0)) == 0


def test_draws_below_a_level_are_uniform_below_it() -> None:
    idx, draw = sampling.below(rng(), 1_000_000, 0.01)
    assert abs(len(idx) - 10_000) < 300
    assert draw.max() < 0.01 and abs(draw.mean() - 0.005) < 0.0002
    # the selected units are spread evenly over the population
    assert abs(np.mean(idx < 500_000) - 0.5) < 0.02


def test_guided_categorical_draws_follow_skewed_rows_with_many_tiny_categories() -> None:
    # one heavy category and 60 tiny ones (the shape of the accessibility of markets), some zero
    probs = np.full((3, 64), 1e-4)
    probs[:, ::5] = 0.0
    probs[0, 1], probs[1, 63], probs[2, :] = 1.0, 1.0, 0.0
    rows = np.tile([0, 1, 2], 100_000)
    got = sampling.categorical_grouped(rng(), probs, rows)
    assert (got[rows == 2] == -1).all()
    for r in (0, 1):
        share = np.bincount(got[rows == r], minlength=64) / 100_000
        expected = probs[r] / probs[r].sum()
        assert np.all(share[probs[r] == 0] == 0)
        assert np.all(np.abs(share - expected) < 3 * np.sqrt(expected / 100_000) + 1e-4)
