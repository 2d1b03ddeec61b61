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

import numpy as np

from sim.codes import Education, Status
from sim.firms import N_AREAS
from sim.markets import vacancies_and_seekers
from sim.occupations import EDUCATION_REQUIRED, N_OCC
from sim.params import param
from sim.sampling import choose_weighted, select, select_each, stochastic_round
from sim.workers import AI_DISPLACED, TRAINED

if TYPE_CHECKING:
    from sim.model import LabourMarketModel

YOUTH_AGE = 25 * 12


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
        self._complete(model)
        capacity = model.policy.effects.training_capacity
        if capacity > 0:
            self._start(model, capacity, model.policy.effects.training_targeting)

    def _start(self, model: LabourMarketModel, capacity: float, target: dict[str, float]) -> None:
        w, rng = model.workers, self.rng
        slots = stochastic_round(rng, np.array(capacity * 1e4 / w.weight / 12.0))
        seeker_slots = int(stochastic_round(rng, np.array(slots * target["jobseeker_share"])))
        worker_slots = int(slots) - seeker_slots

        seekers = np.flatnonzero(w.status == Status.UNEMPLOYED)
        prio = (
            1.0
            + target["displaced"] * ((w.flags[seekers] & AI_DISPLACED) > 0)
            + target["youth"] * (w.age_months[seekers] < YOUTH_AGE)
            + target["migrants"] * w.hukou_rural[seekers]
        )
        starting = choose_weighted(rng, seekers, prio, seeker_slots)
        w.set_status(starting, Status.TRAINING)

        # short courses: each worker's chance is proportional to priority (the number of courses
        # is exact in expectation; an exact draw over all workers costs a sort)
        employed = np.flatnonzero(w.employer >= 0)
        prio_w = 1.0 + target["migrants"] * w.hukou_rural[employed]
        p = worker_slots * prio_w / max(float(prio_w.sum()), 1.0)
        courses = select_each(rng, employed, p, float(p.max(initial=0.0)))
        passed = select(rng, courses, self.cfg.success)
        w.flags[passed] |= TRAINED
        model.flows.training_starts += len(starting) + len(courses)
        model.flows.training_completions += len(courses)

    def _complete(self, model: LabourMarketModel) -> None:
        w, c, rng = model.workers, self.cfg, self.rng
        done = np.flatnonzero((w.status == Status.TRAINING) & (w.spell >= c.duration))
        if len(done) == 0:
            return
        ok = rng.random(len(done)) < c.success
        success = done[ok]
        upgrade = success[
            (rng.random(len(success)) < c.education_upgrade)
            & (w.education[success] < Education.TERTIARY)
        ]
        w.education[upgrade] += 1
        w.occupation[success] = self._demanded_occupation(model, success)
        w.flags[success] |= TRAINED
        w.set_status(done, Status.UNEMPLOYED)
        model.flows.training_completions += len(done)
        model.flows.training_successes += len(success)

    def _demanded_occupation(self, model: LabourMarketModel, idx: np.ndarray) -> np.ndarray:
        """For each trainee, the occupation with most vacancies per job seeker that their
        education allows, in their own region and area."""
        w = model.workers
        v, u = vacancies_and_seekers(model)
        tight = ((v + 0.5) / (u + 1.0)).reshape(-1, N_OCC)  # rows: (region, area)
        place = w.region[idx].astype(np.int64) * N_AREAS + w.urban[idx]
        allowed = EDUCATION_REQUIRED[None, :] <= w.education[idx][:, None]
        score = np.where(allowed, tight[place], -1.0)
        return np.argmax(score, axis=1).astype(np.int8)
