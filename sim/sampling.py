"""Vectorised sampling helpers used by the initial state and the processes."""

from __future__ import annotations

import numpy as np


def exact_counts(shares: np.ndarray, total: int) -> np.ndarray:
    """Split ``total`` into integer counts proportional to ``shares`` (largest remainder)."""
    shares = np.asarray(shares, dtype=np.float64)
    raw = shares / shares.sum() * total
    counts = np.floor(raw).astype(np.int64)
    short = total - counts.sum()
    if short > 0:
        counts[np.argsort(-(raw - counts), kind="stable")[:short]] += 1
    return counts


def shuffled_labels(rng: np.random.Generator, counts: np.ndarray) -> np.ndarray:
    """A random arrangement of labels ``0..len(counts)-1`` with exactly ``counts[k]`` of each."""
    labels = np.repeat(np.arange(len(counts)), counts)
    rng.shuffle(labels)
    return labels


def choose_weighted(
    rng: np.random.Generator, candidates: np.ndarray, weights: np.ndarray, k: int
) -> np.ndarray:
    """Pick exactly ``k`` of ``candidates`` without replacement, with chance rising in ``weights``.

    Efraimidis-Spirakis: key = U^(1/w); the k largest keys are a weighted sample. Agents with zero
    weight are picked only if fewer than ``k`` have positive weight.
    """
    k = int(min(k, len(candidates)))
    if k <= 0:
        return candidates[:0]
    w = np.maximum(np.asarray(weights, dtype=np.float64), 1e-300)
    keys = np.log(rng.random(len(candidates))) / w
    top = np.argpartition(-keys, k - 1)[:k]
    return candidates[top]


def categorical_rows(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Draw one category per agent, agent ``j`` from the distribution ``probs[rows[j]]``.

    One ``searchsorted`` over all agents: each row's CDF is shifted by its row number so the rows
    occupy disjoint intervals of one sorted array.
    """
    probs = np.asarray(probs, dtype=np.float64)
    n_rows, n_cat = probs.shape
    totals = probs.sum(axis=1, keepdims=True)
    cdf = np.cumsum(probs / np.where(totals > 0, totals, 1.0), axis=1)
    cdf[:, -1] = 1.0
    flat = (cdf + np.arange(n_rows)[:, None]).ravel()
    u = rng.random(len(rows)) * (1.0 - 1e-12) + rows
    pos = np.searchsorted(flat, u, side="right")
    return (pos - rows * n_cat).astype(np.int64).clip(0, n_cat - 1)


def stochastic_round(rng: np.random.Generator, x: np.ndarray) -> np.ndarray:
    """Round non-negative reals to integers without bias: 2.3 becomes 3 with chance 0.3."""
    base = np.floor(x)
    return (base + (rng.random(x.shape) < (x - base))).astype(np.int64)


def choose_within_groups(
    rng: np.random.Generator,
    item_group: np.ndarray,
    item_weight: np.ndarray,
    n_groups: int,
    draw_group: np.ndarray,
) -> np.ndarray:
    """For each draw, pick an item of its group with chance proportional to the item's weight.

    ``item_group`` must be sorted. Returns item indices; a draw whose group has no weight gets -1.
    Each group's CDF is shifted by the group number, so one ``searchsorted`` serves all draws.
    """
    item_weight = np.asarray(item_weight, dtype=np.float64)
    totals = np.bincount(item_group, weights=item_weight, minlength=n_groups)
    starts = np.concatenate([[0.0], np.cumsum(totals)[:-1]])
    within = (np.cumsum(item_weight) - starts[item_group]) / np.where(
        totals[item_group] > 0, totals[item_group], 1.0
    )
    flat = within + item_group
    # The last item of each non-empty group closes the group's interval exactly.
    last = np.flatnonzero(np.r_[item_group[1:] != item_group[:-1], True])
    flat[last] = item_group[last] + 1.0
    u = draw_group + rng.random(len(draw_group)) * (1.0 - 1e-9)
    pos = np.searchsorted(flat, u, side="right")
    ok = totals[draw_group] > 0
    pos = np.minimum(pos, len(flat) - 1)
    ok &= item_group[pos] == draw_group
    return np.where(ok, pos, -1)


def rank_within_groups(groups: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Rank (0 = smallest key) of each element among the elements of the same group.

    ``keys`` must lie in [0, 1): one float sort of ``group + key`` orders by group, then key.
    """
    order = np.argsort(groups + keys, kind="stable")
    g = groups[order]
    start = np.r_[True, g[1:] != g[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(len(g)), 0))
    ranks = np.empty(len(g), dtype=np.int64)
    ranks[order] = np.arange(len(g)) - first
    return ranks


def categorical_grouped(
    rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Like :func:`categorical_rows`, but fast when draws are many and rows few: draws are
    grouped by row (an O(n) radix sort for rows < 65,536) and each row's small CDF is searched
    while it sits in cache. Rows with no weight give -1."""
    probs = np.asarray(probs, dtype=np.float64)
    n_rows = probs.shape[0]
    totals = probs.sum(axis=1)
    cdf = np.cumsum(probs, axis=1) / np.where(totals > 0, totals, 1.0)[:, None]
    key = rows.astype(np.uint16) if n_rows < 2**16 else rows
    order = np.argsort(key, kind="stable")
    bounds = np.searchsorted(rows[order], np.arange(n_rows + 1))
    u = rng.random(len(rows))[order]
    out = np.full(len(rows), -1, dtype=np.int64)
    for r in np.flatnonzero((np.diff(bounds) > 0) & (totals > 0)):
        lo, hi = bounds[r], bounds[r + 1]
        out[order[lo:hi]] = np.minimum(
            np.searchsorted(cdf[r], u[lo:hi], side="right"), probs.shape[1] - 1
        )
    return out


def random_rank_within_groups(rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
    """A uniformly random order of the elements of each group: rank 0..k-1 within the group."""
    n = len(groups)
    perm = rng.permutation(n)
    g = groups[perm]
    key = g.astype(np.uint16) if n and groups.max() < 2**16 else g
    order = perm[np.argsort(key, kind="stable")]
    gs = groups[order]
    start = np.r_[True, gs[1:] != gs[:-1]] if n else np.zeros(0, dtype=bool)
    first = np.maximum.accumulate(np.where(start, np.arange(n), 0)) if n else start
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = np.arange(n) - first
    return ranks
