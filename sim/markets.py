"""Labour markets as (region, area, occupation) cells: vacancies and job seekers in each.

Wage setting (local tightness) and training (the most demanded occupation) read the same tally;
the statistics' mismatch index reads the vacancies and its own tabulation of the seekers
(:class:`sim.processes.statistics.Tabulation`), which counts them as :func:`seekers_by_market` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.codes import Status
from sim.firms import N_AREAS
from sim.occupations import N_OCC

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


def vacancies_by_market(model: LabourMarketModel) -> np.ndarray:
    """Open vacancies by market, shaped (regions, areas, occupations): a vacancy's market is its
    firm's place and the occupation it asks for."""
    firms = model.firms
    shape = (len(model.regions), N_AREAS, N_OCC)
    place = (firms.region.astype(np.int32) * N_AREAS + firms.urban)[:, None] * N_OCC
    cells = place + np.arange(N_OCC, dtype=np.int32)[None, :]
    v = np.bincount(
        cells.ravel(), weights=model.demand.vacancies.ravel(), minlength=int(np.prod(shape))
    )
    return v.reshape(shape)


def seekers_by_market(model: LabourMarketModel) -> np.ndarray:
    """Unemployed job seekers by market, shaped (regions, areas, occupations); a seeker's market
    is their residence and occupation."""
    w = model.workers
    shape = (len(model.regions), N_AREAS, N_OCC)
    u_mask = w.status == Status.UNEMPLOYED.value  # a plain int: an IntEnum compares slowly
    seeker = (w.region[u_mask].astype(np.int32) * N_AREAS + w.urban[u_mask]) * N_OCC
    return np.bincount(seeker + w.occupation[u_mask], minlength=int(np.prod(shape))).reshape(shape)


def vacancies_and_seekers(model: LabourMarketModel) -> tuple[np.ndarray, np.ndarray]:
    """Open vacancies and unemployed job seekers by market, each shaped
    (regions, areas, occupations)."""
    return vacancies_by_market(model), seekers_by_market(model)
