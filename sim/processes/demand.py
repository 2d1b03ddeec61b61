"""Labour demand: how many workers each firm wants this month, the vacancies it posts, and how
far it is above what it wants (the layoffs and temporary stops of the separations module).

A firm's desired employment is its share of the labour demand of its (sector, region, area)
market, and a market wants the workers its output needs at the labour productivity of the time:
output follows the monthly activity series its sector follows (:mod:`sim.activity`: industry,
services or GDP), productivity grows at trend and falls with output in the short run (labour
hoarding), so that

    log D_m(t) = log(E_m(0) / staffing_ratio) + (trend_s + trend_r) * t / 12 + S(t)
                 + elasticity * (gap_s(t) - gap_s(0))

where E_m(0) is the market's employment at the start (the share ``staffing_ratio`` of what firms
want, the share they hold once matching frictions have settled), ``trend_s + trend_r`` is output
growth at potential less productivity growth (structural change: farming shrinks, services grow;
regional shifts) and S(t) adds up the change since the start in the growth of the working-age
population (over the long run employment grows with it).

- Firms below desired employment recruit: they post vacancies for a share of the gap between a
  hiring target, desired employment plus a buffer for the workers they expect to lose before a
  hire starts (the standing vacancy gap), and the workers they have, in the occupations where they
  are short. In a downturn hiring freezes: posting falls further with the activity gap.
- Firms above desired employment shed a share of the excess a month (layoffs, in the separations
  module). In the contact services (and platform work) a firm first stops work for part of its
  excess for up to three months without ending the jobs: those workers are temporarily absent,
  counted as employed as the statistics bureau counts people absent for up to three months with
  a job to return to.
- Firms exit at a constant hazard and new firms take their place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numba
import numpy as np

from sim import data_loader as data
from sim.activity import SERIES
from sim.calendar import month_index, parse_month
from sim.codes import Education, Sector, names
from sim.firms import N_AREAS, count_jobs_and_staff, firm_flags, staff_of_firms
from sim.occupations import N_OCC
from sim.params import ConfigError, param
from sim.processes.demography import statutory_age_months
from sim.sampling import stochastic_round
from sim.scenario import HISTORY_END, activity

if TYPE_CHECKING:
    from sim.model import LabourMarketModel
    from sim.workers import Workers


@dataclass
class DemandConfig:
    """Labour demand by sector, region and area following output, with structural change."""

    output_elasticity: float = param(
        0.3,
        unit="elasticity of desired employment to the activity gap",
        source="calibrated with hiring_freeze and caution_memory on the 2020 shock replayed in "
        "2022 (experiments/shock_response.py, 4 seeds at 200k: the rise of the urban rate over "
        "2019's, month by month, RMSE 0.10-0.15 points, on a grid of 0.2-0.5 x 0-4 x 0.7-0.85); "
        "short-run productivity absorbs the rest (labour hoarding; China's Okun coefficient is "
        "small: Liu, Lam, Schipke and Shen 2018, IMF WP/18/270)",
        lo=0.0,
        hi=2.0,
    )
    activity_series: dict[str, str] = param(
        {
            "agriculture": "none",
            "manufacturing": "gdp",
            "construction": "gdp",
            "traditional_services": "gdp",
            "modern_services": "gdp",
            "platform": "gdp",
            "public": "none",
        },
        unit="activity series a sector's demand follows: industry, services, gdp or none",
        source="assumptions: non-farm private sectors follow GDP (industry and services would fit "
        "manufacturing and the services sectors, but their chained year-on-year levels carry a "
        "spurious seasonal pattern after 2022, sim/activity.py); farm and public-sector demand "
        "do not follow the cycle",
    )
    sector_trend: dict[str, float] = param(
        {
            "agriculture": -3.0,
            "manufacturing": -1.0,
            "construction": -1.0,
            "traditional_services": 1.2,
            "modern_services": 2.7,
            "platform": 4.0,
            "public": 1.2,
        },
        unit="% per year at trend growth",
        source="calibrated in sample (experiments/in_sample.py) "
        "with hiring_buffer: structural change (farming shrinking, "
        "services rising) with the differences between sectors an assumption and their common "
        "level fitted so that employment, urban employment and the urban rate follow 2017-2020 "
        "(china_annual.csv employed_total_revised 76,058 -> 75,064, employed_urban 43,208 -> "
        "46,271 x 10k; the December 2020 stocks within 1%); every non-farm trend 2 points a year "
        "above the values fitted before formal workers stopped retiring when hired past their "
        "statutory age",
        lo=-20.0,
        hi=20.0,
    )
    follows_labour_supply: float = param(
        0.5,
        unit="share of a change in the growth of the working-age population (16 to the "
        "statutory retirement age) that labour demand follows",
        source="assumption: over the long run employment grows with the working-age population "
        "(balanced growth); the sector trends are calibrated at the start's demographic growth, "
        "and demand follows the change in that growth as the retirement waves of large cohorts "
        "pass and the 2025 reform raises the retirement ages, in the proportion of firm jobs "
        "whose holders leave at the statutory age: the formal half (52% of firm jobs in the "
        "December 2017 state; flexible workers leave work gradually after 60 whatever the "
        "statutory age). 0: the sector trends alone",
        lo=0.0,
        hi=1.0,
    )
    region_trend: dict[str, float] = param(
        {"East": 0.2, "Central": 0.0, "West": 0.1, "Northeast": -1.0},
        unit="% per year",
        source="assumption: Northeast population and employment decline (census 2010-2020)",
        lo=-20.0,
        hi=20.0,
    )
    hiring_buffer: float = param(
        0.075,
        unit="share of desired employment",
        source="calibrated in sample (experiments/in_sample.py) "
        "with sector_trend: the vacancies a firm keeps open beyond its "
        "desired employment to replace the workers it expects to lose before a hire starts (the "
        "standing vacancy gap); it sets the level of the urban rate (2018-2020 monthly RMSE "
        "0.22, 0.13 and 0.12 points at 8 seeds; china_unemployment_monthly.csv)",
        lo=0.0,
        hi=0.5,
    )
    staffing_ratio: float = param(
        0.955,
        unit="share of desired employment firms hold, on average, in a stationary economy",
        source="calibrated with hiring_buffer: the ratio of job holders to desired employment "
        "a baseline run holds after its first months (0.94-0.96 at seeds 0-3 when it starts at "
        "1); the initial state's jobs are that share of desired employment, so that the first "
        "months do not shed jobs towards it (the 2021 rate stays near the start's 5.2%)",
        lo=0.5,
        hi=1.0,
    )
    vacancy_posting: float = param(
        0.6,
        unit="share of the employment gap posted per month",
        source="assumption: finite adjustment speed (del Rio-Chanona et al. 2021, J. R. Soc. "
        "Interface 18: 20200898)",
        lo=0.0,
        hi=1.0,
    )
    layoff_speed: float = param(
        0.08,
        unit="share of the excess over desired employment laid off per month",
        source="assumption: labour hoarding in Chinese firms makes layoffs slower than hiring",
        lo=0.0,
        hi=1.0,
    )
    hiring_freeze: float = param(
        1.5,
        unit="semi-elasticity of vacancy posting to firms' hiring caution (per log point)",
        source="calibrated with output_elasticity (see there): firms hire less after their "
        "sector's activity falls, beyond the fall in the workers they want (posting x "
        "exp(1.5 x caution): a fall of 5% cuts posting by 7% that month, the February 2020 GDP "
        "fall of about 16% by 21%)",
        lo=0.0,
        hi=50.0,
    )
    caution_memory: float = param(
        0.85,
        unit="monthly persistence of firms' hiring caution after a fall in activity",
        source="calibrated with output_elasticity (see there): hiring recovers more slowly than "
        "output after a slump (China's urban rate stayed near 6% through May 2020 while output "
        "recovered from March, china_unemployment_monthly.csv)",
        lo=0.0,
        hi=0.99,
    )
    temporary_stop_share: float = param(
        0.5,
        unit="share of a firm's excess over desired employment that stops work instead of "
        "being laid off",
        source="assumption: in the 2020 shock many contact-service workers were idled without "
        "losing their job; NBS counts people temporarily absent for up to three months with a "
        "job to return to as employed",
        lo=0.0,
        hi=1.0,
    )
    temporary_stop_sectors: list[str] = param(
        ["traditional_services", "platform"],
        unit="sectors whose firms stop work before laying off",
        source="assumption: the contact services (catering, retail, transport, personal "
        "services) and platform work, where work stops with the customers",
    )
    temporary_stop_months: int = param(
        3,
        unit="months a firm's workers can be stopped in a row before the excess is laid off",
        source="NBS labour force survey: absent from work for up to three months (or paid) "
        "counts as employed",
        lo=0,
        hi=12,
    )
    firm_shock_persistence: float = param(
        0.97,
        unit="monthly AR(1) coefficient",
        source="assumption: persistent idiosyncratic firm demand",
        lo=0.0,
        hi=0.9999,
    )
    firm_shock_sd: float = param(
        0.03,
        unit="log points per month",
        source="assumption: idiosyncratic firm demand volatility",
        lo=0.0,
        hi=1.0,
    )
    firm_exit: float = param(
        0.006,
        unit="per month",
        source="assumption: ~7% of firms close a year; an entrant takes the closed firm's slot",
        lo=0.0,
        hi=0.2,
    )
    mean_firm_size: float = param(
        25.0,
        unit="agents per firm",
        source="model resolution: firms are scaled with the agent sample, not real firm counts",
        lo=2.0,
        hi=10_000.0,
    )

    entrant_start_size: float = param(
        0.3,
        unit="share of its potential size a new firm starts at",
        source="assumption: entrants start small and grow (firm dynamics literature)",
        lo=0.0,
        hi=1.0,
    )
    entrant_ramp_months: float = param(
        24.0,
        unit="months for a new firm to reach its potential size",
        source="assumption",
        lo=1.0,
        hi=240.0,
    )


class LabourDemand:
    name = "demand"

    def __init__(self, model: LabourMarketModel, cfg: DemandConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)
        firms = model.firms
        first, last = model.start_index - 1, model.start_index + model.cfg.months
        path = activity(model.cfg.scenario, last)
        span = slice(first - path.first, last - path.first + 1)
        gdp = SERIES.index("gdp")
        self.log_gdp = path.log_level[gdp, span] - path.log_level[gdp, HISTORY_END - path.first]
        self.gaps = path.gap[:, span]  # each activity series' gap from potential, log points
        self._first = first

        sector_trend = np.array([cfg.sector_trend[s] for s in names(Sector)]) / 100.0
        region_trend = self.region_trend(cfg, model.cfg.regions) / 100.0
        self.market_trend = (
            sector_trend[:, None, None] + region_trend[None, :, None] + np.zeros((1, 1, N_AREAS))
        ).ravel()
        w = model.workers
        jobs = w.employer >= 0
        # desired employment of each market at the start: the jobs it has, over the share of
        # their desired employment firms hold in a stationary economy (matching never fills
        # every vacancy); their hiring target adds the buffer
        self.base_employment = (
            np.bincount(firms.market[w.employer[jobs]], minlength=firms.n_markets).astype(
                np.float64
            )
            / cfg.staffing_ratio
        )
        n_reg = len(model.region_names)
        markets = np.arange(firms.n_markets)
        self.market_sector = markets // (n_reg * N_AREAS)
        self.market_region = (markets // N_AREAS) % n_reg
        follows = [cfg.activity_series[s] for s in names(Sector)]
        sector_series = np.array([SERIES.index(x) if x in SERIES else -1 for x in follows])
        self.market_series = sector_series[self.market_sector]
        self._shock = self._scenario_shock_markets(model, n_reg)
        # the growth of the working-age population at the start (log per year), and the log shift
        # of demand accumulated since from the change in that growth (follows_labour_supply)
        self._hazard = model.demography.monthly_hazard
        self._reform = model.cfg.demography.retirement_reform
        self.supply_growth_start = working_age_growth(w, first, self._hazard, self._reform)
        self.supply_growth = self.supply_growth_start
        self.supply_shift = 0.0
        self.stop_sector = np.isin(
            np.arange(len(Sector)), [names(Sector).index(s) for s in cfg.temporary_stop_sectors]
        )
        self.desired = np.zeros(firms.n)  # workers each firm wants
        self.target = np.zeros(firms.n)  # workers each firm recruits up to (desired + buffer)
        self.stopped = np.zeros(firms.n)  # workers each firm has stopped this month (absent)
        self.stop_months = np.zeros(firms.n, dtype=np.int16)  # months in a row it has stopped
        self.caution = np.zeros(firms.n_markets)  # firms' hiring caution by market, log points
        self._last_gap = np.zeros(firms.n_markets)  # each market's gap when caution last moved
        self.vacancies = np.zeros((firms.n, N_OCC), dtype=np.int64)
        self.employment = np.zeros((firms.n, N_OCC), dtype=np.int64)
        # job holders of each firm when demand last counted them (this month from its step on;
        # no one is hired or separated between that count and the separations process)
        self.jobs = np.zeros(firms.n, dtype=np.int64)

    @staticmethod
    def region_trend(cfg: DemandConfig, resolution: str) -> np.ndarray:
        """Trend of each model region, % a year: as configured for the macro-regions, and
        their population-weighted mean at national resolution."""
        macro = data.regions("nbs4")
        unknown = sorted(set(cfg.region_trend) - set(macro.names))
        if unknown:
            raise ConfigError(
                f"demand.region_trend names unknown regions {unknown}; "
                f"the regions are {', '.join(macro.names)}"
            )
        by_macro = np.array([cfg.region_trend.get(r, 0.0) for r in macro.names])
        if resolution == "national":
            return np.array([float(np.dot(by_macro, macro.population_share))])
        return by_macro

    def _scenario_shock_markets(self, model: LabourMarketModel, n_reg: int) -> np.ndarray | None:
        """Markets hit by the scenario's sector-region demand shock (log size per market)."""
        sc = model.cfg.scenario
        if not sc.shock_sector or sc.shock_size == 0 or sc.shock_months == 0:
            return None
        sector = names(Sector).index(sc.shock_sector)
        hit = self.market_sector == sector
        if sc.shock_region:
            if sc.shock_region in model.region_names:
                hit &= self.market_region == model.region_names.index(sc.shock_region)
            elif model.cfg.regions == "national":  # the region's share of the nation is hit
                share = data.regions("nbs4").names.index(sc.shock_region)
                return hit * np.log1p(
                    np.expm1(sc.shock_size) * data.regions("nbs4").population_share[share]
                )
        return hit * sc.shock_size

    def scenario_shock(self, model: LabourMarketModel) -> np.ndarray | float:
        """Log demand shock of each market this month (the scenario's sector-region shock)."""
        if self._shock is None:
            return 0.0
        sc = model.cfg.scenario
        start = month_index(*parse_month("scenario.shock_start", sc.shock_start))
        on = start <= model.month_index < start + sc.shock_months
        return self._shock if on else 0.0

    def region_demand(self) -> np.ndarray:
        """Base labour demand of each region (agents), for the regional transfer lever."""
        return np.bincount(
            self.market_region,
            weights=self.base_employment,
            minlength=int(self.market_region.max()) + 1,
        )

    def total_demand(self) -> float:
        """Workers all firms want this month (agents): their desired employment."""
        return float(self.desired.sum())

    def market_demand(self, model: LabourMarketModel) -> np.ndarray:
        """E*_m: workers wanted in each (sector, region, area) market this month."""
        t = model.month_index - model.start_index + 1
        log_shift = (
            self.market_trend * t / 12.0
            + self.supply_shift
            + self.cfg.output_elasticity * self.market_gap(model)
        )
        effects = model.policy.effects
        log_shift = log_shift + effects.demand_boost
        if effects.platform_boost:
            log_shift = log_shift + effects.platform_boost * (self.market_sector == Sector.PLATFORM)
        if effects.region_shift is not None:
            log_shift = log_shift + effects.region_shift[self.market_region]
        log_shift = log_shift + self.scenario_shock(model)
        return self.base_employment * np.exp(log_shift)

    def step(self, model: LabourMarketModel) -> None:
        firms, rng, c = model.firms, self.rng, self.cfg
        held = self._entry_and_exit(model)
        firms.shock = (
            c.firm_shock_persistence * firms.shock + c.firm_shock_sd * rng.standard_normal(firms.n)
        )
        firms.age += 1
        self.follow_labour_supply(model)
        self.set_targets(model)
        self.employment = self.workforce(model, held)
        self.stop_work(model)
        self.update_caution(model)
        self.post_vacancies(model)

    def follow_labour_supply(self, model: LabourMarketModel) -> None:
        """Each January the growth of the working-age population over the coming year is measured
        from the ages; each month demand shifts by ``follows_labour_supply`` times its change
        since the start (a twelfth of it a month)."""
        if model.month == 1:
            self.supply_growth = working_age_growth(
                model.workers, model.month_index, self._hazard, self._reform
            )
        change = self.supply_growth - self.supply_growth_start
        self.supply_shift += self.cfg.follows_labour_supply * change / 12.0

    def set_targets(self, model: LabourMarketModel) -> None:
        """This month's desired employment of each firm and its hiring target."""
        self.desired = self.firm_targets(model)
        self.target = self.desired * (1.0 + self.cfg.hiring_buffer)

    def workforce(self, model: LabourMarketModel, held: np.ndarray | None = None) -> np.ndarray:
        """Each (firm, occupation)'s workers, counting students who signed to start next July
        (for them the firm posts no vacancy). ``held``: the firm jobs by (firm, occupation) if
        already counted. Sets ``jobs``, each firm's job holders alone."""
        firms, signed = model.firms, model.signed_offers
        if held is None:
            held = firms.employment_by_occupation(model.workers)
        n = firms.n
        employment, self.jobs = workforce_counts(
            held, signed.firm, signed.occupation, spare_rows(n)
        )
        return employment[:n]

    def add_base_jobs(self, model: LabourMarketModel, firm: np.ndarray) -> None:
        """Jobs signed before the run's start are part of the starting demand of their markets."""
        firms = model.firms
        self.base_employment += (
            np.bincount(firms.market[firm], minlength=firms.n_markets) / self.cfg.staffing_ratio
        )

    def firm_targets(self, model: LabourMarketModel) -> np.ndarray:
        """Workers each firm wants (its desired employment): its share of its market's demand,
        times its AI factor."""
        firms = model.firms
        share = self.market_demand(model)[firms.market] * firms.demand_share(
            self.cfg.entrant_start_size, self.cfg.entrant_ramp_months
        )
        return (share + firms.extra_demand) * model.ai.demand_factor(firms)

    @property
    def employment(self) -> np.ndarray:
        """Workers of each (firm, occupation), as counted by :meth:`workforce` this month."""
        return self._employment

    @employment.setter
    def employment(self, counts: np.ndarray) -> None:
        self._employment = counts
        self.staff = row_sums(counts)  # each firm's workers, read several times a month

    def post_vacancies(self, model: LabourMarketModel) -> None:
        """Vacancies: a share of each firm's shortfall from its hiring target, less in a
        downturn (:meth:`hiring_rate`), spread over the occupations it lacks (in proportion to
        the shortfall in each, or to the wanted mix where it lacks none)."""
        rng = self.rng
        gap = np.maximum(self.target - self.staff, 0.0)
        n_vac = stochastic_round(rng, self.hiring_rate(model)[model.firms.market] * gap)
        table, row = model.ai.occupation_mix_rows(model.firms)
        u = rng.random(int(n_vac.sum()))
        n = len(n_vac)
        self.vacancies = spread_vacancies(
            self.target, self.employment, table, row, n_vac, u, spare_rows(n)
        )[:n]

    def hiring_rate(self, model: LabourMarketModel) -> np.ndarray:
        """Share of its shortfall a firm of each market posts this month: ``vacancy_posting``,
        times ``exp(hiring_freeze * caution)``, the hiring freeze of a downturn
        (:meth:`update_caution`)."""
        return self.cfg.vacancy_posting * np.exp(self.cfg.hiring_freeze * self.caution)

    def update_caution(self, model: LabourMarketModel) -> None:
        """Firms' hiring caution in each market (log points, at most 0): each month's fall in the
        market's activity gap adds to it, and it fades by ``1 - caution_memory`` a month, so
        hiring freezes when activity falls and picks up only gradually after; a gap that stays
        where it is (activity growing at potential, however far below it) freezes nothing."""
        gap = self.market_gap(model)
        fall = np.minimum(gap - self._last_gap, 0.0)
        self.caution = self.cfg.caution_memory * self.caution + fall
        self._last_gap = gap

    def stop_work(self, model: LabourMarketModel) -> None:
        """Firms of the stop sectors above desired employment stop work for
        ``temporary_stop_share`` of their excess instead of laying it off, for at most
        ``temporary_stop_months`` months in a row; the stopped keep their jobs (temporarily
        absent, counted as employed)."""
        c = self.cfg
        excess = self.excess_employment()
        in_excess = self.stop_sector[model.firms.sector] & (excess > 0)
        self.stop_months = np.where(in_excess, self.stop_months + 1, 0).astype(np.int16)
        may_stop = in_excess & (self.stop_months <= c.temporary_stop_months)
        self.stopped = np.where(may_stop, c.temporary_stop_share * excess, 0.0)

    def layoff_probability(self) -> np.ndarray:
        """Per-firm chance that a worker is laid off this month because demand fell:
        ``layoff_speed * (excess - stopped) / staff`` (a firm sheds a share of the excess over
        its desired employment that it has not stopped, each month)."""
        staff = self.staff
        excess = self.excess_employment() - self.stopped
        return np.where(staff > 0, self.cfg.layoff_speed * excess / np.maximum(staff, 1), 0.0)

    def temporarily_absent(self) -> float:
        """Workers stopped this month (agents): employed, absent from work."""
        return float(self.stopped.sum())

    def fill(self, firm: np.ndarray, occupation: np.ndarray) -> None:
        """One vacancy of each (firm, occupation) pair listed is filled (repeats fill several)."""
        take_vacancies(self.vacancies, firm, occupation)

    def log_gdp_now(self, model: LabourMarketModel) -> float:
        """Log real GDP this month relative to December 2020 (the scenario's path)."""
        return float(self.log_gdp[model.month_index - self._first])

    def activity_gap_now(self, model: LabourMarketModel, series: str = "gdp") -> float:
        """An activity series' gap from potential this month (log points; ``gdp``: the output
        gap)."""
        return float(self.gaps[SERIES.index(series), model.month_index - self._first])

    def market_gap(self, model: LabourMarketModel) -> np.ndarray:
        """Each market's activity gap this month relative to the month before the start (the
        initial state already holds the demand of that month): 0 where the sector follows no
        series."""
        k = model.month_index - self._first
        change = self.gaps[:, k] - self.gaps[:, 0]
        return np.where(self.market_series >= 0, change[self.market_series], 0.0)

    def excess_employment(self) -> np.ndarray:
        """Workers each firm has above its desired employment (0 where it has fewer)."""
        return np.maximum(self.staff - self.desired, 0.0)

    def _entry_and_exit(self, model: LabourMarketModel) -> np.ndarray:
        """Firms close at a constant hazard; a small entrant takes each closed firm's row.
        Returns the firm jobs by (firm, occupation) after the closures: the pass that lists the
        closing firms' staff counts every firm's jobs too."""
        firms, w = model.firms, model.workers
        closing = balanced_closures(self.rng, self.jobs[: firms.n], self.cfg.firm_exit)
        held, staff = count_jobs_and_staff(w.employer, w.occupation, firm_flags(closing, firms.n))
        self.close_firms(model, closing, self.rng, staff)
        held[closing] = 0  # their staff have left; the entrants start with none
        return held

    def close_firms(
        self,
        model: LabourMarketModel,
        closing: np.ndarray,
        rng: np.random.Generator,
        staff: np.ndarray | None = None,
    ) -> None:
        """Firms ``closing`` lay off everyone (their ``staff``, if already listed) and new firms
        of their markets take their rows."""
        if len(closing) == 0:
            return
        firms = model.firms
        if staff is None:
            staff = staff_of_firms(model.workers, closing, firms.n)
        model.flows.closure_layoffs += len(staff)
        model.lose_jobs(staff)
        model.flows.signed_offers_lapsed += model.signed_offers.lapse_at(closing)
        firms.replace(closing, rng)
        self.stop_months[closing] = 0
        model.flows.firm_entries += len(closing)

    def grow(self, n_firms: int) -> None:
        """Pad the per-firm arrays after start-ups were added."""
        extra = n_firms - len(self.target)
        if extra > 0:
            self.desired = np.concatenate([self.desired, np.zeros(extra)])
            self.target = np.concatenate([self.target, np.zeros(extra)])
            self.stopped = np.concatenate([self.stopped, np.zeros(extra)])
            self.stop_months = np.concatenate(
                [self.stop_months, np.zeros(extra, dtype=self.stop_months.dtype)]
            )
            self.vacancies = with_rows(self.vacancies, n_firms)
            self._employment = with_rows(self._employment, n_firms)
            self.staff = np.concatenate([self.staff, np.zeros(extra, dtype=self.staff.dtype)])
            self.jobs = np.concatenate([self.jobs, np.zeros(extra, dtype=self.jobs.dtype)])


def working_age_growth(
    workers: Workers, month_index: int, monthly_hazard: np.ndarray, reform: bool
) -> float:
    """Growth over the next twelve months (log) of the population of working age: from 16 to the
    statutory retirement age of each person's sex, post and birth cohort (which the 2025 reform
    raises). Those who reach that age within the year and the year's deaths among the working-age
    leave it; the 16-year-olds who take the rows of the year's deaths and 75th birthdays join it
    (the model holds the population constant). ``monthly_hazard``: the death hazard by age in
    months (the demography process's). Computed on the counts by age, sex and post, so that it
    holds no array the size of the population."""
    n_ages = len(monthly_hazard)
    counts = _age_sex_post_counts(
        workers.age_months, workers.female, workers.education, _CADRE, n_ages
    ).astype(np.float64)  # [age in months, female, cadre post]
    age = np.arange(n_ages)[:, None, None] + np.zeros((1, 2, 2), dtype=np.int64)
    female = np.zeros((1, 2, 1), dtype=bool) | np.array([False, True])[None, :, None]
    education = np.where(np.array([False, True])[None, None, :], _CADRE, 0) + np.zeros_like(age)
    statutory = statutory_age_months(
        (month_index - age).ravel(),
        np.broadcast_to(female, age.shape).ravel(),
        education.ravel(),
        reform,
    ).reshape(age.shape)
    before = statutory - age  # months to the statutory age
    working = (age >= 16 * 12) & (before > 0)
    n = counts[working].sum()
    if n == 0:
        return 0.0
    deaths = 12.0 * counts * monthly_hazard[:, None, None]  # over a year
    leaving = counts[working & (before <= 12)].sum() + deaths[working].sum()
    joining = deaths.sum() + counts[n_ages - 13 : n_ages - 1].sum()  # deaths and 75th birthdays
    return float(np.log((n + joining - leaving) / n))


_CADRE = int(Education.SENIOR_SECONDARY)  # women with this education or more: cadre posts


@numba.njit(cache=True, nogil=True)
def _age_sex_post_counts(
    age_months: np.ndarray, female: np.ndarray, education: np.ndarray, cadre: int, n_ages: int
) -> np.ndarray:
    """People by (age in months, female, education at least ``cadre``), in one pass."""
    out = np.zeros((n_ages, 2, 2), dtype=np.int64)
    for i in range(age_months.shape[0]):
        a = min(age_months[i], n_ages - 1)
        out[a, np.int64(female[i]), np.int64(education[i] >= cadre)] += 1
    return out


def balanced_closures(rng: np.random.Generator, staff: np.ndarray, exit_rate: float) -> np.ndarray:
    """The firms that close this month (sorted), each with chance about ``exit_rate``, chosen so
    that their staff add up to ``exit_rate`` of all staff (``staff``: each firm's job holders) on
    average and to within one firm every month: firms in a random order close while the staff of
    those before them and their own stay within the quota, and the firm that would pass it closes
    with the chance that makes the expected total the quota.

    A firm closes when the staff of the firms ahead of it in the order fall short of the quota:
    whatever its own size, that happens with chance close to quota / all staff = ``exit_rate``.
    Drawing each firm's closure independently would do the same on average, but with a few
    thousand firms the jobs lost would swing by tenths of a point of the urban rate from month
    to month; with China's millions of firms they do not (issue 13: less noise).
    """
    n = len(staff)
    if n == 0 or exit_rate <= 0.0:
        return np.zeros(0, dtype=np.int64)
    order = rng.permutation(n)
    u = rng.random()
    total = float(staff.sum())
    if total <= 0.0:  # no staff yet (a hand-made start): firms close independently
        return np.sort(order[: rng.binomial(n, exit_rate)])
    quota = exit_rate * total
    size = staff[order].astype(np.float64)
    ahead = np.cumsum(size) - size  # staff of the firms before each in the order
    within = ahead + size <= quota
    last = int(np.count_nonzero(within))  # the firm that would pass the quota, if any
    if last < n and u * size[last] < quota - ahead[last]:
        last += 1
    return np.sort(order[:last])


@numba.njit(cache=True, nogil=True)
def spread_vacancies(
    target: np.ndarray,
    employment: np.ndarray,
    mix_table: np.ndarray,
    mix_row: np.ndarray,
    n_vac: np.ndarray,
    u: np.ndarray,
    spare_rows: int = 0,
) -> np.ndarray:
    """Vacancies by (firm, occupation): firm ``f`` posts ``n_vac[f]`` vacancies, each in an
    occupation drawn independently with chance proportional to the firm's shortfall there,
    ``max(target * mix - employment, 0)`` (its wanted mix ``mix_table[mix_row[f]]`` where it is
    short in none). ``u`` holds one uniform per vacancy, used firm by firm (inverse CDF).
    ``spare_rows`` rows of zeros follow, for firms founded later (:func:`with_rows`)."""
    n_firms, n_occ = employment.shape
    out = np.zeros((n_firms + spare_rows, n_occ), dtype=np.int64)
    cum = np.empty(n_occ, dtype=np.float64)  # cumulative weights of the firm's occupations
    j = 0
    for f in range(n_firms):
        k = n_vac[f]
        if k <= 0:
            continue
        r = mix_row[f]
        total = 0.0
        for o in range(n_occ):
            total += max(target[f] * mix_table[r, o] - employment[f, o], 0.0)
            cum[o] = total
        if total <= 0.0:  # short in no occupation: the wanted mix
            for o in range(n_occ):
                total += mix_table[r, o]
                cum[o] = total
        for _ in range(k):
            x = u[j] * total
            j += 1
            # the first occupation whose cumulative weight passes x (the last at most): the
            # count of those not passing it, as the weights never decrease (no branch to miss)
            o = 0
            for c in range(n_occ - 1):
                o += cum[c] <= x
            out[f, o] += 1
    return out


@numba.njit(cache=True, nogil=True)
def take_vacancies(vacancies: np.ndarray, firm: np.ndarray, occupation: np.ndarray) -> None:
    """Take one vacancy of (``firm[k]``, ``occupation[k]``) for each ``k`` from ``vacancies``
    (by firm and occupation), in place: ``np.subtract.at`` as a loop (many times faster)."""
    for k in range(firm.shape[0]):
        vacancies[firm[k], occupation[k]] -= 1


@numba.njit(cache=True, nogil=True)
def workforce_counts(
    held: np.ndarray, signed_firm: np.ndarray, signed_occupation: np.ndarray, spare_rows: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """From the firm jobs by (firm, occupation) ``held`` and the offers students signed (their
    firm and occupation): the workforce by (firm, occupation) counting the signed (followed by
    ``spare_rows`` rows of zeros, as in :func:`spread_vacancies`), and each firm's job holders
    (``held``'s row sums)."""
    n_firms, n_occ = held.shape
    employment = np.zeros((n_firms + spare_rows, n_occ), dtype=np.int64)
    employment[:n_firms] = held
    for k in range(signed_firm.shape[0]):
        employment[signed_firm[k], signed_occupation[k]] += 1
    return employment, row_sums(held)


@numba.njit(cache=True, nogil=True)
def row_sums(counts: np.ndarray) -> np.ndarray:
    """Each row's total of an integer table (numpy's ``sum(axis=1)`` is slow on short rows)."""
    n_rows, n_cols = counts.shape
    out = np.zeros(n_rows, dtype=np.int64)
    for r in range(n_rows):
        for c in range(n_cols):
            out[r] += counts[r, c]
    return out


def spare_rows(n_firms: int) -> int:
    """Rows of zeros the per-firm tables keep beyond the firms, so that the month's start-ups
    (:meth:`LabourDemand.grow`) extend them without a copy: more than a month's start-ups."""
    return max(256, n_firms // 50)


def with_rows(table: np.ndarray, n_rows: int) -> np.ndarray:
    """``table`` (rows by firm) with ``n_rows`` rows, the new ones zero: a longer view of the
    buffer it is the head of if that has the rows (of zeros, from :func:`spare_rows`), else a
    padded copy."""
    base = table.base
    if (
        isinstance(base, np.ndarray)
        and base.ndim == 2
        and base.shape[0] >= n_rows
        and base.shape[1] == table.shape[1]
        and base.dtype == table.dtype
        and base.flags.c_contiguous
        and table.ctypes.data == base.ctypes.data
    ):
        return base[:n_rows]
    pad = np.zeros((n_rows - table.shape[0], table.shape[1]), dtype=table.dtype)
    return np.vstack([table, pad])
