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
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim import data_loader as data
from sim.codes import Education, Sector, Status, names
from sim.config import MatchingConfig
from sim.firms import N_AREAS
from sim.occupations import EDUCATION_REQUIRED, N_OCC, occupation_distance
from sim.sampling import categorical_grouped, random_rank_within_groups, rank_within_groups
from sim.workers import AI_DISPLACED, EVER_MIGRATED, GRADUATE, PENSION_INSURED

if TYPE_CHECKING:
    from sim.model import LabourMarketModel

N_EDU = len(Education)
JOB_TO_JOB_PREMIUM = 1.10  # assumption: on-the-job seekers move for at least 10% more pay
PROGRAMME_SEARCH = 0.2  # assumption: share of programme participants looking for a job a month
WAGE_DISPERSION = 0.3  # log-points sd of individual pay around the market level (assumption)


class Matching:
    name = "matching"

    def __init__(self, model: LabourMarketModel, cfg: MatchingConfig) -> None:
        self.cfg = cfg
        self.rng = model.stream(self.name)
        n_reg = len(model.region_names)
        self.n_markets = n_reg * N_AREAS * N_OCC
        self.log_access = self._log_accessibility(n_reg)
        flex = data.initial("flexible_share")
        self.flexible_share = np.array([flex.get(s, 0.0) / 100.0 for s in names(Sector)])
        self.hires = 0

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

    def seeker_type(self, w, idx: np.ndarray) -> np.ndarray:
        return (
            (w.region[idx].astype(np.int64) * N_AREAS + w.urban[idx]) * N_OCC + w.occupation[idx]
        ) * N_EDU + w.education[idx]

    def step(self, model: LabourMarketModel) -> None:
        w, c, rng = model.workers, self.cfg, self.rng
        firms, vac = model.firms, model.demand.vacancies
        flows = model.flows

        unemployed = np.flatnonzero(w.status == Status.UNEMPLOYED)
        in_job = np.flatnonzero(w.employer >= 0)
        on_the_job = in_job[rng.random(len(in_job)) < c.on_the_job_search]
        farmers = np.flatnonzero(w.status == Status.FARMING)
        in_programme = np.flatnonzero(w.status == Status.PUBLIC_PROGRAMME)
        on_the_job = np.concatenate(
            [
                on_the_job,
                farmers[rng.random(len(farmers)) < c.farmer_search],
                in_programme[rng.random(len(in_programme)) < PROGRAMME_SEARCH],
            ]
        )
        flows.seekers_unemployed_urban += int(w.urban[unemployed].sum())
        flows.seekers_unemployed += len(unemployed)
        seekers = np.concatenate([unemployed, on_the_job])
        fx = model.policy.effects
        new_graduate = ((w.flags[seekers] & GRADUATE) > 0) & (w.spell[seekers] == 0)
        unemployed_apps = (
            c.applications
            + fx.extra_applications
            + fx.long_term_extra_applications * (w.spell[seekers] >= 6)
        )
        n_apps = np.where(
            np.arange(len(seekers)) < len(unemployed),
            np.where(
                new_graduate,
                c.graduate_applications + fx.graduate_extra_applications,
                unemployed_apps,
            ),
            1,
        )

        # Vacant jobs as cells (firm, occupation), grouped by market (region, area, occupation).
        f_idx, o_idx = np.nonzero(vac)
        cell_v = vac[f_idx, o_idx]
        cell_market = (
            firms.region[f_idx].astype(np.int64) * N_AREAS + firms.urban[f_idx]
        ) * N_OCC + o_idx
        order = np.argsort(cell_market, kind="stable")
        f_idx, o_idx, cell_v, cell_market = (
            f_idx[order],
            o_idx[order],
            cell_v[order],
            cell_market[order],
        )
        market_v = np.bincount(cell_market, weights=cell_v, minlength=self.n_markets)
        if len(seekers) == 0 or market_v.sum() == 0:
            return

        # Applications: seeker -> market (by accessibility x vacancies) -> one of the market's
        # vacancies, each equally likely (cells are sorted by market, so a market's vacancy
        # slots are contiguous).
        app_seeker = np.repeat(seekers, n_apps)
        types = self.seeker_type(w, app_seeker)
        weights = np.exp(self.log_access) * market_v[None, :]
        app_market = categorical_grouped(rng, weights, types)
        keep = app_market >= 0
        app_seeker, app_market = app_seeker[keep], app_market[keep]
        keep = market_v[app_market] > 0
        app_seeker, app_market = app_seeker[keep], app_market[keep]
        slot_cell = np.repeat(np.arange(len(cell_v)), cell_v)
        market_start = np.concatenate([[0], np.cumsum(market_v)[:-1]]).astype(np.int64)
        offset = (rng.random(len(app_market)) * market_v[app_market]).astype(np.int64)
        app_cell = slot_cell[market_start[app_market] + offset]

        # Employer screening, then each cell offers its vacancies to random screened applicants.
        occ_gap = occupation_distance()[w.occupation[app_seeker], o_idx[app_cell]]
        shortfall = np.maximum(EDUCATION_REQUIRED[o_idx[app_cell]] - w.education[app_seeker], 0)
        formal = 1.0 - self.flexible_share[firms.sector[f_idx[app_cell]]]
        fit = np.exp(
            -fx.screening_factor
            * (0.5 * c.occupation_distance_cost * occ_gap + c.education_shortfall_cost * shortfall)
        )
        penalty = c.hukou_penalty * fx.hukou_penalty_factor
        fit = fit * (1.0 - penalty * formal * w.hukou_rural[app_seeker])
        screened = rng.random(len(fit)) < fit
        app_seeker, app_cell = app_seeker[screened], app_cell[screened]
        rank = random_rank_within_groups(rng, app_cell)
        offer = rank < cell_v[app_cell]
        off_seeker, off_cell = app_seeker[offer], app_cell[offer]

        # Seekers take their best offer (market wage level), if they accept at all.
        firm = f_idx[off_cell]
        occ = o_idx[off_cell]
        level = model.wages.levels[firms.region[firm], firms.urban[firm].astype(int), occ]
        best = rank_within_groups(off_seeker, 1.0 - level / (level.max() * (1 + 1e-9) + 1)) == 0
        off_seeker, firm, occ, level = off_seeker[best], firm[best], occ[best], level[best]
        flexible = rng.random(len(firm)) < self.flexible_share[firms.sector[firm]]
        pay = (
            level
            * np.exp(WAGE_DISPERSION * rng.standard_normal(len(firm)) - WAGE_DISPERSION**2 / 2)
            * np.where(flexible, 0.85, 1.0)
        )
        was_employed = w.status[off_seeker] != Status.UNEMPLOYED
        current = np.where(
            w.status[off_seeker] == Status.FARMING,
            model.wages.farm_income()[w.region[off_seeker]],
            w.wage[off_seeker],
        )
        acceptance = c.offer_acceptance * np.where(
            w.ui_months[off_seeker] > 0, fx.ui_acceptance_factor, 1.0
        )
        accept = np.where(
            was_employed,
            pay > JOB_TO_JOB_PREMIUM * current,
            rng.random(len(off_seeker)) < acceptance,
        )
        hired, firm, occ, pay, flexible, was_employed = (
            off_seeker[accept],
            firm[accept],
            occ[accept],
            pay[accept],
            flexible[accept],
            was_employed[accept],
        )
        self._hire(model, hired, firm, occ, pay, flexible, was_employed)

    def _hire(self, model, hired, firm, occ, pay, flexible, was_employed) -> None:
        """Put the hired in their new jobs; count urban new jobs and job-to-job moves."""
        w, firms, flows = model.workers, model.firms, model.flows
        job_urban = firms.urban[firm]
        new_to_urban = job_urban & (w.months_since_urban_job[hired] >= 12)
        flows.urban_new_hires += int(new_to_urban.sum())
        from_unemp = ~was_employed
        flows.hires_from_unemployment += int(from_unemp.sum())
        flows.hires_from_unemployment_urban += int((from_unemp & w.urban[hired]).sum())
        flows.job_to_job += int(was_employed.sum())
        region_reg = w.region[hired]
        np.add.at(
            flows.hires_by_region_area,
            (region_reg, w.urban[hired].astype(int)),
            from_unemp.astype(np.int64),
        )
        moved_to_city = w.hukou_rural[hired] & job_urban & ~w.urban[hired]
        w.flags[hired[moved_to_city]] |= EVER_MIGRATED
        back = hired[((w.flags[hired] & AI_DISPLACED) > 0) & (w.ai_reemployed_at[hired] < 0)]
        w.ai_reemployed_at[back] = model.month_index - model.start_index
        flows.ai_reemployed += len(back)
        w.programme[hired] = 0
        w.ui_months[hired] = 0
        w.flags[hired[~flexible]] |= PENSION_INSURED  # formal contracts carry social insurance
        w.employer[hired] = firm.astype(np.int32)
        w.sector[hired] = firms.sector[firm]
        w.occupation[hired] = occ
        w.wage[hired] = pay
        w.region[hired] = firms.region[firm]
        w.urban[hired] = job_urban
        w.status[hired] = np.where(flexible, Status.EMPLOYED_FLEXIBLE, Status.EMPLOYED_FORMAL)
        w.spell[hired] = 0
        np.subtract.at(model.demand.vacancies, (firm, occ), 1)
