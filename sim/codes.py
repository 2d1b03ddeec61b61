"""Categorical codes of the model: labour-market status, sectors, occupations, education.

Every categorical column of the worker and firm arrays holds one of these codes. They are
``IntEnum``s so that arrays stay compact (``int8``) while the code reads in the words a labour
economist uses (``Status.UNEMPLOYED``, not ``4``). Regions are not an enum: their number and names
come from the calibration data, so that a 31-province resolution needs no code change.

Compare an array with a code's ``.value`` (``w.status == Status.UNEMPLOYED.value``): numpy takes an
``IntEnum`` operand through a slow int64 path, about 15 times slower on a million agents.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Status(IntEnum):
    """Labour-market status of a person in the reference week (NBS labour force survey concepts)."""

    STUDENT = 0  # in full-time education: outside the labour force
    EMPLOYED_FORMAL = 1  # wage job with a labour contract (urban units, formal private firms)
    EMPLOYED_FLEXIBLE = 2  # flexible, informal or platform work (灵活就业)
    FARMING = 3  # self-employed in agriculture: the rural absorber
    UNEMPLOYED = 4  # without work, searching and available (NBS surveyed unemployment)
    INACTIVE = 5  # neither working nor searching (home duties, discouraged, disabled)
    TRAINING = 6  # in full-time subsidised training: not counted as unemployed
    RETIRED = 7  # drew a pension or left work for age
    PUBLIC_PROGRAMME = 8  # public-welfare post, work relief or graduate programme job: employed


EMPLOYED_STATUSES = (
    Status.EMPLOYED_FORMAL,
    Status.EMPLOYED_FLEXIBLE,
    Status.FARMING,
    Status.PUBLIC_PROGRAMME,
)


def status_table(*statuses: Status) -> np.ndarray:
    """Lookup table ``table[status]``: whether a status code is one of ``statuses`` (indexing a
    status array with it is much faster than comparing the array with IntEnum members)."""
    table = np.zeros(len(Status), dtype=bool)
    table[[int(s) for s in statuses]] = True
    return table


class Sector(IntEnum):
    """Sectors of firms. Agriculture is the primary sector; manufacturing and construction the
    secondary; the rest tertiary (NBS three-sector split)."""

    AGRICULTURE = 0
    MANUFACTURING = 1  # includes mining and utilities (rest of NBS secondary sector)
    CONSTRUCTION = 2
    TRADITIONAL_SERVICES = 3  # trade, hotels and catering, transport, household services
    MODERN_SERVICES = 4  # finance, IT, business and technical services, real estate
    PLATFORM = 5  # platform and gig work: delivery, ride-hailing, online retail (新就业形态)
    PUBLIC = 6  # government, education, health, public organisations


PRIMARY_SECTORS = (Sector.AGRICULTURE,)
SECONDARY_SECTORS = (Sector.MANUFACTURING, Sector.CONSTRUCTION)
TERTIARY_SECTORS = (
    Sector.TRADITIONAL_SERVICES,
    Sector.MODERN_SERVICES,
    Sector.PLATFORM,
    Sector.PUBLIC,
)


class Occupation(IntEnum):
    """ISCO-08 major groups 1-9 (code = ISCO group minus one); armed forces are not modelled."""

    MANAGERS = 0
    PROFESSIONALS = 1
    TECHNICIANS = 2
    CLERKS = 3
    SERVICE_SALES = 4
    AGRICULTURAL = 5
    CRAFT = 6
    OPERATORS = 7
    ELEMENTARY = 8

    @property
    def isco(self) -> int:
        """The ISCO-08 major-group number (1-9)."""
        return int(self) + 1


class Education(IntEnum):
    """Highest completed level of education."""

    PRIMARY = 0  # primary school or less
    JUNIOR_SECONDARY = 1  # 初中
    SENIOR_SECONDARY = 2  # 高中 / 中职
    TERTIARY = 3  # 大专 and above


# Years of schooling by level: 6, 9 and 12 years for the school levels and 15.5 for tertiary, the
# mean of 3-year 大专 and 4-year 本科 plus a small postgraduate share (assumption, standard NBS
# conversion used for 平均受教育年限).
SCHOOLING_YEARS = np.array([6.0, 9.0, 12.0, 15.5], dtype=np.float32)


class Hukou(IntEnum):
    """Household registration type."""

    URBAN = 0  # non-agricultural hukou
    RURAL = 1  # agricultural hukou: migrant workers (农民工) are rural-hukou workers off the farm


class Sex(IntEnum):
    MALE = 0
    FEMALE = 1


def names(enum: type[IntEnum]) -> list[str]:
    """Lower-case member names in code order, for table columns and figure labels."""
    return [m.name.lower() for m in enum]
