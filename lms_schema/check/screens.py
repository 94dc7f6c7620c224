"""Cheap screens of the two string formats: conforming, not conforming, or worth a warning.

Each screen gives the same verdict as the strict reader in ``formats`` and
reports whether the sense checks in ``sense`` could warn about the value. It is
fast for the common forms and hands everything else to the strict reader.
``_DATE_TIME`` and ``_DURATION`` decide the shape, and ``datetime.fromisoformat``
(written in C) checks the calendar. When the date lies well inside the range,
a range check on the date text replaces the exact timestamp arithmetic. A
screen never builds an issue: a value worth a warning goes to ``check_sense``,
which writes the message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Final

from lms_schema.check.formats import _DATE_TIME, _DURATION, FormatError, read_date_time
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits

CLEAN: Final = 0
"""The value conforms, and no sense check warns about it."""

INVALID: Final = 1
"""The value breaks its format: jsonschema reports it and the sense checks skip it."""

NEEDS_SENSE: Final = 2
"""The value conforms, but a sense check may warn about it; ``check_sense`` decides."""

_SECONDS_PER_WEEK = 7 * 86400

# Durations longer than this go to the strict reader, which caps huge values.
# The digits of shorter ones convert with int() in well under a microsecond.
_MAX_FAST_DURATION_LENGTH = 40

# UTC offsets are under 24 hours, so a date this many days inside the range of
# the timestamp checks is inside it at every time of day and every offset.
_DATE_MARGIN_DAYS = 2


@dataclass(frozen=True)
class SenseWindows:
    """The ranges of timestamps and durations that no sense check warns about.

    Attributes:
        now: The ``now`` these windows were computed for.
        now_date: The date of ``now`` when ``now`` is in UTC; the windows then
            hold for any UTC ``now`` on that date.
        limits: The limits these windows were computed for.
        first_date: The earliest date (``YYYY-MM-DD``) whose every time, at
            any UTC offset, is inside the range of the timestamp checks.
        last_date: The latest such date.
        max_seconds: The maximum duration without a warning, in seconds.
        day_start: The Unix time at which the UTC date of ``now`` starts;
            for ``now`` not in UTC, a range that no clock reading falls in.
        day_end: The Unix time at which that date ends.
    """

    now: datetime
    now_date: date | None
    limits: SenseLimits
    first_date: str
    last_date: str
    max_seconds: float
    day_start: float
    day_end: float

    @classmethod
    def of(cls, now: datetime, limits: SenseLimits) -> SenseWindows:
        """Compute the windows for an aware ``now`` and ``limits``.

        The sense checks compare whole seconds with
        ``int((now + future_tolerance).timestamp())``, which is never before
        the start of the UTC date of ``now``, and with
        ``int(earliest.timestamp())``, which is never after the end of the UTC
        date of ``earliest``; the margin of two days covers any offset.
        """
        now_date = now.date() if now.tzinfo is timezone.utc else None
        day_start, day_end = 0.0, 0.0
        try:
            today = now.astimezone(timezone.utc).date()
            last = today - timedelta(days=_DATE_MARGIN_DAYS)
            first = limits.earliest.astimezone(timezone.utc).date() + timedelta(days=_DATE_MARGIN_DAYS)
            first_date, last_date = first.isoformat(), last.isoformat()
            if now_date is not None:
                midnight = datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
                day_start = midnight.timestamp()
                day_end = (midnight + timedelta(days=1)).timestamp()
        except (OverflowError, ValueError):
            # A bound near year 1 or 9999: every timestamp goes to check_sense.
            first_date, last_date = "9999-99-99", ""
        return cls(
            now, now_date, limits, first_date, last_date, limits.max_time_spent.total_seconds(), day_start, day_end
        )

    def applies_to(self, now: datetime, limits: SenseLimits) -> bool:
        """Return whether these windows are right for ``now`` and ``limits``."""
        if limits is not self.limits:
            return False
        if now is self.now:
            return True
        return self.now_date is not None and now.tzinfo is timezone.utc and now.date() == self.now_date

    def covers_clock(self, seconds: float) -> bool:
        """Return whether these windows are right for the clock reading ``seconds`` (from ``time.time()``)."""
        return self.day_start <= seconds < self.day_end


# Screens one string: returns CLEAN, INVALID or NEEDS_SENSE.
FormatScreen = Callable[[str, SenseWindows], int]

# Windows for a verdict alone, where only INVALID matters.
VERDICT_ONLY = SenseWindows.of(datetime(1970, 1, 1, tzinfo=timezone.utc), DEFAULT_LIMITS)


def screen_date_time(value: str, windows: SenseWindows) -> int:
    """Screen an RFC 3339 date-time for its format and the timestamp checks."""
    if _DATE_TIME.fullmatch(value) is None:
        return INVALID

    # The pattern ends in Z, z or an offset ending in two minute digits, and
    # fromisoformat would carry offset minutes 60 to 99 into the hour.
    if value[-1] in "Zz" or value[-2:] < "60":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if windows.first_date <= value[:10] <= windows.last_date:
                return CLEAN
            return NEEDS_SENSE

    # Left for the strict reader: lowercase z, a leap second, the year 0000,
    # and dates that do not exist (which it rejects).
    try:
        read_date_time(value)
    except FormatError:
        return INVALID
    return NEEDS_SENSE


def duration_units(text: str) -> tuple[str | None, ...] | None:
    """Return the digits of (weeks, years, months, days, hours, minutes, seconds), None when not conforming.

    Applies the rules of ``read_duration`` that the regular expression leaves
    out: a unit after ``P``, a unit after ``T``, and no unit skipped between
    two present ones.
    """
    found = _DURATION.fullmatch(text)
    if found is None:
        return None
    weeks, years, months, days, _, hours, minutes, seconds = found.groups()
    if weeks is not None:
        return (weeks, None, None, None, None, None, None)
    if not _follows_duration_rules(found):
        return None
    return (None, years, months, days, hours, minutes, seconds)


def _follows_duration_rules(found: re.Match[str]) -> bool:
    """Return whether a match of _DURATION without weeks has its units where the grammar puts them."""
    years, months, days, time = found["years"], found["months"], found["days"], found["time"]
    hours, minutes, seconds = found["hours"], found["minutes"], found["seconds"]
    has_time_unit = hours is not None or minutes is not None or seconds is not None
    if time is not None and not has_time_unit:
        return False
    if years is None and months is None and days is None and not has_time_unit:
        return False
    if years is not None and months is None and days is not None:
        return False
    return not (hours is not None and minutes is None and seconds is not None)


# The usual shapes of time spent: upper case, days and time units only, at
# most 9 digits each. Every text it matches conforms to the grammar, except
# "P" alone and hours with seconds but no minutes, which the screen rejects.
_PLAIN_DURATION = re.compile(
    r"""
    P
    (?: ([0-9]{1,9}) D )?
    (?: T (?=[0-9])                   # T only when a number follows
        (?: ([0-9]{1,9}) H )?
        (?: ([0-9]{1,9}) M )?
        (?: ([0-9]{1,9}) S )?
    )?
    """,
    re.VERBOSE | re.ASCII,
)


def screen_duration(value: str, windows: SenseWindows) -> int:
    """Screen a duration for its format and the time-spent checks."""
    found = _PLAIN_DURATION.fullmatch(value)
    if found is None or len(value) == 1:
        return _screen_other_duration(value, windows)
    days, hours, minutes, seconds = found.groups()
    if hours is not None and minutes is None and seconds is not None:
        return INVALID

    total = 0
    if days is not None:
        total += int(days) * 86400
    if hours is not None:
        total += int(hours) * 3600
    if minutes is not None:
        total += int(minutes) * 60
    if seconds is not None:
        total += int(seconds)
    if total == 0 or total > windows.max_seconds:
        return NEEDS_SENSE
    return CLEAN


def _screen_other_duration(value: str, windows: SenseWindows) -> int:
    """Screen the durations that _PLAIN_DURATION leaves out: weeks, years, months, lower case, long numbers."""
    units = duration_units(value)
    if units is None:
        return INVALID
    weeks, years, months, days, hours, minutes, seconds = units
    if years is not None or months is not None or len(value) > _MAX_FAST_DURATION_LENGTH:
        return NEEDS_SENSE

    total = 0
    if weeks is not None:
        total = int(weeks) * _SECONDS_PER_WEEK
    for digits, unit_seconds in ((days, 86400), (hours, 3600), (minutes, 60), (seconds, 1)):
        if digits is not None:
            total += int(digits) * unit_seconds
    if total == 0 or total > windows.max_seconds:
        return NEEDS_SENSE
    return CLEAN


def is_date_time_fast(text: str) -> bool:
    """Return whether ``text`` is an RFC 3339 date-time, as ``formats.read_date_time`` decides."""
    return screen_date_time(text, VERDICT_ONLY) != INVALID


def is_duration_fast(text: str) -> bool:
    """Return whether ``text`` is a duration in the RFC 3339 grammar, as ``formats.read_duration`` decides."""
    return duration_units(text) is not None


# Format name to its screen, for the formats that the sense checks look at.
FORMAT_SCREENS: dict[str, FormatScreen] = {
    "date-time": screen_date_time,
    "duration": screen_duration,
}

# Format name to a fast checker with the verdict of its strict reader.
FAST_FORMAT_CHECKS: dict[str, Callable[[str], bool]] = {
    "date-time": is_date_time_fast,
    "duration": is_duration_fast,
}
