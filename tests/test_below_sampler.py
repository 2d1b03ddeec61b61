"""The event sampler (``sim.sampling.below``) draws exactly what one uniform per unit would.

``below`` picks the units of ``0..n-1`` whose virtual uniform falls below a level: a binomial
count, a uniform sample of that many without replacement (``distinct_sorted``: units drawn with
replacement into a bitmap until enough are distinct, read off in order) and their draws. These
tests pin the compiled pieces on hand-built inputs, check the promised shape of every result
(Hypothesis) and check over many draws that every unit, and every set of units, is as likely as
it should be: a sampler that favoured some units or some sets would fail them.
"""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import sampling

SEEDS = st.integers(0, 2**32 - 1)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def _raw(*halves: int) -> np.ndarray:
    """Raw 64-bit words made of 32-bit halves, low half first (the order the kernel reads)."""
    words = [halves[i] | (halves[i + 1] << 32) for i in range(0, len(halves), 2)]
    return np.array(words, dtype=np.uint64)


# --- hand-checked pieces ----------------------------------------------------------------------


def test_bounded_draws_map_32_bit_halves_to_units_and_skip_repeats_and_rejects() -> None:
    # n = 10: a half x gives unit x * 10 >> 32, unless its low product (x * 10 mod 2**32) is under
    # 2**32 mod 10 = 6. x = 1: product 10, unit 0; x = 2**31 + 1: product 5 * 2**32 + 10, unit 5;
    # x = 0: product 0, rejected; x = 2**32 - 1: product 10 * 2**32 - 10, unit 9; x = 1 again:
    # unit 0, a repeat, skipped. Four units wanted, three found: one still needed.
    bits, units = np.zeros(1, dtype=np.uint64), np.full(4, -1)
    left = sampling._mark_new(bits, _raw(1, 2**31 + 1, 0, 2**32 - 1, 1, 0), 10, units, 4)
    assert left == 1
    assert int(bits[0]) == (1 << 0) | (1 << 5) | (1 << 9)
    assert units.tolist() == [0, 5, 9, -1]  # in the order drawn


def test_bounded_draws_stop_at_the_last_unit_needed() -> None:
    bits, units = np.zeros(1, dtype=np.uint64), np.zeros(2, dtype=np.int64)
    # two units wanted: 0 and 5 come from the first word; the second word is not read
    assert sampling._mark_new(bits, _raw(1, 2**31 + 1, 2**32 - 1, 2**32 - 1), 10, units, 2) == 0
    assert int(bits[0]) == (1 << 0) | (1 << 5)


def test_the_units_are_those_rng_integers_would_draw() -> None:
    # Lemire's bounded draw on the halves of the raw words, low half first, is numpy's own
    # rng.integers(0, n, dtype=uint32): the first k distinct units of the two sequences agree
    for n, k in ((1000, 40), (77, 30), (3, 2)):
        drawn = rng(5).integers(0, n, size=500, dtype=np.uint32)
        first = list(dict.fromkeys(drawn.tolist()))[:k]
        bits, units = np.zeros((n + 63) // 64, dtype=np.uint64), np.zeros(k, dtype=np.int64)
        assert sampling._mark_new(bits, rng(5).bit_generator.random_raw(250), n, units, k) == 0
        assert units.tolist() == first
        assert sampling._set_bits(bits, n, k, False).tolist() == sorted(first)


def test_set_bits_reads_the_units_in_order_and_their_complement() -> None:
    # n = 131 over three words: units 0, 3, 63 in the first, 64 in the second, 130 in the last
    bits = np.array([1 | (1 << 3) | (1 << 63), 1, 1 << 2], dtype=np.uint64)
    assert sampling._set_bits(bits, 131, 5, False).tolist() == [0, 3, 63, 64, 130]
    # the complement stops at unit 130: the unused high bits of the last word are not units
    rest = sampling._set_bits(bits, 131, 126, True)
    assert rest.tolist() == [u for u in range(131) if u not in (0, 3, 63, 64, 130)]
    assert rest.dtype == np.int64


def test_set_bits_reads_full_words_past_the_unrolled_part() -> None:
    # a full word (64 units) and an empty one, at a low expected density: the loop after the
    # unrolled reads finds the rest
    bits = np.array([2**64 - 1, 0, 0, 0, 0, 0, 0, 0], dtype=np.uint64)
    assert sampling._set_bits(bits, 512, 64, False).tolist() == list(range(64))


def test_the_limits_of_below() -> None:
    g = rng()
    for level in (0.0, -0.5):
        idx, draw = sampling.below(g, 100, level)
        assert idx.dtype == np.int64 and len(idx) == 0 and len(draw) == 0
    idx, draw = sampling.below(g, 0, 0.5)
    assert len(idx) == 0 and len(draw) == 0
    for level in (1.0, 3.0):  # every unit, with its uniform on [0, 1)
        idx, draw = sampling.below(g, 50, level)
        assert idx.tolist() == list(range(50)) and len(draw) == 50 and draw.max() < 1.0
    assert sampling.distinct_sorted(g, 7, 7).tolist() == list(range(7))
    assert sampling.distinct_sorted(g, 7, 0).tolist() == []
    assert sampling.distinct_sorted(g, 1, 1).tolist() == [0]


def test_the_sampler_is_reproducible() -> None:
    a = sampling.below(rng(3), 100_000, 0.02)
    b = sampling.below(rng(3), 100_000, 0.02)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 5000), level=st.floats(0.0, 1.2), seed=SEEDS)
def test_below_gives_sorted_distinct_units_in_range_with_draws_below_the_level(
    n: int, level: float, seed: int
) -> None:
    idx, draw = sampling.below(rng(seed), n, level)
    assert idx.dtype == np.int64 and len(draw) == len(idx) <= n
    assert np.all(np.diff(idx) > 0)
    if len(idx):
        assert idx[0] >= 0 and idx[-1] < n
        assert draw.min() >= 0.0 and draw.max() < min(level, 1.0)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), n=st.integers(1, 3000), seed=SEEDS)
def test_distinct_sorted_gives_exactly_k_sorted_units(data, n: int, seed: int) -> None:
    k = data.draw(st.integers(0, n))
    got = sampling.distinct_sorted(rng(seed), n, k)
    assert got.dtype == np.int64 and len(got) == k
    assert np.all(np.diff(got) > 0)
    if k:
        assert got[0] >= 0 and got[-1] < n


# --- distributions over many draws -------------------------------------------------------------


def _chi_square(counts: np.ndarray) -> float:
    expected = counts.sum() / len(counts)
    return float(((counts - expected) ** 2 / expected).sum())


def test_every_set_of_units_is_equally_likely() -> None:
    # all 20 sets of 3 of 6 units (drawn directly) and all 15 sets of 4 of 6 (drawn as the 2 left
    # out), 30,000 times each: a chi-square over the sets (19 and 14 degrees of freedom; the
    # 99.9% points are 43.8 and 36.1) that a bias for low, high or neighbouring units would fail
    g = rng(11)
    for k, df_limit in ((3, 43.8), (4, 36.1)):
        sets = {s: i for i, s in enumerate(itertools.combinations(range(6), k))}
        counts = np.zeros(len(sets))
        for _ in range(30_000):
            counts[sets[tuple(sampling.distinct_sorted(g, 6, k).tolist())]] += 1
        assert _chi_square(counts) < df_limit, counts


def test_each_unit_is_below_the_level_with_that_chance_and_the_count_is_binomial() -> None:
    # 130 units (three words) at levels 0.05, 0.3 and 0.8 (drawn as the units left out), and
    # 1,000 at 0.004 (few enough to be sorted, not read off the bitmap): each unit's frequency
    # within 4.5 sd of the level, the count's mean and variance within 4 sd of the binomial's
    # (n p and n p (1 - p)), the draws' mean at half the level
    g = rng(12)
    reps = 20_000
    for n, level in ((130, 0.05), (130, 0.3), (130, 0.8), (1000, 0.004)):
        hits = np.zeros(n)
        counts = np.zeros(reps)
        draw_sum = 0.0
        for r in range(reps):
            idx, draw = sampling.below(g, n, level)
            hits[idx] += 1
            counts[r] = len(idx)
            draw_sum += draw.sum()
        sd = np.sqrt(level * (1 - level) / reps)
        assert np.all(np.abs(hits / reps - level) < 4.5 * sd), level
        mean, var = n * level, n * level * (1 - level)
        assert abs(counts.mean() - mean) < 4 * np.sqrt(var / reps)
        assert abs(counts.var() / var - 1) < 4 * np.sqrt(2 / reps)
        assert abs(draw_sum / counts.sum() - level / 2) < 4 * level / np.sqrt(12 * counts.sum())


def test_a_large_population_is_sampled_evenly() -> None:
    # a million units at 0.025: the chosen spread evenly over tenths of the population and over
    # the positions within a 64-unit word (the bitmap's words and bits carry no bias)
    idx = sampling.units_below(rng(13), 1_000_000, 0.025)
    assert _chi_square(np.bincount(idx // 100_000, minlength=10)) < 27.9  # df 9, 99.9%
    assert _chi_square(np.bincount(idx % 64, minlength=64)) < 103.4  # df 63, 99.9%
    assert abs(len(idx) - 25_000) < 4 * np.sqrt(25_000 * 0.975)
