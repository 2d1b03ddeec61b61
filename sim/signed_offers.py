"""Jobs signed before graduation: campus recruitment's offers, held until the July start.

Chinese employers recruit final-year college students on campus in the autumn and spring before
graduation; a student who signs (the tripartite agreement, 三方协议) starts work after graduating in
July. Between signing and starting, the job is the firm's: the vacancy is filled and the firm counts
the signed student in its workforce, so it does not post the job again. If the firm closes before
July the offer lapses and the student graduates without a job.
"""

from __future__ import annotations

import numpy as np

from sim.occupations import N_OCC


class SignedOffers:
    """Offers accepted by final-year students, one row per student, until they start in July."""

    def __init__(self) -> None:
        self.worker = np.zeros(0, dtype=np.int64)
        self.firm = np.zeros(0, dtype=np.int64)
        self.occupation = np.zeros(0, dtype=np.int64)
        self.pay = np.zeros(0, dtype=np.float64)
        self.flexible = np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return len(self.worker)

    def sign(
        self,
        worker: np.ndarray,
        firm: np.ndarray,
        occupation: np.ndarray,
        pay: np.ndarray,
        flexible: np.ndarray,
    ) -> None:
        """Students ``worker`` sign for (firm, occupation) at ``pay``; they start next July."""
        self.worker = np.concatenate([self.worker, worker])
        self.firm = np.concatenate([self.firm, firm])
        self.occupation = np.concatenate([self.occupation, occupation])
        self.pay = np.concatenate([self.pay, pay])
        self.flexible = np.concatenate([self.flexible, flexible])

    def held_by(self, rows: np.ndarray) -> np.ndarray:
        """For each of the workers ``rows``, whether they hold a signed offer."""
        if len(rows) == 0 or len(self.worker) == 0:
            return np.zeros(len(rows), dtype=bool)
        mask = np.zeros(max(int(rows.max()), int(self.worker.max())) + 1, dtype=bool)
        mask[self.worker] = True
        return mask[rows]

    def by_firm_occupation(self, n_firms: int) -> np.ndarray:
        """Signed students each (firm, occupation) counts in its workforce: (n_firms, n_occ)."""
        idx = self.firm * N_OCC + self.occupation
        return np.bincount(idx, minlength=n_firms * N_OCC).reshape(n_firms, N_OCC)

    def lapse_at(self, closing: np.ndarray) -> int:
        """Offers of firms that close lapse; returns how many."""
        lapsed = np.isin(self.firm, closing)
        self._keep(~lapsed)
        return int(lapsed.sum())

    def take_all(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every offer, for the July start; the book is empty afterwards."""
        out = (self.worker, self.firm, self.occupation, self.pay, self.flexible)
        self.__init__()
        return out

    def _keep(self, keep: np.ndarray) -> None:
        self.worker, self.firm, self.occupation, self.pay, self.flexible = (
            a[keep] for a in (self.worker, self.firm, self.occupation, self.pay, self.flexible)
        )
