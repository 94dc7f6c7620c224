"""The pytest plugin of lms-schema: the ``completion_contract`` fixture.

Pytest loads this module through the ``pytest11`` entry point in every run of
every project that installs lms-schema. So it imports nothing optional, such
as hypothesis, and adds only pytest hooks and one fixture. Loading it imports
the ``lms_schema`` package and its runtime dependencies (jsonschema, isodate),
as any import of the package does.

In a project's pytest configuration, ``lms_schema_strict = true`` makes the
fixture fail on warnings too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from lms_schema.testing.assertions import CompletionContract

STRICT_INI_OPTION = "lms_schema_strict"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ini option that makes the fixture report warnings as errors."""
    parser.addini(
        STRICT_INI_OPTION,
        type="bool",
        default=False,
        help="lms-schema: the completion_contract fixture fails on warnings too (default: false)",
    )


@pytest.fixture
def completion_contract(request: pytest.FixtureRequest) -> CompletionContract:
    """Return assertion helpers for completion request bodies.

    ``completion_contract.assert_valid(body)`` fails with every issue listed;
    ``completion_contract.assert_issues(body, "LMS105")`` checks the exact codes.
    """
    from lms_schema.testing.assertions import CompletionContract

    strict = bool(request.config.getini(STRICT_INI_OPTION))
    return CompletionContract(strict=strict)
