"""The synthetic population and firms of December of the year before the run starts, calibrated
to that year's official figures.

The state of December 2020 (the default start, January 2021) reproduces, weighted: total
employment (75,064 x 10k), urban and rural employment (46,271 / 28,793), employment by sector
(primary 17,715, secondary 21,543, tertiary 35,806), migrant workers (11,601 local, 16,959 away),
the regions' population shares, the surveyed urban unemployment rate (5.2%) and mean schooling of
the 16-59 population (10.8 years). Counts that are calibration targets are allocated exactly
(largest remainder) and then placed on agents with weighted sampling, so only rounding separates
the sample from the targets.

A run may start earlier (from January 2018): the state is then that of December 2017, 2018 or
2019, built by the same code from that year's figures (:meth:`Calibration.load`). The data hold
total and urban employment (2017-2019 flagged M), migrant workers local and away (V) and the
December unemployment rate (2018-2019, V); a figure a year lacks takes its 2020 structure scaled
to that year's totals (:func:`year_figure`), and the figures no year but 2020 has (age structure,
regions, sector and occupation splits, schooling) are those of 2020. ``docs/start_year.md`` lists
every figure with the value used and its source.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim import data_loader as data
from sim.calendar import year_month
from sim.codes import SCHOOLING_YEARS, Education, Occupation, Sector, Status, names
from sim.firms import Firms
from sim.occupations import ENTRY_OCCUPATION, SECTOR_OCCUPATION_MIX
from sim.processes.demography import statutory_age_months
from sim.sampling import categorical_rows, choose_weighted, exact_counts, shuffled_labels
from sim.workers import PENSION_INSURED, POVERTY_ALLEVIATED, Workers

if TYPE_CHECKING:
    from sim.config import Config

log = logging.getLogger(__name__)

STRUCTURE_YEAR = 2020
"""The year whose figures all exist; a year that lacks a figure takes that year's structure."""
STATE_YEARS = (2017, 2020)
"""The years whose December state can be built: employment totals exist from 2017, and 2020 is the
last year before the plan period (the project holds no labour-market outcome after it)."""
EMPLOYED = "employed_total_revised"
FARMERS_URBAN_SHARE_KEY = "farming_urban_resident_share"

# Mean of the latent education index by occupation (assumption; the common level is solved so
# mean schooling matches the year's schooling_years_working_age). Non-employed use -0.2.
_EDU_INDEX_BY_OCC = np.array([1.6, 2.6, 1.7, 1.4, 0.3, -1.0, 0.0, 0.0, -0.6])
_EDU_CUTS = np.array([-1.2, 0.4, 1.5])


def state_year(start_index: int) -> int:
    """The year of the initial state: that of the month before the first simulated month. A run
    starting after January 2021 starts from the figures of 2020 (the project holds none after)."""
    return min(year_month(start_index - 1)[0], STATE_YEARS[1])


def year_figure(indicator: str, year: int, scale: float = 1.0) -> float:
    """``indicator`` of ``year`` where ``china_annual.csv`` holds it; otherwise its 2020 value
    times ``scale``, the ratio of that year's relevant total to 2020's (the assumption that the
    2020 structure held in that year). For 2020 the data always answer."""
    if data.has_annual(indicator, year):
        return data.annual(indicator, year)
    return data.annual(indicator, STRUCTURE_YEAR) * scale


def ratio(indicator: str, year: int) -> float:
    """``indicator`` in ``year`` over its 2020 value (1.0 exactly for 2020)."""
    return year_figure(indicator, year) / data.annual(indicator, STRUCTURE_YEAR)


def rural_employment(year: int) -> float:
    """Employment outside the towns in ``year`` (10k): total minus urban employment (for 2020 the
    NBS rural figure, 28,793, exactly)."""
    return year_figure(EMPLOYED, year) - year_figure("employed_urban", year)


def held_from(indicator: str, year: int) -> int:
    """The first year from ``year`` on that ``china_annual.csv`` holds ``indicator``: a stock that
    grew in a campaign (poverty alleviation in work, 2,729 x 10k in 2019) takes its earliest
    figure for the years before it (an assumption), not the 2020 structure."""
    for y in range(year, STRUCTURE_YEAR + 1):
        if data.has_annual(indicator, y):
            return y
    return STRUCTURE_YEAR


def december_unemployment_rate(year: int) -> float:
    """The surveyed urban unemployment rate of December ``year``, %: ``china_annual.csv``
    surveyed_urban_unemployment_dec (2018-2020, V). The national monthly series starts in
    January 2018; for December 2017 its first month stands in (5.0%, V; an assumption)."""
    if data.has_annual("surveyed_urban_unemployment_dec", year):
        return data.annual("surveyed_urban_unemployment_dec", year)
    return float(data.monthly_urban_rate().iloc[0])


@dataclass
class Calibration:
    """The figures of December of ``year`` the initial state reproduces (10k persons unless
    noted). Employment totals, migrant workers and the unemployment rate are that year's data;
    the splits are the 2020 structure scaled to the year's totals where the year lacks them."""

    year: int
    population: float
    employed: float
    employed_urban: float
    employed_rural: float
    primary: float
    secondary: float
    tertiary: float
    migrants_local: float
    migrants_away: float
    migrants_within_province: float
    rural_nonfarm_urban_hukou: float
    nonfarm_scale: float  # non-farm employment over 2020's: scales the non-farm sector totals
    unemployment_rate: float  # %
    schooling_years: float  # mean years of schooling of the 16-59 population
    pension_coverage: float  # % of adults in basic pension insurance
    poverty_alleviated_in_work: float

    @classmethod
    def load(cls, year: int = STRUCTURE_YEAR) -> Calibration:
        """The figures of December ``year`` (one of :data:`STATE_YEARS`' range)."""
        pop = sum(data.initial("population_by_age").values())  # 2020 census ages (assumption)
        employed = year_figure(EMPLOYED, year)
        urban = year_figure("employed_urban", year)
        rural = rural_employment(year)
        # Farmers are the bulk of rural employment: primary keeps its 2020 share of it; the
        # non-farm sectors keep their 2020 shares of non-farm employment.
        primary = year_figure("employed_primary", year, rural / rural_employment(STRUCTURE_YEAR))
        nonfarm_2020 = data.annual(EMPLOYED, STRUCTURE_YEAR) - data.annual(
            "employed_primary", STRUCTURE_YEAR
        )
        nonfarm_scale = (employed - primary) / nonfarm_2020
        local = year_figure("migrant_workers_local", year)
        away = year_figure("migrant_workers_away", year)
        return cls(
            year=year,
            population=pop,
            employed=employed,
            employed_urban=urban,
            employed_rural=rural,
            primary=primary,
            secondary=year_figure("employed_secondary", year, nonfarm_scale),
            tertiary=year_figure("employed_tertiary", year, nonfarm_scale),
            migrants_local=local,
            migrants_away=away,
            migrants_within_province=year_figure(
                "migrant_workers_within_province", year, ratio("migrant_workers_away", year)
            ),
            rural_nonfarm_urban_hukou=_rural_nonfarm_urban_hukou(rural, primary, local),
            nonfarm_scale=nonfarm_scale,
            unemployment_rate=december_unemployment_rate(year),
            schooling_years=year_figure("schooling_years_working_age", year),
            pension_coverage=year_figure(
                "pension_coverage_rate", year, ratio("pension_insurance_participants", year)
            ),
            poverty_alleviated_in_work=data.annual(
                "poverty_alleviated_in_work", held_from("poverty_alleviated_in_work", year)
            ),
        )


def _rural_nonfarm_urban_hukou(rural: float, primary: float, local: float) -> float:
    """Urban-hukou people in rural non-farm jobs (10k): what rural employment leaves after rural
    farmers and local migrants. Anchored on the 2020 value of ``initial_state_2020.csv`` (D, the
    same remainder) and moved by the year's differences, so 2020 keeps its stored figure."""
    share = data.initial(FARMERS_URBAN_SHARE_KEY)["all"] / 100.0
    rural_2020 = rural_employment(STRUCTURE_YEAR)
    primary_2020 = data.annual("employed_primary", STRUCTURE_YEAR)
    local_2020 = data.annual("migrant_workers_local", STRUCTURE_YEAR)
    return (
        data.initial("rural_nonfarm_urban_hukou")["all"]
        + (rural - rural_2020)
        - (primary - primary_2020) * (1 - share)
        - (local - local_2020)
    )


def _band_bounds(key: str) -> tuple[int, int]:
    lo, hi = key.split("-")
    return int(lo), int(hi)


def _years(age_m: np.ndarray) -> np.ndarray:
    """Ages in years (float64) of ages in months: computed where needed, never held for all."""
    return age_m / 12.0


def _aged(age_m: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Mask of ages ``lo <= years < hi`` (whole years), compared in months: the same as comparing
    ``age_m / 12.0``, exactly, without a float64 copy of every age."""
    return (age_m >= lo * 12) & (age_m < hi * 12)


def _work_propensity(age_m: np.ndarray, female: np.ndarray) -> np.ndarray:
    """Relative propensity to be employed by age and sex (assumption), for the agents given."""
    w = np.interp(
        _years(age_m),
        [16, 19, 22, 25, 50, 55, 60, 65, 70, 75],
        [0.3, 0.6, 0.9, 1.0, 1.0, 0.85, 0.6, 0.4, 0.25, 0.15],
    )
    return w * np.where(female, 0.85, 1.0)


def build(cfg: Config, rng: np.random.Generator, start_index: int) -> tuple[Workers, Firms]:
    """Synthesise the workers and firms of the month before ``start_index`` (year*12 + month-1)."""
    n = cfg.n_agents
    cal = Calibration.load(state_year(start_index))
    weight = cal.population * 1e4 / n
    to_agents = 1e4 / weight  # agents per 10k persons
    reg = data.regions(cfg.regions)
    n_regions = len(reg.names)

    # Age and sex.
    bands = data.initial("population_by_age")
    counts = exact_counts(np.array(list(bands.values())), n)
    band_idx = shuffled_labels(rng, counts)
    lo = np.array([_band_bounds(k)[0] for k in bands])
    hi = np.array([_band_bounds(k)[1] for k in bands])
    age_m = (lo[band_idx] * 12 + rng.integers(0, (hi - lo + 1)[band_idx] * 12)).astype(np.int16)
    # Temporaries are dropped (del) once used: the build's peak memory is the run's peak.
    del band_idx
    female = rng.random(n) >= data.initial("male_share")["all"] / 100.0

    # Students by age.
    student = np.zeros(n, dtype=bool)
    for key, share in data.initial("student_share_by_age").items():
        a, b = _band_bounds(key)
        sel = _aged(age_m, a, b + 1)
        student[sel] = rng.random(int(sel.sum())) < share / 100.0

    # Employment cells (agents): exact counts of the calibration targets.
    farm_urban_share = data.initial(FARMERS_URBAN_SHARE_KEY)["all"] / 100.0
    cells_10k = {
        "farm_rural": cal.primary * (1 - farm_urban_share),
        "farm_urban": cal.primary * farm_urban_share,
        "away": cal.migrants_away,
        "local": cal.migrants_local,
        "rural_nonfarm_urban_hukou": cal.rural_nonfarm_urban_hukou,
    }
    cells_10k["urban_local"] = cal.employed - sum(cells_10k.values())
    cell_names = list(cells_10k)
    cell_counts = exact_counts(np.array(list(cells_10k.values())), round(cal.employed * to_agents))

    # Who works: propensity by age and sex among non-students.
    pool = np.flatnonzero(~student).astype(np.int32)
    emp_w = _work_propensity(age_m[pool], female[pool])
    employed_idx = choose_weighted(rng, pool, emp_w, int(cell_counts.sum()))
    del emp_w
    cell = np.full(n, -1, dtype=np.int8)
    remaining = employed_idx
    # Farmers skew old, away migrants young, locals middle-aged (NBS migrant survey 2020: away
    # migrants are younger; average migrant age 41.4).
    cell_age_weight = {
        "farm_rural": lambda a: 0.3 + (a - 16) / 20,
        "farm_urban": lambda a: 0.3 + (a - 16) / 20,
        "away": lambda a: np.interp(a, [16, 30, 45, 60, 75], [1.0, 1.0, 0.7, 0.25, 0.05]),
        "local": lambda a: np.interp(a, [16, 30, 50, 65, 75], [0.6, 0.9, 1.0, 0.5, 0.1]),
        "rural_nonfarm_urban_hukou": lambda a: np.ones_like(a),
    }
    for k, name in enumerate(cell_names[:-1]):
        chosen = choose_weighted(
            rng, remaining, cell_age_weight[name](_years(age_m[remaining])), int(cell_counts[k])
        )
        cell[chosen] = k
        remaining = np.setdiff1d(remaining, chosen, assume_unique=True)
    cell[remaining] = cell_names.index("urban_local")

    status = np.full(n, Status.INACTIVE, dtype=np.int8)
    status[student] = Status.STUDENT
    hukou_rural = np.zeros(n, dtype=bool)
    urban = np.zeros(n, dtype=bool)
    sector = np.full(n, -1, dtype=np.int8)

    def in_cell(name: str) -> np.ndarray:
        return cell == cell_names.index(name)

    farm = in_cell("farm_rural") | in_cell("farm_urban")
    status[farm] = Status.FARMING
    sector[farm] = Sector.AGRICULTURE
    hukou_rural[farm | in_cell("away") | in_cell("local")] = True
    urban[in_cell("farm_urban") | in_cell("away") | in_cell("urban_local")] = True
    del farm

    # Urban unemployed: 5.2% of the urban labour force, by age propensity, migrants in proportion.
    urban_employed = round(cal.employed_urban * to_agents)
    u_rate = cal.unemployment_rate / 100.0
    n_unemp = round(urban_employed * u_rate / (1 - u_rate))
    nonemp = np.flatnonzero((cell < 0) & ~student)
    nonemp_age = age_m[nonemp]
    u_prop = np.zeros(len(nonemp))
    for key, w in data.initial("unemployment_age_propensity").items():
        a, b = _band_bounds(key)
        u_prop[_aged(nonemp_age, a, b + 1)] = w
    u_prop *= _work_propensity(nonemp_age, female[nonemp])
    unemp = choose_weighted(rng, nonemp, u_prop, n_unemp)
    status[unemp] = Status.UNEMPLOYED
    urban[unemp] = True
    migrant_share = cal.migrants_away / cal.employed_urban
    hukou_rural[unemp] = rng.random(len(unemp)) < migrant_share
    del u_prop, pool, employed_idx, remaining, nonemp, nonemp_age, chosen, sel

    # Hukou of everyone else: the overall urban-hukou share holds (residents follow their hukou).
    rest = np.flatnonzero((cell < 0) & (status != Status.UNEMPLOYED))
    urban_hukou_target = data.initial("urban_hukou_share")["all"] / 100.0 * n
    have_urban_hukou = int((~hukou_rural[cell >= 0]).sum() + (~hukou_rural[unemp]).sum())
    p_urban_rest = np.clip((urban_hukou_target - have_urban_hukou) / max(len(rest), 1), 0, 1)
    hukou_rural[rest] = rng.random(len(rest)) >= p_urban_rest
    urban[rest] = ~hukou_rural[rest]
    del rest, unemp
    tertiary_students = student & (age_m >= 19 * 12)
    urban[tertiary_students] = True

    # Regions: away migrants where migrants work; everyone else so that population shares hold.
    region = np.empty(n, dtype=np.int8)
    away = in_cell("away")
    n_away = int(away.sum())
    away_counts = exact_counts(np.array(reg.migrant_work_share), n_away)
    pop_counts = exact_counts(np.array(reg.population_share), n)
    other_counts = np.maximum(pop_counts - away_counts, 0)
    other_counts = exact_counts(other_counts.astype(float), n - n_away)
    region[away] = shuffled_labels(rng, away_counts)
    region[~away] = shuffled_labels(rng, other_counts)
    hukou_region = region.copy()
    # Away migrants: 58% work in their home province in 2020, 55% in 2017 (china_annual.csv
    # migrant_workers_within_province / migrant_workers_away); the others come from the origin mix.
    within = cal.migrants_within_province / cal.migrants_away
    moved = away & (rng.random(n) >= within)
    hukou_region[moved] = shuffled_labels(
        rng, exact_counts(np.array(reg.migrant_origin_share), int(moved.sum()))
    )
    del moved

    # Sectors of non-farm jobs.
    sector_names = names(Sector)
    sector_totals = data.initial("employment_by_sector")

    def sector_split(mask: np.ndarray, share_key: str) -> np.ndarray:
        shares = data.initial(share_key)
        vec = np.array([shares.get(s, 0.0) for s in sector_names])
        return shuffled_labels(rng, exact_counts(vec, int(mask.sum())))

    sector[away] = sector_split(away, "migrant_sector_share")
    rural_nonfarm = in_cell("local") | in_cell("rural_nonfarm_urban_hukou")
    sector[rural_nonfarm] = sector_split(rural_nonfarm, "rural_nonfarm_sector_share")
    urban_local = in_cell("urban_local")
    del away, rural_nonfarm
    taken = np.bincount(sector[sector >= 0], minlength=len(Sector)).astype(float)
    want = np.array(
        [sector_totals.get(s, 0.0) * cal.nonfarm_scale * to_agents for s in sector_names]
    )
    resid = np.maximum(want - taken, 0.0)
    resid[Sector.AGRICULTURE] = 0.0
    sector[urban_local] = shuffled_labels(rng, exact_counts(resid, int(urban_local.sum())))
    del urban_local

    firm_job = sector > Sector.AGRICULTURE
    flex = data.initial("flexible_share")
    flex_p = np.array([flex.get(s, 0.0) / 100.0 for s in sector_names])
    flexible = firm_job & (rng.random(n) < flex_p[np.maximum(sector, 0)])
    status[firm_job] = np.where(
        flexible[firm_job], Status.EMPLOYED_FLEXIBLE, Status.EMPLOYED_FORMAL
    )
    del flexible

    # Occupations: from the sector's staffing; others from what school leavers look for.
    occupation = np.full(n, Occupation.ELEMENTARY, dtype=np.int8)
    occupation[sector >= 0] = categorical_rows(rng, SECTOR_OCCUPATION_MIX, sector[sector >= 0])

    # Education: a latent index by occupation and cohort, its level solved for the year's mean
    # schooling (10.8 years in 2020).
    # Summed in place, in the order of edu_mean + cohort + noise (the same sums, fewer copies).
    latent = np.where(sector >= 0, _EDU_INDEX_BY_OCC[occupation], -0.2)
    latent += np.where(hukou_rural, -0.3, 0.3)  # the mean by occupation and hukou
    latent += 0.045 * (45 - _years(age_m))
    latent += rng.standard_normal(n)
    fixed = np.full(n, -1, dtype=np.int8)
    fixed[student & (age_m < 19 * 12)] = Education.JUNIOR_SECONDARY
    fixed[tertiary_students] = Education.SENIOR_SECONDARY
    education = _solve_education(latent, age_m, fixed, cal.schooling_years)
    del latent, fixed, tertiary_students
    no_job = sector < 0
    entry_occ = categorical_rows(rng, ENTRY_OCCUPATION, education[no_job])
    occupation[no_job] = entry_occ
    rural_inactive = no_job & hukou_rural & ~urban & (status == Status.INACTIVE)
    rural_inactive &= age_m >= 30 * 12
    occupation[rural_inactive] = Occupation.AGRICULTURAL

    # Retirement: urban-hukou people past the statutory age who do not work are retired; those
    # past it who work hold flexible jobs (re-employed retirees have no labour contract).
    birth = start_index - 1 - age_m.astype(np.int32)
    past_age = age_m >= statutory_age_months(birth, female, education, reform=False)
    status[(status == Status.INACTIVE) & ~hukou_rural & past_age] = Status.RETIRED
    status[(status == Status.EMPLOYED_FORMAL) & past_age] = Status.EMPLOYED_FLEXIBLE

    # Wages (yuan/month): regional level x occupation premium x individual effect.
    from sim.processes.wage_setting import initial_wage_levels

    levels = initial_wage_levels(reg, cfg.wages, cal.year)
    wage = np.zeros(n, dtype=np.float32)
    fj = np.flatnonzero(firm_job)
    indiv = np.exp(0.3 * rng.standard_normal(len(fj)) - 0.045)
    wage[fj] = levels[region[fj], urban[fj].astype(int), occupation[fj]] * indiv
    wage[fj] *= np.where(status[fj] == Status.EMPLOYED_FLEXIBLE, 0.85, 1.0)
    del fj, indiv, entry_occ, birth, past_age, rural_inactive

    spell = np.zeros(n, dtype=np.int16)
    spell[status == Status.UNEMPLOYED] = rng.geometric(
        0.2, int((status == Status.UNEMPLOYED).sum())
    )
    employed_mask = (status == Status.EMPLOYED_FORMAL) | (status == Status.EMPLOYED_FLEXIBLE)
    spell[employed_mask] = rng.integers(0, 120, int(employed_mask.sum()))
    flags = np.zeros(n, dtype=np.uint8)
    poverty_in_work = round(cal.poverty_alleviated_in_work * to_agents)
    migrants = np.flatnonzero(hukou_rural & firm_job)
    flagged = choose_weighted(rng, migrants, np.ones(len(migrants)), poverty_in_work)
    flags[flagged] |= POVERTY_ALLEVIATED
    rural_others = np.flatnonzero(hukou_rural & ~firm_job & ~student & (age_m < 60 * 12))
    extra = choose_weighted(rng, rural_others, np.ones(len(rural_others)), poverty_in_work)
    flags[extra] |= POVERTY_ALLEVIATED
    del student, firm_job, no_job, employed_mask, migrants, rural_others, flagged, extra

    # Basic pension insurance (either scheme): 91% of adults in 2020 (plan table 1), formal
    # workers and pensioners first, then farmers and the inactive (residents' scheme).
    adults = np.flatnonzero(status != Status.STUDENT).astype(np.int32)  # int32 halves the copy
    coverage = cal.pension_coverage / 100.0
    enrol_weight = np.select(
        [
            status[adults] == Status.EMPLOYED_FORMAL,
            status[adults] == Status.RETIRED,
            status[adults] == Status.EMPLOYED_FLEXIBLE,
        ],
        [60.0, 60.0, 2.0],
        default=4.0,
    )
    insured = choose_weighted(rng, adults, enrol_weight, round(coverage * len(adults)))
    flags[insured] |= PENSION_INSURED
    del adults, enrol_weight, insured
    msu = np.full(n, 600, dtype=np.int16)  # made after the pension draw: not held through it
    msu[(sector >= 0) & urban] = 0
    # assumption: urban job seekers of 25 and over lost an urban job when their search began;
    # younger ones look for a first job (a hire of theirs is an urban new job)
    lost_job = (status == Status.UNEMPLOYED) & urban & (age_m >= 25 * 12)
    msu[lost_job] = np.minimum(spell[lost_job], 600)

    workers = Workers(
        age_months=age_m,
        female=female,
        education=education,
        occupation=occupation,
        status=status,
        hukou_rural=hukou_rural,
        hukou_region=hukou_region,
        region=region,
        urban=urban,
        employer=np.full(n, -1, dtype=np.int32),
        sector=sector,
        wage=wage,
        spell=spell,
        months_since_urban_job=msu,
        flags=flags,
        ai_displaced_at=np.full(n, -1, dtype=np.int16),
        ai_reemployed_at=np.full(n, -1, dtype=np.int16),
        programme=np.zeros(n, dtype=np.int8),
        ui_months=np.zeros(n, dtype=np.int8),
        last_wage=np.zeros(n, dtype=np.float32),
        weight=weight,
    )
    firms = Firms.from_workforce(workers, cfg.demand, n_regions, rng)
    workers.check_invariants()
    log.info(
        "initial state of December %d: %d agents, %.0f people each, %d firms",
        cal.year,
        n,
        weight,
        firms.n,
    )
    return workers, firms


def _levels(latent: np.ndarray, fixed: np.ndarray, shift: float) -> np.ndarray:
    """Education levels of a latent index shifted by ``shift``: the number of cuts it exceeds
    (comparisons with the few cuts, not a binary search per agent); ``fixed >= 0`` kept."""
    value = latent + shift
    edu = np.zeros(len(value), dtype=np.int8)
    for cut in _EDU_CUTS:
        edu += value > cut
    return np.where(fixed >= 0, fixed, edu).astype(np.int8)


def _solve_education(
    latent: np.ndarray, age_m: np.ndarray, fixed: np.ndarray, target: float
) -> np.ndarray:
    """Cut the latent index into levels, shifting it so mean schooling of 16-59 is ``target``
    years (10.8 in 2020).

    Agents with ``fixed >= 0`` (students) keep that level; the shift is found by bisection on the
    working-age agents alone.
    """
    working_age = age_m < 60 * 12
    latent_wa, fixed_wa = latent[working_age], fixed[working_age]
    lo, hi = -5.0, 5.0
    for _ in range(40):
        mid = (lo + hi) / 2
        if SCHOOLING_YEARS[_levels(latent_wa, fixed_wa, mid)].mean() < target:
            lo = mid
        else:
            hi = mid
    return _levels(latent, fixed, (lo + hi) / 2)
