"""The clean-body schema may be too strict, never too lenient."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from lms_schema.api import collect_reference_issues
from lms_schema.check.clean_schema import build_clean_schema, date_time_rule, duration_rule
from lms_schema.check.screens import SenseWindows
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits
from lms_schema.schema import load_schema, schema_facts
from lms_schema.testing.strategies import (
    completion_requests,
    invalid_completion_requests,
    questionable_completion_requests,
)
from tests.conftest import NOW

jsonschema_rs = pytest.importorskip("jsonschema_rs", reason="jsonschema-rs is not installed (the fast extra)")

WINDOWS = SenseWindows.of(NOW, DEFAULT_LIMITS)
CLEAN_SCHEMA = build_clean_schema(load_schema(), schema_facts(), WINDOWS)
RS_IS_CLEAN = jsonschema_rs.validator_for(CLEAN_SCHEMA, validate_formats=False).is_valid
PY_IS_CLEAN = Draft202012Validator(CLEAN_SCHEMA).is_valid


def reference_codes(body: Any) -> tuple[str, ...]:
    return collect_reference_issues(body, now=NOW, strict=False, limits=DEFAULT_LIMITS).codes


def test_clean_schema_meets_metaschema() -> None:
    Draft202012Validator.check_schema(CLEAN_SCHEMA)


@given(completion_requests(warning_free=True, now=NOW))
def test_warning_free_bodies_agree(body: dict[str, Any]) -> None:
    # Both engines read the clean schema the same way.
    assert RS_IS_CLEAN(body) == PY_IS_CLEAN(body)
    if RS_IS_CLEAN(body):
        assert reference_codes(body) == ()


@given(invalid_completion_requests())
def test_bodies_with_an_error_are_not_clean(pair: tuple[Any, str]) -> None:
    body, code = pair
    try:
        clean = RS_IS_CLEAN(body)
    except (ValueError, TypeError, OverflowError):
        clean = False
    assert not clean, code


@given(questionable_completion_requests(now=NOW))
def test_bodies_with_a_warning_are_not_clean(pair: tuple[dict[str, Any], str]) -> None:
    body, code = pair
    assert not RS_IS_CLEAN(body), code


NEAR_MISS_TIMESTAMPS = [
    "2023-02-29T10:00:00Z",
    "2025-04-31T12:00:00Z",
    "2016-12-31T23:59:60Z",
    "2025-01-05T10:00:00Z\n",
    "2025-01-05T10:00:00",
    "2025-01-05T10:00:00+24:00",
    "2025-01-05T24:00:00Z",
    "2025-01-05 10:00:00Z",
    "\u0662025-01-05T10:00:00Z",
    "1999-12-31T23:00:00Z",
    "2026-01-15T12:10:00Z",
    "2099-01-01T00:00:00Z",
]

NEAR_MISS_DURATIONS = [
    "PT0S",
    "PT0H",
    "PT0M5S",
    "P0D",
    "PT",
    "P",
    "PT1H2S",
    "P1Y",
    "P1M",
    "P2W",
    "PT1.5H",
    "pt1h",
    "PT1H\n",
    "P31D",
    "PT999H",
    "P1DT",
    "-PT1H",
    "PT1D",
]

NEAR_MISS_IDENTIFIERS = ["", " ", "\u3000", "\u00a0x", "\t", "\u2028"]


@pytest.mark.parametrize("value", NEAR_MISS_TIMESTAMPS)
def test_near_miss_timestamp_not_clean(value: str) -> None:
    body = {"learning_object_external_reference": "c-1", "completed_at": value}
    assert not RS_IS_CLEAN(body)


@pytest.mark.parametrize("value", NEAR_MISS_DURATIONS)
def test_near_miss_duration_not_clean(value: str) -> None:
    body = {"learning_object_external_reference": "c-1", "time_spent": value}
    assert not RS_IS_CLEAN(body)


@pytest.mark.parametrize("value", NEAR_MISS_IDENTIFIERS)
def test_blank_identifier_not_clean(value: str) -> None:
    assert not RS_IS_CLEAN({"learning_object_external_reference": value})
    assert not RS_IS_CLEAN({"learning_object_id": value, "learning_object_external_reference": "c-1"})


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"content_id": "c-1"},
        {"learning_object_external_reference": "c-1", "content_id": "c-1"},
        {"learning_object_external_reference": "c-1", "result": {"value": "unmapped_value"}},
        {"learning_object_external_reference": "c-1", "result": {"value": "unmapped_value", "source_value": None}},
        {"learning_object_external_reference": "c-1", "extra": 1},
    ],
)
def test_questionable_body_not_clean(body: dict[str, Any]) -> None:
    assert reference_codes(body) != ()
    assert not RS_IS_CLEAN(body)


def test_typical_body_is_clean() -> None:
    body = {
        "learning_object_external_reference": "course-375",
        "learning_object_id": "lo-614077",
        "result": {"value": "Pass", "source_value": 1},
        "completed_at": "2025-02-07T05:06:33Z",
        "time_spent": "PT2H23M",
    }
    assert RS_IS_CLEAN(body)
    assert reference_codes(body) == ()


date_like = st.from_regex(
    r"\A20[0-3][0-9]-[01][0-9]-[0-3][0-9][Tt ][0-2][0-9]:[0-6][0-9]:[0-6][0-9]"
    r"(\.[0-9]{1,3})?([Zz]|[+-][0-2][0-9]:[0-6][0-9])?\Z"
)
duration_like = st.from_regex(
    r"\A[Pp]([0-9]{1,2}[DdWwYyMm])?([Tt]([0-9]{1,3}[Hh])?([0-9]{1,3}[Mm])?([0-9]{1,3}[Ss])?)?\Z"
)


@given(date_like, duration_like, st.sampled_from(["c-1", " c", "", "\u00a0", "x"]))
def test_clean_implies_no_issue(completed_at: str, time_spent: str, reference: str) -> None:
    body = {"learning_object_external_reference": reference, "completed_at": completed_at, "time_spent": time_spent}
    if RS_IS_CLEAN(body):
        assert reference_codes(body) == ()


@pytest.mark.parametrize("days", [0, 1, 5, 10, 12, 20, 21, 30])
@pytest.mark.parametrize(
    "text", ["PT99H99M99S", "P9DT99H99M99S", "PT1S", "P9D", "PT999999S", "PT9999M99S", "P9DT999999S", "PT600M"]
)
def test_duration_rule_respects_ceiling(days: int, text: str) -> None:
    limits = SenseLimits(max_time_spent=timedelta(days=days))
    rule = duration_rule(SenseWindows.of(NOW, limits))
    if Draft202012Validator(rule).is_valid(text):
        body = {"learning_object_id": "x", "time_spent": text}
        assert collect_reference_issues(body, now=NOW, strict=False, limits=limits).codes == ()


def test_date_rule_rejects_all_when_window_empty() -> None:
    limits = SenseLimits(earliest=NOW + timedelta(days=400))
    rule = date_time_rule(SenseWindows.of(NOW, limits))
    assert not Draft202012Validator(rule).is_valid("2025-01-05T10:00:00Z")
