"""Validate the body of StackOne's LMS create-completion request.

The JSON Schema shipped with the package decides validity. This package adds
strict RFC 3339 timestamps and durations, sense checks and deprecation
warnings, all reported as ``Issue`` objects in one ``Report``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from lms_schema.api import (
    Completion,
    CompletionResult,
    InvalidBodyError,
    LmsDeprecationWarning,
    LmsSchemaError,
    UnrepresentableValueError,
    ensure_valid,
    parse,
    parse_date_time,
    parse_duration,
    validate,
)
from lms_schema.check.formats import FormatError, is_date_time, is_duration
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits
from lms_schema.codes import CODES, CodeInfo
from lms_schema.issues import Issue, Report
from lms_schema.schema import load_schema, schema_facts
from lms_schema.types import CompletionRequestBody, CompletionResultBody

try:
    __version__ = version("lms-schema")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

__all__ = [
    "CODES",
    "DEFAULT_LIMITS",
    "CodeInfo",
    "Completion",
    "CompletionRequestBody",
    "CompletionResult",
    "CompletionResultBody",
    "FormatError",
    "InvalidBodyError",
    "Issue",
    "LmsDeprecationWarning",
    "LmsSchemaError",
    "Report",
    "SenseLimits",
    "UnrepresentableValueError",
    "__version__",
    "ensure_valid",
    "is_date_time",
    "is_duration",
    "load_schema",
    "parse",
    "parse_date_time",
    "parse_duration",
    "schema_facts",
    "validate",
]
