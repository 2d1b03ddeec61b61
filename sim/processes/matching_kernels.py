"""Compiled loops of job matching (:mod:`sim.processes.matching`): who searches, what each seeker
sends, the vacant jobs, the applications, the employers' screening and offers, each seeker's best
offer, and the hired taking their jobs.

Each is one pass over its data where numpy would take many: the searchers' pools are found in one
pass over the status column (not one pass a status); each seeker's columns are read once for
their type, screening row and number of applications; an application is drawn, sent to a vacancy
and screened in one loop over the applications, and the kept ones enter their vacancies' draws of
applicants in a second; the hired's columns are all written in one pass over them. The loops draw
nothing: the uniforms come from the matching stream, drawn by the caller.
"""

from __future__ import annotations

import numba
import numpy as np

from sim import blocks
from sim.sampling import alias_draw


def pool_members(
    status: np.ndarray,
    flags: np.ndarray,
    pool_of_status: np.ndarray,
    student_pool: int,
    final_year: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The people in a pool of searchers, in row order, and their pools: one pass over the
    status column, block by block on a few threads (:mod:`sim.blocks`) (pools:
    ``pool_of_status[status]``, -1 none; a student only in the final year, ``flags`` holding the
    bit ``final_year``)."""

    def task(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        return _pool_members_in(
            lo, status[lo:hi], flags[lo:hi], pool_of_status, student_pool, final_year
        )

    found = [members for _, members in blocks.run(task, len(status))]
    return blocks.join([rows for rows, _ in found]), blocks.join([pools for _, pools in found])


@numba.njit(cache=True, nogil=True)
def _pool_members_in(
    lo: int,
    status: np.ndarray,
    flags: np.ndarray,
    pool_of_status: np.ndarray,
    student_pool: int,
    final_year: int,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`pool_members` of the block of rows from ``lo`` (``status``, ``flags``: theirs)."""
    # every row is written at the next free place, which moves on only for a pool's member: no
    # branch on the status (mispredicted for the few members, it would stall the pass)
    rows = np.empty(len(status) + 1, dtype=np.int64)
    pools = np.empty(len(status) + 1, dtype=np.int8)
    k = 0
    for i in range(len(status)):
        pool = pool_of_status[status[i]]
        final = (flags[i] & final_year) != 0
        rows[k], pools[k] = lo + i, pool
        k += (pool >= 0) & ((pool != student_pool) | final)
    return rows[:k].copy(), pools[:k].copy()


@numba.njit(cache=True)
def seeker_profiles(
    seekers: np.ndarray,
    group: np.ndarray,
    w: tuple,
    apps: np.ndarray,
    sizes: tuple,
    codes: tuple,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What the application loop needs of each seeker, in one pass over the seekers: their type
    (region, area, occupation, education: the row of the accessibility table), their row of the
    screening table (occupation, education, rural hukou) and how many applications they send.

    ``w``: the worker columns (region, urban, occupation, education, hukou_rural, flags, spell);
    ``group``: 0 unemployed, 1 final-year student, 2 searching from a job, farm or programme;
    ``apps``: applications of one from a job, a student, a graduate in the month they
    graduate, an unemployed person, one unemployed for 6 months or more; ``sizes``: (number of
    areas, occupations, education levels); ``codes``: (the GRADUATE bit, tertiary education). A
    student looks for the jobs of a college graduate, in the cities (area 1).
    """
    region, urban, occupation, education, rural, flags, spell = w
    n_areas, n_occ, n_edu = sizes
    graduate, tertiary = codes
    n = len(seekers)
    types = np.empty(n, dtype=np.int32)
    screen_row = np.empty(n, dtype=np.int32)
    n_apps = np.empty(n, dtype=np.int32)
    for k in range(n):
        i, g = seekers[k], group[k]
        student = g == 1
        edu = tertiary if student else education[i]
        area = np.int64(1) if student else np.int64(urban[i])
        occ = occupation[i]
        types[k] = ((region[i] * n_areas + area) * n_occ + occ) * n_edu + edu
        screen_row[k] = (occ * n_edu + edu) * 2 + rural[i]
        if g == 2:
            n_apps[k] = apps[0]
        elif student:
            n_apps[k] = apps[1]
        elif (flags[i] & graduate) != 0 and spell[i] == 0:
            n_apps[k] = apps[2]
        else:
            n_apps[k] = apps[3 + (spell[i] >= 6)]
    return types, screen_row, n_apps


@numba.njit(cache=True)
def vacancy_cells(
    vacancies: np.ndarray, firm_market: np.ndarray, n_markets: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Vacant jobs as cells (firm, occupation) with vacancies, sorted by market (a counting sort;
    firms in order within a market). The market of cell (f, o) is ``firm_market[f] + o``.

    Returns each cell's firm, occupation and vacancies, and each market's vacancies.
    """
    n_firms, n_occ = vacancies.shape
    start = np.zeros(n_markets + 1, dtype=np.int64)
    market_v = np.zeros(n_markets, dtype=np.int64)
    for f in range(n_firms):
        for o in range(n_occ):
            if vacancies[f, o] > 0:
                start[firm_market[f] + o + 1] += 1
                market_v[firm_market[f] + o] += vacancies[f, o]
    for m in range(n_markets):
        start[m + 1] += start[m]
    fill = start[:-1].copy()
    n_cells = start[-1]
    cell_firm = np.empty(n_cells, dtype=np.int64)
    cell_occ = np.empty(n_cells, dtype=np.int64)
    cell_v = np.empty(n_cells, dtype=np.int64)
    for f in range(n_firms):
        for o in range(n_occ):
            if vacancies[f, o] > 0:
                c = fill[firm_market[f] + o]
                cell_firm[c], cell_occ[c], cell_v[c] = f, o, vacancies[f, o]
                fill[firm_market[f] + o] += 1
    return cell_firm, cell_occ, cell_v, market_v


@numba.njit(cache=True)
def vacancy_slots(
    market_v: np.ndarray, cell_v: np.ndarray, cell_kind: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every vacant job as a slot, cells in order (so a market's and a cell's slots are
    contiguous): each slot's cell and job kind (its cell's ``cell_kind``), and where each
    market's slots start."""
    market_slot = np.zeros(len(market_v), dtype=np.int64)
    for m in range(1, len(market_v)):
        market_slot[m] = market_slot[m - 1] + market_v[m - 1]
    n_slots = cell_v.sum()
    slot_cell = np.empty(n_slots, dtype=np.int32)
    slot_kind = np.empty(n_slots, dtype=np.int32)
    k = 0
    for c in range(len(cell_v)):
        for _ in range(cell_v[c]):
            slot_cell[k], slot_kind[k] = c, cell_kind[c]
            k += 1
    return slot_cell, slot_kind, market_slot


def vacancy_picks(
    seeker_type: np.ndarray,
    n_apps: np.ndarray,
    screen_row: np.ndarray,
    prob: np.ndarray,
    alias: np.ndarray,
    has_weight: np.ndarray,
    market_v: np.ndarray,
    cell_v: np.ndarray,
    cell_kind: np.ndarray,
    fit: np.ndarray,
    u: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Applications, screening and offers: seeker ``s`` sends ``n_apps[s]`` applications; each
    vacant job (slot) ends up holding one of the applicants its cell kept, at random. Returns
    each slot's (seeker, application number), -1 for nobody, and cell.

    Application ``a`` (uniforms ``u[a, 0]``, ``u[a, 1]``) goes to one slot with chance
    proportional to the accessibility of its market: ``prob``, ``alias`` (by seeker type, over
    markets) are the alias tables of accessibility x vacancies (:func:`sim.sampling.alias_draw`),
    which draw the market at ``u[a, 0]``, and the position of the draw within the market picks
    one of its ``market_v`` slots, each equally likely. The employer keeps it when ``u[a, 1]``
    falls below ``fit[screen_row[s], kind]`` (``kind``: the cell's job, ``cell_kind``; the row:
    the applicant's occupation, education and hukou). The ``v`` slots of a cell hold a uniform
    random sample (without replacement) of the applications the cell kept, or all of them if
    fewer: reservoir sampling (Vitter's algorithm R) in the order of the applications, the
    ``i``-th kept application taking slot ``int(r x (i + 1))`` if under ``v``, where
    ``r = u[a, 1] / fit``: given that the application was kept, ``u[a, 1]`` is uniform below the
    fit, so ``r`` is a fresh uniform on [0, 1).

    Two loops: the first sends and screens the applications (reading only small tables that stay
    in cache), the second passes the kept ones through their cells' reservoirs, so that no read
    in the first waits on a cell's count written by an earlier application. The first runs on
    a few threads, each over a run of seekers sending about as many applications (a seeker's
    applications depend on nobody else's): the kept ones, joined in seeker order, are those of
    one pass (:func:`sim.blocks.run_cuts`).
    """
    slot_cell, slot_kind, market_slot = vacancy_slots(market_v, cell_v, cell_kind)
    first_app = first_applications(n_apps)

    def task(lo: int, hi: int) -> tuple[np.ndarray, ...]:
        return _send_and_screen(
            lo, first_app[lo], seeker_type[lo:hi], n_apps[lo:hi], screen_row[lo:hi], prob, alias,
            has_weight, market_v, market_slot, slot_kind, fit, u,
        )  # fmt: skip

    found = [kept for _, kept in blocks.run_cuts(task, seeker_runs(first_app))]
    kept_slot, kept_app, kept_seeker, kept_r = (
        blocks.join(part) for part in zip(*found, strict=True)
    )
    pick = _reservoirs(kept_slot, kept_app, kept_seeker, kept_r, slot_cell, cell_v)
    return pick, slot_cell


@numba.njit(cache=True)
def first_applications(n_apps: np.ndarray) -> np.ndarray:
    """The number of each seeker's first application (seekers sending ``n_apps`` each, in
    order), then the total (a loop: numpy's cumulative sum into int64 casts slowly)."""
    first = np.empty(len(n_apps) + 1, dtype=np.int64)
    first[0] = 0
    for s in range(len(n_apps)):
        first[s + 1] = first[s] + n_apps[s]
    return first


SPLIT_APPLICATIONS = 1 << 16  # applications a run of seekers has at least (a task's overhead)


def seeker_runs(first_app: np.ndarray) -> list[tuple[int, int]]:
    """The seekers cut into runs (``(lo, hi)``, in order), a few a thread (as
    :func:`sim.blocks.spans`), each sending about as many applications (``first_app``: the
    number of the first application of each seeker, then the total) and at least
    :data:`SPLIT_APPLICATIONS`; one run if there are few applications or a single thread."""
    n, total = len(first_app) - 1, int(first_app[-1])
    threads = blocks.threads()
    parts = 1 if threads == 1 else blocks.TASKS_PER_THREAD * threads
    parts = max(1, min(parts, total // SPLIT_APPLICATIONS))
    cuts = [0]
    for p in range(1, parts):
        cuts.append(max(cuts[-1], int(np.searchsorted(first_app, total * p // parts))))
    cuts.append(n)
    return list(zip(cuts[:-1], cuts[1:], strict=True))


@numba.njit(cache=True, nogil=True)
def _send_and_screen(
    lo,
    first,
    seeker_type,
    n_apps,
    screen_row,
    prob,
    alias,
    has_weight,
    market_v,
    market_slot,
    slot_kind,
    fit,
    u,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The applications of the run of seekers from ``lo`` (``seeker_type``, ``n_apps``,
    ``screen_row``: theirs; their first application numbered ``first``) of
    :func:`vacancy_picks` that employers keep, in order: each one's slot
    (the one the application drew; its cell's reservoir decides where it goes), application
    number, seeker and reservoir uniform ``r``.

    The market and slot are unsigned when they index, so that no index is checked for a
    negative (wrap-around) value in the loop; the screening table is read by (row, column), not
    through a view of the seeker's row (a view costs two atomic reference counts a seeker).
    """
    n = 0
    for s in range(len(n_apps)):
        n += n_apps[s]
    kept_slot = np.empty(n + 1, dtype=np.int32)
    kept_app = np.empty(n + 1, dtype=np.int32)
    kept_seeker = np.empty(n + 1, dtype=np.int32)
    kept_r = np.empty(n + 1, dtype=np.float64)
    k = 0
    end = first
    for s in range(len(seeker_type)):
        row, screen = seeker_type[s], screen_row[s]
        start, end = end, end + n_apps[s]
        if not has_weight[row]:
            continue
        prob_row, alias_row = prob[row], alias[row]
        for a in range(start, end):
            m, within = alias_draw(prob_row, alias_row, u[a, 0])
            m = np.uint64(m)
            v = market_v[m]
            slot = np.uint64(market_slot[m] + min(int(within * v), v - 1))
            p, y = fit[screen, slot_kind[slot]], u[a, 1]
            # every application is written at the next place, which moves on only if kept
            kept_slot[k], kept_app[k], kept_seeker[k] = slot, a, lo + s
            kept_r[k] = min(y, p) / max(p, 1e-300)
            k += y < p
    return kept_slot[:k], kept_app[:k], kept_seeker[:k], kept_r[:k]


@numba.njit(cache=True)
def _reservoirs(kept_slot, kept_app, kept_seeker, kept_r, slot_cell, cell_v) -> np.ndarray:
    """Each slot's (seeker, application number) of :func:`vacancy_picks`, -1 for nobody: the
    kept applications pass, in order, through their cells' reservoirs (``kept_slot``: the slot
    each drew, ``slot_cell``: its cell, ``cell_v``: the cell's slots)."""
    n_slots = len(slot_cell)
    first = np.empty(len(cell_v), dtype=np.int64)
    kept = np.zeros(len(cell_v), dtype=np.int64)
    n = 0
    for c in range(len(cell_v)):
        first[c] = n
        n += cell_v[c]
    # one slot past the last takes the writes of applications that fill no slot: arithmetic, not
    # branches, on random outcomes in the loop (a mispredicted branch stalls it, twice as slow)
    pick = np.full((n_slots + 1, 2), -1, dtype=np.int32)
    for q in range(len(kept_slot)):
        c = slot_cell[kept_slot[q]]
        i, v = kept[c], cell_v[c]
        kept[c] = i + 1
        j = i + (i >= v) * (min(int(kept_r[q] * (i + 1)), i) - i)  # i if under v
        slot = n_slots + (j < v) * (first[c] + j - n_slots)
        pick[slot, 0] = kept_seeker[q]
        pick[slot, 1] = kept_app[q]
    return pick[:n_slots]


@numba.njit(cache=True)
def best_offers(pick: np.ndarray, slot_level: np.ndarray, n_seekers: int) -> np.ndarray:
    """Each seeker's best offer: the slot (``pick``: its seeker and application) offering the
    highest wage level, of equal ones the one from the earliest application (-1: no offer)."""
    best = np.full(n_seekers, -1, dtype=np.int64)
    for k in range(len(pick)):
        s = pick[k, 0]
        if s < 0:
            continue
        b = best[s]
        if (
            b < 0
            or slot_level[k] > slot_level[b]
            or (slot_level[k] == slot_level[b] and pick[k, 1] < pick[b, 1])
        ):
            best[s] = k
    return best


@numba.njit(cache=True)
def offers(
    pick: np.ndarray, slot_cell: np.ndarray, cell_level: np.ndarray, n_seekers: int
) -> tuple[np.ndarray, np.ndarray]:
    """The seekers holding an offer, in order, and the cell of their best one
    (:func:`best_offers`; ``cell_level``: each cell's wage level)."""
    slot_level = np.empty(len(pick), dtype=np.float64)
    for k in range(len(pick)):
        slot_level[k] = cell_level[slot_cell[k]]
    best = best_offers(pick, slot_level, n_seekers)
    n = 0
    for s in range(n_seekers):
        n += best[s] >= 0
    seeker = np.empty(n, dtype=np.int64)
    cell = np.empty(n, dtype=np.int64)
    n = 0
    for s in range(n_seekers):
        if best[s] >= 0:
            seeker[n], cell[n] = s, slot_cell[best[s]]
            n += 1
    return seeker, cell


@numba.njit(cache=True)
def take_jobs(
    hired: np.ndarray,
    firm: np.ndarray,
    occ: np.ndarray,
    pay: np.ndarray,
    flexible: np.ndarray,
    from_unemployment: np.ndarray,
    firm_sector: np.ndarray,
    firm_region: np.ndarray,
    firm_urban: np.ndarray,
    w: tuple,
    codes: tuple,
    hires_by_region_area: np.ndarray,
) -> tuple[int, int, int]:
    """Put ``hired[k]`` in the job (``firm[k]``, ``occ[k]``) at ``pay[k]``, flexible or formal:
    one pass over the hired that writes all their columns.

    ``w``: the worker columns (status, flags, employer, sector, occupation, wage, region, urban,
    spell, programme, ui_months, months_since_urban_job, ai_reemployed_at, hukou_rural);
    ``codes``: (formal status, flexible status, EVER_MIGRATED, AI_DISPLACED, PENSION_INSURED,
    IN_PLACE_URBAN bits, this model month). A rural-hukou person taking an urban job from a rural
    home has migrated; one taking a job in another region is no longer at home; a person
    displaced by AI and not yet re-employed is re-employed now; a formal contract carries pension
    insurance. Hires out of unemployment are counted by the region and
    area the hired lived in (``hires_by_region_area``, added to).

    Returns the new urban jobs of people without one for a year, the hires out of unemployment
    that lived in urban areas, and the people re-employed after AI displacement.
    """
    (status, flags, employer, sector, occupation, wage, region, urban, spell, programme,
     ui_months, months_since_urban_job, ai_reemployed_at, hukou_rural) = w  # fmt: skip
    formal, flex_status, migrated, displaced, insured, in_place, month = codes
    new_urban = unemployed_urban = reemployed = 0
    for k in range(len(hired)):
        i, f = hired[k], firm[k]
        job_urban = firm_urban[f]
        new_urban += job_urban & (months_since_urban_job[i] >= 12)
        if from_unemployment[k]:
            hires_by_region_area[region[i], int(urban[i])] += 1
            unemployed_urban += urban[i]
        bits = flags[i]
        if hukou_rural[i] and job_urban and not urban[i]:
            bits |= migrated
        if region[i] != firm_region[f]:  # a job in another region: no longer at home
            bits &= 255 ^ in_place
        if (bits & displaced) != 0 and ai_reemployed_at[i] < 0:
            ai_reemployed_at[i] = month
            reemployed += 1
        if not flexible[k]:
            bits |= insured
        flags[i] = bits
        programme[i] = 0
        ui_months[i] = 0
        employer[i] = f
        sector[i] = firm_sector[f]
        occupation[i] = occ[k]
        wage[i] = pay[k]
        region[i] = firm_region[f]
        urban[i] = job_urban
        status[i] = flex_status if flexible[k] else formal
        spell[i] = 0
    return new_urban, unemployed_urban, reemployed
