"""Regions: the NBS macro-regions as Mesa agents, each with an urban and a rural part.

Regions are few, so they are ordinary ``mesa.Agent`` objects. Their wage levels are views into the
wage module's array (state lives in one place); the migration module reads their wages, the
job-finding chances of their markets and the cost of moving into them.
"""

from __future__ import annotations

import mesa
import numpy as np


class Region(mesa.Agent):
    """A macro-region: its name, its urban and rural wage levels and its labour-market readings."""

    def __init__(self, model: mesa.Model, index: int, name: str, wage_levels: np.ndarray) -> None:
        super().__init__(model)
        self.index = index
        self.name = name
        self.wage_levels = wage_levels  # view: [area, occupation] yuan per month
        self.job_finding = np.zeros(2)  # last month's job-finding rate by area (0 rural, 1 urban)
        self.unemployment_rate = 0.0  # last month's surveyed urban unemployment rate, %

    def __repr__(self) -> str:
        return f"Region({self.name})"
