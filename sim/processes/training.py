"""Subsidised vocational training: the reskilling process (plan section 15, box 8; section 23).

Each month a twelfth of the yearly capacity (person-times, set by the training lever
``policy.training``) starts training:

- a share ``jobseeker_share`` goes to full-time courses for job seekers, chosen with priority
  weights (AI-displaced, youth, rural-hukou). While in a course they are not searching, so the
  statistics bureau does not count them as unemployed. After ``duration`` months a share
  ``success`` gains a new skill: a few a higher education level, the rest the occupation with the
  most vacancies per job seeker among those their education allows in their region and area;
  then they search again. The others search again in their old occupation.
- the rest are short courses for people in work (migrant workers first). A successful course marks
  the worker as trained, and an adopting firm redeploys trained workers instead of dismissing them
  more often (``ai.trained_protection``).

Person-times started and completed are reported every month; their 2021-2025 sum is the plan's
subsidised-training indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numba
import numpy as np

from sim.codes import Education, Status
from sim.firms import N_AREAS
from sim.markets import seekers_in_markets, vacancies_by_market
from sim.occupations import EDUCATION_REQUIRED, N_OCC
from sim.params import param
from sim.processes.event_kernels import IN_FIRM_JOB, training_pools
from sim.sampling import below, choose_weighted, select, stochastic_round
from sim.workers import AI_DISPLACED, TRAINED

if TYPE_CHECKING:
    from sim.model import LabourMarketModel

YOUTH_AGE = 25 * 12
_DISPLACED_FLAG = np.uint8(AI_DISPLACED)


@dataclass
class TrainingConfig:
    """Subsidised vocational training courses (plan section 15, box 8): how long and with what
    success. Capacity and targeting are the training lever's (``policy.training``)."""

    duration: int = param(
        3,
        unit="months (full-time courses)",
        source="assumption: typical vocational course of MOHRSS programmes",
        lo=1,
        hi=24,
    )
    success: float = param(
        0.7,
        unit="share of trainees who gain the new skill",
        source="assumption",
        lo=0.0,
        hi=1.0,
    )
    education_upgrade: float = param(
        0.1,
        unit="share of successful job-seeker trainees whose education level rises",
        source="assumption: longer programmes give a formal qualification",
        lo=0.0,
        hi=1.0,
    )


class Training:
    name = "training"

    def __init__(self, model: LabourMarketModel, cfg: TrainingConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)

    def step(self, model: LabourMarketModel) -> None:
        w = model.workers
        # one pass: job seekers, trainees whose course ends, and the firm job holders
        seekers, done, n_jobs, n_rural_jobs = training_pools(
            w.status, w.spell, w.hukou_rural, self.cfg.duration
        )
        self._complete(model, done, seekers)
        capacity = model.policy.effects.training_capacity
        if capacity > 0:
            # those who completed a course search again: seekers too
            seekers = np.concatenate([seekers, done])
            targets = model.policy.effects.training_targeting
            self._start(model, capacity, targets, seekers, n_jobs, n_rural_jobs)

    def _start(
        self,
        model: LabourMarketModel,
        capacity: float,
        target: dict[str, float],
        seekers: np.ndarray,
        n_jobs: int,
        n_rural_jobs: int,
    ) -> None:
        """The month's courses start: full-time ones for ``seekers`` (chosen by priority), short
        ones for the ``n_jobs`` firm job holders (``n_rural_jobs`` of them migrants)."""
        w, rng = model.workers, self.rng
        slots = stochastic_round(rng, np.array(capacity * 1e4 / w.weight / 12.0))
        seeker_slots = int(stochastic_round(rng, np.array(slots * target["jobseeker_share"])))
        worker_slots = int(slots) - seeker_slots

        prio = priorities(
            seekers, w.flags, w.age_months, w.hukou_rural, target["displaced"], target["youth"],
            target["migrants"],
        )  # fmt: skip
        starting = choose_weighted(rng, seekers, prio, seeker_slots)
        w.set_status(starting, Status.TRAINING)

        # short courses: each worker's chance is proportional to priority (the number of courses
        # is exact in expectation; an exact draw over all workers costs a sort), drawn as events
        # over everyone and kept for firm job holders
        prio_total = max(n_jobs + target["migrants"] * n_rural_jobs, 1.0)
        p_urban = worker_slots / prio_total
        p_rural = worker_slots * (1.0 + target["migrants"]) / prio_total
        p_max = max(p_urban, p_rural, 0.0) if n_jobs > 0 else 0.0
        idx, draw = below(rng, w.n, min(p_max, 1.0))
        in_job = IN_FIRM_JOB[w.status[idx]]
        idx, draw = idx[in_job], draw[in_job]
        courses = idx[draw < np.where(w.hukou_rural[idx], p_rural, p_urban)]
        passed = select(rng, courses, self.cfg.success)
        w.flags[passed] |= TRAINED
        model.flows.training_starts += len(starting) + len(courses)
        model.flows.training_completions += len(courses)

    def _complete(self, model: LabourMarketModel, done: np.ndarray, seekers: np.ndarray) -> None:
        """Trainees ``done`` with their course search again, a share with a new skill (the
        occupation most in demand, given this month's job ``seekers``)."""
        w, c, rng = model.workers, self.cfg, self.rng
        if len(done) == 0:
            return
        ok = rng.random(len(done)) < c.success
        success = done[ok]
        upgrade = success[
            (rng.random(len(success)) < c.education_upgrade)
            & (w.education[success] < Education.TERTIARY.value)
        ]
        w.education[upgrade] += 1
        w.occupation[success] = self._demanded_occupation(model, success, seekers)
        w.flags[success] |= TRAINED
        w.set_status(done, Status.UNEMPLOYED)
        model.flows.training_completions += len(done)
        model.flows.training_successes += len(success)

    def _demanded_occupation(
        self, model: LabourMarketModel, idx: np.ndarray, seekers: np.ndarray
    ) -> np.ndarray:
        """For each trainee, the occupation with most vacancies per job seeker that their
        education allows, in their own region and area."""
        w = model.workers
        v = vacancies_by_market(model)
        u = seekers_in_markets(model, seekers)
        tight = ((v + 0.5) / (u + 1.0)).reshape(-1, N_OCC)  # rows: (region, area)
        place = w.region[idx].astype(np.int64) * N_AREAS + w.urban[idx]
        allowed = EDUCATION_REQUIRED[None, :] <= w.education[idx][:, None]
        score = np.where(allowed, tight[place], -1.0)
        return np.argmax(score, axis=1).astype(np.int8)


@numba.njit(cache=True, nogil=True)
def priorities(
    seekers: np.ndarray,
    flags: np.ndarray,
    age: np.ndarray,
    hukou_rural: np.ndarray,
    displaced: float,
    youth: float,
    migrants: float,
) -> np.ndarray:
    """Each job seeker's priority for a full-time course: 1 plus the weight of each target group
    they belong to (AI-displaced, under 25, rural hukou), added in that order."""
    prio = np.empty(seekers.shape[0], dtype=np.float64)
    for k in range(seekers.shape[0]):
        i = seekers[k]
        p = 1.0 + displaced * np.float64((flags[i] & _DISPLACED_FLAG) != 0)
        p += youth * np.float64(age[i] < YOUTH_AGE)
        prio[k] = p + migrants * np.float64(hukou_rural[i])
    return prio
