"""Workers: every person of the modelled population aged 16-74, held as a structure of arrays.

Each agent is an individual with its own state; agent ``i`` is row ``i`` of every column. The
columns have compact dtypes so a million agents fit in a few tens of megabytes, and every process
updates them with vectorised numpy. Each agent stands for ``weight`` people.

When a person dies or turns 75 their row is taken by a 16-year-old entrant (the population is
held constant: entrants and leavers are of similar size in 2021-2025), so arrays never grow.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from sim.codes import EMPLOYED_STATUSES, Sector, Status, status_table

# IS_EMPLOYED[status] tells whether a status counts as employed (a table lookup is fast).
IS_EMPLOYED = status_table(*EMPLOYED_STATUSES)

# Bits of Workers.flags: group memberships the plan targets.
GRADUATE = np.uint8(1)  # college graduate of the current or previous cohort
POVERTY_ALLEVIATED = np.uint8(2)  # registered as lifted out of poverty (脱贫人口)
AI_DISPLACED = np.uint8(4)  # lost a job to AI adoption (AI module)
EVER_MIGRATED = np.uint8(8)  # has worked away from the home township
TRAINED = np.uint8(16)  # completed subsidised training
PENSION_INSURED = np.uint8(32)  # enrolled in basic pension insurance (either scheme)
FINAL_YEAR = np.uint8(64)  # college student graduating next July (campus recruitment)
IN_PLACE_URBAN = np.uint8(128)  # at home in a village that became urban (in-place urbanisation)


@dataclass
class Workers:
    """The state of every agent. Units: age in months, wage in yuan per month."""

    age_months: np.ndarray  # int16
    female: np.ndarray  # bool
    education: np.ndarray  # int8, Education
    occupation: np.ndarray  # int8, Occupation of the current or last job (or trained for)
    status: np.ndarray  # int8, Status
    hukou_rural: np.ndarray  # bool, agricultural hukou
    hukou_region: np.ndarray  # int8, region index of the hukou
    region: np.ndarray  # int8, region index of residence
    urban: np.ndarray  # bool, lives in an urban area (town or city)
    employer: np.ndarray  # int32, firm index, -1 when not in a firm job
    sector: np.ndarray  # int8, Sector of the current job, -1 when none
    wage: np.ndarray  # float32, yuan per month in the current job, 0 when none
    spell: np.ndarray  # int16, months in the current status
    months_since_urban_job: np.ndarray  # int16, months since last urban employment (capped; 1
    # from the start of a month for those in urban work at the end of the last)
    flags: np.ndarray  # uint8, bit set of GRADUATE, POVERTY_ALLEVIATED, ...
    ai_displaced_at: np.ndarray  # int16, model month of the last AI displacement, -1 never
    ai_reemployed_at: np.ndarray  # int16, model month of the first job after it, -1 not yet
    programme: np.ndarray  # int8, public programme of a PUBLIC_PROGRAMME job (0 none)
    ui_months: np.ndarray  # int8, months of unemployment benefit left
    last_wage: np.ndarray  # float32, yuan per month in the last job (for benefits)
    weight: float  # people each agent stands for

    @property
    def n(self) -> int:
        return int(self.status.shape[0])

    def employed(self) -> np.ndarray:
        """Mask of agents in any kind of work (formal, flexible, farming, public programmes)."""
        return IS_EMPLOYED[self.status]

    def nonfarm_work(self) -> np.ndarray:
        """Mask of agents in non-farm work: a firm job or a public programme job."""
        return (self.employer >= 0) | (self.status == Status.PUBLIC_PROGRAMME.value)

    def leave_job(self, idx: np.ndarray, new_status: Status) -> None:
        """End the jobs of agents ``idx`` and put them in ``new_status``."""
        self.employer[idx] = -1
        self.sector[idx] = -1
        self.wage[idx] = 0.0
        self.programme[idx] = 0
        self.set_status(idx, new_status)

    def leave_home(self, idx: np.ndarray) -> None:
        """Agents ``idx`` now live away from the village they were urbanised in (a move to a city
        or to another region): they are no longer at home there."""
        self.flags[idx] &= ~IN_PLACE_URBAN

    def start_farming(self, idx: np.ndarray) -> None:
        """Agents ``idx`` leave any job and farm where they live (household farming)."""
        self.leave_job(idx, Status.FARMING)
        self.sector[idx] = Sector.AGRICULTURE

    def set_status(self, idx: np.ndarray, new_status: Status) -> None:
        """Move agents ``idx`` to ``new_status`` and restart their spell clock."""
        self.status[idx] = new_status
        self.spell[idx] = 0

    def check_invariants(self) -> None:
        """Internal consistency, asserted in tests and (cheaply) each month in debug runs."""
        s = self.status
        assert ((s >= 0) & (s <= max(Status))).all(), "unknown status code"
        firm_job = self.employer >= 0
        in_firm_status = (s == Status.EMPLOYED_FORMAL) | (s == Status.EMPLOYED_FLEXIBLE)
        assert (firm_job == in_firm_status).all(), "employer set iff in a firm job"
        has_sector = firm_job | (s == Status.FARMING) | (s == Status.PUBLIC_PROGRAMME)
        assert ((self.sector >= 0) == has_sector).all(), "a sector iff working"
        assert ((self.programme > 0) == (s == Status.PUBLIC_PROGRAMME)).all()
        assert (self.age_months >= 16 * 12).all() and (self.age_months < 75 * 12).all()
        displaced = (self.flags & AI_DISPLACED) > 0
        assert (displaced | (self.ai_displaced_at < 0)).all(), "displaced only if flagged"

    def nbytes(self) -> int:
        return sum(
            getattr(self, f.name).nbytes
            for f in fields(self)
            if isinstance(getattr(self, f.name), np.ndarray)
        )


__all__ = ["Workers", "IS_EMPLOYED", "EMPLOYED_STATUSES"]
