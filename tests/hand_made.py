"""A hand-made economy for testing one process at a time: a few people and firms, set by hand.

``population(n, ...)`` makes ``n`` people (by default 30-year-old urban-hukou city dwellers of the
first region looking for work); ``firms(...)`` makes firms of one market each; ``employ`` gives
people jobs; ``economy(people, firms, **params)`` builds the whole model around that state instead
of the calibrated December 2020 population, with parameters set by their config keys
(``separations__formal=0.0`` sets ``separations.formal``). The processes are the real ones.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import numpy as np

from sim.calendar import month_index
from sim.codes import Education, Occupation, Sector, Status
from sim.config import validate
from sim.firms import Firms
from sim.model import LabourMarketModel
from sim.processes.statistics import Flows
from sim.workers import Workers

N_REGIONS = 4  # the NBS macro-regions of the default config


def population(n: int, weight: float = 1000.0, **columns: Any) -> Workers:
    """``n`` people, each standing for ``weight``; any Workers column can be given (a scalar for
    everyone or one value each)."""
    state = {
        "age_months": np.full(n, 30 * 12, np.int16),
        "female": np.zeros(n, bool),
        "education": np.full(n, Education.JUNIOR_SECONDARY, np.int8),
        "occupation": np.full(n, Occupation.SERVICE_SALES, np.int8),
        "status": np.full(n, Status.UNEMPLOYED, np.int8),
        "hukou_rural": np.zeros(n, bool),
        "hukou_region": np.zeros(n, np.int8),
        "region": np.zeros(n, np.int8),
        "urban": np.ones(n, bool),
        "employer": np.full(n, -1, np.int32),
        "sector": np.full(n, -1, np.int8),
        "wage": np.zeros(n, np.float32),
        "spell": np.zeros(n, np.int16),
        "months_since_urban_job": np.full(n, 600, np.int16),
        "flags": np.zeros(n, np.uint8),
        "ai_displaced_at": np.full(n, -1, np.int16),
        "ai_reemployed_at": np.full(n, -1, np.int16),
        "programme": np.zeros(n, np.int8),
        "ui_months": np.zeros(n, np.int8),
        "last_wage": np.zeros(n, np.float32),
    }
    for name, value in columns.items():
        state[name] = np.broadcast_to(np.asarray(value, state[name].dtype), (n,)).copy()
    return Workers(**state, weight=weight)


def firms(sector: list[int], region: list[int], urban: list[bool], size: list[float]) -> Firms:
    """Established firms (20 years old, no demand shock, no AI), one row per firm."""
    k = len(sector)
    return Firms(
        sector=np.asarray(sector, np.int8),
        region=np.asarray(region, np.int8),
        urban=np.asarray(urban, bool),
        size=np.asarray(size, np.float64),
        shock=np.zeros(k),
        age=np.full(k, 240, np.int32),
        ai_adopted=np.zeros(k, bool),
        ai_propensity=np.zeros(k),
        extra_demand=np.zeros(k),
        n_regions=N_REGIONS,
    )


def employ(people: Workers, idx: np.ndarray, firm: int, at: Firms, wage: float = 5000.0) -> None:
    """People ``idx`` hold formal jobs at ``firm``, where it is."""
    people.employer[idx] = firm
    people.sector[idx] = at.sector[firm]
    people.region[idx] = at.region[firm]
    people.urban[idx] = at.urban[firm]
    people.status[idx] = Status.EMPLOYED_FORMAL
    people.wage[idx] = wage


def economy(people: Workers, employers: Firms, **params: Any) -> LabourMarketModel:
    """The model around a hand-made state, at the end of December 2020; ``a__b=x`` sets the
    config key ``a.b`` (the graduate cohorts are switched off unless demography is asked for)."""
    tree: dict[str, Any] = {}
    for key, value in params.items():
        *sections, leaf = key.split("__")
        node = tree
        for s in sections:
            node = node.setdefault(s, {})
        node[leaf] = value
    tree.setdefault("scenario", {}).setdefault("graduates_multiplier", 0.0)
    with patch("sim.model.build", return_value=(people, employers)):
        return LabourMarketModel(validate(tree))


def begin_month(model: LabourMarketModel, year: int, month: int) -> None:
    """Set the calendar to ``year-month`` and open the month's flows, as the model's step does."""
    model.month_index = month_index(year, month)
    model.flows = Flows.start(model)


def run_month(model: LabourMarketModel, year: int, month: int, *processes: str) -> None:
    """Run ``year-month`` with only the named processes, between the policy stage and the levers'
    booking of costs, as :meth:`LabourMarketModel.step` orders them."""
    begin_month(model, year, month)
    model.policy.step(model)
    for name in processes:
        getattr(model, name).step(model)
    model.policy.settle(model)


__all__ = ["Sector", "begin_month", "economy", "employ", "firms", "population", "run_month"]
