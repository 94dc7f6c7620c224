"""The strict RFC 3339 date-time and duration checkers."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta, timezone

import isodate
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms_schema.check.formats import (
    DurationParts,
    FormatError,
    days_in_month,
    is_date_time,
    is_duration,
    read_date_time,
    read_duration,
)

VALID_DATE_TIMES = [
    "2021-07-21T14:00:00.000Z",
    "1963-06-19T08:30:06Z",
    "1937-01-01T12:00:27.87+00:20",
    "1990-12-31T15:59:50.123-08:00",
    "1990-12-31T15:59:59-00:00",
    "1963-06-19t08:30:06.283185z",
    "2024-02-29T00:00:00Z",
    "2000-02-29T23:59:59Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999+14:00",
    "1998-12-31T23:59:60Z",
    "1998-12-31T15:59:60.123-08:00",
    "1999-01-01T00:59:60+01:00",
]

INVALID_DATE_TIMES = [
    ("2024-03-05T09:15:27", "no offset"),
    ("2024-03-05T09:15:27.123456", "no offset, with fraction"),
    ("2024-03-05 09:15:27Z", "space separator"),
    ("2024-03-05T09:15Z", "no seconds"),
    ("2024-03-05T09:15:27+02", "hour-only offset"),
    ("2024-03-05T09:15:27+0200", "offset without colon"),
    ("20240305T091527Z", "basic format"),
    ("2024-065T09:15:27Z", "ordinal date"),
    ("2024-W10-2T09:15:27Z", "week date"),
    ("2023-02-29T10:00:00Z", "no leap day in 2023"),
    ("1900-02-29T00:00:00Z", "1900 is not a leap year"),
    ("2025-04-31T12:00:00Z", "April has 30 days"),
    ("2025-13-01T12:00:00Z", "month 13"),
    ("2025-00-01T12:00:00Z", "month 0"),
    ("2025-01-00T12:00:00Z", "day 0"),
    ("2025-01-01T24:00:00Z", "hour 24"),
    ("2025-01-01T23:60:00Z", "minute 60"),
    ("1998-12-31T23:59:61Z", "second 61"),
    ("1998-12-31T23:58:60Z", "leap second on a wrong minute"),
    ("1998-12-31T22:59:60Z", "leap second on a wrong hour"),
    ("1998-12-31T23:59:60+01:00", "leap second at 22:59 UTC"),
    ("1990-12-31T15:59:59-24:00", "offset hour 24"),
    ("1990-12-31T15:59:59+01:60", "offset minute 60"),
    ("1963-06-19T08:30:06.28123+01:00Z", "offset and Z"),
    ("1963-6-19T08:30:06Z", "unpadded month"),
    ("1963-06-1\u09eaT00:00:00Z", "Bengali digit"),
    ("1963-06-19T08:30:06.Z", "empty fraction"),
    ("2024-03-05T09:15:27Z\n", "trailing newline"),
    (" 2024-03-05T09:15:27Z", "leading space"),
    ("06/19/1963 08:30:06 PST", "not RFC 3339 at all"),
    ("", "empty"),
]


@pytest.mark.parametrize("text", VALID_DATE_TIMES)
def test_date_time_accepts(text: str) -> None:
    assert is_date_time(text)


@pytest.mark.parametrize(("text", "case"), INVALID_DATE_TIMES)
def test_date_time_rejects(text: str, case: str) -> None:
    assert not is_date_time(text), case


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-29T10:00:00Z", "day 29, which does not exist in February 2023"),
        ("1998-12-31T22:59:60Z", "not 23:59:60 in UTC"),
        ("2025-01-01T24:00:00Z", "hour 24"),
    ],
)
def test_date_time_error_names_rule(text: str, reason: str) -> None:
    with pytest.raises(FormatError, match=reason):
        read_date_time(text)


def test_date_time_keeps_offset_minutes() -> None:
    assert read_date_time("1990-12-31T15:59:50-08:30").offset_minutes == -510


@pytest.mark.parametrize(
    ("year", "month", "days"), [(2024, 2, 29), (2023, 2, 28), (2000, 2, 29), (1900, 2, 28), (0, 2, 29)]
)
def test_days_in_february(year: int, month: int, days: int) -> None:
    assert days_in_month(year, month) == days


VALID_DURATIONS = [
    "PT1H30M45S",
    "P4DT12H30M5S",
    "P4Y",
    "PT0S",
    "P0D",
    "P1M",
    "PT1M",
    "PT36H",
    "P1DT12H",
    "P2W",
    "P1Y2M",
    "P1M2D",
    "PT1H2M",
    "P1Y2M3DT4H5M6S",
    "PT1H0M2S",
    "P1Y0M2D",
    "p1dt2h",
    "P" + "9" * 60 + "D",
]

INVALID_DURATIONS = [
    ("PT", "T without a unit"),
    ("P", "no unit"),
    ("P1DT", "T without a unit after days"),
    ("-PT1H", "sign"),
    ("+P1D", "plus sign"),
    ("P1WT1H", "weeks with time"),
    ("P1W2D", "weeks with days"),
    ("P1Y2W", "weeks with years"),
    ("P1Y2D", "months skipped"),
    ("PT1H2S", "minutes skipped"),
    ("PT1D", "day in the time part"),
    ("P2S", "seconds in the date part"),
    ("P1D2H", "no T before hours"),
    ("P2D1Y", "units out of order"),
    ("PT1.5H", "fraction"),
    ("PT1,5H", "comma fraction"),
    ("PT5", "no unit after the number"),
    ("P\u09e8Y", "Bengali digit"),
    ("1:30:45", "clock time"),
    ("PT1H\n", "trailing newline"),
    ("P 1D", "space"),
    ("", "empty"),
]


@pytest.mark.parametrize("text", VALID_DURATIONS)
def test_duration_accepts(text: str) -> None:
    assert is_duration(text)


@pytest.mark.parametrize(("text", "case"), INVALID_DURATIONS)
def test_duration_rejects(text: str, case: str) -> None:
    assert not is_duration(text), case


def test_duration_skip_names_missing_unit() -> None:
    with pytest.raises(FormatError, match="skips the minutes"):
        read_duration("PT1H2S")


def test_duration_huge_day_count_reads() -> None:
    parts = read_duration("P" + "9" * 60 + "D")
    assert parts.minimum_seconds() > 10**60


def test_duration_parts_read_units() -> None:
    assert read_duration("P1Y2M3DT4H5M6S") == DurationParts(years=1, months=2, days=3, hours=4, minutes=5, seconds=6)


def test_non_strings_are_not_formats() -> None:
    assert not is_date_time(20210721)
    assert not is_duration(5445)


# -- properties -----------------------------------------------------------------

aware_datetimes = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    ),
)


def write_rfc3339(value: datetime) -> str:
    offset = value.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    fraction = f".{value.microsecond:06d}" if value.microsecond else ""
    stamp = f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    return stamp + fraction + f"{sign}{hours:02d}:{rest:02d}"


@given(aware_datetimes)
def test_any_aware_datetime_round_trips(value: datetime) -> None:
    from lms_schema.api import parse_date_time

    text = write_rfc3339(value)
    assert is_date_time(text)
    parsed, leap_second = parse_date_time(text)
    assert parsed == value
    assert parsed.utcoffset() == value.utcoffset()
    assert not leap_second


def write_grammar_duration(value: timedelta) -> str:
    from lms_schema.check.hints import format_duration

    return format_duration(0, 0, value.days, value.seconds)


whole_second_timedeltas = st.builds(timedelta, seconds=st.integers(min_value=0, max_value=10**6 * 86400))


@given(whole_second_timedeltas)
def test_any_whole_second_timedelta_round_trips(value: timedelta) -> None:
    text = write_grammar_duration(value)
    assert is_duration(text)
    assert isodate.parse_duration(text) == value


@given(st.text(max_size=60))
def test_checkers_never_raise_on_text(text: str) -> None:
    assert is_date_time(text) in (True, False)
    assert is_duration(text) in (True, False)


@given(st.text(alphabet="PYMWDTHS0123456789.,-+:ptz ", max_size=25))
def test_duration_checker_never_raises_on_near_misses(text: str) -> None:
    with contextlib.suppress(FormatError):
        read_duration(text)


@given(st.text(alphabet="0123456789-T:.Z+tz ", max_size=35))
def test_date_time_checker_never_raises_on_near_misses(text: str) -> None:
    with contextlib.suppress(FormatError):
        read_date_time(text)
