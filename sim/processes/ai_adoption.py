"""AI adoption, displacement, productivity and reinstatement.

Firms adopt AI along a logistic S-curve per sector: by decimal year t a share

    A_s(t) = ceiling_s / (1 + exp(-steepness * (t - midpoint)))

of the sector's firms has adopted. Larger, more productive firms go first (the order is by log
size plus demand shock plus a fixed firm-specific taste). Adoption is permanent.

At an adopting firm (Acemoglu and Restrepo 2019, "Automation and new tasks", JEP 33(2)):

- **displacement**: a share ``displacement * e_o`` of its jobs in occupation o disappears, e_o being
  the occupation's AI exposure (share of tasks AI can do). Workers in those jobs are laid off at
  adoption (``ai_displaced``); recently trained workers are redeployed more often. They keep their
  occupation until retrained.
- **productivity**: the firm's labour demand rises by ``output_gain`` (it sells more);
- **reinstatement**: a share ``reinstatement`` of the removed task content comes back as new tasks
  in complementary occupations (professionals, technicians, managers).

So an adopting firm's demand for occupation o becomes, per unit of its pre-AI demand L,

    L_o = L * [ mix_so * (1 + output_gain) * (1 - d e_o) + reinstatement * d * ebar_s * c_o ]

with ebar_s the sector's mean exposure and c_o the complement weights.

**Pacing** (plan section 23, last paragraph: avoid releasing displacement "in a concentrated way"):
no sector may displace more than ``pacing_cap`` of its employment in a quarter; firms whose
adoption would exceed it wait, which slows adoption and its productivity gain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim import data_loader as data
from sim.calendar import QUARTER_FIRST_MONTHS
from sim.codes import Occupation, Sector, names
from sim.firms import staff_of_firms
from sim.occupations import SECTOR_OCCUPATION_MIX
from sim.params import param
from sim.workers import AI_DISPLACED, TRAINED

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


EXPOSURE_MEASURES = (
    "eloundou_gpt4_beta_mean",
    "eloundou_gpt4_beta_empw",
    "eloundou_human_beta_mean",
    "eloundou_human_beta_empw",
    "ms_ai_applicability_mean",
    "ms_ai_applicability_empw",
)


@dataclass
class AIConfig:
    """AI adoption by firms (an S-curve per sector), displacement of exposed tasks, productivity
    and reinstatement in complementary occupations (Acemoglu and Restrepo 2019, JEP 33(2))."""

    name: str = param("none", unit="label", source="name of the ai config")
    enabled: bool = param(False, unit="switch", source="off: no firm adopts AI")
    exposure_measure: str = param(
        "eloundou_gpt4_beta_mean",
        unit="choice",
        source="column of ai_exposure_isco08_major.csv (Eloundou et al. 2024, Science 384; "
        "Tomlinson et al. 2025, arXiv:2507.07935); the unweighted means are neutral to the US "
        "composition within a group",
        choices=EXPOSURE_MEASURES,
    )
    midpoint: float = param(
        2030.0,
        unit="year",
        source="assumption: year in which half of the ceiling share of firms has adopted",
        lo=2021.0,
        hi=2060.0,
    )
    steepness: float = param(
        0.5,
        unit="per year",
        source="assumption: logistic slope of the adoption S-curve",
        lo=0.01,
        hi=50.0,
    )
    ceiling: dict[str, float] = param(
        {
            "agriculture": 0.0,
            "manufacturing": 0.6,
            "construction": 0.2,
            "traditional_services": 0.5,
            "modern_services": 0.8,
            "platform": 0.7,
            "public": 0.5,
        },
        unit="share of firms that ever adopt",
        source="assumption: office-intensive sectors adopt most; farming is household work",
        lo=0.0,
        hi=1.0,
    )
    displacement: float = param(
        0.3,
        unit="share of an occupation's exposed task content removed at an adopting firm",
        source="assumption: jobs lost per unit of exposure (exposure = share of tasks AI can do)",
        lo=0.0,
        hi=1.0,
    )
    output_gain: float = param(
        0.05,
        unit="rise in an adopting firm's labour demand from higher productivity and output",
        source="assumption: the productivity effect (Acemoglu and Restrepo 2019)",
        lo=0.0,
        hi=1.0,
    )
    reinstatement: float = param(
        0.3,
        unit="share of displaced task content re-created as new tasks",
        source="assumption: new tasks in complementary occupations (Acemoglu and Restrepo 2019)",
        lo=0.0,
        hi=2.0,
    )
    pacing_cap: float = param(
        1.0,
        unit="maximum share of a sector's employment displaced per quarter",
        source="plan section 23: avoid releasing AI's displacement effect in a concentrated way; "
        "1.0 = no cap",
        lo=0.0,
        hi=1.0,
    )
    trained_protection: float = param(
        0.5,
        unit="reduction of the displacement chance of workers with recent training",
        source="assumption: firms redeploy retrained staff instead of dismissing them",
        lo=0.0,
        hi=1.0,
    )

    complement_weights: dict[str, float] = param(
        {
            "managers": 0.10,
            "professionals": 0.45,
            "technicians": 0.35,
            "clerks": 0.0,
            "service_sales": 0.05,
            "agricultural": 0.0,
            "craft": 0.05,
            "operators": 0.0,
            "elementary": 0.0,
        },
        unit="share of reinstated tasks by occupation (sums to 1)",
        source="assumption: AI creates demand for those who build, deploy and manage it",
        total=1.0,
        lo=0.0,
        hi=1.0,
    )


def most_ready(cand: np.ndarray, readiness: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` candidates of highest readiness, readiest first (ties: the lower index first).

    Only the ``k`` chosen are sorted: a partial selection finds them first.
    """
    if k < len(cand):
        top = np.argpartition(-readiness, k - 1)[:k]
        cand, readiness = cand[top], readiness[top]
    return cand[np.lexsort((cand, -readiness))][:k]


class AIAdoption:
    name = "ai"

    def __init__(self, model: LabourMarketModel, cfg: AIConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)
        self.exposure = data.ai_exposure(cfg.exposure_measure)
        self.ceiling = np.array([cfg.ceiling[s] for s in names(Sector)])
        complements = np.array([cfg.complement_weights[o] for o in names(Occupation)])
        d = cfg.displacement if cfg.enabled else 0.0
        mix = SECTOR_OCCUPATION_MIX
        self.sector_exposure = mix @ self.exposure
        kept = mix * (1.0 + (cfg.output_gain if cfg.enabled else 0.0)) * (1.0 - d * self.exposure)
        new = (cfg.reinstatement if cfg.enabled else 0.0) * d * self.sector_exposure
        # Demand per occupation of an adopting firm, per unit of its pre-AI demand.
        self.adopted_demand = kept + new[:, None] * complements[None, :]
        # the occupation mix wanted by non-adopters (rows 0..) and adopters (rows n_sectors..)
        adopted_mix = self.adopted_demand / self.adopted_demand.sum(axis=1, keepdims=True)
        self.mix_table = np.concatenate([mix, adopted_mix])
        self.quarter_displaced = np.zeros(len(Sector))
        self.delayed = 0

    def target_share(self, year: float) -> np.ndarray:
        """A_s(t): share of each sector's firms that has adopted by decimal year ``year``."""
        c = self.cfg
        return self.ceiling / (1.0 + np.exp(-c.steepness * (year - c.midpoint)))

    def demand_factor(self, firms) -> np.ndarray:
        """Each firm's labour demand relative to its pre-AI demand (1 for non-adopters)."""
        factor = self.adopted_demand.sum(axis=1)[firms.sector]
        return np.where(firms.ai_adopted, factor, 1.0)

    def occupation_mix(self, firms) -> np.ndarray:
        """Occupation mix each firm wants: its sector's, shifted by AI where it has adopted."""
        table, row = self.occupation_mix_rows(firms)
        return table[row]

    def occupation_mix_rows(self, firms) -> tuple[np.ndarray, np.ndarray]:
        """The occupation mixes firms want, as a table of mixes and each firm's row in it (its
        sector's mix, or its sector's mix after AI where it has adopted)."""
        row = firms.sector.astype(np.intp) + len(Sector) * firms.ai_adopted
        return self.mix_table, row

    def step(self, model: LabourMarketModel) -> None:
        if not self.cfg.enabled:
            return
        if model.month in QUARTER_FIRST_MONTHS:
            self.quarter_displaced[:] = 0.0
        firms = model.firms
        year = model.year + (model.month - 0.5) / 12.0
        # last month's workforce by firm and occupation (demand's tabulation) is close enough for
        # ranking firms and budgeting the quarter's displacement
        occ_staff = model.demand.employment
        staff = model.demand.staff
        sector_emp = np.bincount(firms.sector, weights=staff, minlength=len(Sector))
        n_firms = np.bincount(firms.sector, minlength=len(Sector))
        have = np.bincount(firms.sector, weights=firms.ai_adopted, minlength=len(Sector))
        need = np.floor(self.target_share(year) * n_firms - have).astype(np.int64)
        readiness = np.log1p(staff) + firms.shock + firms.ai_propensity
        # displacement expected per job of each occupation, if its firm adopted now
        per_job = self.cfg.displacement * self.exposure
        budget = self.cfg.pacing_cap * sector_emp - self.quarter_displaced
        new_adopters = []
        self.delayed = 0
        for s in np.flatnonzero(need > 0):
            cand = np.flatnonzero((firms.sector == s) & ~firms.ai_adopted)
            cand = most_ready(cand, readiness[cand], int(need[s]))
            allowed = np.cumsum(occ_staff[cand] @ per_job) <= budget[s] + 1e-9
            self.delayed += int((~allowed).sum())
            new_adopters.append(cand[allowed])
        if not new_adopters:
            return
        adopters = np.concatenate(new_adopters)
        firms.ai_adopted[adopters] = True
        self._displace(model, adopters)

    def _displace(self, model: LabourMarketModel, adopters: np.ndarray) -> None:
        """Lay off the workers whose tasks AI now does at the newly adopting firms."""
        w, c = model.workers, self.cfg
        staff = staff_of_firms(w, adopters, model.firms.n)
        p = c.displacement * self.exposure[w.occupation[staff]]
        trained = (w.flags[staff] & TRAINED) > 0
        p = p * np.where(trained, 1.0 - c.trained_protection, 1.0)
        out = staff[self.rng.random(len(staff)) < p]
        sectors = w.sector[out].copy()
        model.flows.ai_displaced += len(out)
        self.quarter_displaced += np.bincount(sectors, minlength=len(Sector))
        model.lose_jobs(out)
        w.flags[out] |= AI_DISPLACED
        w.ai_displaced_at[out] = model.month_index - model.start_index
        w.ai_reemployed_at[out] = -1

    def adoption_share(self, model: LabourMarketModel) -> float:
        """Share of firms that have adopted AI."""
        return float(model.firms.ai_adopted.mean())
