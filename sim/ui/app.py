"""The dashboard: a Mesa SolaraViz page to run the labour market month by month in a browser.

Run it with ``python -m sim.ui.app`` (passes extra arguments to ``solara run``, e.g.
``--port 8766``) or ``solara run sim/ui/app.py``. The sidebar sets the scenario, the AI adoption
speed and four of the plan's levers; **Reset** builds a new model from them, **Step** runs one month
(the render interval's months) and **▶** plays. The charts show the surveyed urban and youth
unemployment rates against the plan's 5.5% ceiling, the vacancy rate, the Beveridge curve, urban
unemployment by region and the plan's scorecard for the months run so far.

The model is :class:`sim.model.LabourMarketModel`; :class:`DashboardModel` only turns the
controls into config overrides (the same ones ``python -m sim`` takes), records the December
2020 state as the charts' first point, and stops at the end of the configured months.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import solara
from matplotlib.figure import Figure
from mesa.visualization import SolaraViz
from mesa.visualization.utils import update_counter

from sim.analysis.scorecard import CEILING, annual_table, scorecard
from sim.api import CONF_DIR, compose_config
from sim.config import Config, validate
from sim.model import LabourMarketModel
from sim.scenario import monthly_log_gdp
from sim.ui import plotting

log = logging.getLogger(__name__)

DEFAULT_AGENTS = 200_000
_COMPOSE_LOCK = threading.Lock()  # Hydra's global state is not safe across browser sessions


def options(group: str) -> list[str]:
    """The options of a config group (``scenario``, ``ai``, ``policy``): its files in ``conf/``."""
    return sorted(p.stem for p in (CONF_DIR / group).glob("*.yaml"))


def _ordered(group: str, first: list[str]) -> list[str]:
    found = options(group)
    return [o for o in first if o in found] + [o for o in found if o not in first]


def overrides(
    scenario: str = "baseline",
    ai: str = "none",
    policy: str = "plan",
    training_capacity: float = 1500.0,
    extra_applications: int = 1,
    ui_coverage: float = 0.5,
    moving_cost_reduction: float = 0.2,
    n_agents: int = DEFAULT_AGENTS,
    seed: int = 0,
) -> list[str]:
    """The command-line overrides the dashboard's controls stand for.

    ``policy`` chooses the package of the plan's other levers (``plan``: all at the plan's
    intensities; ``none``: none of them); the four levers below are then set to the controls'
    values whatever the package: ``training_capacity`` (subsidised training, 10k person-times a
    year), ``extra_applications`` (public employment services: extra applications per job seeker
    a month), ``ui_coverage`` (unemployment insurance: share of urban-hukou job losers entitled)
    and ``moving_cost_reduction`` (hukou relaxation: share of the hukou moving cost removed).
    """
    return [
        f"scenario={scenario}",
        f"ai={ai}",
        f"policy={policy}",
        f"policy.training.capacity={float(training_capacity)}",
        f"policy.employment_services.extra_applications={int(extra_applications)}",
        f"policy.unemployment_insurance.coverage={float(ui_coverage)}",
        f"policy.hukou_relaxation.moving_cost_reduction={float(moving_cost_reduction)}",
        f"n_agents={int(n_agents)}",
        f"seed={int(seed)}",
    ]


def dashboard_config(**controls: Any) -> Config:
    """The validated config for the controls' values (see :func:`overrides`)."""
    with _COMPOSE_LOCK:
        composed = compose_config(overrides(**controls))
    return validate(composed)


class DashboardModel(LabourMarketModel):
    """:class:`LabourMarketModel` built from the dashboard's controls (keyword arguments).

    ``scenario_name`` is the ``scenario`` config group (``mesa.Model`` keeps ``scenario`` for its
    own experiment object); the other keywords are those of :func:`overrides`.

    The DataCollector's first row is the December 2020 state; every step adds a month, and the
    model stops (``running`` False) after ``cfg.months`` months.
    """

    def __init__(
        self,
        scenario_name: str = "baseline",
        ai: str = "none",
        policy: str = "plan",
        training_capacity: float = 1500.0,
        extra_applications: int = 1,
        ui_coverage: float = 0.5,
        moving_cost_reduction: float = 0.2,
        n_agents: int = DEFAULT_AGENTS,
        seed: int = 0,
        rng: Any = None,  # SolaraViz may pass it; the seed control decides the streams
    ) -> None:
        self.controls = {
            "scenario": scenario_name,
            "ai": ai,
            "policy": policy,
            "training_capacity": training_capacity,
            "extra_applications": extra_applications,
            "ui_coverage": ui_coverage,
            "moving_cost_reduction": moving_cost_reduction,
            "n_agents": n_agents,
            "seed": seed,
        }
        cfg = dashboard_config(**self.controls)
        super().__init__(cfg)
        self._scorecard: tuple[int, pd.DataFrame] | None = None
        self._monthly: pd.DataFrame | None = None
        self.initial = self._initial_record()
        self.datacollector.collect(self)  # December 2020, the charts' first point
        log.info("dashboard model: %s", " ".join(overrides(**self.controls)))

    def _initial_record(self) -> dict[str, float]:
        """The December 2020 record, with what the annual table needs for 2021's growth rates."""
        record = dict(self.statistics.record)
        prev_year = self.start_index // 12 - 1
        prev = monthly_log_gdp(self.cfg.scenario, prev_year * 12, prev_year * 12 + 11)
        record["log_gdp_prev_year"] = float(np.log(np.exp(prev).mean()))
        return record

    def step(self) -> None:
        """One month; stops the model at the end of the configured months."""
        if self.month_index - self.start_index + 1 >= self.cfg.months:
            self.running = False
            return
        super().step()
        if self.month_index - self.start_index + 1 >= self.cfg.months:
            self.running = False

    def monthly(self) -> pd.DataFrame:
        """The months so far, December 2020 first: the DataCollector's table (cached per month)."""
        rows = len(self.datacollector.model_vars["date"])
        if self._monthly is None or len(self._monthly) != rows:
            self._monthly = self.datacollector.get_model_vars_dataframe().reset_index(drop=True)
        return self._monthly

    def scorecard(self) -> pd.DataFrame:
        """The plan's scorecard on the complete years run so far (``sim.analysis.scorecard``).

        It judges complete calendar years only, so it is recomputed once a simulated year.
        """
        simulated = self.monthly().iloc[1:]  # without the December 2020 state
        complete = int((simulated.groupby("year").size() == 12).sum()) if len(simulated) else 0
        if self._scorecard is None or self._scorecard[0] != complete:
            if simulated.empty:
                card = scorecard(pd.DataFrame({"year": [], "months": []}))
            else:
                card = scorecard(annual_table(simulated, self.initial))
            self._scorecard = (complete, card)
        return self._scorecard[1]


def _figure(size: tuple[float, float] = (6.4, 3.6), right: float = 0.97) -> tuple[Figure, Any]:
    """A figure with fixed margins (a layout engine would double the drawing time per month)."""
    fig = Figure(figsize=size, dpi=80)
    fig.subplots_adjust(left=0.11, right=right, bottom=0.14, top=0.91)
    return fig, fig.add_subplot()


def _whole_run(ax: Any, model: DashboardModel) -> None:
    """Fix the time axis to the whole run, so that the lines grow month by month."""
    first = pd.Timestamp(str(model.monthly()["date"].iloc[0]) + "-01")
    ax.set_xlim(first, first + pd.DateOffset(months=model.cfg.months))


def _show(fig: Figure) -> None:
    """Show ``fig``; the wrapper SolaraViz puts around each chart re-renders it every month."""
    solara.FigureMatplotlib(fig, format="png", dependencies=[update_counter.value])


def _time_chart(model: DashboardModel, plot: Any) -> None:
    """A monthly series drawn by ``plot`` (a :mod:`sim.ui.plotting` function) over the whole run."""
    fig, ax = _figure()
    plot(model.monthly(), ax=ax)
    _whole_run(ax, model)
    _show(fig)


def UnemploymentChart(model: DashboardModel) -> None:
    """Surveyed urban (16+) and youth (16-24) unemployment against the 5.5% ceiling."""
    _time_chart(model, plotting.plot_unemployment)


def VacancyChart(model: DashboardModel) -> None:
    """The vacancy rate (% of jobs)."""
    _time_chart(model, plotting.plot_vacancy_rate)


def BeveridgeChart(model: DashboardModel) -> None:
    """Vacancy rate against urban unemployment rate, month by month."""
    fig, ax = _figure(right=1.0)
    plotting.plot_beveridge(model.monthly(), ax=ax)
    ax.collections[0].set_clim(0, model.cfg.months)  # colours: months since the start
    _show(fig)


def RegionsChart(model: DashboardModel) -> None:
    """Urban unemployment by region against the ceiling."""
    _time_chart(model, plotting.plot_regions)


def Scorecard(model: DashboardModel) -> None:
    """The latest month's headline numbers and the plan's scorecard on complete years."""
    monthly = model.monthly()
    last = monthly.iloc[-1]
    rate = float(last["urban_unemployment_rate"])
    verdict = "above" if rate >= CEILING else "below"
    controls = ", ".join(f"{k}={v}" for k, v in model.controls.items())
    headline = (
        f"<p><b>{last['date']}</b>: month {len(monthly) - 1} of {model.cfg.months}. "
        f"Urban unemployment <b>{rate:.2f}%</b> ({verdict} the {CEILING}% ceiling), "
        f"youth {float(last['youth_unemployment_rate']):.1f}%, "
        f"vacancy rate {float(last['vacancy_rate']):.2f}%.</p>"
        f"<p style='font-size:12px;color:#555'>Model: {html.escape(controls)}</p>"
    )
    with solara.Column(gap="4px"):
        solara.HTML(tag="div", unsafe_innerHTML=headline)
        solara.HTML(tag="div", unsafe_innerHTML=plotting.scorecard_html(model.scorecard()))


# The controls' choices (Selects, so that the chosen value is always on show).
TRAINING_CAPACITIES = [0, 750, 1500, 3000, 6000]  # 10k person-times a year; the plan: 1,500
EXTRA_APPLICATIONS = [0, 1, 2, 3, 5]  # per job seeker a month; the plan package: 1
UI_COVERAGES = [0.0, 0.25, 0.5, 0.75, 1.0]  # share of urban-hukou job losers; the plan: 0.5
MOVING_COST_REDUCTIONS = [0.0, 0.1, 0.2, 0.4, 0.6, 0.8]  # share of the hukou moving cost
AGENT_COUNTS = [50_000, 100_000, 200_000, 400_000]


def _select(label: str, value: Any, values: list[Any]) -> dict[str, Any]:
    return {"type": "Select", "value": value, "values": values, "label": label}


def model_params() -> dict[str, Any]:
    """SolaraViz's controls: each maps to a keyword of :class:`DashboardModel`."""
    return {
        "scenario_name": _select(
            "Scenario", "baseline", _ordered("scenario", ["baseline", "history"])
        ),
        "ai": _select(
            "AI adoption speed", "none", _ordered("ai", ["none", "slow", "baseline", "fast"])
        ),
        "policy": _select("Other levers of the plan", "plan", ["plan", "none"]),
        "training_capacity": _select(
            "Training capacity (10k person-times a year)", 1500, TRAINING_CAPACITIES
        ),
        "extra_applications": _select(
            "Employment services: extra applications a month", 1, EXTRA_APPLICATIONS
        ),
        "ui_coverage": _select(
            "Unemployment insurance: coverage of urban job losers", 0.5, UI_COVERAGES
        ),
        "moving_cost_reduction": _select(
            "Hukou relaxation: share of moving cost removed", 0.2, MOVING_COST_REDUCTIONS
        ),
        "n_agents": _select("Agents", DEFAULT_AGENTS, AGENT_COUNTS),
        "seed": _select("Seed", 0, list(range(10))),
    }


def make_page(model: DashboardModel | None = None) -> Any:
    """The SolaraViz page for ``model`` (a default :class:`DashboardModel` if none)."""
    return SolaraViz(
        model if model is not None else DashboardModel(),
        components=[UnemploymentChart, VacancyChart, BeveridgeChart, RegionsChart, Scorecard],
        model_params=model_params(),
        name="China's labour market: does the 5.5% ceiling hold?",
        play_interval=50,
    )


_CDN_REF = re.compile(
    r"(?:\{\{\s*cdn\s*\}\}|getCdn\(\)\}|_solara/cdn)/((?:@[\w.-]+/)?[\w.-]+@[\w.-]+)/"
)
# The Solara files whose CDN references the dashboard's page loads: the page template and the
# draggable grid SolaraViz lays the charts out in (loaded by the browser after the page).
_ASSET_SOURCES = (
    "server/templates/solara.html.j2",
    "widgets/vue/gridlayout.vue",
    "widgets/vue/gridlayout_v3.vue",
)


def asset_packages(page_html: str | None = None) -> list[str]:
    """The npm packages (``name@version``) the dashboard loads through Solara's CDN proxy.

    Read from the page's HTML if given, else from the Solara files in ``_ASSET_SOURCES`` (both
    front-end variants) and the font-awesome setting.
    """
    import solara.server.settings as settings

    if page_html is not None:
        texts = [page_html]
    else:
        root = Path(solara.__file__).parent
        texts = [(root / f).read_text() for f in _ASSET_SOURCES if (root / f).exists()]
        texts.append("_solara/cdn" + settings.assets.fontawesome_path)
    found = [m for t in texts for m in _CDN_REF.findall(t)]
    if page_html is not None:  # the grid's script is requested only once the page runs
        root = Path(solara.__file__).parent
        found += _CDN_REF.findall((root / _ASSET_SOURCES[2]).read_text())
    return list(dict.fromkeys(found))


def fetch_assets(packages: list[str], cache_dir: Path | None = None) -> list[str]:
    """Put npm ``packages`` into Solara's CDN cache, so the page loads without the public CDN.

    Solara's server serves its front end (Vue app, fonts, require.js) from a public CDN, through
    a proxy that caches into ``cache_dir`` (default: Solara's ``proxy_cache_dir``, under the
    venv). The CDN serves npm packages file by file, so an ``npm pack`` of each package, unpacked
    there, is the same content. Returns the packages fetched (those missing from the cache).
    """
    if cache_dir is None:
        import solara.server.settings as settings

        cache_dir = Path(settings.assets.proxy_cache_dir)
    fetched = []
    for pkg in packages:
        target = cache_dir / pkg
        if target.is_dir() and any(target.iterdir()):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(
                ["npm", "pack", pkg, "--json", "--pack-destination", tmp],
                capture_output=True,
                text=True,
                check=True,
                timeout=300,
                cwd=tmp,
            )
            tarball = Path(tmp) / json.loads(out.stdout)[0]["filename"]
            with tarfile.open(tarball) as tar:
                tar.extractall(Path(tmp) / "x", filter="data")
            unpacked = next((Path(tmp) / "x").iterdir())  # npm tarballs hold one folder
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(unpacked, target)
        log.info("fetched %s into %s", pkg, target)
        fetched.append(pkg)
    return fetched


def main(argv: list[str] | None = None) -> int:
    """``python -m sim.ui.app [solara run options]``: serve the dashboard (default port 8765).

    ``python -m sim.ui.app --fetch-assets`` instead fills Solara's CDN cache from the npm registry
    (:func:`fetch_assets`), for machines that cannot reach the public CDN.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--fetch-assets"]:
        logging.basicConfig(level=logging.INFO)
        fetch_assets(asset_packages())
        return 0
    cmd = [sys.executable, "-m", "solara", "run", "sim.ui.app", *args]
    env = {"SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false", **os.environ}  # no usage reports
    return subprocess.call(cmd, cwd=Path(__file__).resolve().parents[2], env=env)


if __name__ == "__main__" and "solara.server.app" not in sys.modules:
    sys.exit(main())  # `solara run sim/ui/app.py` also runs this file as __main__: not then


@solara.component
def Page() -> Any:
    """The page ``solara run`` serves: a fresh model for each browser session."""
    model = solara.use_memo(DashboardModel, [])
    return make_page(model)
