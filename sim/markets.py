"""Labour markets as (region, area, occupation) cells: vacancies and job seekers in each.

Wage setting reads both tallies (local tightness); training reads the vacancies and the tally of
its own job seekers (the most demanded occupation); the statistics' mismatch index reads the
vacancies and counts the seekers in its tabulation (:class:`sim.processes.statistics.Tabulation`),
as this module does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numba
import numpy as np

from sim import blocks
from sim.codes import Status
from sim.firms import N_AREAS
from sim.occupations import N_OCC

if TYPE_CHECKING:
    from sim.model import LabourMarketModel

UNEMPLOYED = Status.UNEMPLOYED.value  # a plain int: an IntEnum compares slowly


def vacancies_by_market(model: LabourMarketModel) -> np.ndarray:
    """Open vacancies by market, shaped (regions, areas, occupations): a vacancy's market is its
    firm's place and the occupation it asks for."""
    firms = model.firms
    counts = np.zeros((len(model.regions), N_AREAS, N_OCC), dtype=np.int64)
    _count_vacancies(firms.region, firms.urban, model.demand.vacancies, counts)
    return counts.astype(np.float64)


@numba.njit(cache=True, nogil=True)
def _count_vacancies(
    region: np.ndarray, urban: np.ndarray, vacancies: np.ndarray, counts: np.ndarray
) -> None:
    """Add each firm's vacancies by occupation to ``counts[region, area]``: one pass over firms."""
    for f in range(vacancies.shape[0]):
        cell = counts[region[f], np.int64(urban[f])]
        for o in range(vacancies.shape[1]):
            cell[o] += vacancies[f, o]


def seekers_by_market(model: LabourMarketModel) -> np.ndarray:
    """Unemployed job seekers by market, shaped (regions, areas, occupations); a seeker's market
    is their residence and occupation."""
    w = model.workers
    counts = np.zeros((len(model.regions), N_AREAS, N_OCC), dtype=np.int64)
    _count_seekers(w.status, w.region, w.urban, w.occupation, UNEMPLOYED, counts)
    return counts


def _count_seekers(
    status: np.ndarray,
    region: np.ndarray,
    urban: np.ndarray,
    occupation: np.ndarray,
    unemployed: int,
    counts: np.ndarray,
) -> None:
    """Add the agents of status ``unemployed`` to ``counts[region, area, occupation]``: one pass,
    block by block on a few threads (:mod:`sim.blocks`), each thread's counts added to
    ``counts``."""

    def task(lo: int, hi: int, mine: tuple[np.ndarray, ...]) -> None:
        block = status[lo:hi], region[lo:hi], urban[lo:hi], occupation[lo:hi]
        _count_seekers_in(*block, unemployed, mine[0])

    blocks.counted(task, status.shape[0], (counts,))


@numba.njit(cache=True, nogil=True)
def _count_seekers_in(
    status: np.ndarray,
    region: np.ndarray,
    urban: np.ndarray,
    occupation: np.ndarray,
    unemployed: int,
    counts: np.ndarray,
) -> None:
    """Add the agents of status ``unemployed`` to ``counts`` (a block's)."""
    for i in range(status.shape[0]):
        if status[i] == unemployed:
            counts[region[i], np.int64(urban[i]), occupation[i]] += 1


def seekers_in_markets(model: LabourMarketModel, seekers: np.ndarray) -> np.ndarray:
    """The job seekers ``seekers`` by market, shaped (regions, areas, occupations), counted as
    :func:`seekers_by_market` counts all the unemployed (residence and occupation),
    without a pass over everyone when the seekers are known."""
    w = model.workers
    shape = (len(model.regions), N_AREAS, N_OCC)
    place = w.region[seekers].astype(np.int32) * N_AREAS + w.urban[seekers]
    cells = place * N_OCC + w.occupation[seekers]
    return np.bincount(cells, minlength=int(np.prod(shape))).reshape(shape)


def vacancies_and_seekers(model: LabourMarketModel) -> tuple[np.ndarray, np.ndarray]:
    """Open vacancies and unemployed job seekers by market, each shaped
    (regions, areas, occupations)."""
    return vacancies_by_market(model), seekers_by_market(model)
