"""China's labour market, month by month, from January 2021 (or from January 2018, 2019 or 2020,
to simulate the years before the plan period in-sample: ``start``, see ``docs/start_year.md``).

The model follows every person aged 16-74 in a sample of China's population (each agent stands for
a few thousand people) through school, work, unemployment, migration and retirement, and every
non-farm firm through its hiring and firing. Firms want workers in proportion to the output of
their sector and region, which follows the scenario's GDP path and the economy's structural change
(farming shrinking, services growing). People who lose or lack a job search: they apply to
vacancies they can reach given their occupation, education and location, and employers pick among
applicants. Because vacancies and job seekers sit in different occupations and places, there is
"hard to find a job" and "hard to hire" at once: structural mismatch. Rural-hukou workers move to
the cities when expected city income beats farming, and go home to farm when they cannot find work:
the countryside absorbs shocks that would otherwise show in urban unemployment.

Each month runs the processes in this order (see :meth:`LabourMarketModel.step`):

1. demography     ageing, deaths and entrants, school leaving and graduation (July), retirement,
                  labour-force entry and exit
2. policy         the plan's levers act on last month's readings: programme jobs, and the
                  month's effects on the processes below (layoffs, search, moving costs, ...)
3. ai             firms adopt AI along the sector S-curves; exposed jobs at adopters disappear
4. demand         firms' desired employment from output, structural change and AI; vacancies,
                  hiring freezes, temporary stops
5. separations    quits, layoffs where firms are above desired employment, Spring Festival
                  departures
6. matching       applications, offers and hires
7. migration      rural-to-urban moves, return home, moves between regions, hukou settlement,
                  villages becoming towns (in-place urbanisation)
8. training       job seekers in full-time courses, short courses for the employed
9. start-ups      job seekers and returned migrants start firms; young start-ups close
10. wages         wage levels respond to trend productivity and local tightness
11. statistics    the levers' costs of the month, then its official indicators

The policy stage comes before demand and separations (DESIGN.md sketches it after them) so that
a lever's effect on labour demand and layoffs applies in the month it is decided.

At the end of the month the levers book their costs from what the processes delivered (the
month's flows: layoffs avoided, person-times trained, ...). The surveyed urban unemployment rate is
then compared with the plan's 5.5% ceiling.

The cross-process calls: a process changes what another owns only through these,

- ``model.lose_jobs(idx)``      workers lose firm jobs for unemployment (quits and layoffs, firm
                                closures, AI displacement): separations counted, benefits set
- ``model.send_home(idx)``      rural-hukou people go home to farm (Spring Festival, return)
- ``demand.fill(firm, occ)``    a hire or a signed campus offer fills a vacancy (matching)
- ``demand.close_firms``        firms close and their staff lose their jobs (demand, start-ups)
- ``demand.grow``, ``demand.add_base_jobs``   start-ups and jobs signed before the start add
                                demand
- ``signed_offers.sign / take_all / lapse_at``   campus recruitment's book (matching, demand)
- ``model.flows``               the month's counts, written by the processes, read by statistics
                                and by the levers' costs (:meth:`sim.policies.base.Lever.settle`)

and reads only these readings of the others: ``policy.effects`` (the levers' effects this
month), ``demand.vacancies``, ``demand.employment``, ``demand.layoff_probability()``,
``demand.log_gdp_now()`` / ``activity_gap_now()``, ``demand.total_demand()`` / ``region_demand()``,
``ai.demand_factor()`` / ``occupation_mix()`` / ``adoption_share()``, ``wages.level()`` /
``urban_level()`` / ``farm_income()``, ``regions[r].job_finding`` (set by statistics, read by
migration), ``demography.monthly_hazard`` (read by demand for the working-age population's
growth), ``demand.temporarily_absent()`` (read by statistics) and ``statistics.record`` (read by
the levers).
"""

from __future__ import annotations

import logging

import mesa
import numpy as np

from sim import data_loader as data
from sim.calendar import label, month_index, parse_month, year_month
from sim.codes import Status
from sim.config import Config
from sim.initial_state import build, state_year
from sim.policies import PolicyPackage
from sim.processes.ai_adoption import AIAdoption
from sim.processes.demand import LabourDemand
from sim.processes.demography import Demography
from sim.processes.matching import Matching
from sim.processes.migration import Migration
from sim.processes.separations import Separations
from sim.processes.startups import Startups
from sim.processes.statistics import Flows, Statistics
from sim.processes.training import Training
from sim.processes.wage_setting import WageSetting
from sim.regions import Region
from sim.signed_offers import SignedOffers
from sim.streams import stream
from sim.workers import IN_PLACE_URBAN

log = logging.getLogger(__name__)
FLEXIBLE = Status.EMPLOYED_FLEXIBLE.value  # a plain int: an IntEnum compares slowly


class LabourMarketModel(mesa.Model):
    """The labour-market model. ``cfg`` must be a validated :class:`sim.config.Config`."""

    def __init__(self, cfg: Config) -> None:
        super().__init__(rng=cfg.seed)
        self.cfg = cfg
        self.start_index = month_index(*parse_month("start", cfg.start))
        self.month_index = self.start_index - 1  # the state is that of the month before start
        self.state_year = state_year(self.start_index)  # the year whose figures the state holds
        self.region_data = data.regions(cfg.regions)
        self.region_names = list(self.region_data.names)

        self.workers, self.firms = build(cfg, self.stream("initial_state"), self.start_index)
        self.wages = WageSetting(self, cfg.wages)
        self.regions = [Region(self, i, name) for i, name in enumerate(self.region_names)]
        self.flows = Flows(hires_by_region_area=np.zeros((len(self.regions), 2), np.int64))
        self.signed_offers = SignedOffers()  # campus recruitment: jobs that start next July

        self.demography = Demography(self, cfg.demography)
        self.policy = PolicyPackage(self, cfg.policy)
        self.ai = AIAdoption(self, cfg.ai)
        self.demand = LabourDemand(self, cfg.demand)
        self.separations = Separations(self, cfg.separations)
        self.matching = Matching(self, cfg.matching)
        self.migration = Migration(self, cfg.migration)
        self.training = Training(self, cfg.training)
        self.startups = Startups(self, cfg.startups)
        self.statistics = Statistics(self)

        self.matching.sign_before_start(self)  # the first cohort's recruitment before the start
        self._prime()
        reporters = {key: self._reporter(key) for key in self.statistics.record}
        self.datacollector = mesa.DataCollector(model_reporters=reporters)

    def stream(self, name: str) -> np.random.Generator:
        """The random stream of process ``name`` (independent of every other process)."""
        return stream(self.cfg.seed, name)

    def _reporter(self, key: str):
        return lambda m: m.statistics.record[key]

    def _prime(self) -> None:
        """Fill last month's readings (targets, vacancies, statistics) without moving anyone.

        The regions' job-finding rates are not known before a month has been run: they start
        unmeasured (NaN), and migration compares later months with the first measured one.
        """
        self.demand.set_targets(self)
        self.demand.employment = self.demand.workforce(self)
        self.demand.post_vacancies(self)
        self.statistics.record = self.statistics.compute(self)
        for r in self.regions:
            r.job_finding = np.full(2, np.nan)

    # The cross-process calls (listed in the module docstring).

    def lose_jobs(self, idx: np.ndarray) -> None:
        """Workers ``idx`` lose their firm jobs and become unemployed: quits, layoffs, closures and
        AI displacement alike. They count as separations (and urban separations if they live in a
        town), the policy sets their benefit entitlement, and their jobs end. The caller counts
        the cause (``flows.layoffs``, ``flows.ai_displaced``, ...)."""
        w, flows = self.workers, self.flows
        flows.separations += len(idx)
        flows.urban_separations += int(w.urban[idx].sum())
        self.policy.on_job_loss(self, idx, w.status[idx] == FLEXIBLE)
        w.leave_job(idx, Status.UNEMPLOYED)

    def send_home(self, idx: np.ndarray) -> None:
        """Rural-hukou people ``idx`` go home to farm in their hukou region: the rural absorber.
        Any job they held ends; they count as employed in farming, outside the urban statistics,
        unless their home village has become urban (in-place urbanisation: they farm in town)."""
        w = self.workers
        w.start_farming(idx)
        w.urban[idx] = (w.flags[idx] & IN_PLACE_URBAN) > 0
        w.region[idx] = w.hukou_region[idx]

    @property
    def year(self) -> int:
        return year_month(self.month_index)[0]

    @property
    def month(self) -> int:
        return year_month(self.month_index)[1]

    @property
    def date_label(self) -> str:
        return label(self.month_index)

    def step(self) -> None:
        """One month of the labour market, processes in their documented order."""
        self.month_index += 1
        self.flows = Flows.start(self)
        self.demography.step(self)
        self.policy.step(self)
        self.ai.step(self)
        self.demand.step(self)
        self.separations.step(self)
        self.matching.step(self)
        self.migration.step(self)
        self.training.step(self)
        self.startups.step(self)
        self.wages.step(self)
        self.policy.settle(self)
        self.statistics.step(self)
        self.datacollector.collect(self)

    def run(self) -> None:
        """Simulate ``cfg.months`` months, logging progress once a simulated year."""
        for i in range(self.cfg.months):
            self.step()
            if (i + 1) % 12 == 0 or i + 1 == self.cfg.months:
                log.info(
                    "%s: urban unemployment %.2f%% (month %d of %d)",
                    self.date_label,
                    self.statistics.record["urban_unemployment_rate"],
                    i + 1,
                    self.cfg.months,
                )
