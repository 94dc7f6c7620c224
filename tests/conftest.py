"""Shared test settings and helpers."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPOSITORY = Path(__file__).resolve().parents[1]
FIXTURES = REPOSITORY.parent / "shared" / "fixtures"

# A fixed clock, so that verdicts about future timestamps never change.
NOW = datetime(2026, 1, 15, 12, 0, 0, tzinfo=timezone.utc)

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def shared_fixtures(*parts: str) -> Path:
    """Return a path under the shared fixtures folder, or skip when it is absent."""
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared fixtures not found at {path}; they sit beside the repository in development")
    return path
