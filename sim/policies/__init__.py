"""The plan's policy levers, one module each, and the package that runs them.

| lever | plan section | acts on |
| --- | --- | --- |
| ``job_retention`` | 4, 23 | layoffs |
| ``training`` | 15, box 8 | training capacity and targeting |
| ``employment_services`` | 18, box 10 | applications, screening |
| ``unemployment_insurance`` | 23 | benefits, search |
| ``startup_support`` | 7-9, box 4 | start-up rate and survival |
| ``hukou_relaxation`` | 13 | moving cost, settlement |
| ``regional_transfer`` | 6, box 3 | labour demand by region |
| ``graduate_programmes`` | 10, box 5 | graduate posts, internships |
| ``public_welfare_posts`` | 14 | posts for the hard to employ |
| ``work_relief`` | 13, box 7 | rural programme jobs |
| ``platform_work`` | 5, box 2 | platform demand, pension enrolment |
| ``macro_support`` | 4 | demand support near the ceiling |
| ``equal_access`` | 20 | hukou hiring penalty |

Levers new in the plan act from ``plan_start`` (January 2021, the plan period); a run that starts
earlier (in-sample, ``docs/start_year.md``) has them off until then. The levers in place before the
plan (``before_plan``: job retention, training, employment services, unemployment insurance,
start-up support, graduate programmes, public-welfare posts, work relief) act from the run's first
month at the plan's intensity (an assumption).

Every lever's intensities default to zero (``policy=none``); ``conf/policy/`` holds single-lever
configs, which combine (``policy=[training,job_retention]``), and ``plan``, the plan's package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.calendar import month_index, parse_month
from sim.params import param, section
from sim.policies import programmes
from sim.policies.base import Effects, Lever
from sim.policies.employment_services import EmploymentServices, EmploymentServicesConfig
from sim.policies.equal_access import EqualAccess, EqualAccessConfig
from sim.policies.graduate_programmes import GraduateProgrammes, GraduateProgrammesConfig
from sim.policies.hukou_relaxation import HukouRelaxation, HukouRelaxationConfig
from sim.policies.job_retention import JobRetention, JobRetentionConfig
from sim.policies.macro_support import MacroSupport, MacroSupportConfig
from sim.policies.platform_work import PlatformWork, PlatformWorkConfig
from sim.policies.public_welfare_posts import PublicWelfarePosts, PublicWelfarePostsConfig
from sim.policies.regional_transfer import RegionalTransfer, RegionalTransferConfig
from sim.policies.startup_support import StartupSupport, StartupSupportConfig
from sim.policies.training_lever import TrainingLever, TrainingLeverConfig
from sim.policies.unemployment_insurance import (
    UnemploymentInsurance,
    UnemploymentInsuranceConfig,
)
from sim.policies.work_relief import WorkRelief, WorkReliefConfig

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


@dataclass
class PolicyConfig:
    """The intensities and costs of every lever (all zero: no policy)."""

    name: str = param("none", unit="label", source="name of the policy package")
    plan_start: str = param(
        "2021-01",
        unit="YYYY-MM",
        source="first month of the plan period (14th five-year employment plan, 2021-2025): "
        "levers new in the plan act from it; those in place before it (``before_plan``) act from "
        "a run's first month, at the same intensity (assumption)",
    )
    job_retention: JobRetentionConfig = section(JobRetentionConfig)
    training: TrainingLeverConfig = section(TrainingLeverConfig)
    employment_services: EmploymentServicesConfig = section(EmploymentServicesConfig)
    unemployment_insurance: UnemploymentInsuranceConfig = section(UnemploymentInsuranceConfig)
    startup_support: StartupSupportConfig = section(StartupSupportConfig)
    hukou_relaxation: HukouRelaxationConfig = section(HukouRelaxationConfig)
    regional_transfer: RegionalTransferConfig = section(RegionalTransferConfig)
    graduate_programmes: GraduateProgrammesConfig = section(GraduateProgrammesConfig)
    public_welfare_posts: PublicWelfarePostsConfig = section(PublicWelfarePostsConfig)
    work_relief: WorkReliefConfig = section(WorkReliefConfig)
    platform_work: PlatformWorkConfig = section(PlatformWorkConfig)
    macro_support: MacroSupportConfig = section(MacroSupportConfig)
    equal_access: EqualAccessConfig = section(EqualAccessConfig)


LEVERS: tuple[type[Lever], ...] = (
    JobRetention,
    TrainingLever,
    EmploymentServices,
    UnemploymentInsurance,
    StartupSupport,
    HukouRelaxation,
    RegionalTransfer,
    GraduateProgrammes,
    PublicWelfarePosts,
    WorkRelief,
    PlatformWork,
    MacroSupport,
    EqualAccess,
)
LEVER_NAMES = tuple(lever.name for lever in LEVERS)


class PolicyPackage:
    """The levers of a run. Its ``step`` is the policy stage of the month: every active lever
    acts and writes its effects; the other processes read ``effects``."""

    name = "policy"

    def __init__(self, model: LabourMarketModel, cfg: PolicyConfig) -> None:
        self.cfg = cfg
        self.plan_start = month_index(*parse_month("policy.plan_start", cfg.plan_start))
        self.levers = {cls.name: cls(model, getattr(cfg, cls.name)) for cls in LEVERS}
        self.effects = Effects()
        self.members = np.zeros(0, dtype=np.int64)  # programme members, listed as a stage begins

    def __getitem__(self, name: str) -> Lever:
        return self.levers[name]

    def active(self, name: str) -> bool:
        return self.levers[name].active

    def first_month(self, lever: Lever, model: LabourMarketModel) -> int:
        """The month index from which ``lever`` acts: the run's first month for a lever in place
        before the plan period, else the later of that and ``plan_start``."""
        return model.start_index if lever.before_plan else max(model.start_index, self.plan_start)

    def acting(self, lever: Lever, model: LabourMarketModel) -> bool:
        """Whether ``lever`` acts this month: switched on, and its period has begun."""
        return lever.active and model.month_index >= self.first_month(lever, model)

    def step(self, model: LabourMarketModel) -> None:
        self.effects = Effects()
        self.members = programmes.members(model.workers)
        for lever in self.levers.values():
            lever.cost_this_month = 0.0
            if self.acting(lever, model):
                lever.step(model, self.effects)

    def settle(self, model: LabourMarketModel) -> None:
        """End of the month: every acting lever books the costs of what it delivered."""
        for lever in self.levers.values():
            if self.acting(lever, model):
                lever.settle(model)

    def costs(self) -> dict[str, float]:
        """Fiscal cost of each lever this month, yuan."""
        return {name: lever.cost_this_month for name, lever in self.levers.items()}

    def on_job_loss(self, model: LabourMarketModel, idx, was_flexible) -> None:
        """Workers ``idx`` just lost their jobs: benefits entitlements are set."""
        ui = self.levers["unemployment_insurance"]
        if self.acting(ui, model) and len(idx):
            ui.entitle(model, idx, was_flexible)


__all__ = ["PolicyConfig", "PolicyPackage", "Effects", "LEVERS", "LEVER_NAMES"]
