"""The dashboard (``sim/ui/app.py``) in a real browser: headless Chromium driven by Playwright.

Starts ``solara run sim.ui.app`` on a free localhost port, opens the page, changes the scenario,
resets the model, steps and plays some months, and checks that the charts change, that the page
shows the new months and no error or Python traceback. The screenshot is written to
``artifacts/dashboard.png`` (gitignored) and into the test's ``tmp_path``.

Needs Debian's ``chromium`` at /usr/bin/chromium (``apt-get install chromium``; no browser is
downloaded) and the ``test`` extra (playwright, solara). Without them the test skips, except in
CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"
STARTUP_SECONDS = 120
UI_TIMEOUT_MS = 90_000


def _missing() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    for module in ("playwright", "solara", "altair"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"python package {module} (pip install -e '.[test]')")
    return missing


def _require_browser() -> None:
    missing = _missing()
    if not missing:
        return
    message = "dashboard browser test needs " + "; ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: not skipping)")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 (localhost only)
        return r.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A ``solara run sim.ui.app`` server on a free localhost port; yields its URL."""
    _require_browser()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    logfile = tmp_path_factory.mktemp("dashboard") / "server.log"
    env = {**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false"}
    cmd = [sys.executable, "-m", "solara", "run", "sim.ui.app"]
    cmd += ["--port", str(port), "--host", "127.0.0.1", "--no-open"]
    with open(logfile, "w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        html = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                html = _get(url)
                break
            except OSError:
                time.sleep(0.5)
        if html is None:
            pytest.fail(f"dashboard server did not start:\n{logfile.read_text()[-3000:]}")
        _ensure_assets(html)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.info("dashboard server log: %s", logfile)


def _ensure_assets(html: str) -> None:
    """Solara's front end comes from a public CDN through the server's proxy; without that
    network, fill the proxy's cache from the npm registry (:func:`sim.ui.app.fetch_assets`)."""
    from sim.ui.app import asset_packages, fetch_assets

    if shutil.which("npm") is None:
        log.warning("npm not found: the page's assets must come from the public CDN")
        return
    fetched = fetch_assets(asset_packages(html))
    if fetched:
        log.info("fetched Solara's front-end packages from npm: %s", ", ".join(fetched))


def _chart_images(page) -> list[str]:
    return [img.get_attribute("src") or "" for img in page.locator("img").all()]


def _month(page) -> int:
    found = re.findall(r"month (\d+) of \d+", page.inner_text("body"))
    return int(found[-1]) if found else -1


def test_dashboard_model_follows_controls() -> None:
    """The controls become the config; the first row is December 2020; the run stops at its end."""
    pytest.importorskip("solara", reason="pip install -e '.[app]'")
    pytest.importorskip("altair", reason="pip install -e '.[app]'")
    from sim.ui.app import DashboardModel, model_params

    params = model_params()
    model = DashboardModel(
        scenario_name="demand_shock",
        ai="fast",
        policy="none",
        training_capacity=6000,
        extra_applications=3,
        ui_coverage=0.75,
        moving_cost_reduction=0.4,
        n_agents=10_000,  # the tiny size (conf/debug/tiny.yaml)
        seed=3,
    )
    cfg = model.cfg
    assert (cfg.scenario.name, cfg.ai.name, cfg.seed, cfg.n_agents) == (
        "demand_shock",
        "fast",
        3,
        10_000,
    )
    assert cfg.policy.training.capacity == 6000
    assert cfg.policy.employment_services.extra_applications == 3
    assert cfg.policy.unemployment_insurance.coverage == 0.75
    assert cfg.policy.hukou_relaxation.moving_cost_reduction == 0.4
    assert cfg.policy.job_retention.layoff_reduction == 0.0  # policy=none: other levers off
    assert set(params) <= set(DashboardModel.__init__.__code__.co_varnames)
    assert list(model.monthly().date) == ["2020-12"]
    for _ in range(13):
        model.step()
    assert list(model.monthly().date[[0, 1, 13]]) == ["2020-12", "2021-01", "2022-01"]
    card = model.scorecard()
    assert card.loc[card.indicator_id == "surveyed_urban_unemployment", "year"].item() == 2021
    model.cfg.months = 14  # a short run: the model stops at its last month
    model.step()
    assert not model.running
    model.step()
    assert list(model.monthly().date)[-1] == "2022-02"


@pytest.mark.slow
def test_dashboard_runs_in_browser(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1500, "height": 1400},
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(UI_TIMEOUT_MS)
            failed: list[str] = []
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.goto(server, timeout=UI_TIMEOUT_MS)
            page.get_by_text("Scorecard: the plan's table 1").wait_for()
            page.get_by_text("month 0 of 60").wait_for()
            assert len(_chart_images(page)) >= 4, "the four charts are not on the page"

            # change a control, rebuild the model with it
            page.locator(".v-select").filter(has_text="Scenario").click()
            page.locator(".v-menu__content .v-list-item").filter(has_text="demand_shock").click()
            page.get_by_role("button", name="Reset").click()
            page.get_by_text("scenario=demand_shock").wait_for()
            before = _chart_images(page)

            # step three months, one at a time
            t0 = time.monotonic()
            for k in range(1, 4):
                page.get_by_role("button", name="Step").click()
                page.get_by_text(f"month {k} of 60").wait_for()
            per_step = (time.monotonic() - t0) / 3
            page.wait_for_timeout(500)
            after = _chart_images(page)
            changed = sum(a != b for a, b in zip(before, after, strict=False))
            assert changed >= 4, f"only {changed} charts changed after three months"

            # play for a few seconds, then pause
            page.get_by_role("button", name="▶").click()
            page.wait_for_timeout(4000)
            page.get_by_role("button", name="❚❚").click()
            page.wait_for_timeout(1000)
            assert _month(page) > 3, "playing did not advance the model"

            text = page.inner_text("body")
            assert "Traceback" not in text, text[-2000:]
            assert "error in step" not in text.lower()
            assert not [u for u in failed if "/_solara/" in u], failed

            ARTIFACTS.mkdir(exist_ok=True)
            shot = ARTIFACTS / "dashboard.png"
            page.screenshot(path=str(shot), full_page=True)
            shutil.copy(shot, tmp_path / "dashboard.png")
            log.info("screenshot %s; %.2f s per month stepped", shot, per_step)
            print(f"dashboard screenshot: {shot}; {per_step:.2f} s per stepped month")
        finally:
            browser.close()
