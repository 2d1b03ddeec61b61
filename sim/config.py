"""The typed configuration schema of the model, registered in Hydra's ConfigStore.

Each process declares its own parameters in its module (``DemandConfig`` in
:mod:`sim.processes.demand`, as each lever does in :mod:`sim.policies`); every field is declared
with :func:`sim.params.param`, giving its unit, source and allowed range. :class:`Config` gathers
them into the run's config, one section per module. Hydra composes ``conf/config.yaml`` onto this
schema, so a mistyped key or a value of the wrong type is rejected before anything runs;
:func:`validate` then checks every range and cross-field rule and raises :class:`ConfigError`
with a message that names the key, the value and what is allowed.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from hydra.core.config_store import ConfigStore
from omegaconf import DictConfig, OmegaConf

from sim.activity import ActivityError, months_of
from sim.calendar import LAST_MONTH, parse_month
from sim.initial_state import STATE_YEARS
from sim.params import ConfigError, iter_params, param, section
from sim.policies import PolicyConfig
from sim.processes.ai_adoption import AIConfig
from sim.processes.demand import DemandConfig
from sim.processes.demography import DemographyConfig
from sim.processes.matching import MatchingConfig
from sim.processes.migration import MigrationConfig
from sim.processes.separations import SeparationsConfig
from sim.processes.startups import StartupsConfig
from sim.processes.training import TrainingConfig
from sim.processes.wage_setting import WagesConfig
from sim.scenario import ScenarioConfig

MIN_AGENTS = 10_000


@dataclass
class Config:
    """A run of the model: its size, time span, seed and the parameters of every process."""

    seed: int = param(0, unit="integer", source="random seed of all streams", lo=0, hi=2**31 - 1)
    n_agents: int = param(
        1_750_000,
        unit="agents",
        source="sample size; 1.75M agents = about 1 in 614 of China's 16-74 population; the "
        "seed spread of an annual urban rate is about 0.04 points (experiments/run_size.py)",
        lo=MIN_AGENTS,
        hi=200_000_000,
    )
    start: str = param(
        "2021-01",
        unit="YYYY-MM",
        source="first simulated month, from 2018-01; the initial state is December of the year "
        "before, built from that year's figures (2020 for a later start; docs/start_year.md)",
    )
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
    total = meta.get("total")
    if total is not None and isinstance(value, dict):
        given = sum(value.values())
        if abs(given - total) > 1e-6:
            raise ConfigError(f"{key} are shares that must sum to {total:g}; they sum to {given:g}")


@functools.cache
def _schema() -> DictConfig:
    """The schema as an OmegaConf config, built once (building it takes longer than a merge)."""
    return OmegaConf.structured(Config)


def to_config(cfg: DictConfig | dict | Config) -> Config:
    """Turn a composed Hydra config into a typed :class:`Config`, checking types and keys."""
    if isinstance(cfg, Config):
        return cfg
    try:
        # Hydra composes onto the schema: its config is typed already, and merging it onto the
        # schema again would cost more than the conversion
        typed = isinstance(cfg, DictConfig) and OmegaConf.get_type(cfg) is Config
        obj = OmegaConf.to_object(cfg if typed else OmegaConf.merge(_schema(), cfg))
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
    first = (STATE_YEARS[0] + 1, 1)
    if start < first:
        raise ConfigError(
            f"start={typed.start!r} is before the earliest initial state (December "
            f"{STATE_YEARS[0]}); allowed from {first[0]}-01 (the state of December "
            f"{STATE_YEARS[0]}-{STATE_YEARS[1]} is built from that year's figures)"
        )
    end_index = start[0] * 12 + start[1] - 1 + typed.months - 1
    end = (end_index // 12, end_index % 12 + 1)
    if end > LAST_MONTH:
        raise ConfigError(
            f"start={typed.start!r} with months={typed.months} ends in {end[0]}-{end[1]:02d}, "
            f"after the last allowed month {LAST_MONTH[0]}-{LAST_MONTH[1]:02d}"
        )
    for key in ("gdp", "industry", "services"):
        for period in getattr(typed.scenario, f"{key}_growth_overrides"):
            try:
                months_of(str(period))
            except ActivityError:
                raise ConfigError(
                    f"scenario.{key}_growth_overrides has period {period!r}; write a year (2022), "
                    "a quarter (2022Q2) or a month (2022-04)"
                ) from None
    parse_month("scenario.cycle_start", typed.scenario.cycle_start)
    parse_month("policy.plan_start", typed.policy.plan_start)
    _check_names("demand.activity_series", typed.demand.activity_series, _sector_names())
    series = ("industry", "services", "gdp", "none")
    for sector, follows in typed.demand.activity_series.items():
        if follows not in series:
            raise ConfigError(
                f"demand.activity_series.{sector}={follows!r}; choose one of {', '.join(series)}"
            )
    for key in ("industry", "services"):
        followed = key in typed.demand.activity_series.values()
        if getattr(typed.scenario, f"{key}_growth_overrides") and not followed:
            raise ConfigError(
                f"scenario.{key}_growth_overrides would change nothing: no sector follows the "
                f"{key} series; map sectors to it, e.g. demand.activity_series.manufacturing={key}"
            )
    _check_names("demand.sector_trend", typed.demand.sector_trend, _sector_names())
    unknown = sorted(set(typed.demand.temporary_stop_sectors) - set(_sector_names()))
    if unknown:
        raise ConfigError(
            f"demand.temporary_stop_sectors names unknown sectors {unknown}; the sectors are "
            + ", ".join(_sector_names())
        )
    _check_names("ai.ceiling", typed.ai.ceiling, _sector_names())
    _check_names("ai.complement_weights", typed.ai.complement_weights, _names("Occupation"))
    _check_names("startups.sector_mix", typed.startups.sector_mix, _sector_names())
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
    return _names("Sector")


def _names(enum: str) -> list[str]:
    """Lower-case names of the members of ``sim.codes.<enum>``, as config keys spell them."""
    from sim import codes

    return codes.names(getattr(codes, enum))


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


__all__ = ["Config", "ConfigError", "as_dict", "parse_month", "to_config", "validate"]
