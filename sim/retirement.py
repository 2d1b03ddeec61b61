"""Statutory retirement ages, including the reform that starts in January 2025.

Before 2025: men retire at 60, women in cadre posts at 55 and other women at 50. The NPC Standing
Committee decision of 13 September 2024 raises them gradually from January 2025: men's age by one
month for every four months of birth cohort (from those born in January 1965) up to 63; women's
50 by one month for every two months of cohort (from January 1975) up to 55; women's 55 by one month
for every four months (from January 1970) up to 58.

Women with senior-secondary or higher education are taken to be in cadre posts (assumption: the
model carries no job-grade variable).
"""

from __future__ import annotations

import numpy as np

from sim.codes import Education

# (base age in years, first affected birth cohort (year, month), cohort months per month of delay,
#  maximum delay in months)
_RULES = {
    "men": (60, (1965, 1), 4, 36),
    "women_cadre": (55, (1970, 1), 4, 36),
    "women_worker": (50, (1975, 1), 2, 60),
}


def _age_months(birth_index: np.ndarray, rule: tuple, reform: bool) -> np.ndarray:
    base_age, (y, m), step, cap = rule
    base = np.full(birth_index.shape, base_age * 12, dtype=np.int32)
    if not reform:
        return base
    first = y * 12 + (m - 1)
    delay = np.clip((birth_index - first) // step + 1, 0, cap)
    return base + delay.astype(np.int32)


def statutory_age_months(
    birth_index: np.ndarray, female: np.ndarray, education: np.ndarray, reform: bool
) -> np.ndarray:
    """Statutory retirement age in months for people born in month ``birth_index`` (year*12+m-1)."""
    cadre = education >= Education.SENIOR_SECONDARY
    men = _age_months(birth_index, _RULES["men"], reform)
    wc = _age_months(birth_index, _RULES["women_cadre"], reform)
    ww = _age_months(birth_index, _RULES["women_worker"], reform)
    return np.where(female, np.where(cadre, wc, ww), men)
