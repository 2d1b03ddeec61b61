"""Labour markets as (region, area, occupation) cells: vacancies and job seekers in each.

Wage setting (local tightness) and training (the most demanded occupation) read the same tally.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.codes import Status
from sim.firms import N_AREAS
from sim.occupations import N_OCC

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


def vacancies_and_seekers(model: LabourMarketModel) -> tuple[np.ndarray, np.ndarray]:
    """Open vacancies and unemployed job seekers by market, each shaped
    (regions, areas, occupations); a seeker's market is their residence and occupation."""
    w, firms = model.workers, model.firms
    shape = (len(model.regions), N_AREAS, N_OCC)
    n = int(np.prod(shape))
    place = (firms.region.astype(np.int64) * N_AREAS + firms.urban)[:, None] * N_OCC
    cells = place + np.arange(N_OCC)[None, :]
    v = np.bincount(cells.ravel(), weights=model.demand.vacancies.ravel(), minlength=n)
    u_mask = w.status == Status.UNEMPLOYED
    seeker = (w.region[u_mask].astype(np.int64) * N_AREAS + w.urban[u_mask]) * N_OCC
    u = np.bincount(seeker + w.occupation[u_mask], minlength=n)
    return v.reshape(shape), u.reshape(shape)
