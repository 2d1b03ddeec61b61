"""Lever 2: subsidised vocational training (plan section 15, box 8).

Sets the capacity and targeting of the training process (``sim.processes.training``): person-times
a year, the share in full-time courses for job seekers, and the priority of AI-displaced workers,
youth and migrant workers. The cost is ``subsidy`` per person-time.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.params import param
from sim.policies.base import Effects, Lever


@dataclass
class TrainingLeverConfig:
    capacity: float = param(
        0.0,
        unit="10k person-times a year",
        source="plan table 1: 7,500 x 10k person-times over 2021-2025 (1,500 a year), of which "
        "at least 3,000 for migrant workers (box 8)",
        lo=0.0,
        hi=20_000.0,
    )
    jobseeker_share: float = param(
        0.3,
        unit="share of capacity in full-time courses for job seekers",
        source="assumption: most subsidised training is short courses for the employed",
        lo=0.0,
        hi=1.0,
    )
    target_displaced: float = param(
        3.0,
        unit="extra priority weight for AI-displaced job seekers",
        source="assumption (plan section 23: retrain those displaced by AI)",
        lo=0.0,
        hi=100.0,
    )
    target_youth: float = param(
        1.0,
        unit="extra priority weight for job seekers aged 16-24",
        source="assumption (plan section 11)",
        lo=0.0,
        hi=100.0,
    )
    target_migrants: float = param(
        1.0,
        unit="extra priority weight for rural-hukou workers",
        source="plan box 8: at least 30 million of the 75 million for migrant workers",
        lo=0.0,
        hi=100.0,
    )
    subsidy: float = param(
        1500.0,
        unit="yuan per person-time",
        source="assumption: typical MOHRSS subsidy per certificate course (1,000-2,000 yuan)",
        lo=0.0,
        hi=1e6,
    )


class TrainingLever(Lever):
    name = "training"
    before_plan = (
        True  # subsidised vocational training, 2,700 x 10k person-times in 2020 (china_annual.csv)
    )
    plan_section = "15, box 8"
    intensities = ("capacity",)

    def step(self, model, effects: Effects) -> None:
        c = self.cfg
        effects.training_capacity += c.capacity
        effects.training_targeting = {
            "jobseeker_share": c.jobseeker_share,
            "displaced": c.target_displaced,
            "youth": c.target_youth,
            "migrants": c.target_migrants,
        }
        self.cost_this_month = 0.0

    def settle(self, model) -> None:
        """Every person-time the training process started this month costs ``subsidy``."""
        started = model.flows.training_starts
        self.cost_this_month += started * model.workers.weight * self.cfg.subsidy
