"""The typed configuration schema of the model, registered in Hydra's ConfigStore.

One dataclass per process module; each field is declared with :func:`sim.params.param`, giving its
unit, source and allowed range. Hydra composes ``conf/config.yaml`` onto this schema, so a mistyped
key or a value of the wrong type is rejected before anything runs; :func:`validate` then checks
every range and cross-field rule and raises :class:`ConfigError` with a message that names the key,
the value and what is allowed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from hydra.core.config_store import ConfigStore
from omegaconf import DictConfig, OmegaConf

from sim.params import iter_params, param, section
from sim.policies import PolicyConfig

MIN_AGENTS = 10_000
LAST_MONTH = (2035, 12)


class ConfigError(ValueError):
    """A user-supplied config value is invalid; the message says which and what is allowed."""


@dataclass
class ScenarioConfig:
    """The macro environment: the path of real GDP and the size of graduate cohorts."""

    name: str = param("baseline", unit="label", source="name of the scenario config")
    gdp_path: str = param(
        "trend",
        unit="choice",
        source="'trend': trend_gdp_growth every year; 'history': the real quarterly path "
        "(scenario_inputs.csv rows real_gdp_growth_quarterly 2020Q1-2025Q4), trend after it",
        choices=("trend", "history"),
    )
    trend_gdp_growth: float = param(
        5.5,
        unit="% per year",
        source="assumption: potential growth of the plan period, between 2019's 6.0 and the "
        "5.0 of 2024-25 (scenario_inputs.csv, real_gdp_growth)",
        lo=-20.0,
        hi=20.0,
    )
    gdp_growth_overrides: dict[str, float] = param(
        {},
        unit="% y/y by period ('2022' or '2022Q2')",
        source="scenario shocks; a quarter's value replaces that quarter's year-on-year growth",
        lo=-30.0,
        hi=30.0,
    )
    shock_sector: str = param(
        "",
        unit="sector name or empty",
        source="a sector-region demand shock (e.g. exports: manufacturing in the East)",
    )
    shock_region: str = param("", unit="region name or empty (all regions)", source="as above")
    shock_start: str = param("2022-01", unit="YYYY-MM", source="first month of the shock")
    shock_months: int = param(0, unit="months", source="length of the shock", lo=0, hi=180)
    shock_size: float = param(
        0.0,
        unit="log points of the sector's labour demand",
        source="scenario assumption",
        lo=-2.0,
        hi=2.0,
    )
    graduates_multiplier: float = param(
        1.0,
        unit="ratio",
        source="scales the Ministry of Education cohorts (scenario_inputs.csv, college_graduates)",
        lo=0.0,
        hi=3.0,
    )


@dataclass
class DemographyConfig:
    """Ageing, mortality, schooling, graduation, retirement and labour-force participation."""

    enabled: bool = param(
        True,
        unit="switch",
        source="off freezes the population (no ageing, entry, exit or participation changes): "
        "for analytic checks only",
    )
    retirement_reform: bool = param(
        True,
        unit="switch",
        source="NPC Standing Committee decision of Sept 2024: from Jan 2025 men 60->63, "
        "women 50->55 and 55->58 over 15 years",
    )
    mortality_16: float = param(
        0.0004,
        unit="deaths per person-year at age 16",
        source="assumption: Gompertz level matching China life tables of the 2020 census",
        lo=0.0,
        hi=0.05,
    )
    mortality_slope: float = param(
        0.075,
        unit="log points per year of age",
        source="assumption: Gompertz slope, mortality doubling every ~9 years",
        lo=0.0,
        hi=0.2,
    )
    senior_secondary_entry: float = param(
        0.91,
        unit="share of 16-year-olds",
        source="Ministry of Education 2020 bulletin: senior secondary gross enrolment 91.2%",
        lo=0.0,
        hi=1.0,
    )
    tertiary_entry: float = param(
        0.80,
        unit="share of senior-secondary finishers",
        source="assumption: sized so that tertiary intake (~10 million a year; MoE 2020 "
        "admissions) sustains the graduate cohorts of scenario_inputs.csv",
        lo=0.0,
        hi=1.0,
    )
    work_after_retirement: float = param(
        0.3,
        unit="share of formal workers reaching the statutory age",
        source="assumption: many retirees keep working without a labour contract (flexible)",
        lo=0.0,
        hi=1.0,
    )
    pension_enrolment: float = param(
        0.002,
        unit="monthly chance that an uninsured adult joins the residents' pension scheme",
        source="assumption: coverage rose about 1 point a year 2017-2020 (china_annual.csv "
        "pension_insurance_participants 91,548 -> 99,864)",
        lo=0.0,
        hi=1.0,
    )
    older_worker_exit: float = param(
        0.004,
        unit="per month, flexible workers, farmers and job seekers aged 60+",
        source="assumption: without a statutory retirement they leave work gradually (half "
        "have left by about 74)",
        lo=0.0,
        hi=1.0,
    )
    discouragement: float = param(
        0.01,
        unit="per month, unemployed -> inactive",
        source="assumption: flows out of the labour force of the searching unemployed",
        lo=0.0,
        hi=1.0,
    )
    discouragement_long_spell: float = param(
        0.03,
        unit="per month, extra for spells of 12+ months",
        source="assumption: long-term unemployed leave the labour force faster",
        lo=0.0,
        hi=1.0,
    )
    reentry: float = param(
        0.0037,
        unit="per month, inactive aged 16-54 -> searching",
        source="calibrated: at the Dec 2020 state, 0.0037 x 9,730 inactive under 55 equals the "
        "~36 x 10k a month who give up searching",
        lo=0.0,
        hi=1.0,
    )


@dataclass
class DemandConfig:
    """Labour demand by sector, region and area following output, with structural change."""

    output_elasticity: float = param(
        0.5,
        unit="elasticity",
        source="assumption: short-run employment response to the output gap; China's Okun "
        "coefficient is small (Liu, Lam, Schipke and Shen 2018, IMF WP/18/270)",
        lo=0.0,
        hi=2.0,
    )
    sector_trend: dict[str, float] = param(
        {
            "agriculture": -3.0,
            "manufacturing": -2.5,
            "construction": -2.5,
            "traditional_services": -0.3,
            "modern_services": 1.2,
            "platform": 2.5,
            "public": -0.3,
        },
        unit="% per year at trend growth",
        source="assumption: structural change (farming shrinking, services rising) with non-farm "
        "demand falling ~0.6% a year in total, so that with the shrinking labour force the "
        "baseline unemployment rate stays level; total employment fell 0.3% a year 2014-2020 "
        "(china_annual.csv employed_total_revised 76349 -> 75064)",
        lo=-20.0,
        hi=20.0,
    )
    region_trend: dict[str, float] = param(
        {"East": 0.2, "Central": 0.0, "West": 0.1, "Northeast": -1.0},
        unit="% per year",
        source="assumption: Northeast population and employment decline (census 2010-2020)",
        lo=-20.0,
        hi=20.0,
    )
    initial_vacancy_gap: float = param(
        0.085,
        unit="share of employment",
        source="assumption: firms' unfilled demand at the start; calibrated with matching so that "
        "the trend years' annual rate (policy=none) is near the 2018-2019 average of 5.0%",
        lo=0.0,
        hi=0.5,
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
        unit="share of excess employment laid off per month",
        source="assumption: labour hoarding in Chinese firms makes layoffs slower than hiring",
        lo=0.0,
        hi=1.0,
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


@dataclass
class SeparationsConfig:
    """Quits and contract ends, on top of layoffs driven by demand."""

    formal: float = param(
        0.008,
        unit="per month",
        source="assumption: separations of contract workers; with job finding this gives u* "
        "near the Dec 2020 5.2% (china_unemployment_monthly.csv 2020-12)",
        lo=0.0,
        hi=1.0,
    )
    flexible: float = param(
        0.02,
        unit="per month",
        source="assumption: flexible and platform jobs turn over faster (del Rio-Chanona et al. "
        "2021 use 0.016 for the US)",
        lo=0.0,
        hi=1.0,
    )
    youth_multiplier: float = param(
        3.0,
        unit="ratio to the separation rates, workers aged 16-24",
        source="calibrated: young workers change jobs far more often; 3 keeps youth (16-24) "
        "unemployment near the 11.8% of the Dec 2020 state between graduation peaks",
        lo=0.0,
        hi=10.0,
    )
    spring_festival_quits: float = param(
        0.06,
        unit="share of migrant workers quitting in January",
        source="assumption: migrants leave jobs before the Spring Festival and search again in "
        "February (the February bump of china_unemployment_monthly.csv 2018-2019)",
        lo=0.0,
        hi=1.0,
    )


@dataclass
class MatchingConfig:
    """Urn-ball search: applications to vacancies weighted by occupational, educational and
    spatial accessibility; each vacancy picks one applicant; each seeker takes the best offer."""

    applications: int = param(
        4,
        unit="applications per unemployed per month",
        source="assumption (del Rio-Chanona et al. 2021 use 10 a step)",
        lo=1,
        hi=50,
    )
    farmer_search: float = param(
        0.015,
        unit="share of farmers looking for non-farm work per month",
        source="assumption: farmers take local non-farm jobs (local migrant workers, 11,601 x 10k "
        "in 2020) or jobs in town",
        lo=0.0,
        hi=1.0,
    )
    graduate_applications: int = param(
        16,
        unit="applications in the month of graduation",
        source="assumption: graduates without a signed job search hard in the month they finish",
        lo=0,
        hi=200,
    )
    signed_before_start: float = param(
        0.65,
        unit="share of the first cohort holding a signed job in the starting state",
        source="calibrated: the share of a cohort that the model's autumn recruitment season "
        "(Sep-Dec) signs by December in 2022-2025, so that the first year starts as later ones",
        lo=0.0,
        hi=1.0,
    )
    campus_search: float = param(
        0.7,
        unit="share of final-year students without a signed job looking per recruitment month",
        source="calibrated: the July rise of the urban unemployment rate, 2018-2019 monthly data "
        "(china_unemployment_monthly.csv); recruitment months Sep-Dec and Mar-Jun (assumption)",
        lo=0.0,
        hi=1.0,
    )
    on_the_job_search: float = param(
        0.01,
        unit="share of employed searching per month",
        source="assumption",
        lo=0.0,
        hi=1.0,
    )
    occupation_distance_cost: float = param(
        2.0,
        unit="log accessibility per unit of occupational distance",
        source="assumption: workers apply mostly within their occupation (del Rio-Chanona et al. "
        "2021 occupational mobility network)",
        lo=0.0,
        hi=20.0,
    )
    education_shortfall_cost: float = param(
        2.0,
        unit="log accessibility per level below the occupation's requirement",
        source="assumption",
        lo=0.0,
        hi=20.0,
    )
    region_cost: float = param(
        3.0,
        unit="log accessibility for a job in another region",
        source="assumption: cross-region search is rare; migrants mostly move before searching",
        lo=0.0,
        hi=20.0,
    )
    area_cost: float = param(
        1.5,
        unit="log accessibility for a job in the other area (urban/rural) of the region",
        source="assumption",
        lo=0.0,
        hi=20.0,
    )
    hukou_penalty: float = param(
        0.3,
        unit="reduction in the chance that a formal employer picks a rural-hukou applicant",
        source="assumption: hiring discrimination by hukou (plan section 20 asks to remove it)",
        lo=0.0,
        hi=1.0,
    )
    offer_acceptance: float = param(
        0.5,
        unit="probability a contacted seeker accepts the best offer",
        source="calibrated: job finding consistent with u = 5.2% in Dec 2020 and about 5.0% in "
        "trend years (2018-2019 average), with demand.initial_vacancy_gap",
        lo=0.0,
        hi=1.0,
    )


@dataclass
class MigrationConfig:
    """Rural-to-urban and cross-region moves, Spring Festival timing, return migration."""

    enabled: bool = param(True, unit="switch", source="off: nobody moves (analytic checks only)")
    rural_urban_rate: float = param(
        0.002,
        unit="per month, rural working-age not in non-farm work",
        source="calibrated: keeps away-migrant employment near 16,959 x 10k "
        "(china_annual.csv migrant_workers_away 2020)",
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
    spring_festival_boost: float = param(
        3.0,
        unit="multiplier on February moves (March: half of it)",
        source="assumption: migrants leave home after the Spring Festival",
        lo=0.0,
        hi=20.0,
    )
    return_rate: float = param(
        0.03,
        unit="per month, unemployed urban rural-hukou residents",
        source="assumption: returning home is the rural absorber (Liu et al. 2018)",
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
        0.002,
        unit="per month, urban residents with rural hukou",
        source="assumption: registered urbanisation rose ~1 point a year 2015-2020",
        lo=0.0,
        hi=1.0,
    )


@dataclass
class WagesConfig:
    """Region x occupation wage levels moving with productivity and local tightness."""

    tightness_response: float = param(
        0.002,
        unit="log wage per month per unit of log(vacancies / job seekers)",
        source="assumption: slow wage adjustment (wage curve)",
        lo=0.0,
        hi=0.1,
    )
    real_wage_growth: float = param(
        5.5,
        unit="% per year",
        source="china_annual.csv avg_wage_urban_nonprivate 2015-2020: 62029 -> 97379 "
        "nominal (9.4%/yr), ~6.8%/yr real; assumption: slower in the plan period",
        lo=-20.0,
        hi=30.0,
    )
    farm_income_ratio: float = param(
        0.39,
        unit="farm income / urban wage",
        source="china_annual.csv urban_rural_income_ratio 2020 = 2.56",
        lo=0.01,
        hi=2.0,
    )


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


@dataclass
class StartupsConfig:
    """Firms started by job seekers and returned migrants (plan sections 7-9)."""

    base_rate: float = param(
        0.001,
        unit="monthly chance that an unemployed or returned migrant starts a firm",
        source="assumption: about 1% a year become self-employed founders",
        lo=0.0,
        hi=0.2,
    )
    mean_size: float = param(
        3.0,
        unit="workers of new demand per start-up (founder included), mean",
        source="assumption: most start-ups are individual businesses with a few employees",
        lo=1.0,
        hi=100.0,
    )
    young_exit: float = param(
        0.02,
        unit="extra monthly closing hazard in the first three years",
        source="assumption: about half of start-ups close within three years",
        lo=0.0,
        hi=1.0,
    )


@dataclass
class Config:
    """A run of the model: its size, time span, seed and the parameters of every process."""

    seed: int = param(0, unit="integer", source="random seed of all streams", lo=0, hi=2**31 - 1)
    n_agents: int = param(
        200_000,
        unit="agents",
        source="sample size; 200k agents = about 1 in 5,400 of China's 16-74 population",
        lo=MIN_AGENTS,
        hi=200_000_000,
    )
    start: str = param("2021-01", unit="YYYY-MM", source="first simulated month")
    months: int = param(60, unit="months", source="length of the run", lo=1, hi=180)
    regions: str = param(
        "nbs4",
        unit="choice",
        source="'nbs4': the four NBS macro-regions (china_regions_2020.csv); 'national': one "
        "region for the whole country (analytic checks)",
        choices=("nbs4", "national"),
    )
    figures: bool = param(True, unit="switch", source="write PNG figures beside the results")
    scenario: ScenarioConfig = section(ScenarioConfig)
    demography: DemographyConfig = section(DemographyConfig)
    demand: DemandConfig = section(DemandConfig)
    separations: SeparationsConfig = section(SeparationsConfig)
    matching: MatchingConfig = section(MatchingConfig)
    migration: MigrationConfig = section(MigrationConfig)
    wages: WagesConfig = section(WagesConfig)
    ai: AIConfig = section(AIConfig)
    training: TrainingConfig = section(TrainingConfig)
    startups: StartupsConfig = section(StartupsConfig)
    policy: PolicyConfig = section(PolicyConfig)


def register_configs() -> None:
    """Register the schema as ``schema`` so that ``conf/config.yaml`` can build on it."""
    cs = ConfigStore.instance()
    cs.store(name="schema", node=Config)


register_configs()


def _check_value(key: str, value: Any, meta: dict[str, Any]) -> None:
    lo, hi, choices = meta.get("lo"), meta.get("hi"), meta.get("choices")
    if choices is not None and value not in choices:
        raise ConfigError(f"{key}={value!r} is not allowed; choose one of {', '.join(choices)}")
    values = value.items() if isinstance(value, dict) else [(None, value)]
    for sub, v in values:
        where = f"{key}.{sub}" if sub is not None else key
        if isinstance(v, bool) or not isinstance(v, int | float):
            continue
        if v != v:  # NaN
            raise ConfigError(f"{where}=nan is not a number; allowed range [{lo}, {hi}]")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise ConfigError(
                f"{where}={v} is out of range; allowed [{lo}, {hi}] ({meta.get('unit', '')})"
            )


def parse_month(key: str, text: str) -> tuple[int, int]:
    """Read ``YYYY-MM`` into (year, month), naming the key if it is malformed."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(text))
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ConfigError(f"{key}={text!r} is not a month; write it as YYYY-MM, e.g. 2021-01")
    return int(m.group(1)), int(m.group(2))


def to_config(cfg: DictConfig | dict | Config) -> Config:
    """Turn a composed Hydra config into a typed :class:`Config`, checking types and keys."""
    if isinstance(cfg, Config):
        return cfg
    try:
        merged = OmegaConf.merge(OmegaConf.structured(Config), cfg)
        obj = OmegaConf.to_object(merged)
    except Exception as exc:  # omegaconf's messages name the key; keep only what a user needs
        raise ConfigError(_omegaconf_message(exc)) from None
    assert isinstance(obj, Config)
    return obj


def _omegaconf_message(exc: Exception) -> str:
    msg = str(exc).splitlines()[0]
    key = getattr(exc, "full_key", None)
    allowed = ""
    if "not in struct" in msg and key:
        allowed = "; known keys: " + ", ".join(sorted(_known_keys_near(key)))
    return f"invalid config: {msg}" + (f" (key: {key})" if key else "") + allowed


def _known_keys_near(key: str) -> list[str]:
    import difflib

    known = [k for k, _ in iter_params(Config)]
    close = difflib.get_close_matches(key, known, n=5, cutoff=0.5)
    return close or [k for k in known if "." not in k]


def validate(cfg: DictConfig | dict | Config) -> Config:
    """Check every parameter against its declared range and the cross-field rules.

    Returns the typed config; raises :class:`ConfigError` naming the key, the value and what is
    allowed. Called before any simulation work, so a bad value never starts a run.
    """
    typed = to_config(cfg)
    for key, f in iter_params(Config):
        value: Any = typed
        for part in key.split("."):
            value = getattr(value, part)
        _check_value(key, value, dict(f.metadata))
    start = parse_month("start", typed.start)
    if start < (2021, 1):
        raise ConfigError(
            f"start={typed.start!r} is before the calibrated initial state; allowed from 2021-01"
        )
    end_index = start[0] * 12 + start[1] - 1 + typed.months - 1
    end = (end_index // 12, end_index % 12 + 1)
    if end > LAST_MONTH:
        raise ConfigError(
            f"start={typed.start!r} with months={typed.months} ends in {end[0]}-{end[1]:02d}, "
            f"after the last allowed month {LAST_MONTH[0]}-{LAST_MONTH[1]:02d}"
        )
    for period in typed.scenario.gdp_growth_overrides:
        if not re.fullmatch(r"\d{4}(Q[1-4])?", str(period)):
            raise ConfigError(
                f"scenario.gdp_growth_overrides has period {period!r}; write a year (2022) or a "
                "quarter (2022Q2)"
            )
    _check_names("demand.sector_trend", typed.demand.sector_trend, _sector_names())
    _check_names("ai.ceiling", typed.ai.ceiling, _sector_names())
    sc = typed.scenario
    if sc.shock_sector and sc.shock_sector not in _sector_names():
        raise ConfigError(
            f"scenario.shock_sector={sc.shock_sector!r} is not a sector; choose one of "
            + ", ".join(_sector_names())
        )
    macro = ("East", "Central", "West", "Northeast")
    if sc.shock_region and sc.shock_region not in macro:
        raise ConfigError(
            f"scenario.shock_region={sc.shock_region!r} is not a region; choose one of "
            + ", ".join(macro)
        )
    parse_month("scenario.shock_start", sc.shock_start)
    return typed


def _sector_names() -> list[str]:
    from sim.codes import Sector, names

    return names(Sector)


def _check_names(key: str, mapping: dict[str, float], allowed: list[str]) -> None:
    unknown = sorted(set(mapping) - set(allowed))
    missing = sorted(set(allowed) - set(mapping))
    if unknown or missing:
        raise ConfigError(
            f"{key} must give a value for each of {', '.join(allowed)}"
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
            + (f"; missing: {', '.join(missing)}" if missing else "")
        )


def as_dict(cfg: Config) -> dict[str, Any]:
    """The config as plain data, for saving beside the results."""
    return dataclasses.asdict(cfg)
