"""Independent random streams, one per process, all derived from the run's seed.

Each process draws from its own generator, keyed by the process's name rather than by the order in
which processes are created. Switching a policy module on therefore leaves every other module's
draws unchanged (common random numbers): a difference between two scenarios with the same seed is
the scenario, not noise.
"""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, name: str) -> np.random.Generator:
    """The generator of process ``name`` for a run with ``seed``."""
    key = zlib.crc32(name.encode("utf-8"))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(key,))))
