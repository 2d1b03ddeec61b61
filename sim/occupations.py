"""The occupational structure: skill levels, education requirements, distances and sector mixes.

China publishes no 2020 table of employment by ISCO-08 group (see ``data/SOURCES.md``), so the
sector-by-occupation mix below is an assumption informed by the 2000 census and the 2005 city
survey occupation shares (``china_annual.csv`` rows ``census_2000_occupation_share_*`` and
``survey_2005_cities_occupation_share_*``) and by the usual staffing of each sector.
"""

from __future__ import annotations

import numpy as np

from sim.codes import Education, Occupation, Sector

N_OCC = len(Occupation)
N_SECTORS = len(Sector)

# ISCO-08 skill level of each major group (ILO 2012, ISCO-08 vol. 1, table 1; 1 has levels 3-4).
SKILL_LEVEL = np.array([3.5, 4, 3, 2, 2, 2, 2, 2, 1], dtype=np.float32)

# Usual minimum education for each group (assumption following the skill levels: level 4 needs
# tertiary, 3 senior secondary, 2 junior secondary, 1 primary; farming needs none).
EDUCATION_REQUIRED = np.array(
    [
        Education.SENIOR_SECONDARY,  # managers
        Education.TERTIARY,  # professionals
        Education.SENIOR_SECONDARY,  # technicians
        Education.SENIOR_SECONDARY,  # clerks
        Education.JUNIOR_SECONDARY,  # service and sales
        Education.PRIMARY,  # agricultural
        Education.JUNIOR_SECONDARY,  # craft
        Education.JUNIOR_SECONDARY,  # operators
        Education.PRIMARY,  # elementary
    ],
    dtype=np.int8,
)

# Wage of each group relative to the regional average (assumption; ordering as in the NBS 2020
# wage survey by position: managers > professionals > clerks ~ technicians > production > services).
RELATIVE_WAGE = np.array([2.0, 1.45, 1.15, 1.0, 0.8, 0.55, 0.95, 0.9, 0.7], dtype=np.float32)

# Occupation mix of each sector's jobs (rows: sectors in Sector order; columns ISCO 1..9).
SECTOR_OCCUPATION_MIX = np.array(
    [
        [0.00, 0.00, 0.00, 0.00, 0.00, 0.97, 0.00, 0.00, 0.03],  # agriculture
        [0.03, 0.05, 0.07, 0.05, 0.02, 0.00, 0.25, 0.43, 0.10],  # manufacturing
        [0.03, 0.04, 0.05, 0.03, 0.00, 0.00, 0.55, 0.10, 0.20],  # construction
        [0.04, 0.02, 0.04, 0.06, 0.62, 0.00, 0.04, 0.08, 0.10],  # traditional services
        [0.08, 0.30, 0.25, 0.25, 0.07, 0.00, 0.00, 0.00, 0.05],  # modern services
        [0.00, 0.00, 0.02, 0.03, 0.40, 0.00, 0.00, 0.35, 0.20],  # platform
        [0.08, 0.45, 0.15, 0.20, 0.05, 0.00, 0.00, 0.00, 0.07],  # public
    ],
    dtype=np.float64,
)
assert np.allclose(SECTOR_OCCUPATION_MIX.sum(axis=1), 1.0)


def occupation_distance() -> np.ndarray:
    """Distance between occupations: 0 to itself, 1 plus half the skill-level gap otherwise.

    A stand-in for an occupational mobility network (del Rio-Chanona et al. 2021) until a Chinese
    transition matrix is available; moving between groups of similar skill is cheaper.
    """
    gap = np.abs(SKILL_LEVEL[:, None] - SKILL_LEVEL[None, :])
    d = 1.0 + 0.5 * gap
    np.fill_diagonal(d, 0.0)
    return d.astype(np.float64)


# Occupation a school leaver first looks for, by education (rows) (assumption).
ENTRY_OCCUPATION = np.array(
    [
        [0.00, 0.00, 0.00, 0.00, 0.30, 0.10, 0.15, 0.15, 0.30],  # primary
        [0.00, 0.00, 0.02, 0.03, 0.35, 0.02, 0.18, 0.25, 0.15],  # junior secondary
        [0.01, 0.02, 0.15, 0.17, 0.35, 0.00, 0.10, 0.15, 0.05],  # senior secondary
        [0.03, 0.45, 0.25, 0.17, 0.08, 0.00, 0.00, 0.02, 0.00],  # tertiary
    ]
)
