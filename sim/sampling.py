"""Vectorised sampling helpers used by the initial state and the processes.

Random events that befall a few agents a month (deaths, quits and layoffs, on-the-job search,
pension enrolment, ...) are drawn as events, not as one uniform per agent: a binomial count of the
agents whose draw would fall below the largest chance, a sample of that many without replacement,
then thinning to each agent's own chance (:func:`below`, :func:`select`, :func:`select_each`).
Each agent is still selected independently with its own chance, and the work is proportional to
the events, not to the population.
"""

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
    """Like :func:`categorical_rows` (draw ``j`` from the distribution ``probs[rows[j]]``, rows
    need not sum to one), but for many draws: rows with no weight give -1.

    Inverse CDF with a guide table (Chen and Asau 1974): each row's [0, 1) is cut into one to
    four buckets a category, each bucket remembers the first category whose CDF passes
    the bucket's left edge, and a draw steps on from there to the first category whose CDF
    exceeds it (under two steps on average). One uniform per draw, no loop over rows; the draw is
    exactly the inverse CDF of its row, so a category of zero weight is never drawn.
    """
    probs = np.asarray(probs, dtype=np.float64)
    n_rows, n_cat = probs.shape
    totals = probs.sum(axis=1)
    cdf = np.cumsum(probs, axis=1) / np.where(totals > 0, totals, 1.0)[:, None]
    # each row closes at its last positive category, so rounding never reaches a zero one
    last = n_cat - 1 - np.argmax(probs[:, ::-1] > 0, axis=1)
    cdf[np.arange(n_cat)[None, :] >= last[:, None]] = 1.0
    row_start = np.arange(n_rows, dtype=np.int64) * n_cat
    # up to four buckets a category when draws outnumber the table's cells: shorter walks
    n_buckets = n_cat * int(np.clip(len(rows) // max(n_rows * n_cat, 1), 1, 4))
    # the bucket edges a hair low absorb the rounding of the row offsets: a guide may start a step
    # early (the walk corrects it), never late
    edges = np.arange(n_rows)[:, None] + (np.arange(n_buckets)[None, :] / n_buckets - 1e-9)
    guide = np.searchsorted((cdf + np.arange(n_rows)[:, None]).ravel(), edges.ravel(), "right")
    guide = np.maximum(guide, np.repeat(row_start, n_buckets))
    flat = cdf.ravel()
    rows = np.asarray(rows, dtype=np.int64)
    u = rng.random(len(rows))
    pos = guide[rows * n_buckets + np.minimum((u * n_buckets).astype(np.int64), n_buckets - 1)]
    todo = np.flatnonzero(flat[pos] <= u)
    while len(todo):
        pos[todo] += 1
        todo = todo[flat[pos[todo]] <= u[todo]]
    return np.where(totals[rows] > 0, pos - row_start[rows], -1)


def random_rank_within_groups(rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
    """A uniformly random order of the elements of each group: rank 0..k-1 within the group.

    One sort of 64-bit keys: the group in the high bits, random bits below it (over 40 of them
    for up to a million groups, so that two keys of a group tie about once in 10^12 pairs).
    """
    n = len(groups)
    ranks = np.empty(n, dtype=np.int64)
    if n == 0:
        return ranks
    groups = np.asarray(groups, dtype=np.int64)
    shift = 63 - max(int(groups.max()).bit_length(), 1)
    key = (groups << shift) | rng.integers(0, 1 << shift, n, dtype=np.int64)
    order = np.argsort(key)
    gs = groups[order]
    start = np.r_[True, gs[1:] != gs[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(n), 0))
    ranks[order] = np.arange(n) - first
    return ranks


def below(rng: np.random.Generator, n: int, level: float) -> tuple[np.ndarray, np.ndarray]:
    """The units of ``0..n-1`` whose uniform draw falls below ``level``, and those draws.

    Reproduces exactly, in distribution, ``u = rng.random(n); i = np.flatnonzero(u < level);
    return i, u[i]``: the number of such units is Binomial(n, level), they are a uniform sample
    of that size without replacement (returned sorted), and each one's draw is uniform on
    [0, level). Only about ``n * level`` numbers are drawn, not ``n``. A unit with chance
    ``p <= level`` then happens with ``draw < p`` (thinning), exactly as with the full draw.
    """
    if n <= 0 or level <= 0.0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    if level >= 1.0:
        return np.arange(n, dtype=np.int64), rng.random(n)
    k = int(rng.binomial(n, level))
    if k == n:
        idx = np.arange(n, dtype=np.int64)
    else:
        idx = np.sort(rng.choice(n, size=k, replace=False, shuffle=False))
    return idx, rng.random(k) * level


def select(rng: np.random.Generator, candidates: np.ndarray, p: float) -> np.ndarray:
    """Each of ``candidates`` selected independently with the same chance ``p`` (clipped to
    [0, 1]): a Binomial(n, p) count, then a uniform sample of that many without replacement.
    The selected keep their order in ``candidates``."""
    return candidates[below(rng, len(candidates), min(max(float(p), 0.0), 1.0))[0]]


def select_each(
    rng: np.random.Generator,
    candidates: np.ndarray,
    chance: np.ndarray,
    p_max: float,
) -> np.ndarray:
    """Each of ``candidates`` selected independently with its own chance (a Bernoulli draw with
    chance ``chance[i]``, which must lie in [0, ``p_max``]; values above 1 act as 1).

    Thinning: the units whose uniform falls below ``p_max`` (:func:`below`), kept when it also
    falls below their own chance. The selected keep their order in ``candidates``. (Where a
    chance costs a lookup, :func:`below` lets a caller look up only the few units below.)
    """
    idx, u = below(rng, len(candidates), min(float(p_max), 1.0))
    return candidates[idx[u < np.asarray(chance)[idx]]]
