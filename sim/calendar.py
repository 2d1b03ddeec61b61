"""Months as integers: ``index = year * 12 + (month - 1)``, and the calendar months the model's
seasons are tied to."""

from __future__ import annotations

import re

from sim.params import ConfigError

JANUARY, FEBRUARY, MARCH, JULY, DECEMBER = 1, 2, 3, 7, 12
LAST_MONTH = (2035, 12)  # the last month a run may reach (scenario inputs are extended to it)
QUARTER_FIRST_MONTHS = (1, 4, 7, 10)


def month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def year_month(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def label(index: int) -> str:
    y, m = year_month(index)
    return f"{y}-{m:02d}"


def parse_month(key: str, text: str) -> tuple[int, int]:
    """Read ``YYYY-MM`` into (year, month), naming the key if it is malformed."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(text))
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ConfigError(f"{key}={text!r} is not a month; write it as YYYY-MM, e.g. 2021-01")
    return int(m.group(1)), int(m.group(2))
