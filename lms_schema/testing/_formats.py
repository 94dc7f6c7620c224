"""Hypothesis strategies for RFC 3339 timestamps and durations, valid and broken.

Valid text is rendered from drawn parts (``TimestampParts``, ``DurationParts``),
and broken text is one mutation of such parts, so every value class of the
valid text also meets every kind of fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from lms_schema.check.formats import days_in_month

# The widest instants the timestamp strategies draw. One day of margin on each
# side keeps the local time of any UTC offset within the years 0001 to 9999,
# which is also the range Python's datetime can hold.
EARLIEST_INSTANT = datetime(1, 1, 2, tzinfo=timezone.utc)
LATEST_INSTANT = datetime(9999, 12, 30, 23, 59, 59, tzinfo=timezone.utc)

# The largest UTC offset the RFC 3339 grammar allows: hours 00 to 23, minutes 00 to 59.
_MAX_OFFSET_MINUTES = 23 * 60 + 59

_SECONDS_PER_DAY = 86400

# Seconds per duration unit. Years and months have no fixed length, so they
# count with their shortest lengths, as the sense checks of the package do.
# A duration drawn within a budget is then never reported as too long.
UNIT_SECONDS = {
    "Y": 365 * _SECONDS_PER_DAY,
    "M": 28 * _SECONDS_PER_DAY,
    "W": 7 * _SECONDS_PER_DAY,
    "D": _SECONDS_PER_DAY,
    "H": 3600,
    "TM": 60,
    "S": 1,
}
DATE_UNITS = ("Y", "M", "D")
TIME_UNITS = ("H", "TM", "S")

# The largest value of one unit by default: every duration drawn then fits in
# Python's timedelta (fewer than 10**9 days), so lms_schema.parse can hold it.
DEFAULT_MAX_UNIT_VALUE = 10**6


def _require_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None:
        raise ValueError(f"{name} must be an aware datetime, such as datetime(2024, 1, 1, tzinfo=timezone.utc)")


# -- timestamps ----------------------------------------------------------------


@dataclass(frozen=True)
class TimestampParts:
    """The pieces of one RFC 3339 date-time, as they will be written.

    Attributes:
        local: The local wall time, in whole seconds.
        offset_minutes: The UTC offset in minutes east of UTC.
        offset_text: How the offset is written: ``Z``, ``z``, ``+00:00``, ``-00:00`` or ``±hh:mm``.
        separator: ``T`` or ``t``.
        fraction: The digits after the decimal point, ``""`` for none.
        leap_second: The time is written with second 60 (``local`` then contains second 59).
    """

    local: datetime
    offset_minutes: int
    offset_text: str
    separator: str
    fraction: str
    leap_second: bool

    def render(self) -> str:
        """Write the parts as RFC 3339 text."""
        second = 60 if self.leap_second else self.local.second
        fraction = f".{self.fraction}" if self.fraction else ""
        return (
            f"{self.local.year:04d}-{self.local.month:02d}-{self.local.day:02d}{self.separator}"
            f"{self.local.hour:02d}:{self.local.minute:02d}:{second:02d}{fraction}{self.offset_text}"
        )


def _offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


@st.composite
def timestamp_parts(
    draw: st.DrawFn,
    *,
    earliest: datetime = EARLIEST_INSTANT,
    latest: datetime = LATEST_INSTANT,
    leap_seconds: bool = True,
    lowercase: bool = True,
) -> TimestampParts:
    """Draw the parts of a date-time whose instant lies in ``[earliest, latest]``."""
    low = max(earliest, EARLIEST_INSTANT).astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
    high = min(latest, LATEST_INSTANT).astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
    fraction = draw(st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=1, max_size=9)))
    if fraction.strip("0"):
        # A fraction adds up to a second, which must not pass ``latest``.
        high -= timedelta(seconds=1)
    if low > high:
        raise ValueError(f"no timestamp lies between {earliest.isoformat()} and {latest.isoformat()}")

    instant = draw(st.datetimes(min_value=low, max_value=high))
    instant = instant.replace(microsecond=0)

    # A leap second is only valid at 23:59:60 UTC, so it moves the instant to
    # 23:59:59 of its day; that counts as its whole seconds.
    leap_second = False
    if leap_seconds and draw(st.booleans()):
        candidate = instant.replace(hour=23, minute=59, second=59)
        if low <= candidate <= high:
            instant, leap_second = candidate, True

    if draw(st.booleans()):
        offset_minutes = 0
        zero_forms = ["Z", "+00:00", "-00:00"] + (["z"] if lowercase else [])
        offset_text = draw(st.sampled_from(zero_forms))
    else:
        offset_minutes = draw(st.integers(-_MAX_OFFSET_MINUTES, _MAX_OFFSET_MINUTES))
        offset_text = "Z" if offset_minutes == 0 else _offset_text(offset_minutes)

    separator = draw(st.sampled_from(["T", "t"])) if lowercase else "T"
    return TimestampParts(
        local=instant + timedelta(minutes=offset_minutes),
        offset_minutes=offset_minutes,
        offset_text=offset_text,
        separator=separator,
        fraction=fraction,
        leap_second=leap_second,
    )


def rfc3339_timestamps(
    *,
    earliest: datetime = EARLIEST_INSTANT,
    latest: datetime = LATEST_INSTANT,
    leap_seconds: bool = True,
    lowercase: bool = True,
) -> st.SearchStrategy[str]:
    """Generate RFC 3339 date-times whose instant lies between two bounds.

    The text covers every class the grammar allows: ``Z``, ``-00:00`` and
    numeric offsets up to ±23:59, fractions of 1 to 9 digits, leap seconds at
    23:59:60 UTC (written in local time) and, with ``lowercase``, ``t`` and ``z``.

    Arguments:
        earliest: The earliest instant, an aware datetime (clamped to 0001-01-02).
        latest: The latest instant, an aware datetime (clamped to 9999-12-30).
        leap_seconds: Also draw leap seconds.
        lowercase: Also draw ``t`` and ``z``, which RFC 3339 allows.

    Example: ``rfc3339_timestamps(latest=datetime(2025, 1, 1, tzinfo=timezone.utc))``.
    """
    _require_aware("earliest", earliest)
    _require_aware("latest", latest)
    if earliest > latest:
        raise ValueError(f"earliest {earliest.isoformat()} is after latest {latest.isoformat()}")
    parts = timestamp_parts(earliest=earliest, latest=latest, leap_seconds=leap_seconds, lowercase=lowercase)
    return parts.map(TimestampParts.render)


def _utc_minute_of_day(parts: TimestampParts) -> int:
    local_minutes = parts.local.hour * 60 + parts.local.minute
    return (local_minutes - parts.offset_minutes) % (24 * 60)


def _date_text(parts: TimestampParts) -> str:
    return f"{parts.local.year:04d}-{parts.local.month:02d}-{parts.local.day:02d}"


def _with_fields(parts: TimestampParts, **fields: str) -> str:
    """Render ``parts`` with some two-digit fields replaced by the given text."""
    local = parts.local
    values = {
        "year": f"{local.year:04d}",
        "month": f"{local.month:02d}",
        "day": f"{local.day:02d}",
        "hour": f"{local.hour:02d}",
        "minute": f"{local.minute:02d}",
        "second": "60" if parts.leap_second else f"{local.second:02d}",
        "fraction": f".{parts.fraction}" if parts.fraction else "",
        "offset": parts.offset_text,
        "separator": parts.separator,
    }
    values.update(fields)
    return (
        f"{values['year']}-{values['month']}-{values['day']}{values['separator']}"
        f"{values['hour']}:{values['minute']}:{values['second']}{values['fraction']}{values['offset']}"
    )


def _wrong_leap_second(parts: TimestampParts) -> str:
    if _utc_minute_of_day(parts) == 23 * 60 + 59:
        # 23:59 UTC is the one minute where :60 is valid; move one minute earlier.
        minute = (parts.local.minute - 1) % 60
        hour = parts.local.hour if parts.local.minute > 0 else (parts.local.hour - 1) % 24
        return _with_fields(parts, hour=f"{hour:02d}", minute=f"{minute:02d}", second="60")
    return _with_fields(parts, second="60")


def _without_seconds(parts: TimestampParts) -> str:
    return f"{_date_text(parts)}{parts.separator}{parts.local.hour:02d}:{parts.local.minute:02d}{parts.offset_text}"


def _offset_without_colon(parts: TimestampParts) -> str:
    sign = "-" if parts.offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(parts.offset_minutes), 60)
    return _with_fields(parts, offset=f"{sign}{hours:02d}{minutes:02d}")


# Each mutation turns valid parts into text that breaks one rule of RFC 3339
# section 5.6, and its name gives the rule.
TIMESTAMP_MUTATIONS: dict[str, Callable[[TimestampParts], str]] = {
    "no offset": lambda parts: _with_fields(parts, offset=""),
    "space separator": lambda parts: _with_fields(parts, separator=" "),
    "no seconds": _without_seconds,
    "date only": _date_text,
    "day past month end": lambda parts: _with_fields(
        parts, day=f"{days_in_month(parts.local.year, parts.local.month) + 1:02d}"
    ),
    "month 13": lambda parts: _with_fields(parts, month="13"),
    "month 00": lambda parts: _with_fields(parts, month="00"),
    "hour 24": lambda parts: _with_fields(parts, hour="24"),
    "minute 60": lambda parts: _with_fields(parts, minute="60"),
    "second 61": lambda parts: _with_fields(parts, second="61"),
    "leap second not at 23:59 UTC": _wrong_leap_second,
    "offset hour 24": lambda parts: _with_fields(parts, offset="+24:00"),
    "offset without colon": _offset_without_colon,
    "comma before fraction": lambda parts: _with_fields(parts, fraction="," + (parts.fraction or "5")),
    "empty fraction": lambda parts: _with_fields(parts, fraction="."),
    "two-digit year": lambda parts: _with_fields(parts, year=f"{parts.local.year % 100:02d}"),
    "trailing space": lambda parts: parts.render() + " ",
    "epoch seconds as text": lambda parts: str(int(parts.local.replace(tzinfo=timezone.utc).timestamp())),
    "empty text": lambda parts: "",
}


def invalid_rfc3339_timestamps() -> st.SearchStrategy[str]:
    """Generate text that is one mutation away from a valid RFC 3339 date-time.

    Example: ``'2024-03-05T09:15:27'`` (no offset) or ``'2023-02-29T10:00:00Z'``.
    """
    mutations = st.sampled_from(sorted(TIMESTAMP_MUTATIONS))
    return st.tuples(mutations, timestamp_parts()).map(lambda drawn: TIMESTAMP_MUTATIONS[drawn[0]](drawn[1]))


# -- durations -----------------------------------------------------------------


@dataclass(frozen=True)
class DurationParts:
    """The pieces of one duration in the grammar of RFC 3339 Appendix A.

    Attributes:
        date: Consecutive ``(value, unit)`` pairs of ``Y``, ``M``, ``D``.
        time: Consecutive ``(value, unit)`` pairs of ``H``, ``TM`` (minutes), ``S``.
        weeks: The value of the week form ``PnW``; then ``date`` and ``time`` are empty.
        padding: Leading zeros written before the first value.
        lowercase: Write the designators in lowercase.
    """

    date: tuple[tuple[int, str], ...] = ()
    time: tuple[tuple[int, str], ...] = ()
    weeks: int | None = None
    padding: int = 0
    lowercase: bool = False

    @property
    def units(self) -> tuple[tuple[int, str], ...]:
        """Every ``(value, unit)`` pair, weeks included, largest unit first."""
        if self.weeks is not None:
            return ((self.weeks, "W"),)
        return self.date + self.time

    @property
    def seconds(self) -> int:
        """The shortest length in seconds (a year as 365 days, a month as 28)."""
        return sum(value * UNIT_SECONDS[unit] for value, unit in self.units)

    def render(self) -> str:
        """Write the parts as duration text."""
        zeros = "0" * self.padding
        if self.weeks is not None:
            text = f"P{zeros}{self.weeks}W"
        else:
            date = "".join(f"{value}{unit}" for value, unit in self.date)
            time = "".join(f"{value}{unit[-1]}" for value, unit in self.time)
            if date:
                date = zeros + date
            else:
                time = zeros + time
            text = "P" + date + (f"T{time}" if time else "")
        return text.lower() if self.lowercase else text


def _consecutive_runs(units: tuple[str, ...], budget: int | None) -> list[tuple[str, ...]]:
    """List the runs of consecutive units whose smallest unit fits in ``budget`` seconds."""
    runs = []
    for start in range(len(units)):
        for end in range(start + 1, len(units) + 1):
            run = units[start:end]
            if budget is None or UNIT_SECONDS[run[-1]] <= budget:
                runs.append(run)
    return runs


@st.composite
def duration_parts(
    draw: st.DrawFn,
    *,
    calendar_units: bool = True,
    require_calendar_unit: bool = False,
    weeks: bool = True,
    nonzero: bool = False,
    zero: bool = False,
    max_seconds: int | None = None,
    max_unit_value: int = DEFAULT_MAX_UNIT_VALUE,
    lowercase: bool = True,
) -> DurationParts:
    """Draw the parts of a duration.

    Arguments:
        calendar_units: Allow years and months.
        require_calendar_unit: Always use years or months (the week form is then never drawn).
        weeks: Allow the week form ``PnW``.
        nonzero: At least one value is above zero.
        zero: Every value is zero.
        max_seconds: The maximum total, counting a year as 365 days and a month as 28.
        max_unit_value: The largest value of one unit.
        lowercase: Also draw lowercase designators.
    """
    date_units = DATE_UNITS if calendar_units or require_calendar_unit else ("D",)
    date_runs: list[tuple[str, ...]] = [(), *_consecutive_runs(date_units, max_seconds)]
    time_runs: list[tuple[str, ...]] = [(), *_consecutive_runs(TIME_UNITS, max_seconds)]
    if require_calendar_unit:
        date_runs = [run for run in date_runs if run and run[0] in ("Y", "M")]
    if not date_runs:
        raise ValueError(f"no duration with years or months is at most {max_seconds} seconds long")

    use_weeks = (
        weeks
        and not require_calendar_unit
        and (max_seconds is None or UNIT_SECONDS["W"] <= max_seconds or zero)
        and draw(st.booleans())
    )
    if use_weeks:
        run: tuple[str, ...] = ("W",)
    else:
        date_run = draw(st.sampled_from(date_runs))
        allowed_time_runs = time_runs if date_run else time_runs[1:]
        time_run = draw(st.sampled_from(allowed_time_runs))
        run = date_run + time_run

    budget = max_seconds
    values: list[int] = []
    for unit in run:
        high = max_unit_value
        if budget is not None:
            high = min(high, budget // UNIT_SECONDS[unit])
        value = 0 if zero else draw(st.integers(0, high))
        if budget is not None:
            budget -= value * UNIT_SECONDS[unit]
        values.append(value)
    if nonzero and not any(values):
        # The last unit is the smallest, and it fits the budget by the choice of runs.
        values[-1] = 1

    pairs = tuple(zip(values, run, strict=True))
    padding = draw(st.integers(0, 2))
    lowercase_text = lowercase and draw(st.booleans())
    if use_weeks:
        return DurationParts(weeks=values[0], padding=padding, lowercase=lowercase_text)
    date = tuple(pair for pair in pairs if pair[1] in DATE_UNITS)
    time = tuple(pair for pair in pairs if pair[1] in TIME_UNITS)
    return DurationParts(date=date, time=time, padding=padding, lowercase=lowercase_text)


def rfc3339_durations(
    *,
    calendar_units: bool = True,
    weeks: bool = True,
    nonzero: bool = False,
    max_seconds: int | None = None,
    max_unit_value: int = DEFAULT_MAX_UNIT_VALUE,
    lowercase: bool = True,
) -> st.SearchStrategy[str]:
    """Generate durations in the grammar of RFC 3339 Appendix A.

    The text covers every unit, runs of consecutive units with and without a
    date part, the week form, zero values, leading zeros and, with
    ``lowercase``, lowercase designators (``pt1h``).

    Arguments:
        calendar_units: Also draw years and months.
        weeks: Also draw the week form ``PnW``.
        nonzero: Never draw a zero duration.
        max_seconds: The maximum total in seconds, counting a year as 365 days
            and a month as 28 (the shortest lengths).
        max_unit_value: The largest value of one unit.
        lowercase: Also draw lowercase designators.

    Example: ``rfc3339_durations(calendar_units=False, max_seconds=3600)``.
    """
    parts = duration_parts(
        calendar_units=calendar_units,
        weeks=weeks,
        nonzero=nonzero,
        max_seconds=max_seconds,
        max_unit_value=max_unit_value,
        lowercase=lowercase,
    )
    return parts.map(DurationParts.render)


def _first_and_last(parts: DurationParts) -> tuple[int, int]:
    units = parts.units
    return units[0][0], units[-1][0]


def _skip_a_unit(parts: DurationParts) -> str:
    first, last = _first_and_last(parts)
    if parts.date and not parts.time:
        return f"P{first}Y{last}D"
    return f"PT{first}H{last}S"


def _time_units_without_t(parts: DurationParts) -> str:
    first, last = _first_and_last(parts)
    date = "".join(f"{value}{unit}" for value, unit in parts.date)
    return f"P{date}{first}H{last}S"


def _units_out_of_order(parts: DurationParts) -> str:
    first, last = _first_and_last(parts)
    if parts.date and not parts.time:
        return f"P{first}D{last}Y"
    return f"PT{first}S{last}M"


def _clock_text(parts: DurationParts) -> str:
    hours, rest = divmod(parts.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


# Each mutation turns valid parts into text that breaks one rule of the
# grammar of RFC 3339 Appendix A, and its name gives the rule.
DURATION_MUTATIONS: dict[str, Callable[[DurationParts], str]] = {
    "no leading P": lambda parts: parts.render()[1:],
    "skipped unit": _skip_a_unit,
    "decimal fraction": lambda parts: parts.render()[:-1] + ".5" + parts.render()[-1],
    "comma fraction": lambda parts: parts.render()[:-1] + ",5" + parts.render()[-1],
    "negative sign": lambda parts: "-" + parts.render(),
    "T with no time unit": lambda parts: "P" + "".join(f"{v}{u}" for v, u in parts.date or ((0, "D"),)) + "T",
    "time unit without T": _time_units_without_t,
    "weeks with days": lambda parts: f"P{_first_and_last(parts)[0]}W{_first_and_last(parts)[1]}D",
    "units out of order": _units_out_of_order,
    "clock time": _clock_text,
    "bare number": lambda parts: str(parts.seconds),
    "P alone": lambda parts: "P",
    "PT alone": lambda parts: "PT",
    "space inside": lambda parts: parts.render()[:1] + " " + parts.render()[1:],
    "unit without number": lambda parts: "PTH",
    "empty text": lambda parts: "",
}


def invalid_rfc3339_durations() -> st.SearchStrategy[str]:
    """Generate text that is one mutation away from a valid duration.

    Example: ``'PT1H2S'`` (skips minutes) or ``'1:30:45'`` (a clock time).
    """
    mutations = st.sampled_from(sorted(DURATION_MUTATIONS))
    parts = duration_parts(lowercase=False)
    return st.tuples(mutations, parts).map(lambda drawn: DURATION_MUTATIONS[drawn[0]](drawn[1]))


def aware_after(instant: datetime, delta: timedelta) -> datetime:
    """Return ``instant + delta`` clamped to the range the strategies draw from."""
    _require_aware("instant", instant)
    try:
        moved = instant + delta
    except OverflowError:
        return LATEST_INSTANT if delta > timedelta(0) else EARLIEST_INSTANT
    return min(max(moved, EARLIEST_INSTANT), LATEST_INSTANT)
