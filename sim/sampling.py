"""Vectorised sampling helpers used by the initial state and the processes.

Random events that befall a few agents a month (deaths, quits and layoffs, on-the-job search,
pension enrolment, ...) are drawn as events, not as one uniform per agent: a binomial count of the
agents whose draw would fall below the largest chance, a sample of that many without replacement,
then thinning to each agent's own chance (:func:`below`, :func:`select`, :func:`select_each`).
Each agent is still selected independently with its own chance, and the work is proportional to
the events, not to the population.
"""

from __future__ import annotations

import numba
import numpy as np

_BELOW_ONE = 1.0 - 2.0**-53  # the largest double under 1


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


def row_cdfs(probs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's CDF over its categories (rows need not sum to one), its guide table and whether
    it has weight: what :func:`inverse_cdf` draws from.

    A row's CDF closes at exactly 1.0 from its last positive category on, so that a draw never
    lands on a category of zero weight, whatever the rounding of the cumulative sums. The guide
    table (Chen and Asau 1974) cuts [0, 1) into two buckets a category and remembers, for each,
    the first category whose CDF passes the bucket's left edge: where a draw's search starts.
    One compiled pass over the rows.
    """
    probs = np.ascontiguousarray(probs, dtype=np.float64)
    totals = probs.sum(axis=1)
    cdf = _cdfs(probs, totals)
    return cdf, _guides(cdf, 2 * probs.shape[1]), totals > 0


def categorical_grouped(
    rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Like :func:`categorical_rows` (draw ``j`` from the distribution ``probs[rows[j]]``, rows
    need not sum to one), but for many draws: rows with no weight give -1.

    Exactly the inverse CDF of the draw's row (:func:`row_cdfs`, :func:`inverse_cdf`), one uniform
    a draw, in one compiled loop over the draws; a category of zero weight is never drawn.
    """
    cdf, guide, has_weight = row_cdfs(probs)
    rows = np.asarray(rows, dtype=np.int64)
    return _draw_rows(cdf, guide, has_weight, rows, rng.random(len(rows)))


# --- compiled loops (numba); they draw nothing: uniforms come from the caller's generator -----


@numba.njit(cache=True)
def _cdfs(probs: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Rows' CDFs for :func:`row_cdfs`: the running sums (left to right, as ``np.cumsum``) over
    the row's total (``totals``), 1.0 from the last positive category on."""
    n_rows, n_cat = probs.shape
    cdf = np.empty((n_rows, n_cat), dtype=np.float64)
    for r in range(n_rows):
        scale = totals[r] if totals[r] > 0 else 1.0
        last = n_cat - 1
        for c in range(n_cat - 1, -1, -1):
            if probs[r, c] > 0:
                last = c
                break
        running = 0.0
        for c in range(n_cat):
            running += probs[r, c]
            cdf[r, c] = running / scale if c < last else 1.0
    return cdf


@numba.njit(cache=True)
def _guides(cdf: np.ndarray, n_buckets: int) -> np.ndarray:
    """Guide tables of the rows of ``cdf``: for bucket ``b`` of [0, 1), the first category whose
    CDF exceeds ``b / n_buckets`` (the last category at most)."""
    n_rows, n_cat = cdf.shape
    guide = np.empty((n_rows, n_buckets), dtype=np.int32)
    for r in range(n_rows):
        c = 0
        for b in range(n_buckets):
            while c < n_cat - 1 and cdf[r, c] <= b / n_buckets:
                c += 1
            guide[r, b] = c
    return guide


@numba.njit(cache=True)
def inverse_cdf(cdf_row: np.ndarray, guide_row: np.ndarray, u: float) -> int:
    """The first category whose CDF exceeds ``u``: the inverse-CDF draw for a uniform ``u`` in
    [0, 1) from a row of :func:`row_cdfs`. The search starts at the guide of ``u``'s bucket and
    steps up, or down, to the category; the guide only makes it short (under a step on average)."""
    c = guide_row[min(int(u * len(guide_row)), len(guide_row) - 1)]
    while cdf_row[c] <= u:
        c += 1
    while c > 0 and cdf_row[c - 1] > u:
        c -= 1
    return c


@numba.njit(cache=True)
def _draw_rows(
    cdf: np.ndarray, guide: np.ndarray, has_weight: np.ndarray, rows: np.ndarray, u: np.ndarray
) -> np.ndarray:
    """Draw ``j``: the inverse CDF of row ``rows[j]`` at ``u[j]``; -1 for a row without weight."""
    out = np.empty(len(rows), dtype=np.int64)
    for j in range(len(rows)):
        r = rows[j]
        out[j] = inverse_cdf(cdf[r], guide[r], u[j]) if has_weight[r] else -1
    return out


def alias_tables(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Walker's alias tables of each row of ``weights`` (rows need not sum to one; Vose's
    construction), and whether the row has weight: what :func:`alias_draw` draws from.

    A row of ``k`` categories is cut into ``k`` equal columns; column ``c`` is category ``c``
    with chance ``prob[c]`` and category ``alias[c]`` otherwise, so that each category's share
    over the columns is its weight's share. A category of zero weight is never drawn.
    """
    weights = np.ascontiguousarray(weights, dtype=np.float64)
    totals = weights.sum(axis=1)
    prob, alias = _alias_rows(weights, totals)
    return prob, alias, totals > 0


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


@numba.njit(cache=True)
def _alias_rows(weights: np.ndarray, totals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vose's alias construction for each row of ``weights`` (see :func:`alias_tables`): columns
    under their share (small) take the rest of their column from one over it (large)."""
    n_rows, k = weights.shape
    prob = np.ones((n_rows, k), dtype=np.float64)
    alias = np.empty((n_rows, k), dtype=np.int32)
    small = np.empty(k, dtype=np.int64)
    large = np.empty(k, dtype=np.int64)
    scaled = np.empty(k, dtype=np.float64)
    for r in range(n_rows):
        positive = 0
        for c in range(k):
            alias[r, c] = c
            if weights[r, c] > 0:
                positive = c
        if totals[r] <= 0:
            continue
        n_small = n_large = 0
        for c in range(k):
            scaled[c] = weights[r, c] * k / totals[r]
            if scaled[c] < 1.0:
                small[n_small] = c
                n_small += 1
            else:
                large[n_large] = c
                n_large += 1
        while n_small > 0 and n_large > 0:
            n_small -= 1
            lo, hi = small[n_small], large[n_large - 1]
            prob[r, lo], alias[r, lo] = scaled[lo], hi
            scaled[hi] = (scaled[hi] + scaled[lo]) - 1.0
            if scaled[hi] < 1.0:
                n_large -= 1
                small[n_small] = hi
                n_small += 1
        # columns left over are full up to rounding; one of zero weight points to a positive one
        for i in range(n_small):
            c = small[i]
            if weights[r, c] <= 0:
                prob[r, c], alias[r, c] = 0.0, positive
    return prob, alias


@numba.njit(cache=True)
def alias_draw(prob_row: np.ndarray, alias_row: np.ndarray, u: float) -> tuple[int, float]:
    """The category drawn from a row of :func:`alias_tables` by a uniform ``u`` in [0, 1), and a
    fresh uniform on [0, 1) for a draw within the category: where ``u`` fell in the category's
    part of its column, rescaled (given the category, that position is uniform).

    No branch on the draw: the column, its chance and alias are read and blended by arithmetic
    (a mispredicted branch on a random outcome would stall the caller's loop).
    """
    x = u * len(prob_row)
    column = min(int(x), len(prob_row) - 1)
    f = min(x - column, _BELOW_ONE)
    p, other = prob_row[column], alias_row[column]
    to_alias = f >= p
    category = column + to_alias * (other - column)
    within = (f - to_alias * p) / (p + to_alias * (1.0 - 2.0 * p))
    return category, min(within, _BELOW_ONE)
