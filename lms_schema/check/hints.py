"""Compute the fix for a malformed timestamp or duration where the intent is clear.

Each ``suggest_*`` function returns text that passes the strict checker in
``formats``, or ``None`` when the intent is not clear. A property test
checks that.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from lms_schema.check.formats import FormatError, is_date_time, is_duration, read_date_time

# Numbers above this are read as Unix epoch milliseconds rather than seconds:
# 10**11 seconds is the year 5138, while 10**11 milliseconds is 1973.
_EPOCH_MILLISECONDS_FROM = 10**11
# Larger numbers are beyond the year 9999 even as milliseconds.
_MAX_EPOCH_NUMBER = 10**15


# -- durations ---------------------------------------------------------------

# No hint is computed for more seconds than this (about 31,700 years).
_MAX_SUGGESTED_SECONDS = 10**12


def format_duration(years: int, months: int, days: int, seconds: int) -> str:
    """Write a duration in the RFC 3339 grammar without skipping a unit.

    ``seconds`` is carried into hours and minutes but never into days, because
    a calendar day is not always 24 hours. A zero duration is ``PT0S``.
    """
    hours, remainder = divmod(seconds, 3600)
    minutes, secs = divmod(remainder, 60)

    date_part = _join_consecutive(((years, "Y"), (months, "M"), (days, "D")))
    time_part = _join_consecutive(((hours, "H"), (minutes, "M"), (secs, "S")))
    if not date_part and not time_part:
        return "PT0S"
    return "P" + date_part + ("T" + time_part if time_part else "")


def _join_consecutive(units: tuple[tuple[int, str], ...]) -> str:
    """Join the units from the first non-zero one to the last, zeros between included."""
    non_zero = [index for index, (value, _) in enumerate(units) if value]
    if not non_zero:
        return ""
    return "".join(f"{value}{letter}" for value, letter in units[non_zero[0] : non_zero[-1] + 1])


def _seconds_to_duration(seconds: Decimal) -> str | None:
    if seconds < 0 or seconds != seconds.to_integral_value():
        return None
    return format_duration(0, 0, 0, int(seconds))


_CLOCK = re.compile(
    r"(?:(?P<days>[0-9]+) days?, )?(?P<hours>[0-9]+):(?P<minutes>[0-5][0-9]):(?P<seconds>[0-5][0-9])",
    re.ASCII,
)

_HUMAN_UNITS = {
    "w": 7 * 86400, "wk": 7 * 86400, "wks": 7 * 86400, "week": 7 * 86400, "weeks": 7 * 86400,
    "d": 86400, "day": 86400, "days": 86400,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
}
_HUMAN_PART = re.compile(r"\s*(?P<number>[0-9]+(?:[.,][0-9]+)?)\s*(?P<unit>[A-Za-z]+)\s*,?", re.ASCII)

_LOOSE_ISO = re.compile(
    r"""
    [Pp]
    (?:(?P<years>{n})[Yy])?
    (?:(?P<months>{n})[Mm])?
    (?:(?P<weeks>{n})[Ww])?
    (?:(?P<days>{n})[Dd])?
    (?:[Tt]
        (?:(?P<hours>{n})[Hh])?
        (?:(?P<minutes>{n})[Mm])?
        (?:(?P<seconds>{n})[Ss])?
    )?
    """.replace("{n}", r"[0-9]+(?:[.,][0-9]+)?"),
    re.VERBOSE | re.ASCII,
)


def _decimal(text: str | None) -> Decimal:
    return Decimal(text.replace(",", ".")) if text else Decimal(0)


_DAYS_AFTER_T = re.compile(r"[Pp][Tt](?P<days>[0-9]+[Dd])(?P<rest>.*)", re.ASCII)


def _move_misplaced_units(text: str) -> str:
    """Put ``T`` before hours or seconds written without it (``P1H``, ``P1D2H``) and
    days written after it back before it (``PT1D``)."""
    days_after_t = _DAYS_AFTER_T.fullmatch(text)
    if days_after_t is not None:
        rest = days_after_t["rest"]
        return f"P{days_after_t['days']}" + (f"T{rest}" if rest else "")
    if "T" in text.upper() or not re.search(r"[HhSs]", text):
        return text
    first_time_unit = re.search(r"[0-9.,]+[HhSs]|[0-9.,]+[Mm](?=[0-9.,]+[Ss])", text)
    if first_time_unit is None:
        return text
    return text[: first_time_unit.start()] + "T" + text[first_time_unit.start() :]


def _suggest_from_loose_iso(text: str) -> str | None:
    text = _move_misplaced_units(text)
    found = _LOOSE_ISO.fullmatch(text)
    if found is None:
        return None
    years, months = _decimal(found["years"]), _decimal(found["months"])
    if years != years.to_integral_value() or months != months.to_integral_value():
        return None

    days = _decimal(found["weeks"]) * 7 + _decimal(found["days"])
    whole_days = int(days)
    seconds = (
        (days - whole_days) * 86400
        + _decimal(found["hours"]) * 3600
        + _decimal(found["minutes"]) * 60
        + _decimal(found["seconds"])
    )
    if seconds != seconds.to_integral_value():
        return None
    if not any(found[name] for name in ("years", "months", "weeks", "days", "hours", "minutes", "seconds")):
        return None
    return format_duration(int(years), int(months), whole_days, int(seconds))


def _suggest_from_human(text: str) -> str | None:
    position = 0
    total = Decimal(0)
    while position < len(text):
        part = _HUMAN_PART.match(text, position)
        if part is None:
            return None
        factor = _HUMAN_UNITS.get(part["unit"].lower())
        if factor is None:
            return None
        total += _decimal(part["number"]) * factor
        position = part.end()
    if position == 0:
        return None

    days, seconds = divmod(total, 86400)
    if seconds != seconds.to_integral_value():
        return None
    # Whole days written as days (2d) stay days; hours beyond a day stay hours.
    written_days = int(days) if re.search(r"[0-9]\s*(d|day|days|w|wk|wks|week|weeks)\b", text, re.I) else 0
    seconds += (days - written_days) * 86400
    return format_duration(0, 0, written_days, int(seconds))


def suggest_duration(value: object) -> str | None:
    """Return grammar-valid duration text for ``value``, or ``None`` when unclear.

    Numbers are read as seconds (5445 gives ``PT1H30M45S``). Strings may be
    clock times (``1:30:45``), Python ``timedelta`` text (``1 day, 2:00:00``),
    unit phrases (``90m``, ``1h30m``, ``1.5h``) or ISO 8601 forms outside the
    grammar (``PT1H2S``, ``P1W2D``, ``PT1.5H``).
    """
    try:
        suggestion = _suggest_duration_unchecked(value)
    except (ArithmeticError, ValueError):
        # Numbers too large for a sensible duration overflow Decimal's context.
        return None
    if suggestion is None or not is_duration(suggestion):
        return None
    return suggestion


def _suggest_duration_unchecked(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if abs(value) > _MAX_SUGGESTED_SECONDS:
            return None
        return _seconds_to_duration(Decimal(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return _seconds_to_duration(Decimal(value))
    if not isinstance(value, str):
        return None

    text = value.strip()
    if len(text) > 200:
        return None
    if re.fullmatch(r"[0-9]+", text, re.ASCII):
        return _seconds_to_duration(Decimal(text))

    clock = _CLOCK.fullmatch(text)
    if clock is not None:
        seconds = int(clock["hours"]) * 3600 + int(clock["minutes"]) * 60 + int(clock["seconds"])
        return format_duration(0, 0, int(clock["days"] or 0), seconds)

    if text[:1] in ("P", "p"):
        return _suggest_from_loose_iso(text)
    return _suggest_from_human(text)


def describe_duration_problem(value: str, error: FormatError) -> str:
    """Return the reason ``value`` fails the duration grammar, for a message."""
    text = value.strip()
    if text != value:
        return "has whitespace around it"
    if text[:1] in ("+", "-"):
        return "has a sign; the grammar has no negative durations"
    if re.search(r"[0-9][.,][0-9]", text):
        return "has a fraction; the grammar allows whole numbers only"
    if _CLOCK.fullmatch(text):
        return "is a clock time (h:mm:ss), not a duration"
    if re.fullmatch(r"[0-9]+", text, re.ASCII):
        return "is a bare number with no unit"
    if re.fullmatch(r"[Pp][Tt]?[0-9]+", text, re.ASCII):
        return f"ends with the number {re.sub(r'[^0-9]', '', text)} but no unit after it"
    if text[:1] not in ("P", "p"):
        return "does not start with 'P'"
    if _DAYS_AFTER_T.fullmatch(text):
        return "has days after 'T', but days belong before it, as in P1DT2H"
    if "T" not in text.upper() and re.search(r"[0-9][HhSs]", text):
        return "has hours or seconds without 'T' before them, as in PT1H"
    if re.search(r"[Ww]", text) and len(text) > 1 and not re.fullmatch(r"[Pp][0-9]+[Ww]", text):
        return "combines weeks with other units; weeks may only stand alone (P2W)"
    return str(error)


# -- timestamps ----------------------------------------------------------------


@dataclass(frozen=True)
class DateTimeAdvice:
    """The reason a timestamp fails RFC 3339 and, when the intent is clear, the fix.

    Attributes:
        reason: Why it fails, as a clause such as ``has no UTC offset``.
        suggestion: Conforming text for the same instant, or ``None``.
        offset_assumed: True when the suggestion adds ``Z`` to a time that had
            no offset, so the caller must confirm the time is UTC.
        time_assumed: True when the suggestion adds midnight to a date without a time.
        out_of_range: True when the form is right but a field is out of range,
            such as a day that does not exist in its month.
    """

    reason: str
    suggestion: str | None
    offset_assumed: bool = False
    time_assumed: bool = False
    out_of_range: bool = False


_LOOSE_DATE_TIME = re.compile(
    r"""
    (?P<year>[0-9]{4}) (?P<dash>-?) (?P<month>[0-9]{2}) -? (?P<day>[0-9]{2})
    (?:
        (?P<separator>[Tt]|[ ]+|_)
        (?P<hour>[0-9]{2}) (?P<colon>:?) (?P<minute>[0-9]{2})
        (?: :? (?P<second>[0-9]{2}) )?
        (?: [.,] (?P<fraction>[0-9]+) )?
    )?
    [ ]*
    (?P<offset>
        [Zz] | UTC | GMT
      | (?P<sign>[+-]) (?P<offset_hour>[0-9]{2}) (?: :? (?P<offset_minute>[0-9]{2}) )?
    )?
    """,
    re.VERBOSE | re.ASCII,
)


def suggest_epoch(value: int | float) -> str | None:
    """Return the RFC 3339 text of a Unix epoch number (seconds, or milliseconds if large)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if abs(value) > _MAX_EPOCH_NUMBER:
        return None
    seconds = value / 1000 if abs(value) >= _EPOCH_MILLISECONDS_FROM else value
    try:
        instant = datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None

    # strftime("%Y") does not pad years before 1000 on every platform, so pad by hand.
    text = (
        f"{instant.year:04d}-{instant.month:02d}-{instant.day:02d}"
        f"T{instant.hour:02d}:{instant.minute:02d}:{instant.second:02d}"
    )
    if instant.microsecond:
        text += "." + f"{instant.microsecond:06d}".rstrip("0")
    return text + "Z"


def advise_date_time(value: str) -> DateTimeAdvice:
    """Explain why ``value`` is not an RFC 3339 date-time and compute the fix."""
    text = value.strip()
    if re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", text, re.ASCII) and len(text) < 30:
        return DateTimeAdvice("is a Unix epoch number written as text", suggest_epoch(float(text)))

    found = _LOOSE_DATE_TIME.fullmatch(text) if len(text) < 100 else None
    if found is None:
        return DateTimeAdvice(
            "is not in the form YYYY-MM-DDThh:mm:ss[.fraction] followed by Z or ±hh:mm", None
        )

    reasons: list[str] = []
    if text != value:
        reasons.append("has whitespace around it")
    if not found["dash"] or (found["hour"] is not None and not found["colon"]):
        reasons.append("uses the ISO 8601 basic format without the '-' and ':' separators that RFC 3339 needs")
    if found["hour"] is None:
        reasons.append("has a date but no time")
    elif found["separator"] not in ("T", "t"):
        reasons.append("separates date and time with something other than 'T'")
    if found["hour"] is not None and found["second"] is None:
        reasons.append("has no seconds")

    offset = found["offset"]
    offset_assumed = False
    if offset is None:
        reasons.append("has no UTC offset")
        offset_text = "Z"
        offset_assumed = True
    elif offset in ("UTC", "GMT"):
        reasons.append(f"names the time zone {offset} instead of writing Z")
        offset_text = "Z"
    elif offset in ("Z", "z"):
        offset_text = "Z"
    else:
        if found["offset_minute"] is None:
            reasons.append(f"writes the UTC offset as {offset}, without minutes")
        elif ":" not in offset:
            reasons.append(f"writes the UTC offset as {offset}, without a colon")
        offset_text = f"{found['sign']}{found['offset_hour']}:{found['offset_minute'] or '00'}"

    hour = found["hour"] or "00"
    minute = found["minute"] or "00"
    second = found["second"] or "00"
    fraction = f".{found['fraction']}" if found["fraction"] else ""
    suggestion = (
        f"{found['year']}-{found['month']}-{found['day']}T{hour}:{minute}:{second}{fraction}{offset_text}"
    )
    suggestion_or_none = suggestion if is_date_time(suggestion) else None

    if not reasons:
        # The shape is right, so a range rule failed, such as a day that does
        # not exist, hour 24 or a misplaced leap second. The strict reader names it.
        return DateTimeAdvice(_strict_reason(value), None, out_of_range=True)
    return DateTimeAdvice(
        _join_clauses(reasons),
        suggestion_or_none,
        offset_assumed=offset_assumed,
        time_assumed=found["hour"] is None,
    )


def _join_clauses(clauses: list[str]) -> str:
    """Join verb clauses as in ``has no seconds and has no UTC offset``."""
    if len(clauses) == 1:
        return clauses[0]
    return ", ".join(clauses[:-1]) + " and " + clauses[-1]


def _strict_reason(value: str) -> str:
    try:
        read_date_time(value)
    except FormatError as error:
        return str(error)
    return "is not a valid RFC 3339 date-time"

