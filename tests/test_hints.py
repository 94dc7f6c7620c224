"""Computed fixes for malformed durations and timestamps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms_schema.check.formats import is_date_time, is_duration
from lms_schema.check.hints import advise_date_time, format_duration, suggest_duration, suggest_epoch


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5445, "PT1H30M45S"),
        (5445.0, "PT1H30M45S"),
        ("5445", "PT1H30M45S"),
        ("1:30:45", "PT1H30M45S"),
        ("01:30:45", "PT1H30M45S"),
        ("90m", "PT1H30M"),
        ("1h30m", "PT1H30M"),
        ("1.5h", "PT1H30M"),
        ("1h 30m 45s", "PT1H30M45S"),
        ("45 minutes", "PT45M"),
        ("2 days", "P2D"),
        ("1 day, 2:00:00", "P1DT2H"),
        (3645, "PT1H0M45S"),
        (0, "PT0S"),
        ("PT1H2S", "PT1H0M2S"),
        ("P1Y2D", "P1Y0M2D"),
        ("P1W2D", "P9D"),
        ("P1WT1H", "P7DT1H"),
        ("P1DT", "P1D"),
        ("PT1.5H", "PT1H30M"),
        ("PT1,5H", "PT1H30M"),
        ("P1H", "PT1H"),
        ("P1D2H", "P1DT2H"),
        ("PT1D", "P1D"),
        ("PT1D2H", "P1DT2H"),
    ],
)
def test_duration_hint_computes(value: object, expected: str) -> None:
    assert suggest_duration(value) == expected


@pytest.mark.parametrize("value", [-5, 1.5, True, None, "PT5", "-PT1H", "PT", "soon", "1:30", float("nan"), [], {}])
def test_duration_hint_refuses_unclear(value: object) -> None:
    assert suggest_duration(value) is None


@pytest.mark.parametrize(
    ("years", "months", "days", "seconds", "expected"),
    [
        (0, 0, 0, 3645, "PT1H0M45S"),
        (1, 0, 2, 0, "P1Y0M2D"),
        (0, 0, 1, 7200, "P1DT2H"),
        (0, 0, 0, 0, "PT0S"),
        (0, 0, 0, 90000, "PT25H"),
    ],
)
def test_format_duration_fills_gaps(years: int, months: int, days: int, seconds: int, expected: str) -> None:
    assert format_duration(years, months, days, seconds) == expected


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [
        ("2024-03-05T09:15:27.123456", "2024-03-05T09:15:27.123456Z"),
        ("2024-03-05T09:15:27+0200", "2024-03-05T09:15:27+02:00"),
        ("2024-03-05T09:15:27+02", "2024-03-05T09:15:27+02:00"),
        ("2024-03-05 09:15:27Z", "2024-03-05T09:15:27Z"),
        ("2024-03-05 09:15:27", "2024-03-05T09:15:27Z"),
        ("2024-03-05T09:15Z", "2024-03-05T09:15:00Z"),
        ("20240305T091527Z", "2024-03-05T09:15:27Z"),
        ("2024-03-05T09:15:27 UTC", "2024-03-05T09:15:27Z"),
        ("1700000000", "2023-11-14T22:13:20Z"),
    ],
)
def test_date_time_hint_computes(value: str, suggestion: str) -> None:
    assert advise_date_time(value).suggestion == suggestion


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-03-05T09:15:27", "has no UTC offset"),
        ("2024-03-05T09:15:27+0200", "without a colon"),
        ("2024-03-05 09:15:27Z", "other than 'T'"),
        ("2024-03-05T09:15Z", "has no seconds"),
        ("2023-02-29T10:00:00Z", "does not exist in February 2023"),
        ("2024-03-05 09:15:27", "other than 'T' and has no UTC offset"),
    ],
)
def test_date_time_advice_names_reason(value: str, reason: str) -> None:
    assert reason in advise_date_time(value).reason


def test_date_time_hint_refuses_impossible_day() -> None:
    assert advise_date_time("2023-02-29 10:00:00").suggestion is None


def test_missing_offset_is_flagged_as_assumed() -> None:
    assert advise_date_time("2024-03-05T09:15:27").offset_assumed


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "1970-01-01T00:00:00Z"),
        (1700000000, "2023-11-14T22:13:20Z"),
        (1700000000123, "2023-11-14T22:13:20.123Z"),
        (1.5, "1970-01-01T00:00:01.5Z"),
        (-30610224001, "0999-12-31T23:59:59Z"),
    ],
)
def test_epoch_hint(value: float, expected: str) -> None:
    assert suggest_epoch(value) == expected


@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=40), st.none(), st.booleans()))
def test_every_duration_hint_validates(value: object) -> None:
    suggestion = suggest_duration(value)
    assert suggestion is None or is_duration(suggestion)


duration_like_text = st.from_regex(r"\A[0-9]{1,4}(\.[0-9])? ?(h|m|s|d|w|min|hours|days)( [0-9]{1,3}(m|s))?\Z")
clock_text = st.from_regex(r"\A[0-9]{1,3}:[0-5][0-9]:[0-5][0-9]\Z")
iso_like_text = st.from_regex(r"\A[Pp]([0-9]{1,3}[YMWD]){0,3}(T([0-9]{1,3}([.,][0-9])?[HMS]){0,3})?\Z")


@given(st.one_of(duration_like_text, clock_text, iso_like_text))
def test_duration_hints_for_near_misses_validate(value: str) -> None:
    suggestion = suggest_duration(value)
    assert suggestion is None or is_duration(suggestion)


@given(
    st.one_of(
        st.text(max_size=40),
        st.from_regex(
            r"\A[0-9]{4}-?[0-9]{2}-?[0-9]{2}[T ][0-9]{2}:?[0-9]{2}(:?[0-9]{2})?([+-][0-9]{2}(:?[0-9]{2})?|Z| UTC)?\Z"
        ),
    )
)
def test_every_date_time_hint_validates(value: str) -> None:
    suggestion = advise_date_time(value).suggestion
    assert suggestion is None or is_date_time(suggestion)


@given(st.one_of(st.integers(min_value=-(10**15), max_value=10**15), st.floats(allow_nan=True, allow_infinity=True)))
def test_every_epoch_hint_validates(value: float) -> None:
    suggestion = suggest_epoch(value)
    assert suggestion is None or is_date_time(suggestion)


def test_date_only_hint_assumes_midnight() -> None:
    advice = advise_date_time("2026-04-09")
    assert advice.suggestion == "2026-04-09T00:00:00Z"
    assert advice.time_assumed


def test_impossible_day_is_out_of_range() -> None:
    assert advise_date_time("2025-04-31T12:00:00Z").out_of_range
