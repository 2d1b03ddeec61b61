"""Compiled loops of job matching (:mod:`sim.processes.matching`): who searches, the vacant jobs,
the applications and the employers' screening.

Each is one pass over its data where numpy would take many: the searchers' pools are found in one
pass over the status column (not one pass a status), and an application is drawn, sent to a vacancy
and screened in one loop over the applications. The loops draw nothing: the uniforms come from
the matching stream, drawn by the caller.
"""

from __future__ import annotations

import numba
import numpy as np

from sim.sampling import inverse_cdf


@numba.njit(cache=True)
def pool_members(
    status: np.ndarray,
    flags: np.ndarray,
    pool_of_status: np.ndarray,
    student_pool: int,
    final_year: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The people in a pool of searchers, in row order, and their pools: one pass over the
    status column (pools: ``pool_of_status[status]``, -1 none; a student only in the final year,
    ``flags`` holding the bit ``final_year``)."""
    rows = np.empty(len(status), dtype=np.int64)  # only the pools' few rows are ever written
    pools = np.empty(len(status), dtype=np.int8)
    k = 0
    for i in range(len(status)):
        pool = pool_of_status[status[i]]
        if pool >= 0 and (pool != student_pool or (flags[i] & final_year) != 0):
            rows[k], pools[k] = i, pool
            k += 1
    return rows[:k].copy(), pools[:k].copy()


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
def screened_applications(
    seeker_type: np.ndarray,
    n_apps: np.ndarray,
    seeker_occ: np.ndarray,
    seeker_edu: np.ndarray,
    seeker_rural: np.ndarray,
    cdf: np.ndarray,
    guide: np.ndarray,
    has_weight: np.ndarray,
    market_v: np.ndarray,
    cell_v: np.ndarray,
    cell_occ: np.ndarray,
    cell_formal: np.ndarray,
    fit: np.ndarray,
    rural_penalty: float,
    u_slot: np.ndarray,
    u_screen: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Seeker ``s`` sends ``n_apps[s]`` applications; returns (seeker, cell) of those that pass
    the employers' screening, in the order they were sent.

    An application goes to one vacant job (slot) with chance proportional to the accessibility of
    its market: ``cdf`` (by seeker type, over markets; ``guide`` its guide tables) is the CDF of
    accessibility x vacancies, so
    the inverse CDF at ``u_slot`` picks the market, and where ``u_slot`` falls inside the market's
    interval picks one of its ``market_v`` slots, each equally likely (cells are sorted by market,
    so a market's slots are contiguous). The employer keeps it with chance
    ``fit[occ, edu, job occ]``, less ``rural_penalty`` x the job's formal share for a rural-hukou
    applicant: kept when ``u_screen`` falls below it.
    """
    n_markets = len(market_v)
    market_slot = np.zeros(n_markets, dtype=np.int64)
    for m in range(1, n_markets):
        market_slot[m] = market_slot[m - 1] + market_v[m - 1]
    slot_cell = np.empty(market_slot[-1] + market_v[-1], dtype=np.int64)
    k = 0
    for c in range(len(cell_v)):
        for _ in range(cell_v[c]):
            slot_cell[k] = c
            k += 1
    out_seeker = np.empty(len(u_slot), dtype=np.int64)
    out_cell = np.empty(len(u_slot), dtype=np.int64)
    a, k = 0, 0
    for s in range(len(seeker_type)):
        row = seeker_type[s]
        for _ in range(n_apps[s]):
            u, a = u_slot[a], a + 1
            if not has_weight[row]:
                continue
            m = inverse_cdf(cdf[row], guide[row], u)
            lo = cdf[row, m - 1] if m > 0 else 0.0
            within = (u - lo) / (cdf[row, m] - lo)
            slot = min(int(within * market_v[m]), market_v[m] - 1)
            cell = slot_cell[market_slot[m] + slot]
            penalty = rural_penalty * cell_formal[cell] * seeker_rural[s]
            chance = fit[seeker_occ[s], seeker_edu[s], cell_occ[cell]] * (1.0 - penalty)
            out_seeker[k], out_cell[k] = s, cell
            k += u_screen[a - 1] < chance  # kept: the next one goes after it
    return out_seeker[:k], out_cell[:k]
