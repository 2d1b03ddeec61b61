"""Firms: employers of non-farm work, held as arrays (one row per firm).

A firm has a sector, a region and an area (urban or rural), a size share of its market and a
persistent idiosyncratic demand shock. Its target employment is its share of the labour demand of
its (sector, region, area) market; it wants the occupation mix of its sector. Farming is household
self-employment and has no firms: it is the rural absorber.

Firms enter and exit: an exiting firm lays off its staff and its row is taken by a new firm of
the same market, which starts small and hires (slot reuse keeps arrays fixed in size).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numba
import numpy as np

from sim import blocks
from sim.codes import Sector
from sim.occupations import N_OCC
from sim.sampling import choose_within_groups

if TYPE_CHECKING:
    from sim.config import DemandConfig
    from sim.workers import Workers

N_AREAS = 2  # 0 rural, 1 urban


def market_of(sector: np.ndarray, region: np.ndarray, urban: np.ndarray, n_regions: int):
    """Index of the (sector, region, area) labour-demand market."""
    return (sector.astype(np.int64) * n_regions + region) * N_AREAS + urban.astype(np.int64)


def count_jobs(employer: np.ndarray, occupation: np.ndarray, n_firms: int) -> np.ndarray:
    """Firm jobs by (firm, occupation), shape (n_firms, N_OCC): one pass over the workers;
    ``employer`` -1 (no firm job) is not counted."""
    return count_jobs_and_staff(employer, occupation, np.zeros(n_firms + 1, dtype=np.bool_))[0]


def count_jobs_and_staff(
    employer: np.ndarray, occupation: np.ndarray, is_firm: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Firm jobs by (firm, occupation), shape (n_firms, N_OCC), and the workers (ascending)
    whose employer ``f`` is flagged in ``is_firm[f + 1]`` (of length n_firms + 1; entry 0, for
    employer -1, must be False): one pass over the workers, block by block on a few threads
    (:mod:`sim.blocks`; each task counts into its own table, and the counts add up exactly)."""
    found = blocks.run(
        lambda lo, hi: _count_jobs_and_staff_in(lo, employer[lo:hi], occupation[lo:hi], is_firm),
        len(employer),
    )
    n_firms = is_firm.shape[0] - 1
    counts = found[0][1][0][N_OCC:].astype(np.int64)  # row 0 (no firm job) dropped
    for _, (part, _) in found[1:]:
        counts += part[N_OCC:]
    staff = blocks.join([rows for _, (_, rows) in found])
    return counts.reshape(n_firms, N_OCC), staff


@numba.njit(cache=True, nogil=True)
def _count_jobs_and_staff_in(
    lo: int, employer: np.ndarray, occupation: np.ndarray, is_firm: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`count_jobs_and_staff` of the block of rows from ``lo`` (``employer``,
    ``occupation``: theirs): the counts flat, with a first row of those without a firm job."""
    n_firms = is_firm.shape[0] - 1
    # row 0 takes those without a firm job and is dropped: no branch in the loop; int32 cells
    # halve the memory the scattered increments touch
    counts = np.zeros((n_firms + 1) * N_OCC, dtype=np.int32)
    staff = np.empty(employer.shape[0], dtype=np.int64)
    k = 0
    for i in range(employer.shape[0]):
        e = np.int64(employer[i]) + 1
        counts[e * N_OCC + occupation[i]] += 1
        staff[k] = lo + i  # branch-free: write every index, advance on a match
        k += is_firm[e]
    return counts, staff[:k].copy()


def staff_of(employer: np.ndarray, is_firm: np.ndarray) -> np.ndarray:
    """The workers (ascending) whose employer ``f`` is flagged in ``is_firm[f + 1]`` (entry 0,
    for employer -1, must be False): one pass over the workers, block by block on a few threads
    (:mod:`sim.blocks`)."""
    return blocks.listed(lambda lo, hi: _staff_in(lo, employer[lo:hi], is_firm), len(employer))


@numba.njit(cache=True, nogil=True)
def _staff_in(lo: int, employer: np.ndarray, is_firm: np.ndarray) -> np.ndarray:
    """The flagged firms' workers among the block of rows from ``lo`` (``employer``: theirs)."""
    out = np.empty(employer.shape[0], dtype=np.int64)
    k = 0
    for i in range(employer.shape[0]):  # branch-free: write every index, advance on a match
        out[k] = lo + i
        k += is_firm[np.int64(employer[i]) + 1]
    return out[:k].copy()


def firm_flags(firms: np.ndarray, n_firms: int) -> np.ndarray:
    """The table ``is_firm[f + 1]`` of :func:`staff_of`: True for the firms ``firms``."""
    is_firm = np.zeros(n_firms + 1, dtype=np.bool_)
    is_firm[np.asarray(firms) + 1] = True
    return is_firm


def staff_of_firms(workers: Workers, firms: np.ndarray, n_firms: int) -> np.ndarray:
    """The workers (ascending) employed by any of the firms ``firms`` (of ``n_firms``)."""
    return staff_of(workers.employer, firm_flags(firms, n_firms))


@dataclass
class Firms:
    """The state of every firm."""

    sector: np.ndarray  # int8, Sector
    region: np.ndarray  # int8
    urban: np.ndarray  # bool
    size: np.ndarray  # float64, relative size within its market (before the shock)
    shock: np.ndarray  # float64, log idiosyncratic demand (AR(1))
    age: np.ndarray  # int32, months since entry
    ai_adopted: np.ndarray  # bool, has adopted AI
    ai_propensity: np.ndarray  # float64, fixed firm-specific taste for adopting
    extra_demand: np.ndarray  # float64, workers of new demand a start-up brought
    n_regions: int

    @property
    def n(self) -> int:
        return int(self.sector.shape[0])

    @property
    def market(self) -> np.ndarray:
        return market_of(self.sector, self.region, self.urban, self.n_regions)

    @property
    def n_markets(self) -> int:
        return len(Sector) * self.n_regions * N_AREAS

    def demand_share(self, start_size: float, ramp_months: float) -> np.ndarray:
        """Each firm's share of its market's labour demand, size x ramp x exp(shock), normalised.

        A new firm starts at ``start_size`` of its potential size and grows to it linearly over
        ``ramp_months`` (``demand.entrant_start_size``, ``demand.entrant_ramp_months``).
        """
        ramp = np.minimum(1.0, start_size + self.age / ramp_months)
        raw = self.size * ramp * np.exp(self.shock)
        market = self.market
        tot = np.bincount(market, weights=raw, minlength=self.n_markets)[market]
        return np.where(tot > 0, raw / np.where(tot > 0, tot, 1.0), 0.0)

    def employment_by_occupation(self, workers: Workers) -> np.ndarray:
        """Employed agents in each (firm, occupation): shape (n_firms, n_occ)."""
        return count_jobs(workers.employer, workers.occupation, self.n)

    def replace(self, idx: np.ndarray, rng: np.random.Generator) -> None:
        """New firms take rows ``idx`` in the same markets, with freshly drawn potential sizes."""
        market = self.market
        per_market = np.bincount(market, minlength=self.n_markets)
        self.size[idx] = np.exp(rng.standard_normal(len(idx))) / per_market[market[idx]]
        self.shock[idx] = 0.0
        self.age[idx] = 0
        self.ai_adopted[idx] = False
        self.ai_propensity[idx] = rng.standard_normal(len(idx))
        self.extra_demand[idx] = 0.0

    def append(
        self,
        sector: np.ndarray,
        region: np.ndarray,
        urban: np.ndarray,
        extra_demand: np.ndarray,
        rng: np.random.Generator,
    ) -> np.ndarray:
        """Add start-ups: new firms with no share of existing demand but demand of their own.
        Returns their row indices."""
        k = len(sector)
        first = self.n
        self.sector = np.concatenate([self.sector, sector.astype(np.int8)])
        self.region = np.concatenate([self.region, region.astype(np.int8)])
        self.urban = np.concatenate([self.urban, urban.astype(bool)])
        self.size = np.concatenate([self.size, np.zeros(k)])
        self.shock = np.concatenate([self.shock, np.zeros(k)])
        self.age = np.concatenate([self.age, np.zeros(k, dtype=np.int32)])
        self.ai_adopted = np.concatenate([self.ai_adopted, np.zeros(k, dtype=bool)])
        self.ai_propensity = np.concatenate([self.ai_propensity, rng.standard_normal(k)])
        self.extra_demand = np.concatenate([self.extra_demand, extra_demand.astype(np.float64)])
        return np.arange(first, first + k)

    @classmethod
    def from_workforce(
        cls, workers: Workers, cfg: DemandConfig, n_regions: int, rng: np.random.Generator
    ) -> Firms:
        """Create firms for the non-farm jobs of the initial state and attach workers to them.

        Each market gets round(jobs / mean_firm_size) firms (at least one) with lognormal sizes;
        each worker is placed in a firm of its market with chance proportional to the firm's size.
        """
        jobs = workers.sector > Sector.AGRICULTURE
        wm = market_of(workers.sector[jobs], workers.region[jobs], workers.urban[jobs], n_regions)
        n_markets = len(Sector) * n_regions * N_AREAS
        per_market = np.bincount(wm, minlength=n_markets)
        n_firms = np.where(
            per_market > 0, np.maximum(1, np.round(per_market / cfg.mean_firm_size)), 0
        ).astype(np.int64)
        firm_market = np.repeat(np.arange(n_markets), n_firms)
        n = len(firm_market)
        size = np.exp(1.0 * rng.standard_normal(n))
        sec = firm_market // (n_regions * N_AREAS)
        reg = (firm_market // N_AREAS) % n_regions
        urb = (firm_market % N_AREAS).astype(bool)
        firms = cls(
            sector=sec.astype(np.int8),
            region=reg.astype(np.int8),
            urban=urb,
            size=size,
            shock=stationary_shocks(rng, n, cfg.firm_shock_sd, cfg.firm_shock_persistence),
            age=stationary_ages(rng, n, cfg.firm_exit),
            n_regions=n_regions,
            ai_adopted=np.zeros(len(firm_market), dtype=bool),
            ai_propensity=rng.standard_normal(len(firm_market)),
            extra_demand=np.zeros(len(firm_market)),
        )
        firms.size = (
            firms.size / np.bincount(firm_market, weights=size, minlength=n_markets)[firm_market]
        )
        wanted = firms.demand_share(cfg.entrant_start_size, cfg.entrant_ramp_months)
        placed = choose_within_groups(rng, firm_market, wanted, n_markets, wm)
        workers.employer[np.flatnonzero(jobs)] = placed.astype(np.int32)
        # A firm's potential size is set so that its share of its market's demand is its actual
        # share of the market's jobs: every firm starts at its desired employment.
        staff = np.bincount(placed, minlength=firms.n).astype(np.float64) + 0.5
        ramp = np.minimum(1.0, cfg.entrant_start_size + firms.age / cfg.entrant_ramp_months)
        potential = staff / (ramp * np.exp(firms.shock))
        firms.size = (
            potential
            / np.bincount(firm_market, weights=potential, minlength=n_markets)[firm_market]
        )
        return firms


def stationary_shocks(
    rng: np.random.Generator, n: int, sd: float, persistence: float
) -> np.ndarray:
    """Firms' demand shocks drawn from the stationary distribution of their AR(1) process
    (sd ``sd / sqrt(1 - persistence^2)``), so that their spread does not grow over the first
    years of a run (issue 13: a stationary start)."""
    return rng.standard_normal(n) * (sd / np.sqrt(1.0 - persistence**2))


def stationary_ages(rng: np.random.Generator, n: int, exit_rate: float) -> np.ndarray:
    """Firms' ages in months drawn from the stationary distribution of a population in which
    firms close at a constant monthly hazard ``exit_rate`` and entrants replace them
    (geometric), so that the share of young firms still growing to their size is the one the
    run keeps (issue 13: a stationary start)."""
    if exit_rate <= 0.0:
        return np.full(n, 240, dtype=np.int32)
    return np.minimum(rng.geometric(exit_rate, n) - 1, 2400).astype(np.int32)
