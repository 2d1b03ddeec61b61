"""Programme jobs: public-welfare posts, work relief and graduate grassroots posts.

Programme participants are employed (the statistics bureau counts them as such) in the public
sector (construction for work relief), outside any firm. Each programme has a code in
``Workers.programme`` so its participants and costs can be told apart; a placement lasts a term,
after which the participant searches again (participants also search on the job meanwhile).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numba
import numpy as np

from sim.codes import Sector, Status
from sim.workers import EVER_MIGRATED

if TYPE_CHECKING:
    from sim.model import LabourMarketModel
    from sim.workers import Workers

GRADUATE_POSTS = 1
PUBLIC_WELFARE = 2
WORK_RELIEF = 3


_UNEMPLOYED = Status.UNEMPLOYED.value
_FARMING = Status.FARMING.value


class Census(NamedTuple):
    """What the levers read of the workers as the policy stage begins, listed in one pass.

    ``members``: agents in any programme; ``paid``: job seekers entitled to unemployment benefit
    (empty unless asked for); ``pool``: job seekers and returned migrants farming at home, the
    only agents a programme may take (empty unless asked for); ``n_unemployed``: job seekers.
    Lists are ascending."""

    members: np.ndarray
    paid: np.ndarray
    pool: np.ndarray
    n_unemployed: int


def census(workers: Workers, paid: bool, pool: bool) -> Census:
    """The stage's :class:`Census` of ``workers``: one compiled pass (``paid`` and ``pool`` say
    whether those lists are wanted)."""
    w = workers
    return Census(*_census(w.status, w.programme, w.ui_months, w.flags, paid, pool))


@numba.njit(cache=True, nogil=True)
def _census(
    status: np.ndarray,
    programme: np.ndarray,
    ui_months: np.ndarray,
    flags: np.ndarray,
    want_paid: bool,
    want_pool: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The lists of :class:`Census`: branch-free, each index written and kept on a match."""
    n = status.shape[0]
    members = np.empty(n, dtype=np.int64)
    paid = np.empty(n if want_paid else 0, dtype=np.int64)
    pool = np.empty(n if want_pool else 0, dtype=np.int64)
    n_members = n_paid = n_pool = n_unemployed = 0
    for i in range(n):
        s = status[i]
        seeking = s == _UNEMPLOYED
        n_unemployed += seeking
        members[n_members] = i
        n_members += programme[i] > 0
        if want_paid:  # the same way every row: a well-predicted branch
            paid[n_paid] = i
            n_paid += seeking & (ui_months[i] > 0)
        if want_pool:
            pool[n_pool] = i
            n_pool += seeking | ((s == _FARMING) & ((flags[i] & EVER_MIGRATED) != 0))
    return members[:n_members].copy(), paid[:n_paid].copy(), pool[:n_pool].copy(), n_unemployed


def candidates(model: LabourMarketModel) -> np.ndarray:
    """Every agent a programme may take now (ascending; more, whom the lever's own test drops):
    the stage's :attr:`Census.pool`, and those whom a programme has ended or placed since (the
    only changes to the workers before a programme chooses)."""
    pool = model.policy.census.pool
    if not model.policy.moved:
        return pool
    moved = np.unique(np.concatenate(model.policy.moved))
    at = np.minimum(np.searchsorted(pool, moved), max(len(pool) - 1, 0))
    new = moved[pool[at] != moved] if len(pool) else moved
    return np.insert(pool, np.searchsorted(pool, new), new)


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
    model.policy.moved.append(idx)
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
    model.policy.moved.append(done)
    w.leave_job(done, Status.UNEMPLOYED)
    if back_to_farm:
        w.start_farming(done[w.hukou_rural[done] & ~w.urban[done]])
    return len(idx) - len(done)
