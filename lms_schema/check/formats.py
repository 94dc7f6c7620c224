"""Strict checkers for the two string formats of the body.

``date-time`` is RFC 3339 section 5.6 and ``duration`` is the grammar of
RFC 3339 Appendix A, which is what JSON Schema 2020-12 means by those formats.
Both checkers are self-contained: their verdicts do not depend on which
optional packages are installed, unlike jsonschema's own format checker.

RFC 5234 (ABNF) makes quoted literals case-insensitive. RFC 3339 states it
for ``T`` and ``Z`` in a date-time, and the same rule makes ``p1dt2h`` match
the duration grammar. So both checkers accept either case for designators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Minutes in a day, and the minute of the day at which a leap second may occur
# (23:59 in UTC).
_MINUTES_PER_DAY = 24 * 60
_LEAP_SECOND_MINUTE = 23 * 60 + 59

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)


class FormatError(ValueError):
    """A string does not conform to its format; the message gives the reason."""


_DATE_TIME = re.compile(
    r"""
    (?P<year>[0-9]{4}) - (?P<month>[0-9]{2}) - (?P<day>[0-9]{2})   # full-date
    [Tt]                                                           # separator
    (?P<hour>[0-9]{2}) : (?P<minute>[0-9]{2}) : (?P<second>[0-9]{2})
    (?: \. (?P<fraction>[0-9]+) )?                                 # time-secfrac
    (?:                                                            # time-offset
        (?P<utc>[Zz])
      | (?P<sign>[+-]) (?P<offset_hour>[0-9]{2}) : (?P<offset_minute>[0-9]{2})
    )
    """,
    re.VERBOSE | re.ASCII,
)


@dataclass(frozen=True)
class DateTimeParts:
    """The fields of a conforming RFC 3339 date-time, as written.

    Attributes:
        offset_minutes: The UTC offset in minutes east of UTC; ``Z`` and
            ``-00:00`` (an unknown local offset) both give 0.
        fraction: The digits after the decimal point, ``""`` when absent.
    """

    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int
    fraction: str
    offset_minutes: int


def is_leap_year(year: int) -> bool:
    """Return whether ``year`` is a leap year of the proleptic Gregorian calendar."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Return the number of days of ``month`` (1 to 12) in ``year``."""
    if month == 2:
        return 29 if is_leap_year(year) else 28
    if month in (4, 6, 9, 11):
        return 30
    return 31


def read_date_time(text: str) -> DateTimeParts:
    """Read an RFC 3339 ``date-time`` into its fields.

    Raises:
        FormatError: ``text`` does not conform; the message names the rule.
    """
    found = _DATE_TIME.fullmatch(text)
    if found is None:
        raise FormatError("is not in the form YYYY-MM-DDThh:mm:ss[.fraction] followed by Z or ±hh:mm")

    year, month, day = int(found["year"]), int(found["month"]), int(found["day"])
    hour, minute, second = int(found["hour"]), int(found["minute"]), int(found["second"])

    if not 1 <= month <= 12:
        raise FormatError(f"has month {month:02d}, which does not exist")
    if not 1 <= day <= days_in_month(year, month):
        raise FormatError(
            f"has day {day:02d}, which does not exist in {_MONTH_NAMES[month - 1]} {year:04d}"
        )
    if hour > 23:
        raise FormatError(f"has hour {hour:02d}; hours run from 00 to 23")
    if minute > 59:
        raise FormatError(f"has minute {minute:02d}; minutes run from 00 to 59")

    offset_minutes = 0
    if found["utc"] is None:
        offset_hour, offset_minute = int(found["offset_hour"]), int(found["offset_minute"])
        if offset_hour > 23 or offset_minute > 59:
            raise FormatError(
                f"has UTC offset {found['sign']}{found['offset_hour']}:{found['offset_minute']}, "
                "which is out of range (hours 00 to 23, minutes 00 to 59)"
            )
        sign = -1 if found["sign"] == "-" else 1
        offset_minutes = sign * (offset_hour * 60 + offset_minute)

    if second > 60:
        raise FormatError(f"has second {second:02d}; seconds run from 00 to 59, or 60 for a leap second")
    if second == 60:
        minute_of_day_utc = (hour * 60 + minute - offset_minutes) % _MINUTES_PER_DAY
        if minute_of_day_utc != _LEAP_SECOND_MINUTE:
            raise FormatError("has a leap second (:60) at a time that is not 23:59:60 in UTC")

    return DateTimeParts(
        year=year,
        month=month,
        day=day,
        hour=hour,
        minute=minute,
        second=second,
        fraction=found["fraction"] or "",
        offset_minutes=offset_minutes,
    )


def is_date_time(text: object) -> bool:
    """Return whether ``text`` is a string in RFC 3339 ``date-time`` form."""
    if not isinstance(text, str):
        return False
    try:
        read_date_time(text)
    except FormatError:
        return False
    return True


_DURATION = re.compile(
    r"""
    [Pp]
    (?:
        (?P<weeks>[0-9]+)[Ww]                 # dur-week is alone
      |
        (?:(?P<years>[0-9]+)[Yy])?            # dur-date: each unit optional here,
        (?:(?P<months>[0-9]+)[Mm])?           # the no-skipping rule is checked
        (?:(?P<days>[0-9]+)[Dd])?             # in code below
        (?:
            (?P<time>[Tt])
            (?:(?P<hours>[0-9]+)[Hh])?
            (?:(?P<minutes>[0-9]+)[Mm])?
            (?:(?P<seconds>[0-9]+)[Ss])?
        )?
    )
    """,
    re.VERBOSE | re.ASCII,
)

_DATE_UNITS = ("years", "months", "days")
_TIME_UNITS = ("hours", "minutes", "seconds")
_UNIT_LETTERS = {"years": "Y", "months": "M", "days": "D", "hours": "H", "minutes": "M", "seconds": "S"}


@dataclass(frozen=True)
class DurationParts:
    """The unit values of a conforming duration; ``None`` where a unit is absent."""

    years: int | None = None
    months: int | None = None
    weeks: int | None = None
    days: int | None = None
    hours: int | None = None
    minutes: int | None = None
    seconds: int | None = None

    @property
    def has_calendar_units(self) -> bool:
        """True when years or months are used, whose length depends on the calendar."""
        return self.years is not None or self.months is not None

    @property
    def is_zero(self) -> bool:
        """True when every unit present is zero."""
        values = (self.years, self.months, self.weeks, self.days, self.hours, self.minutes, self.seconds)
        return all(not value for value in values)

    def minimum_seconds(self) -> int:
        """Return the shortest length in seconds, taking a year as 365 days and a month as 28.

        Exact for durations without years and months. Python integers hold any
        value, so a 60-digit day count is no problem here.
        """
        days: int = (self.years or 0) * 365 + (self.months or 0) * 28 + (self.weeks or 0) * 7 + (self.days or 0)
        return ((days * 24 + (self.hours or 0)) * 60 + (self.minutes or 0)) * 60 + (self.seconds or 0)


# More significant digits than any plausible duration needs. Longer values are
# read as this bound, so ``int`` never meets Python's conversion limit of 4,300
# digits. Every check that reads them compares against far smaller ceilings.
_MAX_SIGNIFICANT_DIGITS = 300
_CAPPED_VALUE = int("1" + "0" * _MAX_SIGNIFICANT_DIGITS)


def digits_to_int(digits: str) -> int:
    """Convert ASCII digits to an int, capped at 10**300 for very long values."""
    significant = digits.lstrip("0")
    if len(significant) > _MAX_SIGNIFICANT_DIGITS:
        return _CAPPED_VALUE
    return int(significant or "0")


def _check_no_skipped_unit(present: list[bool], names: tuple[str, ...], part: str) -> None:
    """Raise unless the present units of one part are consecutive."""
    indexes = [index for index, is_present in enumerate(present) if is_present]
    if not indexes:
        return
    for index in range(indexes[0], indexes[-1] + 1):
        if not present[index]:
            skipped = names[index]
            raise FormatError(
                f"skips the {skipped} between {names[indexes[0]]} and {names[indexes[-1]]}; "
                f"the grammar lets each {part} unit be followed only by the next smaller one "
                f"(write 0{_UNIT_LETTERS[skipped]})"
            )


def read_duration(text: str) -> DurationParts:
    """Read a duration in the grammar of RFC 3339 Appendix A into its units.

    Raises:
        FormatError: ``text`` does not conform; the message names the rule.
    """
    found = _DURATION.fullmatch(text)
    if found is None:
        raise FormatError(
            "is not a duration of the form P[nY[nM[nD]]][T[nH[nM[nS]]]] or PnW "
            "(whole numbers, no sign, no fraction)"
        )

    if found["weeks"] is not None:
        return DurationParts(weeks=int(found["weeks"]))

    date_present = [found[name] is not None for name in _DATE_UNITS]
    time_present = [found[name] is not None for name in _TIME_UNITS]
    if found["time"] is not None and not any(time_present):
        raise FormatError("has 'T' with no hours, minutes or seconds after it")
    if not any(date_present) and not any(time_present):
        raise FormatError("has no unit after 'P'")

    _check_no_skipped_unit(date_present, _DATE_UNITS, "date")
    _check_no_skipped_unit(time_present, _TIME_UNITS, "time")

    def value(name: str) -> int | None:
        digits = found[name]
        return None if digits is None else digits_to_int(digits)

    return DurationParts(
        years=value("years"),
        months=value("months"),
        days=value("days"),
        hours=value("hours"),
        minutes=value("minutes"),
        seconds=value("seconds"),
    )


def is_duration(text: object) -> bool:
    """Return whether ``text`` is a string in the RFC 3339 Appendix A duration grammar."""
    if not isinstance(text, str):
        return False
    try:
        read_duration(text)
    except FormatError:
        return False
    return True


# Format name (as written in the schema) to its strict checker.
FORMAT_READERS = {
    "date-time": read_date_time,
    "duration": read_duration,
}
