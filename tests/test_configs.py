"""Every config in conf/ composes and validates, so no preset can rot unnoticed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.api import CONF_DIR, compose_config
from sim.config import Config, validate
from sim.params import iter_params

GROUP_FILES = sorted(p for p in Path(CONF_DIR).glob("*/*.yaml"))


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_config_composes_and_validates(path):
    cfg = validate(compose_config([f"{path.parent.name}={path.stem}"]))
    assert isinstance(cfg, Config)


def test_every_parameter_has_a_unit_and_a_source():
    for key, f in iter_params(Config):
        assert f.metadata.get("unit"), f"{key} has no unit"
        assert len(f.metadata.get("source") or "") > 5, f"{key} has no source"


def test_odd_document_is_up_to_date():
    """docs/ODD.md's parameter tables are generated from the schema; regenerate after changes."""
    from sim.odd import main

    assert main(["--check"]) == 0, "run `python -m sim.odd` to regenerate docs/ODD.md"
