"""Migration: rural-to-urban moves, moves between regions, return home, and hukou settlement.

- **Rural to urban.** Rural-hukou people of working age living in the countryside and not in
  non-farm work move to a city to look for work with a monthly chance that rises with the
  Harris-Todaro expected income of the cities (wage x last month's job-finding rate) relative to
  farm income, measured against what the past year led villagers to expect; moves cluster after
  the Spring Festival (February, and half as much in March); those who have worked away before
  move more readily. The destination region is chosen by expected
  income, less a moving cost for leaving the hukou region.
- **Return.** Unemployed rural-hukou city dwellers go home to farm with a chance that grows with
  the length of their spell; rural job seekers fall back on farming the same way. This is the rural
  absorber: their unemployment leaves the urban statistics (Liu, Lam, Schipke and Shen 2018).
- **Between regions.** Urban job seekers move to another region's cities when its expected income
  is higher.
- **Settlement.** Employed urban residents with rural hukou obtain local urban hukou at a slow rate.
- **In-place urbanisation.** Villages become towns: rural residents outside firm jobs (farmers, job
  seekers, the inactive, students, the retired) come to live in an urban area without moving. They
  are at home there: rural-hukou workers among them count as local migrant workers, not away, and
  going home to farm leaves them in town. A job in another region ends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.calendar import DECEMBER, FEBRUARY, JANUARY, MARCH
from sim.codes import Status, status_table
from sim.params import param
from sim.processes.event_kernels import (
    IN_FIRM_JOB,
    each_agent,
    migration_pools,
)
from sim.sampling import below, categorical_rows, select_each
from sim.workers import EVER_MIGRATED, IN_PLACE_URBAN

_UNEMPLOYED = Status.UNEMPLOYED.value
_INACTIVE = Status.INACTIVE.value
# who in the countryside may move to a city: not in non-farm work
_MAY_MOVE = status_table(Status.FARMING, Status.UNEMPLOYED, Status.INACTIVE)
# whose village may become urban around them: everyone outside firm and programme jobs
_MAY_URBANISE = ~status_table(
    Status.EMPLOYED_FORMAL, Status.EMPLOYED_FLEXIBLE, Status.PUBLIC_PROGRAMME
)

if TYPE_CHECKING:
    from sim.model import LabourMarketModel


@dataclass
class MigrationConfig:
    """Rural-to-urban and cross-region moves, Spring Festival timing, return migration."""

    enabled: bool = param(True, unit="switch", source="off: nobody moves (analytic checks only)")
    rural_urban_rate: float = param(
        0.0085,
        unit="per month, rural working-age not in non-farm work, at the expected income of the "
        "first measured month",
        source="calibrated in sample (experiments/in_sample.py) with return_rate and "
        "settlement_rate: away migrant workers follow china_annual.csv migrant_workers_away "
        "2017-2020 (17,185, 17,266, 17,425, 16,959 x 10k; within 2.5% each December) with the "
        "low churn that keeps the migrants' unemployment, and the 2018 rate, near the start's",
        lo=0.0,
        hi=1.0,
    )
    income_sensitivity: float = param(
        2.0,
        unit="elasticity of the move rate to expected urban/rural income",
        source="assumption: Harris-Todaro expected income (wage x job-finding chance)",
        lo=0.0,
        hi=20.0,
    )
    reference_months: float = param(
        12.0,
        unit="months of memory of the expected-income reference",
        source="assumption: villagers judge the cities' prospects against those of about the "
        "past year",
        lo=1.0,
        hi=240.0,
    )
    spring_festival_boost: float = param(
        3.0,
        unit="multiplier on February moves (March: half of it)",
        source="assumption: migrants leave home after the Spring Festival",
        lo=0.0,
        hi=20.0,
    )
    return_rate: float = param(
        0.012,
        unit="per month, unemployed urban rural-hukou residents",
        source="calibrated in sample (experiments/in_sample.py) with rural_urban_rate: away "
        "migrant workers follow china_annual.csv migrant_workers_away 2017-2020 (17,185 -> "
        "16,959 x 10k); returning home is the rural absorber (Liu et al. 2018)",
        lo=0.0,
        hi=1.0,
    )
    return_spell_slope: float = param(
        0.15,
        unit="extra return rate per month of unemployment spell",
        source="assumption: long spells send migrants home",
        lo=0.0,
        hi=1.0,
    )
    cross_region_rate: float = param(
        0.01,
        unit="per month, urban unemployed",
        source="assumption: urban job seekers move to another region's cities",
        lo=0.0,
        hi=1.0,
    )
    hukou_moving_cost: float = param(
        0.5,
        unit="log expected-income points",
        source="assumption: cost of living and working without local hukou (plan section 13)",
        lo=0.0,
        hi=10.0,
    )
    settlement_rate: float = param(
        0.0015,
        unit="per month, urban residents with rural hukou",
        source="calibrated in sample (experiments/in_sample.py) with the migration rates: 1.8% "
        "of the migrants in city jobs a year; assumption: registered urbanisation rose ~1 point "
        "a year 2015-2020",
        lo=0.0,
        hi=1.0,
    )

    ex_migrant_factor: float = param(
        4.0,
        unit="multiplier on the move rate of people who have worked away before",
        source="assumption: former migrants leave again more readily",
        lo=0.0,
        hi=100.0,
    )
    inactive_factor: float = param(
        0.2,
        unit="multiplier on the move rate of the rural inactive",
        source="assumption: the rural inactive (carers, students' parents) rarely move",
        lo=0.0,
        hi=10.0,
    )
    max_move_age: int = param(
        50,
        unit="years; rural people this old or older do not move to the cities",
        source="assumption: migrant workers are young and middle-aged (migrant worker survey)",
        lo=16,
        hi=75,
    )
    in_place_rate: float = param(
        0.0024,
        unit="per month, rural residents outside firm and programme jobs",
        source="calibrated in sample (experiments/in_sample.py) "
        "with the migration flows: urban employment follows "
        "china_annual.csv employed_urban 2017-2020 (43,208 -> 46,271 x 10k, the census-revised "
        "series; its share of employment rose 1.6 points a year, moves to the cities net of "
        "returns add about a quarter of that); assumption: the pace continues after 2020",
        lo=0.0,
        hi=1.0,
    )
    winter_return_factor: float = param(
        2.0,
        unit="multiplier on the return rate in December and January",
        source="assumption: job seekers go home for the Spring Festival",
        lo=0.0,
        hi=20.0,
    )


class Migration:
    name = "migration"

    def __init__(self, model: LabourMarketModel, cfg: MigrationConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)
        # its own stream, so that the moves draw as they did before it was added
        self.in_place_rng = model.stream("in_place_urbanisation")
        # the mean log gain of moving villagers expect, from the months since the first with a
        # measured job-finding rate (``pull``)
        self.reference_ratio: float | None = None

    def season(self, month: int) -> float:
        """Multiplier of rural-to-urban moves in a calendar month (Spring Festival timing)."""
        if month == FEBRUARY:
            return self.cfg.spring_festival_boost
        if month == MARCH:
            return 0.5 * self.cfg.spring_festival_boost
        return 1.0

    def expected_income(self, model: LabourMarketModel) -> np.ndarray:
        """Expected monthly income of an urban job seeker in each region (average occupation):
        the wage times last month's job-finding rate, or the wage alone in the first month,
        before any job-finding rate has been measured."""
        levels = model.wages.urban_level()
        if not self.finding_measured(model):
            return levels
        return levels * np.array([r.job_finding[1] for r in model.regions])

    @staticmethod
    def finding_measured(model: LabourMarketModel) -> bool:
        """Whether the regions' urban job-finding rates have been measured (after a month)."""
        return not any(np.isnan(r.job_finding[1]) for r in model.regions)

    def pull(self, model: LabourMarketModel, best: np.ndarray) -> np.ndarray:
        """The cities' pull on the people of each hukou region (``best``: the log gain of the
        best destination of each), relative to what the past year led them to expect: 1 until a
        job-finding rate has been measured; from then on
        ``exp(income_sensitivity x (best - reference))``, the reference being an average of the
        mean log gain of the past months (``reference_months`` of memory), started at the first
        measured month. Villagers move less when the cities' prospects fall and more when they
        recover, but a lasting level moves nobody for long: a run that starts in a slump does
        not keep pulling them in once it is over."""
        if not self.finding_measured(model):
            return np.ones_like(best)
        mean = float(np.mean(best))
        if self.reference_ratio is None:
            self.reference_ratio = mean
        pull = np.exp(self.cfg.income_sensitivity * (best - self.reference_ratio))
        self.reference_ratio += (mean - self.reference_ratio) / self.cfg.reference_months
        return pull

    def step(self, model: LabourMarketModel) -> None:
        if not self.cfg.enabled:
            return
        w = model.workers
        # one pass: rural job seekers who may go home; former migrants at home who may leave
        # again; rural-hukou city job holders who may settle (nobody in a firm job moves in
        # between, so their number holds for settlement)
        seekers, former_migrants, n_may_settle = migration_pools(
            w.status,
            w.hukou_rural,
            w.urban,
            w.ui_months,
            w.flags,
            w.age_months,
            int(EVER_MIGRATED),
            self.cfg.max_move_age * 12,
        )
        came_home = self._return_home(model, seekers)
        # those back from the cities (as farmers now) may leave again this month
        back = came_home[
            ((w.flags[came_home] & EVER_MIGRATED) > 0)
            & (w.age_months[came_home] < self.cfg.max_move_age * 12)
        ]
        self._rural_to_urban(model, np.concatenate([former_migrants, back]))
        self._between_regions(model)
        self._settlement(model, n_may_settle)
        self._urbanise_in_place(model)

    def _rural_to_urban(self, model: LabourMarketModel, former_migrants: np.ndarray) -> None:
        """Rural-hukou people of working age in the countryside and not in non-farm work move to
        a city, each with their own chance: drawn as events over everyone (kept if eligible) for
        those who have never migrated, on the list ``former_migrants`` for the others (who move
        ``ex_migrant_factor`` times as readily)."""
        w, c, rng = model.workers, self.cfg, self.rng
        income = self.expected_income(model)
        farm = model.wages.farm_income()
        # Attractiveness of each destination for someone from each hukou region.
        n_reg = len(income)
        cost = (
            c.hukou_moving_cost
            * model.policy.effects.moving_cost_factor
            * (np.arange(n_reg)[:, None] != np.arange(n_reg)[None, :])
        )
        log_gain = np.log(np.maximum(income, 1e-9))[None, :] - np.log(farm)[:, None] - cost
        best = log_gain.max(axis=1)
        pull = self.pull(model, best)
        base = c.rural_urban_rate * self.season(model.month)
        idx, draw = below(rng, w.n, min(base * float(pull.max()) * max(c.inactive_factor, 1.0), 1))
        s = w.status[idx]
        eligible = (
            w.hukou_rural[idx]
            & ~w.urban[idx]
            & (w.age_months[idx] < c.max_move_age * 12)
            & _MAY_MOVE[s]
            & ((w.flags[idx] & EVER_MIGRATED) == 0)
        )
        idx, draw, s = idx[eligible], draw[eligible], s[eligible]
        p = base * pull[w.hukou_region[idx]] * np.where(s == _INACTIVE, c.inactive_factor, 1.0)
        first_time = idx[draw < p]
        s = w.status[former_migrants]
        p = base * c.ex_migrant_factor * pull[w.hukou_region[former_migrants]]
        p = p * np.where(s == _INACTIVE, c.inactive_factor, 1.0)
        again = select_each(rng, former_migrants, p, float(p.max(initial=0.0)))
        movers = np.concatenate([first_time, again])
        dest_w = np.exp(c.income_sensitivity * (log_gain - best[:, None]))
        dest = categorical_rows(rng, dest_w, w.hukou_region[movers])
        self._move_to_city(model, movers, dest)
        model.flows.rural_urban_moves += len(movers)

    def _move_to_city(self, model: LabourMarketModel, idx: np.ndarray, dest: np.ndarray) -> None:
        w = model.workers
        w.sector[idx] = -1
        w.set_status(idx, Status.UNEMPLOYED)
        w.region[idx] = dest
        w.urban[idx] = True
        w.flags[idx] |= EVER_MIGRATED
        w.leave_home(idx)

    def _return_home(self, model: LabourMarketModel, seeking: np.ndarray) -> np.ndarray:
        """Unemployed rural-hukou people (``seeking``: benefit recipients stay where their
        benefits are paid) give up the job search and farm at home. Returns those who came back
        from the cities."""
        w, c, rng = model.workers, self.cfg, self.rng
        p = c.return_rate * (1.0 + c.return_spell_slope * w.spell[seeking])
        if model.month in (DECEMBER, JANUARY):
            p = p * c.winter_return_factor
        going = select_each(rng, seeking, p, float(p.max(initial=0.0)))
        came_home = going[w.urban[going] & ((w.flags[going] & IN_PLACE_URBAN) == 0)]
        model.flows.return_moves += len(came_home)
        model.send_home(going)
        return came_home

    def _between_regions(self, model: LabourMarketModel) -> None:
        w, c, rng = model.workers, self.cfg, self.rng
        hit = each_agent(rng, w.n, c.cross_region_rate)
        movers = hit[w.urban[hit] & (w.status[hit] == _UNEMPLOYED)]  # urban job seekers
        if len(movers) == 0:
            return
        income = self.expected_income(model)
        n_reg = len(income)
        cost = (
            c.hukou_moving_cost
            * model.policy.effects.moving_cost_factor
            * (np.arange(n_reg)[:, None] != np.arange(n_reg)[None, :])
        )
        log_gain = np.log(np.maximum(income, 1e-9))[None, :] - cost
        dest_w = np.exp(c.income_sensitivity * (log_gain - log_gain.max(axis=1, keepdims=True)))
        dest = categorical_rows(rng, dest_w, w.region[movers])
        better = income[dest] > income[w.region[movers]]
        w.region[movers[better]] = dest[better]
        w.leave_home(movers[better])
        model.flows.cross_region_moves += int(better.sum())

    def _settlement(self, model: LabourMarketModel, n_eligible: int) -> None:
        """City job holders with rural hukou (``n_eligible`` of them) obtain local hukou."""
        w, rng = model.workers, self.rng
        boost = model.policy.effects.settlement_boost
        hit = each_agent(rng, w.n, self.cfg.settlement_rate + boost)
        settling = hit[w.hukou_rural[hit] & w.urban[hit] & IN_FIRM_JOB[w.status[hit]]]
        if boost > 0:  # hukou relaxation: the expected settlements it adds
            model.flows.settlements_boosted += n_eligible * boost
        w.hukou_rural[settling] = False
        w.hukou_region[settling] = w.region[settling]
        model.flows.hukou_settlements += len(settling)

    def _urbanise_in_place(self, model: LabourMarketModel) -> None:
        """Rural residents outside firm and programme jobs find their village reclassified as
        urban (``in_place_rate`` a month each): they live in an urban area from now on, at home.
        Firm jobs keep their area (a firm's market is fixed), so rural wage jobs stay rural."""
        w = model.workers
        hit = each_agent(self.in_place_rng, w.n, self.cfg.in_place_rate)
        urbanised = hit[~w.urban[hit] & _MAY_URBANISE[w.status[hit]]]
        w.urban[urbanised] = True
        w.flags[urbanised] |= IN_PLACE_URBAN
        model.flows.in_place_urbanised += len(urbanised)
