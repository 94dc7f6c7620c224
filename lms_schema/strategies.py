"""Hypothesis strategies for completion request bodies (needs the ``hypothesis`` extra).

This is the public import path, ``lms_schema.strategies``; the strategies live
in ``lms_schema.testing.strategies`` beside the other testing tools.

Example::

    from hypothesis import given
    from lms_schema.strategies import completion_requests

    @given(completion_requests(include_deprecated=False))
    def test_client_accepts(body): ...
"""

from __future__ import annotations

from lms_schema.testing.strategies import (
    FAULT_CODES,
    QUESTIONABLE_CODES,
    UnsupportedSchemaError,
    completion_requests,
    invalid_completion_requests,
    invalid_rfc3339_durations,
    invalid_rfc3339_timestamps,
    json_values,
    questionable_completion_requests,
    rfc3339_durations,
    rfc3339_timestamps,
)

__all__ = [
    "FAULT_CODES",
    "QUESTIONABLE_CODES",
    "UnsupportedSchemaError",
    "completion_requests",
    "invalid_completion_requests",
    "invalid_rfc3339_durations",
    "invalid_rfc3339_timestamps",
    "json_values",
    "questionable_completion_requests",
    "rfc3339_durations",
    "rfc3339_timestamps",
]
