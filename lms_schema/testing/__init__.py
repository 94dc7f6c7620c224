"""Tools for testing code that builds completion request bodies.

- ``assert_valid_completion`` and ``assert_completion_issues``: assertion
  helpers whose failure message lists every issue with its pointer, code and hint.
- ``lms_schema.testing.strategies``: hypothesis strategies for valid, faulty
  and questionable bodies. It needs the ``hypothesis`` extra, so import it
  explicitly; this package does not.
- ``lms_schema.testing.pytest_plugin``: the pytest plugin, which pytest loads
  by itself once lms-schema is installed. It adds the ``completion_contract``
  fixture and the ``lms_schema_strict`` ini option.
"""

from __future__ import annotations

from lms_schema.testing.assertions import (
    CompletionContract,
    assert_completion_issues,
    assert_valid_completion,
    format_issue_lines,
)

__all__ = [
    "CompletionContract",
    "assert_completion_issues",
    "assert_valid_completion",
    "format_issue_lines",
]
