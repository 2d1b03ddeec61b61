"""The command line's check of a single run's overrides, made before Hydra composes the config."""

from __future__ import annotations

import pytest

from sim import cli


def exit_code_and_message(capsys, *argv: str) -> tuple[int | None, str]:
    with pytest.raises(SystemExit) as exc:
        cli.preflight(list(argv))
    return exc.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["n_agnts=50000"], ["unknown key 'n_agnts'", "did you mean n_agents"]),
        (["n_agents=many"], ["n_agents", "many"]),
        (["scenario=boom"], ["scenario=boom", "history"]),
        (["policy=[training,bogus]"], ["policy=bogus", "job_retention"]),
        (["seed=["], ["invalid configuration", "'['"]),
    ],
)
def test_a_bad_override_exits_2_with_a_message(capsys, argv, words):
    code, message = exit_code_and_message(capsys, *argv)
    assert code == cli.EXIT_BAD_CONFIG
    for word in words:
        assert word in message


def test_good_overrides_pass():
    cli.preflight(
        [
            "seed=3",
            "n_agents=500000",
            "scenario=history",
            "policy=[training,job_retention]",
            "demand.activity_series.industry=gdp",
            "case=null",
            "hydra.run.dir=/tmp/x",
        ]
    )


def test_values_and_rules_across_keys_are_left_to_the_job():
    """A value out of range passes the preflight; the job rejects it (tests/test_bad_input.py)."""
    cli.preflight(["separations.formal=1.5", "start=2030-01", "months=120"])


def test_sweeps_and_hydra_commands_are_not_checked_here():
    cli.preflight(["seed=0,1", "n_agnts=5"])
    cli.preflight(["--cfg", "job", "n_agnts=5"])
    cli.preflight(["--multirun", "n_agnts=5"])
