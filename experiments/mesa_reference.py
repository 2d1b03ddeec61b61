"""A plain Mesa yardstick for the benchmark: the monthly job matching, one object per worker.

``experiments/benchmark.py`` times it (``--reference-agents``, 50k by default) beside the model.

What the benchmark measures with it: time per worker-month of the monthly steps (set-up
excluded) and peak memory per agent of job matching as a Mesa user writes it: one ``mesa.Agent``
per worker and per firm, stepped through Mesa's AgentSet in random order
(``agents_by_type[Worker].shuffle_do("step")``), state in the agents' attributes. Each month:

1. every firm opens as many vacancies as it is short of its target staff;
2. every worker, in random order: an employed one leaves her job with probability
   ``SEPARATION`` (the post opens next month); an unemployed one sends ``APPLICATIONS``
   applications, each to an occupation drawn in proportion to its open vacancies times her
   accessibility of it, ``exp(-OCCUPATION_COST)`` for another occupation than her own, then to a
   firm of that occupation in proportion to its open vacancies (the model's rule in
   :mod:`sim.processes.matching`: a market by vacancies x accessibility, a firm within it by
   vacancies);
3. every firm, in random order, offers each open vacancy to one of its applicants drawn at random
   (urn-ball: some vacancies get several applications, some none); an applicant not hired yet
   this month accepts with probability ``ACCEPTANCE``.

Why the comparison is fair, and in whose favour it leans: the reference does matching only, and a
simpler one (one occupation per firm; no regions, education, hukou, wages, on-the-job search or
data collection), while the model's time per worker-month covers every module of its month
(``policy=plan``, ``ai=baseline``: demography, demand, separations, matching, migration, wages,
training, AI adoption, the levers and the statistics). So the ratio model/reference is an upper
bound on what the model costs against Mesa objects doing the same work. The reference is written
plainly but not carelessly: the draw weights are built once a month, not once per worker, staff
are sets, and only Python's ``random`` is used (no per-call numpy overhead). Its step does a fixed
amount of work per agent, so its time per worker-month hardly depends on the number of agents:
50k workers (the default) are enough for per-agent work to dominate, and the benchmark compares
it with the model at 100k and 1M agents without building a million Python objects. Run in a fresh
process from the same benchmark invocation, just before each model run, the two see the same
machine: their ratio holds when the machine's speed drifts.

The parameters are round numbers of the model's order (5% unemployment, 1.5% of jobs ending a
month, 4 applications, offers taken half the time, firms of 20): a yardstick, not a calibration.
"""

from __future__ import annotations

import itertools
import math

import mesa

N_OCCUPATIONS = 9  # ISCO-08 major groups, as sim.codes.Occupation
APPLICATIONS = 4  # per unemployed worker a month (sim.processes.matching's default)
OCCUPATION_COST = 1.5  # accessibility of another occupation: exp(-1.5), about 0.22
ACCEPTANCE = 0.5  # chance an offer is taken
SEPARATION = 0.015  # chance a job ends in a month
UNEMPLOYMENT = 0.05  # share of workers without a job at the start
FIRM_SIZE = 20  # mean target staff; targets are uniform on 1 .. 2 x FIRM_SIZE - 1
VACANT = 0.03  # share of each firm's target open at the start


class Worker(mesa.Agent):
    """A person in the labour force: employed by a firm, or unemployed and searching."""

    def __init__(self, model: MatchingModel, occupation: int) -> None:
        super().__init__(model)
        self.occupation = occupation
        self.employer: Firm | None = None

    def step(self) -> None:
        if self.employer is not None:
            if self.random.random() < SEPARATION:
                self.employer.staff.discard(self)
                self.employer = None
            return
        market = self.model.market
        weights = market.occupation_weights[self.occupation]
        if not any(weights):
            return
        for occ in self.random.choices(range(N_OCCUPATIONS), weights=weights, k=APPLICATIONS):
            firm = self.random.choices(market.firms[occ], cum_weights=market.cum_vacancies[occ])
            firm[0].applicants.append(self)


class Firm(mesa.Agent):
    """An employer of one occupation, hiring up to its target staff."""

    def __init__(self, model: MatchingModel, occupation: int, target: int) -> None:
        super().__init__(model)
        self.occupation = occupation
        self.target = target
        self.staff: set[Worker] = set()
        self.vacancies = 0
        self.applicants: list[Worker] = []

    def post(self) -> None:
        self.vacancies = self.target - len(self.staff)
        self.applicants = []

    def hire(self) -> None:
        if not self.vacancies or not self.applicants:
            return
        offers = min(self.vacancies, len(self.applicants))
        for worker in self.random.sample(self.applicants, offers):
            if worker.employer is None and self.random.random() < ACCEPTANCE:
                worker.employer = self
                self.staff.add(worker)
                self.model.hires += 1


class Market:
    """This month's open vacancies, by occupation, and each occupation's draw weights."""

    def __init__(self, firms: list[Firm]) -> None:
        self.firms: list[list[Firm]] = [[] for _ in range(N_OCCUPATIONS)]
        for firm in firms:
            if firm.vacancies > 0:
                self.firms[firm.occupation].append(firm)
        self.cum_vacancies = [
            list(itertools.accumulate(f.vacancies for f in fs)) for fs in self.firms
        ]
        open_by_occ = [cum[-1] if cum else 0 for cum in self.cum_vacancies]
        far = math.exp(-OCCUPATION_COST)
        self.occupation_weights = [
            [v * (1.0 if o == own else far) for o, v in enumerate(open_by_occ)]
            for own in range(N_OCCUPATIONS)
        ]


class MatchingModel(mesa.Model):
    """Workers and firms meeting through applications, one Mesa agent each."""

    def __init__(self, n_workers: int, seed: int = 0) -> None:
        super().__init__(rng=seed)
        employed = round(n_workers * (1 - UNEMPLOYMENT))
        hired = 0
        while hired < employed:
            target = self.random.randint(1, 2 * FIRM_SIZE - 1)
            firm = Firm(self, self.random.randrange(N_OCCUPATIONS), target)
            for _ in range(min(round(target * (1 - VACANT)), employed - hired)):
                worker = Worker(self, firm.occupation)
                worker.employer = firm
                firm.staff.add(worker)
                hired += 1
        for _ in range(n_workers - employed):
            Worker(self, self.random.randrange(N_OCCUPATIONS))
        self.hires = 0
        self.market = Market([])

    def step(self) -> None:
        firms = self.agents_by_type[Firm]
        firms.do("post")
        self.market = Market(list(firms))
        self.agents_by_type[Worker].shuffle_do("step")
        firms.shuffle_do("hire")

    def unemployed(self) -> int:
        return sum(1 for w in self.agents_by_type[Worker] if w.employer is None)
