"""Statistics: the month's official indicators, computed as the statistics bureau defines them.

- Surveyed urban unemployment rate: urban residents aged 16+ without work, searching and available,
  over the urban labour force (employed + unemployed urban residents), migrants living in towns
  included. Also by age (16-24, students being outside the labour force; 25-29; 30-59), by hukou
  (rural-hukou "migrant" and local) and by region.
- Urban new jobs: people newly employed in urban jobs (not urban-employed in the previous 12
  months) minus natural attrition (retirements and deaths of urban workers).
- Migrant workers: rural-hukou people in non-farm work; "away" if living in a town or city,
  "local" if living in the countryside.
- Diagnostics: vacancy rate, vacancies per job seeker, job-finding and separation rates, long-term
  unemployment share (spells of 12+ months), and the Sahin-Song-Topa-Violante (2014) mismatch
  index over (region, occupation) markets: M = 1 - sum_i (v_i/V)^a (u_i/U)^(1-a), a = 0.5.

All levels are in 10k persons (the unit of China's statistical releases); rates in %.
Derived numbers live only here: the model state holds counts, never rates.

The month's head counts come from one compiled pass over everyone (:func:`tabulate`) into two
small cross-tables; the indicators, the regions' job-finding rates and the mismatch index's job
seekers are sums of their cells. The same pass sums the pay (exactly as numpy sums it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numba
import numpy as np

from sim import blocks
from sim.codes import (
    EMPLOYED_STATUSES,
    PRIMARY_SECTORS,
    SCHOOLING_YEARS,
    SECONDARY_SECTORS,
    TERTIARY_SECTORS,
    Education,
    Occupation,
    Sector,
    Status,
    names,
)
from sim.markets import vacancies_by_market
from sim.occupations import N_OCC
from sim.workers import (
    AI_DISPLACED,
    GRADUATE,
    IN_PLACE_URBAN,
    PENSION_INSURED,
    POVERTY_ALLEVIATED,
    Workers,
)

if TYPE_CHECKING:
    from sim.model import LabourMarketModel

LONG_TERM_MONTHS = 12
AGE_BAND_EDGES = np.array([25, 30, 60])  # bands 16-24, 25-29, 30-59, 60+
MISMATCH_ALPHA = 0.5
URBAN = 1  # the urban area's index in a market tally (sim.markets)


@dataclass
class Flows:
    """What happened during one month, in agents. Reset at the start of every month."""

    urban_employed_at_start: int = 0
    urban_unemployed_at_start: int = 0
    separations: int = 0
    urban_separations: int = 0  # urban residents who lost or left a job for unemployment
    quits: int = 0
    layoffs: int = 0  # demand-driven layoffs at firms above their desired employment
    closure_layoffs: int = 0  # workers of firms that closed
    spring_festival_returns: int = 0
    hires_from_unemployment: int = 0
    hires_from_unemployment_urban: int = 0
    seekers_unemployed: int = 0
    seekers_unemployed_urban: int = 0
    job_to_job: int = 0
    urban_new_hires: int = 0
    urban_attrition: int = 0
    retirements: int = 0
    deaths_and_exits: int = 0
    school_leavers: int = 0
    graduates: int = 0
    campus_seekers: int = 0  # final-year students looking in a recruitment season
    signed_offers: int = 0  # final-year students signing a job that starts after graduation
    signed_job_starts: int = 0  # graduates starting, in July, the job they signed
    signed_offers_lapsed: int = 0  # signed jobs lost because the firm closed before July
    discouraged: int = 0
    reentrants: int = 0
    rural_urban_moves: int = 0
    return_moves: int = 0
    cross_region_moves: int = 0
    hukou_settlements: int = 0
    in_place_urbanised: int = 0  # rural residents whose village became urban
    firm_entries: int = 0
    ai_displaced: int = 0
    ai_reemployed: int = 0
    training_starts: int = 0
    training_completions: int = 0
    training_successes: int = 0
    startups: int = 0
    # what the levers delivered, in expected agents; each lever books its cost from these
    layoffs_avoided: float = 0.0  # demand-driven layoffs avoided by job-retention subsidies
    settlements_boosted: float = 0.0  # hukou settlements added by hukou relaxation
    startups_supported: float = 0.0  # start-ups added by start-up support
    hires_by_region_area: np.ndarray = field(default_factory=lambda: np.zeros((1, 2), np.int64))

    @classmethod
    def start(cls, model: LabourMarketModel) -> Flows:
        """Empty flows for a new month, with the urban stocks the month starts from."""
        return cls(
            urban_employed_at_start=model.statistics.n_urban_employed,
            urban_unemployed_at_start=model.statistics.n_urban_unemployed,
            hires_by_region_area=np.zeros((len(model.regions), 2), dtype=np.int64),
        )


FLOW_REPORTS = (
    "separations",
    "layoffs",
    "closure_layoffs",
    "quits",
    "job_to_job",
    "retirements",
    "graduates",
    "campus_seekers",
    "signed_offers",
    "signed_job_starts",
    "signed_offers_lapsed",
    "school_leavers",
    "rural_urban_moves",
    "return_moves",
    "cross_region_moves",
    "hukou_settlements",
    "in_place_urbanised",
    "discouraged",
    "reentrants",
    "ai_displaced",
    "training_starts",
    "training_completions",
    "startups",
)


def _rate(num: float, den: float) -> float:
    return 100.0 * num / den if den > 0 else float("nan")


# The tabulation: every person falls in one cell of (state, area, hukou, region, age band,
# groups) and one of (state, area, region, occupation, age band, education), counted in one pass
# (:func:`tabulate`); each indicator is a sum of cells. A state is a status refined where an
# indicator needs it: a job's sector group (primary, secondary, tertiary), an unemployed person's
# long spell, benefit and AI displacement, a trainee's AI displacement. The groups are the
# graduates, the poverty-alleviated, the pension-insured and those urbanised in place (bits of
# GROUP_BITS).
SECTOR_GROUPS = (PRIMARY_SECTORS, SECONDARY_SECTORS, TERTIARY_SECTORS)
# a sector's group is the number of later groups' first sectors it reaches (groups are ranges)
GROUP_STARTS = tuple(int(min(g)) for g in SECTOR_GROUPS[1:])
assert [int(s) for g in SECTOR_GROUPS for s in sorted(g)] == list(range(len(Sector)))
LONG_SPELL, ON_BENEFIT, DISPLACED = 4, 2, 1  # bits of an unemployed person's refinement
SUBSTATES = np.array(
    [
        len(SECTOR_GROUPS)
        if s in EMPLOYED_STATUSES
        else 8
        if s == Status.UNEMPLOYED
        else 2
        if s == Status.TRAINING
        else 1
        for s in Status
    ]
)
STATE_OF = np.concatenate([[0], np.cumsum(SUBSTATES)[:-1]]).astype(np.uint8)  # first state
N_STATES = int(SUBSTATES.sum())
N_BANDS = len(AGE_BAND_EDGES) + 1
N_EDU = len(Education)
GROUP_BITS = {GRADUATE: 1, POVERTY_ALLEVIATED: 2, PENSION_INSURED: 4, IN_PLACE_URBAN: 8}
_GROUP_BITS = tuple((np.uint8(flag), np.int64(bit)) for flag, bit in GROUP_BITS.items())
N_GROUPS = 16
WORKING_AGE_BANDS = slice(0, N_BANDS - 1)  # 16-59


def states(*statuses: Status) -> np.ndarray:
    """The tabulation's states of people in any of ``statuses``."""
    return np.concatenate([STATE_OF[s] + np.arange(SUBSTATES[s]) for s in statuses])


EMPLOYED = states(*EMPLOYED_STATUSES)
NONFARM = states(Status.EMPLOYED_FORMAL, Status.EMPLOYED_FLEXIBLE, Status.PUBLIC_PROGRAMME)
FIRM_JOBS = states(Status.EMPLOYED_FORMAL, Status.EMPLOYED_FLEXIBLE)
UNEMPLOYED = slice(int(STATE_OF[Status.UNEMPLOYED]), int(STATE_OF[Status.UNEMPLOYED]) + 8)
ADULTS = slice(int(SUBSTATES[Status.STUDENT]), N_STATES)  # assumes students come first
assert Status.STUDENT == 0


def unemployed_with(bit: int) -> np.ndarray:
    """States of the unemployed whose refinement has ``bit`` set."""
    return STATE_OF[Status.UNEMPLOYED] + np.flatnonzero(np.arange(8) & bit)


def groups_with(flag: np.uint8) -> np.ndarray:
    """Group codes of people with ``flag`` set."""
    return np.flatnonzero(np.arange(N_GROUPS) & GROUP_BITS[flag])


@dataclass
class Tabulation:
    """The month's head counts, in agents, as two cross-tables that count each person once
    (see :func:`tabulate`), the marginals the indicators read, and the pay and three counts of
    the same pass.

    ``people``   [state, area, hukou, region, age band, groups]
    ``jobs``     [state, area, region, occupation, age band, education]
    ``pay``      the sum of everyone's wage (yuan per month; float64, as ``wage.sum(dtype=
                 np.float64)`` adds it)
    ``earners``  people with pay (firm and programme jobs)
    ``ai_cohort``, ``ai_back``   people displaced by AI at least 12 months before, and those of
                 them back in work within 12 months of it
    """

    people: np.ndarray
    jobs: np.ndarray
    pay: float = 0.0
    earners: int = 0
    ai_cohort: int = 0
    ai_back: int = 0

    @property
    def table(self) -> np.ndarray:
        """[state, area, hukou, region, age band]: everyone once."""
        return self.by_place()

    def by_place(self) -> np.ndarray:
        """[state, area, hukou, region, age band]"""
        return self.people.sum(axis=5)

    def by_group(self) -> np.ndarray:
        """[state, area, groups]"""
        return self.people.sum(axis=(2, 3, 4))

    def by_occupation(self) -> np.ndarray:
        """[state, area, occupation]"""
        return self.jobs.sum(axis=(2, 4, 5))

    def by_education(self) -> np.ndarray:
        """[age band, education]"""
        return self.jobs.sum(axis=(0, 1, 2, 3))

    def seekers(self) -> np.ndarray:
        """Unemployed job seekers by market [region, area, occupation] (as
        :func:`sim.markets.seekers_by_market` counts them)."""
        return self.jobs[UNEMPLOYED].sum(axis=(0, 4, 5)).transpose(1, 0, 2)


# The tabulation's codes as arithmetic on a person's own codes (no table lookups, so that the
# compiled loops run on vectors): a status's first state is its code plus the extra states of the
# statuses before it; a sector's group is the number of later groups' first sectors it reaches;
# the age band is the number of band edges reached.
_EXTRA_STATES = tuple(
    (s.value, int(SUBSTATES[s]) - 1) for s in Status if SUBSTATES[s] > 1 and s < max(Status)
)
_BAND_MONTHS = tuple(12 * int(edge) for edge in AGE_BAND_EDGES)
# (shift of the flag's bit, bit of the group code) for each group
_GROUP_SHIFTS = tuple(
    (int(flag).bit_length() - 1, bit.bit_length() - 1) for flag, bit in GROUP_BITS.items()
)
_DISPLACED_SHIFT = int(AI_DISPLACED).bit_length() - 1
_DISPLACED_FLAG = np.uint8(AI_DISPLACED)
_UNEMPLOYED, _TRAINING = Status.UNEMPLOYED.value, Status.TRAINING.value
_CHUNK = 2048  # people per block: the block's codes stay in the first-level cache
# values numpy casts (float32 to float64) and sums pairwise at a time: its buffer size (8192 by
# default), read once here; a program that changes np.setbufsize later gets the same sum to ~1e-12
_SUM_BLOCK = int(np.getbufsize())
_PAIRWISE_BLOCK = 128  # numpy's pairwise summation adds runs up to this long in one loop
assert _SUM_BLOCK % _CHUNK == 0
assert DISPLACED == 1  # the displaced bit is bit 0 of a refinement


@numba.njit(cache=True, nogil=True)
def _states(status, sector, flags, spell, ui_months, out):
    """Each person's tabulation state: the status refined by a job's sector group, an unemployed
    person's long spell, benefit and AI displacement, a trainee's AI displacement."""
    for j in range(status.shape[0]):
        s = np.int32(status[j])
        state = s
        for code, extra in _EXTRA_STATES:
            state += np.int32(s > code) * np.int32(extra)
        for start in GROUP_STARTS:
            state += np.int32(sector[j] >= start)
        displaced = (np.int32(flags[j]) >> _DISPLACED_SHIFT) & 1
        refined = np.int32(spell[j] >= LONG_TERM_MONTHS) * np.int32(LONG_SPELL)
        refined |= np.int32(ui_months[j] > 0) * np.int32(ON_BENEFIT)
        refined |= displaced
        state += refined * np.int32(s == _UNEMPLOYED) + displaced * np.int32(s == _TRAINING)
        out[j] = state


@numba.njit(cache=True, nogil=True, inline="always")
def _band(age_months):
    """The age band of an age in months: the number of band edges reached."""
    band = np.int32(0)
    for edge in _BAND_MONTHS:
        band += np.int32(age_months >= edge)
    return band


@numba.njit(cache=True, nogil=True)
def _people_keys(state, urban, hukou_rural, region, age, flags, n_regions, out):
    """Cells of [state, area, hukou, region, age band, groups]."""
    for j in range(state.shape[0]):
        groups = np.int32(0)
        for shift, bit in _GROUP_SHIFTS:
            groups |= ((np.int32(flags[j]) >> shift) & 1) << bit
        cell = (state[j] * 2 + np.int32(urban[j])) * 2 + np.int32(hukou_rural[j])
        cell = (cell * n_regions + np.int32(region[j])) * N_BANDS + _band(age[j])
        out[j] = cell * N_GROUPS + groups


@numba.njit(cache=True, nogil=True)
def _job_keys(state, urban, region, occupation, age, education, n_regions, out):
    """Cells of [state, area, region, occupation, age band, education]."""
    for j in range(state.shape[0]):
        cell = (state[j] * 2 + np.int32(urban[j])) * n_regions + np.int32(region[j])
        cell = (cell * N_OCC + np.int32(occupation[j])) * N_BANDS + _band(age[j])
        out[j] = cell * N_EDU + np.int32(education[j])


@numba.njit(cache=True, nogil=True)
def _count(keys, table):
    for j in range(keys.shape[0]):
        table[keys[j]] += 1


@numba.njit(cache=True, nogil=True)
def _pairwise_sum(values, lo, n):
    """The float64 sum of ``values[lo:lo + n]`` added exactly as numpy's pairwise summation adds
    them (numpy/_core/src/umath/loops_utils.h.src: runs of under 8 in order, blocks of up to 128 in
    eight interleaved partial sums, larger runs split in two at a multiple of 8)."""
    if n < 8:
        total = 0.0
        for i in range(lo, lo + n):
            total += np.float64(values[i])
        return total
    if n <= _PAIRWISE_BLOCK:
        r0, r1 = np.float64(values[lo]), np.float64(values[lo + 1])
        r2, r3 = np.float64(values[lo + 2]), np.float64(values[lo + 3])
        r4, r5 = np.float64(values[lo + 4]), np.float64(values[lo + 5])
        r6, r7 = np.float64(values[lo + 6]), np.float64(values[lo + 7])
        whole = lo + n - n % 8
        for i in range(lo + 8, whole, 8):
            r0 += np.float64(values[i])
            r1 += np.float64(values[i + 1])
            r2 += np.float64(values[i + 2])
            r3 += np.float64(values[i + 3])
            r4 += np.float64(values[i + 4])
            r5 += np.float64(values[i + 5])
            r6 += np.float64(values[i + 6])
            r7 += np.float64(values[i + 7])
        total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        for i in range(whole, lo + n):
            total += np.float64(values[i])
        return total
    half = n // 2
    half -= half % 8
    return _pairwise_sum(values, lo, half) + _pairwise_sum(values, lo + half, n - half)


@numba.njit(cache=True, nogil=True)
def _tabulate(
    status, sector, flags, spell, ui_months, age, urban, hukou_rural, region, occupation,
    education, wage, displaced_at, reemployed_at, month, n_regions, people, jobs, pays,
):  # fmt: skip
    """Count everyone into ``people`` and ``jobs`` (flat), block by block; write the pay of each
    run of ``_SUM_BLOCK`` to ``pays`` (at the run's number), count earners and the AI cohort.
    Returns (earners, cohort, back).

    A run's pay is summed in float64 as ``wage.sum(dtype=np.float64)`` sums it (numpy casts
    float32 in buffers of ``_SUM_BLOCK`` and sums each pairwise); added in run order, the runs
    give the same number to the last bit. Each block of ``_CHUNK`` runs a few short loops over a
    few columns each: loops that vectorise, then the two counts. The AI displacement months are
    read only for people with the AI_DISPLACED flag (set with them, never cleared)."""
    n_regions = np.int32(n_regions)
    state = np.empty(_CHUNK, np.int32)
    keys = np.empty(_CHUNK, np.int32)
    n = status.shape[0]
    earners = cohort = back = 0
    for run in range(0, n, _SUM_BLOCK):
        end = min(run + _SUM_BLOCK, n)
        pays[run // _SUM_BLOCK] = _pairwise_sum(wage, run, end - run)
        for i in range(run, end):
            earners += np.int32(wage[i] != 0)
        for a in range(run, end, _CHUNK):
            b = min(a + _CHUNK, end)
            st = state[: b - a]
            _states(status[a:b], sector[a:b], flags[a:b], spell[a:b], ui_months[a:b], st)
            block = keys[: b - a]
            _people_keys(
                st, urban[a:b], hukou_rural[a:b], region[a:b], age[a:b], flags[a:b],
                n_regions, block,
            )  # fmt: skip
            _count(block, people)
            _job_keys(
                st, urban[a:b], region[a:b], occupation[a:b], age[a:b],
                education[a:b], n_regions, block,
            )  # fmt: skip
            _count(block, jobs)
        for i in range(run, end):
            if flags[i] & _DISPLACED_FLAG:
                at = np.int32(displaced_at[i])
                if at >= 0 and at <= month - 12:
                    cohort += 1
                    again = np.int32(reemployed_at[i])
                    back += np.int32(again >= 0) * np.int32(again - at <= 12)
    return earners, cohort, back


def tabulate(w: Workers, n_regions: int, month: int = 0) -> Tabulation:
    """Count everyone by (state, area, hukou, region, age band, groups) and by (state, area,
    region, occupation, age band, education) in one compiled pass, with the total pay, the
    earners and the AI cohort displaced by model month ``month`` - 12. It relies on the workers'
    invariants: a sector iff working (so that a working person's state is refined by the sector,
    and the others' by their own bits), ages of 16 and over, and an AI displacement month only
    with the AI_DISPLACED flag.

    The pass runs block by block on a few threads (:mod:`sim.blocks`), each thread counting into
    its own tables (added up after: exact), each block writing the pay of its runs; the pay is
    the runs' pays added in order, as numpy adds them."""
    people = np.zeros((N_STATES, 2, 2, n_regions, N_BANDS, N_GROUPS), np.int32)
    jobs = np.zeros((N_STATES, 2, n_regions, N_OCC, N_BANDS, N_EDU), np.int32)
    pays = np.zeros(-(-w.n // _SUM_BLOCK))
    columns = (
        w.status, w.sector, w.flags, w.spell, w.ui_months, w.age_months, w.urban.view(np.uint8),
        w.hukou_rural.view(np.uint8), w.region, w.occupation, w.education, w.wage,
        w.ai_displaced_at, w.ai_reemployed_at,
    )  # fmt: skip

    def task(lo: int, hi: int, mine: tuple[np.ndarray, ...]) -> tuple[int, int, int]:
        p, j = mine  # this thread's tables
        block = (c[lo:hi] for c in columns)
        return _tabulate(
            *block, month, n_regions, p.reshape(-1), j.reshape(-1), pays[lo // _SUM_BLOCK :]
        )

    counts = [c for _, c in blocks.counted(task, w.n, (people, jobs))]
    earners, cohort, back = (sum(c[i] for c in counts) for i in range(3))
    pay = 0.0
    for part in pays.tolist():  # in run order, as numpy adds them
        pay += part
    return Tabulation(people, jobs, pay, int(earners), int(cohort), int(back))


def mismatch_index(v: np.ndarray, u: np.ndarray) -> float:
    """Sahin et al. (2014) mismatch index over markets with vacancies ``v`` and seekers ``u``."""
    v, u = v.astype(float), u.astype(float)
    if u.sum() == 0 or v.sum() == 0:
        return float("nan")
    return float(
        1.0 - np.sum((v / v.sum()) ** MISMATCH_ALPHA * (u / u.sum()) ** (1 - MISMATCH_ALPHA))
    )


class Statistics:
    name = "statistics"

    def __init__(self, model: LabourMarketModel) -> None:
        self.record: dict[str, float] = {}
        self.ai_displaced_cumulative = 0  # agents displaced by AI since the start
        self.n_urban_employed = 0  # agents, at the last tabulation (next month's starting stock)
        self.n_urban_unemployed = 0
        self.tabulation: Tabulation | None = None  # the last month's head counts

    def step(self, model: LabourMarketModel) -> None:
        """Compute this month's record (the DataCollector reads it) and update region readings."""
        self.record = self.compute(model)
        self._update_regions(model)

    def _update_regions(self, model: LabourMarketModel) -> None:
        seekers = self.tabulation.seekers().sum(axis=2)  # [region, area]
        # Seekers now plus those hired this month approximate the month's seekers.
        hires = model.flows.hires_by_region_area
        finding = hires / np.maximum(seekers + hires, 1)
        for r in model.regions:
            r.job_finding = finding[r.index]

    def compute(self, model: LabourMarketModel) -> dict[str, float]:
        """The month's indicators."""
        w, flows = model.workers, model.flows
        k = w.weight / 1e4  # 10k persons per agent
        t = model.month_index - model.start_index
        self.tabulation = tab = tabulate(w, len(model.regions), t)
        place = tab.by_place()  # place: [state, area, hukou, region, band]
        emp = place[EMPLOYED].sum(axis=0)  # [area, hukou, region, band]
        une = place[UNEMPLOYED].sum(axis=0)
        n_emp, n_ue, n_unemp, n_uu = (
            int(emp.sum()),
            int(emp[URBAN].sum()),
            int(une.sum()),
            int(une[URBAN].sum()),
        )
        self.n_urban_employed, self.n_urban_unemployed = n_ue, n_uu
        rec: dict[str, float] = {"date": model.date_label, "year": model.year, "month": model.month}

        # The urban labour force: [unemployed, hukou, region, age band].
        lf = np.stack([emp[URBAN], une[URBAN]])

        def urate(axis_sum: np.ndarray) -> float:
            return _rate(float(axis_sum[1]), float(axis_sum.sum()))

        by = lf.sum(axis=(1, 2))  # (unemployed, band)
        rec["urban_unemployment_rate"] = urate(by.sum(axis=1))
        rec["youth_unemployment_rate"] = urate(by[:, 0])
        groups = tab.by_group()  # [state, area, groups]
        grad = groups_with(GRADUATE)
        grad_unemp = int(groups[UNEMPLOYED, URBAN][:, grad].sum())
        rec["graduate_unemployment_rate"] = _rate(
            grad_unemp, int(groups[EMPLOYED, URBAN][:, grad].sum()) + grad_unemp
        )
        rec["unemployment_rate_25_29"] = urate(by[:, 1])
        rec["unemployment_rate_30_59"] = urate(by[:, 2])
        hk = lf.sum(axis=(2, 3))
        rec["migrant_unemployment_rate"] = urate(hk[:, 1])
        rec["local_unemployment_rate"] = urate(hk[:, 0])
        rg = lf.sum(axis=(1, 3))
        for r in model.regions:
            rec[f"urban_unemployment_rate_{r.name}"] = urate(rg[:, r.index])
        for r in model.regions:  # urban employed by region, 10k persons
            rec[f"urban_employed_{r.name}"] = float(rg[0, r.index]) * w.weight / 1e4

        rec["employed"] = n_emp * k
        rec["urban_employed"] = n_ue * k
        rec["rural_employed"] = (n_emp - n_ue) * k
        rec["urban_employment_share"] = _rate(n_ue, n_emp)
        rec["urban_unemployed"] = n_uu * k
        per_state = place.sum(axis=(1, 2, 3, 4))
        for g, label in enumerate(("primary", "secondary", "tertiary")):
            in_group = [STATE_OF[st] + g for st in EMPLOYED_STATUSES]
            rec[f"employed_{label}"] = int(per_state[in_group].sum()) * k
        rec["flexible_employed"] = int(per_state[states(Status.EMPLOYED_FLEXIBLE)].sum()) * k
        rec["temporarily_absent"] = model.demand.temporarily_absent() * k
        rec["urban_new_jobs"] = (flows.urban_new_hires - flows.urban_attrition) * k

        # migrant workers: rural hukou in non-farm work; away if living in a town they moved to,
        # local if in the countryside or at home in a village that became urban
        migrant = tab.people[NONFARM][:, :, 1].sum(axis=(0, 2, 3))  # [area, groups]
        at_home = groups_with(IN_PLACE_URBAN)
        away = int(migrant[URBAN].sum() - migrant[URBAN, at_home].sum())
        rec["migrant_workers"] = int(migrant.sum()) * k
        rec["migrant_workers_away"] = away * k
        rec["migrant_workers_local"] = (int(migrant.sum()) - away) * k

        vacancies = vacancies_by_market(model)  # [region, area, occupation]
        n_vac = int(vacancies.sum())
        firm_jobs = int(per_state[FIRM_JOBS].sum())
        rec["vacancies"] = n_vac * k
        rec["vacancy_rate"] = _rate(n_vac, n_vac + firm_jobs)
        rec["vacancies_per_jobseeker"] = n_vac / max(n_unemp, 1)
        # Flow rates of the urban labour force against start-of-month stocks, so that in a
        # stationary economy u = s / (s + f).
        rec["job_finding_rate"] = (
            flows.hires_from_unemployment_urban / flows.urban_unemployed_at_start
            if flows.urban_unemployed_at_start
            else float("nan")
        )
        rec["separation_rate"] = (
            flows.urban_separations / flows.urban_employed_at_start
            if flows.urban_employed_at_start
            else float("nan")
        )
        long_term = int(place[unemployed_with(LONG_SPELL), URBAN].sum())
        rec["long_term_unemployed_share"] = _rate(long_term, n_uu)
        rec["mismatch_index"] = mismatch_index(vacancies[:, URBAN], tab.seekers()[:, URBAN, :])

        per_group = groups.sum(axis=1)  # [state, groups]
        poor = groups_with(POVERTY_ALLEVIATED)
        rec["poverty_alleviated_in_work"] = int(per_group[NONFARM][:, poor].sum()) * k
        insured = groups_with(PENSION_INSURED)
        n_adults = int(per_state[ADULTS].sum())
        rec["pension_coverage"] = _rate(int(per_group[ADULTS][:, insured].sum()), n_adults)
        rec["public_programme_jobs"] = int(per_state[states(Status.PUBLIC_PROGRAMME)].sum()) * k
        rec["ui_recipients"] = int(per_state[unemployed_with(ON_BENEFIT)].sum()) * k
        costs = model.policy.costs()
        for lever, yuan in costs.items():
            rec[f"cost_{lever}"] = yuan / 1e8  # 100 million yuan (亿元)
        rec["cost_total"] = sum(costs.values()) / 1e8
        edu = tab.by_education()[WORKING_AGE_BANDS].sum(axis=0)
        rec["schooling_years_working_age"] = (
            float(edu @ SCHOOLING_YEARS / edu.sum()) if edu.sum() else float("nan")
        )
        rec["labour_force_participation"] = _rate(n_emp + n_unemp, n_adults)
        earners = tab.earners  # firm and programme jobs (pay > 0)
        pay = tab.pay  # wage.sum(dtype=np.float64), summed in the tabulation's pass
        rec["mean_wage"] = pay / earners if earners else np.nan
        rec["wage_bill"] = pay * k  # 10k yuan per month
        rec["log_gdp"] = model.demand.log_gdp_now(model)
        rec["output_gap"] = model.demand.activity_gap_now(model, "gdp")
        rec["industry_gap"] = model.demand.activity_gap_now(model, "industry")
        rec["services_gap"] = model.demand.activity_gap_now(model, "services")
        rec["population"] = w.n * k
        self._occupations(rec, tab.by_occupation(), k)
        self._ai(rec, model, tab, per_state, k)
        for name in FLOW_REPORTS:
            rec[name] = getattr(flows, name) * k
        return rec

    @staticmethod
    def _occupations(rec: dict, occ: np.ndarray, k: float) -> None:
        """Employment (all, 10k) and urban unemployment rate (%) by occupation group, from head
        counts by [state, area, occupation]."""
        emp = occ[EMPLOYED].sum(axis=0)
        u_emp, u_unemp = emp[URBAN], occ[UNEMPLOYED, URBAN].sum(axis=0)
        emp = emp.sum(axis=0)
        for o, name in enumerate(names(Occupation)):
            rec[f"employed_{name}"] = int(emp[o]) * k
            rec[f"unemployment_rate_{name}"] = _rate(int(u_unemp[o]), int(u_emp[o] + u_unemp[o]))

    def _ai(
        self, rec: dict, model: LabourMarketModel, tab: Tabulation, per_state: np.ndarray, k: float
    ) -> None:
        """AI adoption and the fate of displaced workers; training."""
        flows = model.flows
        self.ai_displaced_cumulative += flows.ai_displaced
        rec["ai_adoption_share"] = model.ai.adoption_share(model)
        rec["ai_displaced_cumulative"] = self.ai_displaced_cumulative * k
        rec["ai_displaced_unemployed"] = int(per_state[unemployed_with(DISPLACED)].sum()) * k
        training = states(Status.TRAINING)
        rec["ai_displaced_in_training"] = int(per_state[training[1]]) * k
        rec["ai_displaced_reemployed_12m_share"] = (
            float(np.int64(tab.ai_back) / np.int64(tab.ai_cohort))
            if tab.ai_cohort
            else float("nan")
        )
        rec["in_training"] = int(per_state[training].sum()) * k
