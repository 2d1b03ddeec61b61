"""Programme jobs: public-welfare posts, work relief and graduate grassroots posts.

Programme participants are employed (the statistics bureau counts them as such) in the public
sector (construction for work relief), outside any firm. Each programme has a code in
``Workers.programme`` so its participants and costs can be told apart; a placement lasts a term,
after which the participant searches again (participants also search on the job meanwhile).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim import blocks
from sim.codes import Sector, Status

if TYPE_CHECKING:
    from sim.model import LabourMarketModel
    from sim.workers import Workers

GRADUATE_POSTS = 1
PUBLIC_WELFARE = 2
WORK_RELIEF = 3


def members(workers: Workers) -> np.ndarray:
    """Agents in any programme (ascending): one light pass over the int8 programme codes."""
    return blocks.positive_rows(workers.programme)


def participants(model: LabourMarketModel, code: int) -> np.ndarray:
    """Agents currently in programme ``code`` (ascending), from the programme members the policy
    stage listed when it began (:attr:`sim.policies.PolicyPackage.members`): a lever ends and
    fills only its own programme's places, so each programme's list stays true until that
    programme's lever acts."""
    w = model.workers
    idx = model.policy.members
    return idx[(w.programme[idx] == code) & (w.status[idx] == Status.PUBLIC_PROGRAMME.value)]


def place(model: LabourMarketModel, idx: np.ndarray, code: int, sector: Sector, pay: float) -> None:
    """Put agents ``idx`` into programme ``code`` jobs paying ``pay`` yuan a month."""
    w = model.workers
    w.set_status(idx, Status.PUBLIC_PROGRAMME)
    w.employer[idx] = -1
    w.sector[idx] = sector
    w.wage[idx] = pay
    w.programme[idx] = code


def end_terms(model: LabourMarketModel, code: int, term: int, back_to_farm: bool = False) -> int:
    """Participants of programme ``code`` whose term is over go back to searching, or with
    ``back_to_farm`` rural-hukou villagers go back to farming. Returns how many stay on."""
    w = model.workers
    idx = participants(model, code)
    over = w.spell[idx] >= term
    done = idx[over]
    w.leave_job(done, Status.UNEMPLOYED)
    if back_to_farm:
        w.start_farming(done[w.hukou_rural[done] & ~w.urban[done]])
    return len(idx) - len(done)
