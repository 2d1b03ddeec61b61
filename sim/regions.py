"""Regions: the NBS macro-regions as Mesa agents, each with an urban and a rural part.

Regions are few, so they are ordinary ``mesa.Agent`` objects. A region carries last month's
job-finding rates of its two areas, which migration reads as the chance of finding work there
(the Harris-Todaro expected income); its wage levels are the wage-setting process's
(``model.wages.levels[region]``) and its unemployment rates are in the statistics' record.
"""

from __future__ import annotations

import mesa
import numpy as np


class Region(mesa.Agent):
    """A macro-region: its name and last month's job-finding rates by area."""

    def __init__(self, model: mesa.Model, index: int, name: str) -> None:
        super().__init__(model)
        self.index = index
        self.name = name
        self.job_finding = np.full(2, np.nan)  # last month's job-finding rate by area (0 rural,
        # 1 urban); NaN before the first month is measured

    def __repr__(self) -> str:
        return f"Region({self.name})"
