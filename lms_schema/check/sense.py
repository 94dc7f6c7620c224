"""Sense checks and deprecations: the rules about a body that JSON Schema cannot express.

Every check here reports warnings (strict mode turns them into errors). They
run only on values that already conform to their type and format, so one
fault is never reported twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from lms_schema.check.formats import DateTimeParts, FormatError, read_date_time, read_duration
from lms_schema.check.schema_check import pointer_from_path
from lms_schema.issues import Issue, make_issue
from lms_schema.schema import SchemaFacts


@dataclass(frozen=True)
class SenseLimits:
    """Thresholds of the sense checks.

    Attributes:
        future_tolerance: How far ``completed_at`` may lie in the future before
            it is reported, to allow for clock skew (default 5 minutes).
        earliest: ``completed_at`` before this instant is reported (default
            2000-01-01T00:00:00Z, fixed so that verdicts do not change as time passes).
        max_time_spent: ``time_spent`` longer than this is reported (default 30 days).
    """

    future_tolerance: timedelta = timedelta(minutes=5)
    earliest: datetime = datetime(2000, 1, 1, tzinfo=timezone.utc)
    max_time_spent: timedelta = timedelta(days=30)

    def __post_init__(self) -> None:
        if self.earliest.tzinfo is None:
            raise ValueError("SenseLimits.earliest must be an aware datetime")
        if self.future_tolerance < timedelta(0) or self.max_time_spent < timedelta(0):
            raise ValueError("SenseLimits durations must not be negative")


DEFAULT_LIMITS = SenseLimits()

_EPOCH_ORDINAL = datetime(1970, 1, 1).toordinal()


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Return days since 1970-01-01 in the proleptic Gregorian calendar, for any year."""
    shifted_year = year - (1 if month <= 2 else 0)
    era = shifted_year // 400
    year_of_era = shifted_year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def epoch_seconds(parts: DateTimeParts) -> int:
    """Return the whole Unix seconds of a date-time, without ``datetime``'s year limits.

    A leap second counts as the last second of its minute, and the fraction is dropped.
    """
    days = _days_from_civil(parts.year, parts.month, parts.day)
    second = min(parts.second, 59)
    return days * 86400 + parts.hour * 3600 + parts.minute * 60 + second - parts.offset_minutes * 60


def _format_delta(delta: timedelta) -> str:
    """Render a positive ``timedelta`` as days, hours and minutes for a message."""
    total_minutes = int(delta.total_seconds() // 60)
    days, remainder = divmod(total_minutes, 24 * 60)
    hours, minutes = divmod(remainder, 60)
    parts = [f"{days} days" if days else "", f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    return " ".join(part for part in parts if part) or "less than a minute"


def _check_completed_at(value: str, pointer: str, now: datetime, limits: SenseLimits) -> Iterator[Issue]:
    try:
        parts = read_date_time(value)
    except FormatError:
        return
    instant = epoch_seconds(parts)

    latest = int((now + limits.future_tolerance).timestamp())
    if instant > latest:
        ahead = timedelta(seconds=instant - int(now.timestamp()))
        yield make_issue(
            "LMS202",
            pointer,
            f"{value!r} is {_format_delta(ahead)} in the future "
            f"(tolerance {_format_delta(limits.future_tolerance)})",
            "check the clock and the UTC offset; a local time sent with 'Z' often causes this",
        )
    if instant < int(limits.earliest.timestamp()):
        yield make_issue(
            "LMS203",
            pointer,
            f"{value!r} is before {limits.earliest.isoformat().replace('+00:00', 'Z')}",
            "send the real completion time, or null when it is unknown; "
            "1970-01-01 and 0001-01-01 are usually unset defaults",
        )


def _check_time_spent(value: str, pointer: str, limits: SenseLimits) -> Iterator[Issue]:
    try:
        parts = read_duration(value)
    except FormatError:
        return

    if parts.has_calendar_units:
        yield make_issue(
            "LMS204",
            pointer,
            f"{value!r} uses years or months, whose length depends on the calendar",
            "write it in days, hours, minutes and seconds",
        )
    if parts.is_zero:
        yield make_issue(
            "LMS205",
            pointer,
            f"{value!r} is zero time spent",
            "send the real time spent, or null when it was not tracked",
        )
    elif parts.minimum_seconds() > limits.max_time_spent.total_seconds():
        yield make_issue(
            "LMS206",
            pointer,
            f"{value!r} is longer than {_format_delta(limits.max_time_spent)}",
            "check the unit and the value; time spent is not the time from enrolment to completion",
        )


def _check_identifiers(body: Mapping[str, Any], facts: SchemaFacts) -> Iterator[Issue]:
    given = False
    for name in facts.identifiers:
        value = body.get(name)
        if value is None:
            continue
        if isinstance(value, str) and value.strip() == "":
            yield make_issue(
                "LMS208",
                pointer_from_path([name]),
                f"{name} is {'empty' if value == '' else 'blank'} ({value!r})",
                "send the real identifier, or null",
            )
            continue
        given = True

    if not given:
        preferred = [name for name in facts.identifiers if name not in facts.deprecated]
        yield make_issue(
            "LMS207",
            "",
            f"no learning object identifier is given (none of {', '.join(facts.identifiers)} "
            "has a non-blank value)",
            f"add {' or '.join(preferred) if preferred else 'an identifier'}; "
            "deprecated fields set to null and unknown fields do not count",
        )


def _check_deprecated(body: Mapping[str, Any], facts: SchemaFacts) -> Iterator[Issue]:
    for name, replacement in facts.deprecated.items():
        if body.get(name) is None:
            continue
        hint = f"send the value in {replacement!r} instead" if replacement else "stop sending it"
        yield make_issue(
            "LMS201",
            pointer_from_path([name]),
            f"{name!r} is deprecated" + (f"; use {replacement!r}" if replacement else ""),
            hint,
            suggestion=replacement or None,
        )


def _check_result(body: Mapping[str, Any]) -> Iterator[Issue]:
    result = body.get("result")
    if not isinstance(result, dict):
        return
    if result.get("value") == "unmapped_value" and result.get("source_value") is None:
        yield make_issue(
            "LMS209",
            "/result",
            "result.value is 'unmapped_value' but result.source_value is missing",
            "send the provider's original status in result.source_value",
        )


def check_sense(
    body: Mapping[str, Any],
    facts: SchemaFacts,
    *,
    now: datetime,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> list[Issue]:
    """Return the warnings about a body that the schema cannot express.

    Arguments:
        body: The body, already known to be a JSON object.
        facts: Field facts read from the schema.
        now: The current time as an aware datetime, for the future check.
        limits: The thresholds of the checks.
    """
    issues: list[Issue] = []
    issues.extend(_check_deprecated(body, facts))

    for name, format_name in facts.formats.items():
        value = body.get(name)
        if not isinstance(value, str):
            continue
        if format_name == "date-time":
            issues.extend(_check_completed_at(value, pointer_from_path([name]), now, limits))
        elif format_name == "duration":
            issues.extend(_check_time_spent(value, pointer_from_path([name]), limits))

    issues.extend(_check_identifiers(body, facts))
    issues.extend(_check_result(body))
    return issues
