"""Every command the documentation shows is run here, at a small size.

The pages below show shell commands in ```bash blocks, Python in ```python blocks and the
bad-input example as a block of ``$ command`` and its output. This module extracts them in page
order, rewrites each into a small version of itself and runs it:

- ``python -m sim ...`` gets ``n_agents=10000 months=12`` (and ``seed=0`` if it is a sweep, which
  leaves one seed per cell) and writes into a temporary folder (``hydra.run.dir``,
  ``hydra.sweep.dir``);
- the analysis modules get the folder the page's earlier command produced in place of
  ``SWEEP_DIR``, ``RUN_DIR`` or ``outputs/sweeps/<experiment>/<date>_<time>``, and ``--out`` a
  temporary folder; the sensitivity screening runs 2 trajectories; the benchmark 10k agents (and
  its Mesa reference 10k workers) for 3 months; the validation report its ``--quick`` version;
- the dashboard commands start the server on a free port and wait for its page;
- ``make run`` and ``make bench`` run through make with the small overrides in ``ARGS``, when the
  tests run in the ``.venv`` that make manages;
- the Python blocks run with ``sim.run`` shrunk the same way, in a temporary working directory.

The commands that cannot run here are listed in ``NOT_RUN`` with the reason. A command this
module does not know fails ``test_every_documented_command_is_known``: a new command in a page
must be taught here (or listed in ``NOT_RUN``), so that the documentation cannot drift from what
runs.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import sim
import sim.api
from sim.api import CONF_DIR

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    "README.md",
    *sorted(str(p.relative_to(REPO)) for p in (REPO / "experiments").glob("*/README.md")),
    *sorted(str(p.relative_to(REPO)) for p in (REPO / "docs").glob("*.md")),
]
SMALL = ["n_agents=10000", "months=12"]
# the benchmark shrunk: the model and its Mesa reference (experiments/mesa_reference.py) at 10k
BENCH_SMALL = ["--agents", "10000", "--months", "3", "--reference-agents", "10000"]
BENCH_SMALL += ["--process-agents", "10000", "--process-months", "3", "--process-repeats", "1"]
IN_MAKE_VENV = Path(sys.prefix).resolve() == (REPO / ".venv").resolve()
SERVER_STARTUP_SECONDS = 120
COMMAND_TIMEOUT_SECONDS = 600

# commands a page shows that this machine cannot run, and why
NOT_RUN = {
    "make test": "it is the command that runs this test",
    "python -m sim.ui.app --fetch-assets": "it fetches Solara's front end from the npm registry; "
    "tests/test_dashboard.py does the same through sim.ui.app.fetch_assets when npm is there",
}
# installing packages needs the network and changes the environment the tests run in
NOT_RUN_PREFIXES = ("pip install",)


def not_run(command: str) -> bool:
    """A documented command this machine does not run (see NOT_RUN)."""
    return command in NOT_RUN or command.startswith(NOT_RUN_PREFIXES)


# sim.analysis modules run on a page's sweep or run: those that write into it, and those that take
# ``--out`` (pointed at a temporary folder)
ANALYSES_IN_PLACE = ("collect", "ceiling", "reproduce")
ANALYSES_WITH_OUT = ("ai_frontier", "policy_ranking")

# commands already run (same text, on this page or an earlier one): their output is reused
ALREADY_RUN: dict[str, Plan] = {}
PLACEHOLDER = re.compile(r"^(SWEEP_DIR|RUN_DIR|DIR|outputs/sweeps/([a-z_]+)/<date>_<time>)$")


PLACEHOLDER_IN = re.compile(r"SWEEP_DIR|RUN_DIR|\bDIR\b|<date>")


@dataclass
class Snippet:
    """A shell command (``bash``), Python block (``python``) or command and output (``session``)."""

    page: str
    line: int
    kind: str
    text: str
    expected: str = ""

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.text.splitlines()[0]}"


def snippets(page: str) -> list[Snippet]:
    """The page's runnable snippets, in the order they appear: blocks, and commands quoted inline
    in the text (`python -m ...`, `make ...`) that no earlier snippet of the page repeats."""
    found: list[Snippet] = []
    lines = (REPO / page).read_text().splitlines()
    prose: list[tuple[int, str]] = []  # (line number, text) outside fences
    i = 0
    while i < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[i])
        if not fence:
            prose.append((i + 1, lines[i]))
            i += 1
            continue
        lang, start = fence.group(1), i + 1
        i += 1
        block: list[str] = []
        while i < len(lines) and not lines[i].startswith("```"):
            block.append(lines[i])
            i += 1
        i += 1
        if lang == "bash":
            found += _commands(page, start + 1, block)
        elif lang == "python":
            found.append(Snippet(page, start + 1, "python", "\n".join(block)))
        elif not lang and block and block[0].startswith("$ "):
            found.append(
                Snippet(page, start + 1, "session", block[0][2:], "\n".join(block[1:]).strip())
            )
    found = sorted(found + _inline_commands(page, prose), key=lambda sn: sn.line)
    seen: set[str] = set()
    unique = []
    for sn in found:
        if sn.kind == "inline" and sn.text in seen:
            continue
        seen.add(sn.text)
        unique.append(Snippet(sn.page, sn.line, "bash" if sn.kind == "inline" else sn.kind,
                              sn.text, sn.expected))  # fmt: skip
    return unique


def _inline_commands(page: str, prose: list[tuple[int, str]]) -> list[Snippet]:
    """Commands quoted inline (`...`) in the text, a paragraph at a time (a quote may wrap)."""
    out: list[Snippet] = []
    paragraph: list[tuple[int, str]] = []
    for n, text in [*prose, (0, "")]:
        if text.strip():
            paragraph.append((n, text))
            continue
        joined = " ".join(t for _, t in paragraph)
        for quoted in re.findall(r"`([^`]+)`", joined):
            command = " ".join(quoted.split())
            if re.match(r"^(\.venv/bin/)?(python3?|make|solara|pip) ", command):
                out.append(
                    Snippet(page, paragraph[0][0], "inline", shlex.join(shlex.split(command)))
                )
        paragraph = []
    return out


def _commands(page: str, first_line: int, block: list[str]) -> list[Snippet]:
    """The commands of a bash block: continued lines joined, comments dropped."""
    out: list[Snippet] = []
    pending, pending_line = "", first_line
    for n, raw in enumerate(block, start=first_line):
        if not pending:
            pending_line = n
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        text = shlex.join(shlex.split(pending + raw, comments=True))
        pending = ""
        if text:
            out.append(Snippet(page, pending_line, "bash", text))
    return out


def all_snippets() -> list[Snippet]:
    return [s for page in PAGES for s in snippets(page)]


# --- how each documented command is run, small ----------------------------------------------


@dataclass
class Page:
    """The state of one page's run: where its commands wrote, for the commands after them."""

    tmp: Path
    runs: list[Path] = field(default_factory=list)
    sweeps: dict[str, Path] = field(default_factory=dict)  # by experiment ("" for plain sweeps)
    last_sweep: Path | None = None
    count: int = 0

    def new_dir(self, stem: str) -> Path:
        self.count += 1
        return self.tmp / f"{self.count:02d}_{stem}"


@dataclass
class Plan:
    """A shell command rewritten to its small version."""

    argv: list[str]
    port: int | None = None  # a server on this port: start it, wait for its page, stop it
    make: bool = False  # runs through make: only in the .venv that make manages
    produces_run: Path | None = None
    produces_sweep: tuple[str, Path] | None = None


def _python(token: str) -> bool:
    return token in ("python", ".venv/bin/python", "python3")


def _is_sweep(args: list[str]) -> bool:
    """A multirun: ``--multirun``, a comma or range sweep, or a preset that sets MULTIRUN."""
    if "--multirun" in args or "-m" in args:
        return True
    for a in args:
        key, _, value = a.partition("=")
        if key == "experiment":
            path = CONF_DIR / "experiment" / f"{value}.yaml"
            if path.exists() and "mode: MULTIRUN" in path.read_text():
                return True
        elif not key.startswith("hydra") and ("," in value or value.startswith("range(")):
            return True
    return False


def _experiment(args: list[str]) -> str:
    return next((a.split("=", 1)[1] for a in args if a.startswith("experiment=")), "")


def _fill(token: str, page: Page) -> str:
    """A placeholder replaced by the folder an earlier command of the page wrote."""
    m = PLACEHOLDER.match(token)
    if not m:
        path = REPO / token
        return str(path) if "/" in token and path.exists() else token
    name, experiment = m.group(1), m.group(2)
    if name == "RUN_DIR":  # a run's folder, or a job folder of a sweep
        if page.runs:
            return str(page.runs[-1])
        assert page.last_sweep, f"{token}: no earlier command of the page made a run or sweep"
        return str(page.last_sweep / "0")
    if name == "DIR":
        return str(page.new_dir("out"))
    sweep = page.sweeps.get(experiment) if experiment else page.last_sweep
    assert sweep is not None, f"{token}: no earlier command of the page made that sweep"
    return str(sweep)


def _with_out(args: list[str], out: Path) -> list[str]:
    """``--out X`` pointed at a temporary folder (appended if absent)."""
    if "--out" in args:
        i = args.index("--out")
        return [*args[: i + 1], str(out), *args[i + 2 :]]
    return [*args, "--out", str(out)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def plan(command: str, page: Page) -> Plan:
    """The small version of a documented shell command; fails on a command it does not know."""
    tokens = shlex.split(command)
    if tokens[0] == "make":
        return _plan_make(tokens, page)
    if tokens[0] == "solara" and tokens[1:3] in (["run", "sim/ui/app.py"], ["run", "sim.ui.app"]):
        solara = Path(sys.executable).parent / "solara"
        app = str(REPO / "sim" / "ui" / "app.py") if tokens[2] == "sim/ui/app.py" else "sim.ui.app"
        return _serve([str(solara), "run", app, *tokens[3:]])
    if not _python(tokens[0]):
        raise LookupError(f"unknown command {command!r}")
    args = [_fill(t, page) for t in tokens[1:]]
    py = [sys.executable]
    if args[:2] == ["-m", "sim"] and "experiment=sensitivity" in args:
        return Plan(py + _plan_sensitivity(args, page))
    if args[:2] == ["-m", "sim"]:
        rest = args[2:]
        if _is_sweep(rest):
            out = page.new_dir("sweep")
            argv = [*py, "-m", "sim", *rest, *SMALL, "seed=0", f"hydra.sweep.dir={out}"]
            return Plan(argv, produces_sweep=(_experiment(rest), out))
        if any(a in ("--cfg", "-c", "--help", "-h", "--info", "--hydra-help") for a in rest):
            return Plan([*py, "-m", "sim", *rest, *SMALL])  # prints, runs nothing
        out = page.new_dir("run")
        return Plan([*py, "-m", "sim", *rest, *SMALL, f"hydra.run.dir={out}"], produces_run=out)
    if args[:2] == ["-m", "sim.analysis.sensitivity"]:
        return Plan(py + _plan_sensitivity(args, page))
    if args[:2] == ["-m", "sim.ui.app"]:
        return _serve([*py, *args])
    if args[:2] in [["-m", f"sim.analysis.{name}"] for name in ANALYSES_IN_PLACE]:
        return Plan(py + args)
    if args[:2] in [["-m", f"sim.analysis.{name}"] for name in ANALYSES_WITH_OUT]:
        return Plan(py + _with_out(args, page.new_dir("analysis")))
    if args[:2] == ["-m", "tests.golden"]:  # compared, never rewritten: it writes tests/baselines
        return Plan([*py, str(REPO / "tests" / "golden.py")])  # by path: runs from a tmp dir
    if args[:2] == ["-m", "sim.odd"]:  # checked, not rewritten: it writes into docs/
        return Plan([*py, *args, "--check"])
    if args[:2] == ["-m", "sim.analysis.validation"]:  # the quick report, into a temporary folder
        return Plan(py + _with_out([*args, "--quick"], page.new_dir("validation")))
    script = Path(args[0]).relative_to(REPO) if Path(args[0]).is_absolute() else Path(args[0])
    if script == Path("experiments/benchmark.py"):
        return Plan([*py, *args, *BENCH_SMALL])
    raise LookupError(f"unknown command {command!r}")


def _serve(argv: list[str]) -> Plan:
    """A dashboard command served on a free localhost port instead of the one it names."""
    kept: list[str] = []
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a in ("--port", "--host"):
            skip = True
        else:
            kept.append(a)
    port = _free_port()
    return Plan([*kept, "--port", str(port), "--host", "127.0.0.1", "--no-open"], port=port)


def _plan_sensitivity(args: list[str], page: Page) -> list[str]:
    """The Morris screening with 2 trajectories and one extra seed, 10k agents for 12 months."""
    small = ["-r", "2", "--noise-seeds", "1", "--n-agents", "10000", "--months", "12"]
    args = [re.sub(r"^(n_agents|months)=\d+$", lambda m: f"{m.group(1)}=__", a) for a in args]
    args = [{"n_agents=__": "n_agents=10000", "months=__": "months=12"}.get(a, a) for a in args]
    return _with_out([*args, *small], page.new_dir("sensitivity"))


def _plan_make(tokens: list[str], page: Page) -> Plan:
    """``make run`` / ``make bench`` in the make-managed .venv, with small ``ARGS``."""
    target = tokens[1] if len(tokens) > 1 else ""
    given = next((t.split("=", 1)[1] for t in tokens[2:] if t.startswith("ARGS=")), "")
    if target == "run":
        out = page.new_dir("make_run")
        args = f"{given} {' '.join(SMALL)} hydra.run.dir={out}".strip()
        return Plan(["make", "-C", str(REPO), "run", f"ARGS={args}"], make=True, produces_run=out)
    if target == "bench":
        args = " ".join([given, *BENCH_SMALL]).strip()
        return Plan(["make", "-C", str(REPO), "bench", f"ARGS={args}"], make=True)
    raise LookupError(f"unknown make target {target!r}")


def run_plan(p: Plan, cwd: Path) -> subprocess.CompletedProcess[str] | None:
    """Run a planned command; a server is started, fetched once, and stopped."""
    env = {**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false"}
    if p.port is None:
        return subprocess.run(
            p.argv, cwd=cwd, env=env, capture_output=True, text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
        )  # fmt: skip
    port = p.port
    log = cwd / f"server_{port}.log"
    with open(log, "w") as sink:
        proc = subprocess.Popen(
            p.argv, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + SERVER_STARTUP_SECONDS
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:  # noqa: S310
                    assert r.status == 200
                    return None
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"{shlex.join(p.argv)}: no page served\n{log.read_text()[-3000:]}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    return None


# --- the tests --------------------------------------------------------------------------------


def test_pages_show_commands():
    """The extraction finds the pages' commands (a guard against a silently empty test)."""
    found = all_snippets()
    readme = [s.text for s in found if s.page == "README.md"]
    assert "make run" in readme and "make test" in readme
    assert any(t.startswith("python -m sim experiment=ceiling") for t in readme)
    assert {s.kind for s in found} == {"bash", "python", "session"}


def test_every_documented_command_is_known(tmp_path):
    """Each shell command of the pages has a small version here (or a reason in NOT_RUN)."""
    page = Page(tmp_path)
    page.runs.append(tmp_path / "run")
    page.last_sweep = tmp_path / "sweep"
    unknown = []
    for s in all_snippets():
        if s.kind != "bash" or not_run(s.text):
            continue
        for name in ("ceiling", "ai_frontier", "policy_ranking", ""):
            page.sweeps.setdefault(name, tmp_path / "sweep")
        try:
            plan(s.text, page)
        except LookupError as exc:
            unknown.append(f"{s}: {exc}")
    assert not unknown, "teach tests/test_documented_commands.py these commands:\n" + "\n".join(
        unknown
    )


@pytest.fixture
def small_sim_run(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``sim.run`` with the small overrides appended, for the pages' Python blocks."""
    original = sim.run

    def run(overrides=None, output_dir=None, **kwargs):
        return original([*(overrides or []), *SMALL, "figures=false"], output_dir, **kwargs)

    monkeypatch.setattr(sim, "run", run)
    monkeypatch.setattr(sim.api, "run", run)  # what sim.run_many calls
    yield


@pytest.mark.slow
@pytest.mark.parametrize("page_name", [p for p in PAGES if snippets(p)])
def test_documented_commands_run(page_name, tmp_path, monkeypatch, small_sim_run):
    """Each command and Python block of the page runs, small, in page order, and succeeds."""
    page = Page(tmp_path)
    monkeypatch.chdir(tmp_path)
    skipped: list[str] = []
    for s in snippets(page_name):
        if s.kind == "python":
            code = re.sub(
                r"outputs/sweeps/\.\.\.",
                str(page.last_sweep) if page.last_sweep else "outputs/sweeps/...",
                s.text,
            )
            exec(compile(code, f"{s.page}:{s.line}", "exec"), {})  # noqa: S102 (our own docs)
            continue
        if s.kind == "session":
            proc = run_plan(plan(s.text, page), tmp_path)
            assert proc is not None
            shown = (proc.stdout + proc.stderr).strip()
            assert shown == s.expected, (
                f"{s}: the page shows\n{s.expected}\nthe command prints\n{shown}"
            )
            continue
        if not_run(s.text):
            continue
        key = re.sub(r"^\.venv/bin/python ", "python ", s.text)
        if key in ALREADY_RUN:
            p = ALREADY_RUN[key]
            page.runs += [p.produces_run] if p.produces_run else []
            if p.produces_sweep:
                page.sweeps[p.produces_sweep[0]] = page.last_sweep = p.produces_sweep[1]
            continue
        p = plan(s.text, page)
        if p.make and not IN_MAKE_VENV:
            skipped.append(f"{s}: the tests do not run in the .venv that make manages")
            continue
        t0 = time.perf_counter()
        proc = run_plan(p, tmp_path)
        log.info("%s: %.1f s", s, time.perf_counter() - t0)
        if proc is not None:
            assert proc.returncode == 0, f"{s}\n{shlex.join(p.argv)}\n{proc.stderr[-4000:]}"
        if p.produces_run:
            assert (p.produces_run / "summary.json").exists(), f"{s}: no run in {p.produces_run}"
            page.runs.append(p.produces_run)
        if p.produces_sweep:
            name, out = p.produces_sweep
            assert (out / "sweep.parquet").exists(), f"{s}: sweep not collected in {out}"
            page.sweeps[name] = page.last_sweep = out
        if not PLACEHOLDER_IN.search(s.text):
            ALREADY_RUN[key] = p
    if skipped:
        pytest.skip("not run here: " + "; ".join(skipped))
