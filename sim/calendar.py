"""Months as integers: ``index = year * 12 + (month - 1)``."""

from __future__ import annotations


def month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def year_month(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def label(index: int) -> str:
    y, m = year_month(index)
    return f"{y}-{m:02d}"
