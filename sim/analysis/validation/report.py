"""The pieces every check shares: number formats, markdown tables, figures and claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

FIG_DIR = "validation"  # figures go to <out>/validation/, linked from <out>/validation.md


def fmt(x: float | None, digits: int = 2) -> str:
    """A number as the report prints it (thousands separated; n/a when undefined)."""
    if x is None or not np.isfinite(x):
        return "n/a"
    return f"{x:,.{digits}f}"


def md_table(df: pd.DataFrame) -> str:
    """A pipe table of the (already formatted) frame."""
    cols = [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def save_figure(fig: plt.Figure, path: Path) -> None:
    """Write a check's figure (PNG) and close it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)


class ClaimFailed(AssertionError):
    """A claim of the report that the model's output does not bear out."""


@dataclass
class Claims:
    """The claims a check makes, each held against the numbers it computed."""

    held: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def require(self, holds: bool, claim: str, evidence: str) -> None:
        """Record ``claim`` as held or failed; ``evidence`` gives the numbers it rests on."""
        (self.held if holds else self.failed).append(f"{claim} ({evidence})")

    def verdict(self) -> list[str]:
        """The claims that held; raises :class:`ClaimFailed` naming every one that did not."""
        if self.failed:
            raise ClaimFailed("; ".join(self.failed))
        return self.held
