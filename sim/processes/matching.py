"""Job search and matching: an urn-ball market with occupational, educational and spatial frictions.

Each month every unemployed person (and a few employed, searching on the job) sends applications
to vacancies. An application goes to labour market m = (region, area, occupation) with probability
proportional to its vacancies times the seeker's accessibility of it,

    A(seeker, m) = exp(- c_occ * d(occ_seeker, occ_m) - c_edu * max(0, edu_required_m - edu)
                       - c_region * [other region] - c_area * [other area]),

and within the market to a firm in proportion to its vacancies in that occupation. Employers screen
applicants (fit falls with occupational distance and missing education; a formal employer is less
likely to take a rural-hukou applicant) and each vacancy offers the job to one screened applicant
at random (urn-ball: some vacancies get several applications, some none). A seeker holding offers
takes the best paid one, with a chance that stands for reservation wages and other reasons to
decline; an on-the-job seeker (or a farmer looking for non-farm work) moves only for 10% more
pay. Mismatch is emergent: it comes from
where the vacancies and the seekers are (del Rio-Chanona et al. 2021, J. R. Soc. Interface).

Campus recruitment: in the autumn and spring seasons, final-year college students search too, as
graduates in the cities of their region would; a job a student accepts is signed
(:mod:`sim.signed_offers`): the vacancy is filled at once and the student starts in July.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim import data_loader as data
from sim.calendar import JULY
from sim.codes import Education, Sector, Status, names
from sim.firms import N_AREAS
from sim.occupations import EDUCATION_REQUIRED, N_OCC, occupation_distance
from sim.params import param
from sim.processes import matching_kernels as kernels
from sim.processes.event_kernels import IN_FIRM_JOB
from sim.sampling import alias_tables, below, categorical_grouped, select
from sim.workers import (
    AI_DISPLACED,
    EVER_MIGRATED,
    FINAL_YEAR,
    GRADUATE,
    IN_PLACE_URBAN,
    PENSION_INSURED,
)

if TYPE_CHECKING:
    from sim.model import LabourMarketModel

N_EDU = len(Education)
# campus recruitment: the autumn (September-December) and spring (March-June) seasons of the final
# year, around the winter break (assumption from the Ministry of Education's recruitment calendar)
RECRUITMENT_MONTHS = (9, 10, 11, 12, 3, 4, 5, 6)
# seeker groups: job seekers, final-year students, people searching on the job (or farm, programme)
UNEMPLOYED, STUDENT, EMPLOYED = 0, 1, 2
# pools of searchers found by a pass over the status column (row: status code; -1 no pool)
POOL_UNEMPLOYED, POOL_PROGRAMME, POOL_STUDENT = 0, 1, 2
_POOLS = np.full(len(Status), -1, dtype=np.int8)
_POOLS[[Status.UNEMPLOYED, Status.PUBLIC_PROGRAMME]] = [POOL_UNEMPLOYED, POOL_PROGRAMME]
_POOLS_RECRUITING = _POOLS.copy()  # final-year students join in the recruitment seasons
_POOLS_RECRUITING[Status.STUDENT] = POOL_STUDENT
_FORMAL, _FLEXIBLE = Status.EMPLOYED_FORMAL.value, Status.EMPLOYED_FLEXIBLE.value


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
        0.06,
        unit="share of farmers looking for non-farm work per month",
        source="calibrated in sample (experiments/in_sample.py) "
        "with area_cost: farmers fill the village firms' vacancies "
        "(local migrant workers, china_annual.csv 11,467 -> 11,601 x 10k in 2017-2020)",
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
        3.0,
        unit="log accessibility for a job in the other area (urban/rural) of the region",
        source="calibrated in sample (experiments/in_sample.py): "
        "with farmer_search, local migrant workers hold their "
        "2017-2020 level (china_annual.csv migrant_workers_local 11,467 -> 11,601 x 10k); at 1.5 "
        "town dwellers took a growing share of village jobs and local migrants fell 15%",
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
        "trend years (2018-2019 average), with demand.hiring_buffer",
        lo=0.0,
        hi=1.0,
    )
    job_to_job_premium: float = param(
        1.10,
        unit="ratio of the offered to the current wage",
        source="assumption: on-the-job seekers (and farmers) move for at least 10% more pay",
        lo=0.0,
        hi=10.0,
    )
    programme_search: float = param(
        0.2,
        unit="per month, public-programme participants searching for a job",
        source="assumption",
        lo=0.0,
        hi=1.0,
    )
    wage_dispersion: float = param(
        0.3,
        unit="log points, sd of individual pay around the market wage level",
        source="assumption: residual wage dispersion within occupation and place",
        lo=0.0,
        hi=2.0,
    )
    flexible_pay: float = param(
        0.85,
        unit="ratio of flexible to formal pay in the same market",
        source="assumption: flexible jobs pay about 15% less (no employer social contributions)",
        lo=0.0,
        hi=2.0,
    )
    screening_distance_weight: float = param(
        0.5,
        unit="share of occupation_distance_cost applied in employers' screening",
        source="assumption: employers penalise occupational distance half as much as seekers",
        lo=0.0,
        hi=10.0,
    )


class Matching:
    name = "matching"

    def __init__(self, model: LabourMarketModel, cfg: MatchingConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)
        n_reg = len(model.region_names)
        self.n_markets = n_reg * N_AREAS * N_OCC
        self.log_access = self._log_accessibility(n_reg)
        self.access = np.exp(self.log_access)
        flex = data.initial("flexible_share")
        self.flexible_share = np.array([flex.get(s, 0.0) / 100.0 for s in names(Sector)])
        self.hires = 0
        self._fit: tuple[tuple[float, float], np.ndarray] | None = None

    def _log_accessibility(self, n_reg: int) -> np.ndarray:
        """log A[seeker type, market]; seeker type = (region, area, occupation, education)."""
        c = self.cfg
        sr, sa, so, se = (
            x.ravel()[:, None]
            for x in np.meshgrid(
                np.arange(n_reg),
                np.arange(N_AREAS),
                np.arange(N_OCC),
                np.arange(N_EDU),
                indexing="ij",
            )
        )
        mr, ma, mo = (
            x.ravel()[None, :]
            for x in np.meshgrid(
                np.arange(n_reg), np.arange(N_AREAS), np.arange(N_OCC), indexing="ij"
            )
        )
        return (
            -c.region_cost * (sr != mr)
            - c.area_cost * (sa != ma)
            - c.occupation_distance_cost * occupation_distance()[so, mo]
            - c.education_shortfall_cost * np.maximum(EDUCATION_REQUIRED[mo] - se, 0)
        )

    def sign_before_start(self, model: LabourMarketModel) -> None:
        """The run's first cohort, part-way through its final year: a share of it signed in the
        recruitment seasons before the start, at urban firms of its home region, in proportion to
        each firm's jobs in the student's field; the firms' demand includes those jobs."""
        w, firms = model.workers, model.firms
        students = np.flatnonzero(((w.flags & FINAL_YEAR) > 0) & (w.status == Status.STUDENT.value))
        signed = students[self.rng.random(len(students)) < self.cfg.signed_before_start]
        n_reg = len(model.region_names)
        jobs = firms.employment_by_occupation(w) * firms.urban[:, None]  # (firm, occupation)
        in_region = firms.region[None, :] == np.arange(n_reg)[:, None]  # (region, firm)
        weights = (in_region[:, None, :] * jobs.T[None, :, :]).reshape(n_reg * N_OCC, firms.n)
        firm = categorical_grouped(
            self.rng, weights, w.region[signed].astype(np.int64) * N_OCC + w.occupation[signed]
        )
        signed, firm = signed[firm >= 0], firm[firm >= 0]
        occ = w.occupation[signed].astype(np.int64)
        flexible, pay = self.contract_terms(
            firms.sector[firm], model.wages.level(firms.region[firm], 1, occ)
        )
        model.signed_offers.sign(signed, firm, occ, pay, flexible)
        model.demand.add_base_jobs(model, firm)

    def contract_terms(
        self, sector: np.ndarray, level: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Terms of offered jobs: flexible or formal (by the sector's flexible share) and pay,
        the market's wage level with individual dispersion, 15% less in flexible work."""
        flexible = self.rng.random(len(sector)) < self.flexible_share[sector]
        noise = self.rng.standard_normal(len(sector))
        sd = self.cfg.wage_dispersion
        dispersion = np.exp(sd * noise - sd**2 / 2)
        return flexible, level * dispersion * np.where(flexible, self.cfg.flexible_pay, 1.0)

    def start_signed_jobs(self, model: LabourMarketModel) -> None:
        """July: this year's graduates who signed during their final year start work."""
        w = model.workers
        worker, firm, occ, pay, flexible = model.signed_offers.take_all()
        # a row freed by a death is re-used by a 16-year-old, who is no graduate
        ok = ((w.flags[worker] & GRADUATE) > 0) & (w.status[worker] == Status.UNEMPLOYED.value)
        self._hire(
            model, worker[ok], firm[ok], occ[ok], pay[ok], flexible[ok], np.zeros(ok.sum(), bool),
            signed=True,
        )  # fmt: skip
        model.flows.signed_job_starts += int(ok.sum())

    def seekers(self, model: LabourMarketModel) -> tuple[np.ndarray, np.ndarray]:
        """This month's job seekers and their groups: every unemployed person; in the recruitment
        seasons, final-year students without a signed job (a share ``campus_search`` of them);
        and a few people searching from a firm job, a farm (:meth:`searching_at_work`) or a public
        programme.

        The unemployed, the programme participants and the final-year students come from one
        compiled pass over the status column.
        """
        w, c, rng = model.workers, self.cfg, self.rng
        recruiting = model.month in RECRUITMENT_MONTHS and c.campus_search > 0
        rows, pool = kernels.pool_members(
            w.status, w.flags, _POOLS_RECRUITING if recruiting else _POOLS, POOL_STUDENT,
            int(FINAL_YEAR),
        )  # fmt: skip
        unemployed = rows[pool == POOL_UNEMPLOYED]
        students = rows[pool == POOL_STUDENT]
        students = students[~model.signed_offers.held_by(students)]
        students = select(rng, students, c.campus_search)
        on_the_job = np.concatenate(
            [
                self.searching_at_work(model),
                select(rng, rows[pool == POOL_PROGRAMME], c.programme_search),
            ]
        )
        model.flows.seekers_unemployed_urban += int(w.urban[unemployed].sum())
        model.flows.seekers_unemployed += len(unemployed)
        model.flows.campus_seekers += len(students)
        group = np.repeat(
            np.array([UNEMPLOYED, STUDENT, EMPLOYED], dtype=np.int8),
            [len(unemployed), len(students), len(on_the_job)],
        )
        return np.concatenate([unemployed, students, on_the_job]), group

    def searching_at_work(self, model: LabourMarketModel) -> np.ndarray:
        """People in a firm job (each with chance ``on_the_job_search``) or farming (each with
        chance ``farmer_search``) who search this month: the rows whose uniform falls below the
        larger chance (:func:`sim.sampling.below`, a few percent of the population), thinned to
        the chance of their status."""
        w, c = model.workers, self.cfg
        chance = np.where(IN_FIRM_JOB, c.on_the_job_search, 0.0)
        chance[Status.FARMING] = c.farmer_search
        rows, u = below(self.rng, w.n, min(chance.max(), 1.0))
        return rows[u < chance[w.status[rows]]]

    @staticmethod
    def _total(n_apps: np.ndarray) -> int:
        """The month's applications; the compiled loops number them in 32 bits."""
        total = int(n_apps.sum(dtype=np.int64))
        if total >= 2**31:
            raise ValueError(
                f"{total:,} applications in one month: at most 2,147,483,647 are supported "
                "(lower n_agents or matching.applications)"
            )
        return total

    def applications(self, model: LabourMarketModel) -> np.ndarray:
        """Applications a seeker sends this month: one from a job (or farm, programme), more
        for students and, in the month they graduate, for graduates, and for the unemployed
        (long spells and the plan's levers add some). In the order of
        :func:`kernels.seeker_profiles`: from a job, student, new graduate, unemployed,
        unemployed for 6 months or more."""
        c, fx = self.cfg, model.policy.effects
        unemployed = c.applications + fx.extra_applications
        return np.array(
            [
                1,
                c.applications + fx.graduate_extra_applications,
                c.graduate_applications + fx.graduate_extra_applications,
                unemployed,
                unemployed + fx.long_term_extra_applications,
            ],
            dtype=np.int32,
        )

    def screening_fit(self, model: LabourMarketModel) -> np.ndarray:
        """Employers' chance of keeping an applicant: rows (applicant's occupation, education,
        rural hukou), see :func:`kernels.seeker_profiles`; columns the job's kind = occupation x
        N sectors + sector. exp(-screening_factor x (weight x c_occ x occupational distance +
        c_edu x missing education)), times 1 - hukou penalty x the sector's formal share for a
        rural-hukou applicant.

        The table changes only with the levers' factors: it is kept, and built again when one
        changes."""
        fx = model.policy.effects
        key = (fx.screening_factor, fx.hukou_penalty_factor)
        if self._fit is None or self._fit[0] != key:
            self._fit = key, self._screening_table(*key)
        return self._fit[1]

    def _screening_table(self, screening_factor: float, hukou_penalty_factor: float) -> np.ndarray:
        """The table of :meth:`screening_fit` under the levers' screening and hukou-penalty
        factors (built again only when a factor changes)."""
        c = self.cfg
        distance = occupation_distance()[:, None, :]
        shortfall = np.maximum(EDUCATION_REQUIRED[None, :] - np.arange(N_EDU)[:, None], 0)
        fit = np.exp(
            -screening_factor
            * (
                c.screening_distance_weight * c.occupation_distance_cost * distance
                + c.education_shortfall_cost * shortfall[None, :, :]
            )
        )  # (occupation, education, job occupation)
        formal = 1.0 - self.flexible_share
        rural = np.stack(
            [np.ones_like(formal), 1.0 - c.hukou_penalty * hukou_penalty_factor * formal]
        )
        # (occupation, education, hukou, job occupation, sector)
        table = fit[:, :, None, :, None] * rural[None, None, :, None, :]
        return table.reshape(N_OCC * N_EDU * 2, N_OCC * len(Sector))

    def step(self, model: LabourMarketModel) -> None:
        w, c, rng = model.workers, self.cfg, self.rng
        firms, flows, fx = model.firms, model.flows, model.policy.effects

        if model.month == JULY:
            self.start_signed_jobs(model)
        seekers, group = self.seekers(model)
        # Vacant jobs as cells (firm, occupation), grouped by market (region, area, occupation).
        firm_market = (firms.region.astype(np.int64) * N_AREAS + firms.urban) * N_OCC
        cell_firm, cell_occ, cell_v, market_v = kernels.vacancy_cells(
            model.demand.vacancies, firm_market, self.n_markets
        )
        if len(seekers) == 0 or market_v.sum() == 0:
            return

        # Applications: seeker -> market (by accessibility x vacancies) -> one of the market's
        # vacancies, each equally likely; employers screen them, and each vacancy holds one of
        # the applicants it kept, at random. A final-year student looks for the jobs of a college
        # graduate, in the cities.
        columns = (
            w.region, w.urban, w.occupation, w.education, w.hukou_rural, w.flags, w.spell,
        )  # fmt: skip
        types, screen_row, n_apps = kernels.seeker_profiles(
            seekers, group, columns, self.applications(model), (N_AREAS, N_OCC, N_EDU),
            (int(GRADUATE), Education.TERTIARY.value),
        )  # fmt: skip
        prob, alias, has_weight = alias_tables(self.access * market_v[None, :])
        kind = cell_occ * len(Sector) + firms.sector[cell_firm]  # the job: occupation, sector
        pick, slot_cell = kernels.vacancy_picks(
            types, n_apps, screen_row, prob, alias, has_weight, market_v, cell_v, kind,
            self.screening_fit(model), rng.random((self._total(n_apps), 2)),
        )  # fmt: skip

        # Each vacancy offers its job to one of the applicants it kept, at random; seekers take
        # their best offer (market wage level), if they accept at all.
        cell_level = model.wages.level(firms.region[cell_firm], firms.urban[cell_firm], cell_occ)
        offered, cell = kernels.offers(pick, slot_cell, cell_level, len(seekers))
        off_seeker, off_group = seekers[offered], group[offered]
        firm, occ, level = cell_firm[cell], cell_occ[cell], cell_level[cell]
        flexible, pay = self.contract_terms(firms.sector[firm], level)
        was_employed = off_group == EMPLOYED
        current = np.where(
            w.status[off_seeker] == Status.FARMING.value,
            model.wages.farm_income()[w.region[off_seeker]],
            w.wage[off_seeker],
        )
        acceptance = c.offer_acceptance * np.where(
            w.ui_months[off_seeker] > 0, fx.ui_acceptance_factor, 1.0
        )
        accept = np.where(
            was_employed,
            pay > c.job_to_job_premium * current,
            rng.random(len(off_seeker)) < acceptance,
        )
        signs = accept & (off_group == STUDENT)
        model.signed_offers.sign(
            off_seeker[signs], firm[signs], occ[signs], pay[signs], flexible[signs]
        )
        model.demand.fill(firm[signs], occ[signs])
        flows.signed_offers += int(signs.sum())
        hires = np.flatnonzero(accept & ~signs)
        self._hire(
            model, off_seeker[hires], firm[hires], occ[hires], pay[hires], flexible[hires],
            was_employed[hires],
        )  # fmt: skip

    def _hire(self, model, hired, firm, occ, pay, flexible, was_employed, signed=False) -> None:
        """Put the hired in their new jobs (one compiled pass, :func:`kernels.take_jobs`); count
        urban new jobs, hires out of unemployment and job-to-job moves.

        ``signed``: graduates starting jobs they signed before graduating; their vacancies were
        filled when they signed, and they are not counted as hires out of unemployment.
        """
        w, firms, flows = model.workers, model.firms, model.flows
        from_unemp = ~was_employed & (not signed)
        columns = (
            w.status, w.flags, w.employer, w.sector, w.occupation, w.wage, w.region, w.urban,
            w.spell, w.programme, w.ui_months, w.months_since_urban_job, w.ai_reemployed_at,
            w.hukou_rural,
        )  # fmt: skip
        codes = (
            _FORMAL, _FLEXIBLE, int(EVER_MIGRATED), int(AI_DISPLACED), int(PENSION_INSURED),
            int(IN_PLACE_URBAN), model.month_index - model.start_index,
        )  # fmt: skip
        new_urban, unemp_urban, reemployed = kernels.take_jobs(
            hired, firm, occ, pay, flexible, from_unemp, firms.sector, firms.region, firms.urban,
            columns, codes, flows.hires_by_region_area,
        )  # fmt: skip
        flows.urban_new_hires += int(new_urban)
        flows.hires_from_unemployment += int(from_unemp.sum())
        flows.hires_from_unemployment_urban += int(unemp_urban)
        flows.job_to_job += int(was_employed.sum())
        flows.ai_reemployed += int(reemployed)
        if not signed:
            model.demand.fill(firm, occ)
