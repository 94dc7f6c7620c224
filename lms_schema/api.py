"""The public library functions: validate, ensure_valid and parse."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import isodate

from lms_schema.check.fast import fast_path
from lms_schema.check.formats import FormatError, read_date_time
from lms_schema.check.schema_check import check_schema
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits, check_sense
from lms_schema.issues import Issue, Report
from lms_schema.schema import schema_facts

logger = logging.getLogger(__name__)


class LmsSchemaError(Exception):
    """Base class of the exceptions this package raises."""


class InvalidBodyError(LmsSchemaError, ValueError):
    """A body breaks the contract; ``report`` lists every problem.

    Attributes:
        report: The full report of the body.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = [f"{issue.pointer or '(body)'}: {issue.code} {issue.message}" for issue in report.errors]
        super().__init__(f"{len(report.errors)} error(s) in the completion body:\n" + "\n".join(lines))


class UnrepresentableValueError(LmsSchemaError, ValueError):
    """A valid value that Python's ``datetime`` or ``timedelta`` cannot hold.

    Examples: the year 0000 (valid in RFC 3339, below ``datetime.MINYEAR``) or a
    duration of 10**60 days (valid text, beyond ``timedelta.max``).
    """


class LmsDeprecationWarning(DeprecationWarning):
    """A body uses a deprecated field of the completion request.

    Run a test suite with ``-W error::lms_schema.LmsDeprecationWarning`` to make
    these fail the tests.
    """


def collect_issues(
    body: object,
    *,
    strict: bool = False,
    now: datetime | None = None,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> Report:
    """Check ``body`` and return its report without emitting Python warnings.

    This is the engine behind ``validate``; the command line uses it so that
    no ``PYTHONWARNINGS`` setting can turn a deprecation into an exception.
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be an aware datetime, such as datetime.now(timezone.utc)")

    fast = fast_path()
    if fast is not None:
        # The fast path reads the clock itself, and only when a timestamp needs it.
        return fast.collect(body, now=now, limits=limits, strict=strict)
    if now is None:
        now = datetime.now(timezone.utc)
    return collect_reference_issues(body, strict=strict, now=now, limits=limits)


def collect_reference_issues(body: object, *, strict: bool, now: datetime, limits: SenseLimits) -> Report:
    """Check ``body`` with jsonschema and every sense check, bypassing the fast path.

    This is the reference that the fast path must match report for report;
    ``collect_issues`` uses it when the schema cannot be compiled.
    """
    issues: list[Issue] = check_schema(body)
    if isinstance(body, Mapping):
        issues.extend(check_sense(body, schema_facts(), now=now, limits=limits))
    return Report.of(issues, strict=strict)


def validate(
    body: object,
    *,
    strict: bool = False,
    now: datetime | None = None,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> Report:
    """Check a completion request body and report every problem found.

    Arguments:
        body: The body as Python data, such as the result of ``json.loads``.
        strict: Report every warning as an error.
        now: The current time (aware) for the future-timestamp check; defaults
            to the clock.
        limits: Thresholds of the sense checks.

    Returns:
        The report. ``report.valid`` is true when there is no error.

    Each deprecated field also emits an ``LmsDeprecationWarning`` pointing at
    the caller's line. This function raises only when the caller has turned
    that warning into an error (``-W error::lms_schema.LmsDeprecationWarning``),
    or for a naive ``now``.
    """
    report = collect_issues(body, strict=strict, now=now, limits=limits)
    if report.issues:
        _warn_deprecated(report, stacklevel=3)
    return report


def _warn_deprecated(report: Report, *, stacklevel: int) -> None:
    for issue in report.issues:
        if issue.code == "LMS201":
            warnings.warn(f"{issue.pointer}: {issue.message}", LmsDeprecationWarning, stacklevel=stacklevel)


def ensure_valid(
    body: object,
    *,
    strict: bool = False,
    now: datetime | None = None,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> Report:
    """Check a body like ``validate`` and raise if it has an error.

    Returns:
        The report, which may hold warnings.

    Raises:
        InvalidBodyError: The body has at least one error; the exception
            carries the report.
    """
    report = collect_issues(body, strict=strict, now=now, limits=limits)
    _warn_deprecated(report, stacklevel=3)
    if not report.valid:
        raise InvalidBodyError(report)
    return report


@dataclass(frozen=True)
class CompletionResult:
    """The ``result`` object of a parsed body."""

    value: str | None
    source_value: Any


@dataclass(frozen=True)
class Completion:
    """A typed view of a valid completion request body.

    Attributes:
        completed_at: An aware ``datetime`` keeping the offset as written. A
            leap second (``23:59:60``) cannot be held by ``datetime``; it is
            represented as ``23:59:59.999999`` of the same day, with
            ``completed_at_leap_second`` set.
        time_spent: A ``timedelta``, or an ``isodate.Duration`` when the text
            has years or months, whose length depends on the calendar.
    """

    passthrough: dict[str, Any] | None
    result: CompletionResult | None
    completed_at: datetime | None
    completed_at_leap_second: bool
    learning_object_id: str | None
    learning_object_external_reference: str | None
    time_spent: timedelta | isodate.Duration | None
    content_external_reference: str | None
    content_id: str | None
    report: Report


def parse_date_time(text: str) -> tuple[datetime, bool]:
    """Convert RFC 3339 text to an aware ``datetime`` that keeps its offset.

    Returns:
        The datetime and whether the text was a leap second.

    Raises:
        FormatError: The text is not an RFC 3339 date-time.
        UnrepresentableValueError: ``datetime`` cannot hold the value.
    """
    parts = read_date_time(text)
    leap_second = parts.second == 60
    fraction = (parts.fraction + "000000")[:6]
    microsecond = 999999 if leap_second else int(fraction)
    try:
        zone = timezone(timedelta(minutes=parts.offset_minutes))
        value = datetime(
            parts.year, parts.month, parts.day, parts.hour, parts.minute,
            59 if leap_second else parts.second, microsecond, tzinfo=zone,
        )
    except (ValueError, OverflowError) as error:
        raise UnrepresentableValueError(
            f"{text!r} is a valid date-time that Python's datetime cannot hold: {error}"
        ) from None
    return value, leap_second


def parse_duration(text: str) -> timedelta | isodate.Duration:
    """Convert duration text in the RFC 3339 grammar with isodate.

    Raises:
        FormatError: The text is not in the grammar.
        UnrepresentableValueError: ``timedelta`` cannot hold the value.
    """
    from lms_schema.check.formats import read_duration

    read_duration(text)
    try:
        value = isodate.parse_duration(text.upper())
    except (OverflowError, ValueError, ArithmeticError) as error:
        raise UnrepresentableValueError(
            f"{text!r} is a valid duration that Python's timedelta cannot hold: {error}"
        ) from None
    if isinstance(value, isodate.Duration):
        return value
    if not isinstance(value, timedelta):
        raise UnrepresentableValueError(f"isodate returned {type(value).__name__} for {text!r}")
    return value


def parse(
    body: object,
    *,
    strict: bool = False,
    now: datetime | None = None,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> Completion:
    """Validate a body and return its typed view.

    Raises:
        InvalidBodyError: The body has an error.
        UnrepresentableValueError: A valid value is beyond what Python can hold.
    """
    report = collect_issues(body, strict=strict, now=now, limits=limits)
    _warn_deprecated(report, stacklevel=3)
    if not report.valid or not isinstance(body, Mapping):
        raise InvalidBodyError(report)

    completed_at: datetime | None = None
    leap_second = False
    if body.get("completed_at") is not None:
        try:
            completed_at, leap_second = parse_date_time(body["completed_at"])
        except FormatError as error:  # pragma: no cover - ruled out by the report
            raise InvalidBodyError(report) from error

    time_spent = None
    if body.get("time_spent") is not None:
        time_spent = parse_duration(body["time_spent"])

    result = body.get("result")
    return Completion(
        passthrough=body.get("passthrough"),
        result=None if result is None else CompletionResult(result.get("value"), result.get("source_value")),
        completed_at=completed_at,
        completed_at_leap_second=leap_second,
        learning_object_id=body.get("learning_object_id"),
        learning_object_external_reference=body.get("learning_object_external_reference"),
        time_spent=time_spent,
        content_external_reference=body.get("content_external_reference"),
        content_id=body.get("content_id"),
        report=report,
    )
