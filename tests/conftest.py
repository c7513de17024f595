"""Shared test fixtures: where the real example articles are, and a skip when they are absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
MARCH_SEED = SEEDS / "002_d4685913e6ba8fbc.txt"
JULY_SEED = SEEDS / "000_d927ed028db7c14a.txt"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"example articles not found at {SEEDS} (set FRAMING_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_analysis(seeds_dir):
    from framing.running.inprocess import analyse

    return analyse([seeds_dir])
