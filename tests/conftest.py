"""Fixtures shared by every test folder: the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "suzhou-union-2012-04.txt"
MASTHEAD_SAMPLE = SAMPLES / "union-work-bulletin-masthead.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def masthead_path() -> Path:
    assert MASTHEAD_SAMPLE.is_file(), f"{MASTHEAD_SAMPLE} is missing"  # a missing sample fails, never skips
    return MASTHEAD_SAMPLE
