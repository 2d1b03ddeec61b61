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
    return i, u[i]``: the units are :func:`units_below` (a Binomial(n, level) count, a uniform
    sample of that size without replacement, sorted), and each one's draw is uniform on
    [0, level), independent of which units they are. Only about ``n * level`` numbers are drawn,
    not ``n``. A unit with chance ``p <= level`` then happens with ``draw < p`` (thinning),
    exactly as with the full draw.
    """
    idx = units_below(rng, n, level)
    draws = rng.random(len(idx))
    if level < 1.0:
        draws *= level
    return idx, draws


def units_below(rng: np.random.Generator, n: int, level: float) -> np.ndarray:
    """The units of ``0..n-1`` whose (virtual) uniform draw falls below ``level``, sorted (int64),
    without the draws: each unit independently with chance ``level``.

    Their number is Binomial(n, level) and, given it, every set of that many units is equally
    likely (the units are exchangeable): a binomial count, then :func:`distinct_sorted`.
    """
    if n <= 0 or level <= 0.0:
        return np.zeros(0, dtype=np.int64)
    if level >= 1.0:
        return np.arange(n, dtype=np.int64)
    k = int(rng.binomial(n, level))
    return np.arange(n, dtype=np.int64) if k == n else distinct_sorted(rng, n, k)


def distinct_sorted(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """A uniform sample of ``k`` of ``0..n-1`` without replacement (``0 <= k <= n``,
    ``n <= 2**32``), sorted (int64): every set of ``k`` units equally likely.

    Units are drawn one after another, independently and uniformly over ``0..n-1`` (Lemire's
    exact bounded draw, as ``rng.integers`` makes it, from 32-bit halves of the generator's raw
    words), into a bitmap of ``n`` bits, until ``k`` distinct units are in: a unit drawn again is
    skipped, and the raw words left over when the ``k``-th arrives are thrown away. The set is
    thus the first ``k`` distinct values of a sequence of independent uniform draws, and that set
    is uniform over the ``k``-subsets: relabelling the units by any permutation maps the sequence
    to another with the same distribution, and its first ``k`` distinct values to those of the
    other, so the set's distribution is the same under every relabelling, which only the uniform
    distribution is. Above ``n / 2`` the ``n - k`` units left out are drawn instead (the
    complement of a uniform subset is uniform), so a draw is new with chance at least a half.
    Reading the bitmap in order gives the units sorted: the work is about ``k`` plus ``n / 64``;
    under half a unit a 64-unit word, sorting the units drawn is quicker.
    """
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if n > 2**32:
        raise ValueError(f"distinct_sorted draws 32-bit units: n = {n} is over 2**32")
    leave_out = 2 * k > n
    total = n - k if leave_out else k
    bits = np.zeros((n + 63) // 64, dtype=np.uint64)
    units = np.empty(total, dtype=np.int64)
    need = total
    while need > 0:
        # enough raw words, on average, for the draws still needed (two units a word): a new
        # unit comes with chance at least (n - total) / n
        words = need * n // (2 * (n - total)) + 8
        need = _mark_new(bits, rng.bit_generator.random_raw(words), n, units, need)
    if 128 * k < n:  # under half a unit a word: sorting the few units beats reading every word
        units.sort()
        return units
    return _set_bits(bits, n, k, leave_out)


def select(rng: np.random.Generator, candidates: np.ndarray, p: float) -> np.ndarray:
    """Each of ``candidates`` selected independently with the same chance ``p`` (clipped to
    [0, 1]): a Binomial(n, p) count, then a uniform sample of that many without replacement.
    The selected keep their order in ``candidates``."""
    return candidates[units_below(rng, len(candidates), float(p))]


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


# De Bruijn sequence for the position of a word's lowest set bit (multiply, shift, look up)
_DE_BRUIJN = np.uint64(0x03F79D71B4CB0A89)
_LOWEST_BIT_AT = np.zeros(64, dtype=np.int64)
for _bit in range(64):
    _LOWEST_BIT_AT[((_DE_BRUIJN << np.uint64(_bit)) >> np.uint64(58))] = _bit


@numba.njit(cache=True)
def _mark_new(bits: np.ndarray, raw: np.ndarray, n: int, units: np.ndarray, need: int) -> int:
    """Draw units of ``0..n-1`` from the raw 64-bit words ``raw`` (low half first, then high;
    Lemire's bounded draw: ``x * n >> 32`` of a 32-bit ``x``, rejecting the few ``x`` whose low
    product falls below ``2**32 mod n``, which makes every unit equally likely) and set their
    bits in the bitmap ``bits`` until ``need`` new units are set, each new one also written to
    the end of ``units`` still free (place ``len(units) - need``); how many are still needed when
    the words run out (0 if they did not)."""
    n_64 = np.uint64(n)
    low = np.uint64(0xFFFFFFFF)
    threshold = np.uint64((2**32 - n) % n)
    for j in range(len(raw)):
        for half in range(2):
            product = ((raw[j] >> np.uint64(32 * half)) & low) * n_64
            if (product & low) < threshold:
                continue
            unit = np.int64(product >> np.uint64(32))
            word, bit = unit >> 6, np.uint64(1) << np.uint64(unit & 63)
            if bits[word] & bit:
                continue
            bits[word] |= bit
            units[len(units) - need] = unit
            need -= 1
            if need == 0:
                return 0
    return need


@numba.njit(cache=True)
def _set_bits(bits: np.ndarray, n: int, k: int, complement: bool) -> np.ndarray:
    """The ``k`` units (ascending, int64) whose bit is set in ``bits``, or, with ``complement``,
    whose bit is clear among ``0..n-1``.

    A word's units are read off lowest bit first. The first few of each word (about as many as a
    word usually holds: ``64 k / n`` plus two standard deviations) are read without a branch on
    the word: an empty word writes a harmless value at the next free place, which a unit then
    overwrites (or lies past ``k``); a branch on each random word would stall the loop.
    """
    per_word = 64.0 * k / n
    unrolled = min(int(per_word + 2.0 * np.sqrt(per_word)), 64)
    out = np.empty(k + 1, dtype=np.int64)
    found = 0
    last = len(bits) - 1
    tail = np.uint64(0xFFFFFFFFFFFFFFFF) >> np.uint64((64 - n % 64) % 64)
    for i in range(len(bits)):
        word = ~bits[i] if complement else bits[i]
        if i == last:
            word &= tail
        base = np.int64(i) << 6
        for _ in range(unrolled):
            lowest = word & (~word + np.uint64(1))
            out[found] = base + _LOWEST_BIT_AT[(lowest * _DE_BRUIJN) >> np.uint64(58)]
            found += word != 0
            word ^= lowest
        while word:
            lowest = word & (~word + np.uint64(1))
            out[found] = base + _LOWEST_BIT_AT[(lowest * _DE_BRUIJN) >> np.uint64(58)]
            found += 1
            word ^= lowest
    return out[:k]
