"""Parameter declarations with a unit, a source and an allowed range.

Every number a user can set is declared with :func:`param`, which stores its unit, its source (a
data row, a paper, a plan section, or ``"assumption: ..."``) and its allowed range in the dataclass
field's metadata. The config validator reads the ranges from here, and the model documentation
reads units and sources from here, so the three cannot drift apart (PolicyEngine's rule: a
parameter without a unit and a source is a defect).
"""

from __future__ import annotations

import dataclasses
from typing import Any


class ConfigError(ValueError):
    """A user-supplied config value is invalid; the message says which and what is allowed."""


def param(
    default: Any,
    *,
    unit: str,
    source: str,
    lo: float | None = None,
    hi: float | None = None,
    choices: tuple[str, ...] | None = None,
    total: float | None = None,
) -> Any:
    """Declare a model parameter: its default, unit, source and allowed values.

    ``lo``/``hi`` bound numbers (inclusive); for a mapping they bound every value in it.
    ``choices`` lists the allowed values of a string parameter. ``total`` says that the values of
    a mapping are shares that must add up to it (within 1e-6).
    """
    meta = {"unit": unit, "source": source, "lo": lo, "hi": hi, "choices": choices, "total": total}
    if isinstance(default, dict | list):
        return dataclasses.field(default_factory=lambda: type(default)(default), metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def section(cls: type) -> Any:
    """A nested group of parameters (one per process module)."""
    return dataclasses.field(default_factory=cls)


def iter_params(cls: type, prefix: str = ""):
    """Yield ``(dotted_key, field)`` for every declared parameter of a schema class, depth first."""
    for f in dataclasses.fields(cls):
        key = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(f.type) or (
            isinstance(f.type, type) and dataclasses.is_dataclass(f.type)
        ):
            yield from iter_params(f.type, key + ".")
        elif f.default_factory is not dataclasses.MISSING and dataclasses.is_dataclass(
            f.default_factory
        ):
            yield from iter_params(f.default_factory, key + ".")
        else:
            yield key, f
