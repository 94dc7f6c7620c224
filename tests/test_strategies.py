"""The hypothesis strategies: valid bodies validate, faulty ones fail with their one code."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from lms_schema import CODES, SenseLimits, is_date_time, is_duration, load_schema, schema_facts
from lms_schema.api import collect_issues, parse
from lms_schema.check.formats import read_date_time, read_duration
from lms_schema.check.schema_check import _FORMAT_CODES
from lms_schema.check.sense import epoch_seconds
from lms_schema.testing._schema_model import read_body_spec
from lms_schema.testing._values import json_values
from lms_schema.testing.strategies import (
    FAULT_CODES,
    QUESTIONABLE_CODES,
    UnsupportedSchemaError,
    completion_requests,
    invalid_completion_requests,
    invalid_rfc3339_durations,
    invalid_rfc3339_timestamps,
    questionable_completion_requests,
    rfc3339_durations,
    rfc3339_timestamps,
)
from tests.conftest import NOW

# Enough examples to meet every value class, few enough for a quick suite.
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PER_CODE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# find() searches until the condition holds, then shrinks to the smallest example.
SEARCH = settings(
    max_examples=2000, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
# The same search without shrinking, for tests that only need some example.
SEARCH_ANY = settings(SEARCH, phases=[Phase.generate])

FACTS = schema_facts()

# LMS199 reports a schema rule that has no code of its own. The packaged
# schema has no such rule (test_schema_violation_is_unreachable checks that),
# so no body can produce it and it has no fault generator.
UNREACHABLE_ERROR_CODES = {"LMS199"}


def body_codes(scope_severity: tuple[str, str]) -> set[str]:
    scope, severity = scope_severity
    return {code for code, info in CODES.items() if info.scope == scope and info.severity == severity}


# -- valid bodies --------------------------------------------------------------


@PROPERTY
@given(completion_requests())
def test_valid_body_has_no_error(body: dict[str, Any]) -> None:
    report = collect_issues(body, now=NOW)
    assert report.errors == ()


@PROPERTY
@given(completion_requests(warning_free=True, now=NOW))
def test_warning_free_body_has_no_issue(body: dict[str, Any]) -> None:
    assert collect_issues(body, now=NOW).issues == ()


@PROPERTY
@given(completion_requests(warning_free=True, now=NOW))
def test_warning_free_body_parses(body: dict[str, Any]) -> None:
    completion = parse(body, now=NOW)
    assert completion.report.issues == ()


@PROPERTY
@given(completion_requests())
def test_valid_body_survives_json_round_trip(body: dict[str, Any]) -> None:
    text = json.dumps(body, ensure_ascii=False)
    again = json.loads(text.encode("utf-8"))
    assert again == body
    assert collect_issues(again, now=NOW).codes == collect_issues(body, now=NOW).codes


@PROPERTY
@given(completion_requests(include_deprecated=False))
def test_without_deprecated_has_no_deprecated_field(body: dict[str, Any]) -> None:
    assert set(body).isdisjoint(FACTS.deprecated)


@PROPERTY
@given(completion_requests(require_identifier=True))
def test_required_identifier_is_current_and_given(body: dict[str, Any]) -> None:
    current = [name for name in FACTS.identifiers if name not in FACTS.deprecated]
    given_names = [name for name in current if isinstance(body.get(name), str) and body[name].strip()]
    assert given_names


@PROPERTY
@given(completion_requests())
def test_valid_body_uses_only_schema_fields(body: dict[str, Any]) -> None:
    assert set(body) <= set(FACTS.fields)


def has_field(name: str) -> Any:
    return lambda body: body.get(name) is not None


def has_result(predicate: Any) -> Any:
    return lambda body: isinstance(body.get("result"), dict) and predicate(body["result"])


def has_source_of_type(kind: type | None) -> Any:
    def check(result: dict[str, Any]) -> bool:
        if "source_value" not in result:
            return False
        value = result["source_value"]
        if kind is None:
            return value is None
        if kind is float:
            return isinstance(value, float)
        return isinstance(value, kind) and not (kind is int and isinstance(value, bool))

    return has_result(check)


def timestamp_matches(predicate: Any) -> Any:
    return lambda body: isinstance(body.get("completed_at"), str) and predicate(body["completed_at"])


def duration_matches(predicate: Any) -> Any:
    return lambda body: isinstance(body.get("time_spent"), str) and predicate(body["time_spent"].upper())


def nested_passthrough(body: dict[str, Any]) -> bool:
    passthrough = body.get("passthrough")
    return isinstance(passthrough, dict) and any(isinstance(value, (dict, list)) for value in passthrough.values())


# Every value class the issue lists: one row each, found by search in valid bodies.
VALUE_CLASSES: list[tuple[str, Any]] = [
    *[(f"field {name} present", has_field(name)) for name in FACTS.fields],
    *[(f"field {name} null", lambda body, name=name: name in body and body[name] is None) for name in FACTS.fields],
    *[
        (f"result.value {value}", has_result(lambda result, value=value: result.get("value") == value))
        for value in FACTS.result_values
    ],
    ("result.value null", has_result(lambda result: "value" in result and result["value"] is None)),
    ("source_value string", has_source_of_type(str)),
    ("source_value integer", has_source_of_type(int)),
    ("source_value float", has_source_of_type(float)),
    ("source_value boolean", has_source_of_type(bool)),
    ("source_value object", has_source_of_type(dict)),
    ("source_value array", has_source_of_type(list)),
    ("source_value null", has_source_of_type(None)),
    ("timestamp with Z", timestamp_matches(lambda text: text.endswith("Z"))),
    ("timestamp with -00:00", timestamp_matches(lambda text: text.endswith("-00:00"))),
    ("timestamp with numeric offset", timestamp_matches(lambda text: read_date_time(text).offset_minutes < 0)),
    ("timestamp with fraction", timestamp_matches(lambda text: len(read_date_time(text).fraction) >= 3)),
    ("timestamp leap second", timestamp_matches(lambda text: read_date_time(text).second == 60)),
    ("timestamp lowercase", timestamp_matches(lambda text: "t" in text)),
    *[
        (f"duration unit {unit}", duration_matches(lambda text, unit=unit: getattr(read_duration(text), unit)))
        for unit in ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
    ],
    ("duration zero", duration_matches(lambda text: read_duration(text).is_zero)),
    ("nested passthrough", nested_passthrough),
]


@pytest.mark.parametrize(("case", "condition"), VALUE_CLASSES, ids=[row[0] for row in VALUE_CLASSES])
def test_valid_bodies_cover_value_class(case: str, condition: Any) -> None:
    body = find(completion_requests(), condition, settings=SEARCH_ANY)
    assert collect_issues(body, now=NOW).errors == (), case


# -- shrinking ---------------------------------------------------------------------


def test_valid_body_shrinks_to_one_field() -> None:
    body = find(completion_requests(), has_result(lambda result: result.get("value") == "Fail"), settings=SEARCH)
    assert body == {"result": {"value": "Fail"}}


@pytest.mark.parametrize("code", FAULT_CODES)
def test_invalid_body_shrinks_to_one_field(code: str) -> None:
    body, _ = find(invalid_completion_requests(codes=[code]), lambda case: True, settings=SEARCH)
    if isinstance(body, dict):
        assert len(body) == 1, body
    else:
        # Such as false, null or [{}].
        assert len(json.dumps(body)) <= 5, body


# -- faults ------------------------------------------------------------------------


def test_fault_generators_cover_body_errors() -> None:
    body_errors = body_codes(("body", "error"))
    missing = body_errors - set(FAULT_CODES) - UNREACHABLE_ERROR_CODES
    assert not missing, f"no fault generator for {sorted(missing)}"


def test_fault_generators_cover_only_body_errors() -> None:
    assert set(FAULT_CODES) <= body_codes(("body", "error"))


def test_unreachable_codes_are_body_errors() -> None:
    assert body_codes(("body", "error")) >= UNREACHABLE_ERROR_CODES


# Schema keywords that validate and have a code of their own in check_schema.
CODED_KEYWORDS = {"type", "enum", "format", "additionalProperties"}
SUBSCHEMA_KEYWORDS = {"properties", "$defs"}
NEUTRAL_KEYWORDS = {"$schema", "$id", "$ref", "title", "description", "examples", "deprecated", "default"}


def validation_keywords(node: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for keyword, value in node.items():
        if keyword in SUBSCHEMA_KEYWORDS:
            for child in value.values():
                found |= validation_keywords(child)
        elif keyword not in NEUTRAL_KEYWORDS and not keyword.startswith("x-"):
            found.add(keyword)
    return found


def used_formats(node: dict[str, Any]) -> set[str]:
    found = {node["format"]} if "format" in node else set()
    for keyword in SUBSCHEMA_KEYWORDS & set(node):
        for child in node[keyword].values():
            found |= used_formats(child)
    return found


def test_schema_violation_is_unreachable() -> None:
    schema = load_schema()
    assert validation_keywords(schema) <= CODED_KEYWORDS
    assert used_formats(schema) <= set(_FORMAT_CODES)


@PROPERTY
@given(st.dictionaries(st.sampled_from(FACTS.fields) | st.text(max_size=5), json_values()))
def test_arbitrary_body_never_reports_schema_violation(body: dict[str, Any]) -> None:
    assert "LMS199" not in collect_issues(body, now=NOW).codes


@PROPERTY
@given(invalid_completion_requests())
def test_invalid_body_has_exactly_expected_error(case: tuple[object, str]) -> None:
    body, code = case
    assert [issue.code for issue in collect_issues(body, now=NOW).errors] == [code]


@pytest.mark.parametrize("code", FAULT_CODES)
def test_each_fault_yields_its_code(code: str) -> None:
    @PER_CODE
    @given(invalid_completion_requests(codes=[code]))
    def check(case: tuple[object, str]) -> None:
        body, expected = case
        assert expected == code
        assert [issue.code for issue in collect_issues(body, now=NOW).errors] == [code]

    check()


# -- questionable values ---------------------------------------------------------


def test_questionable_generators_cover_body_warnings() -> None:
    missing = body_codes(("body", "warning")) - set(QUESTIONABLE_CODES)
    assert not missing, f"no questionable-value generator for {sorted(missing)}"


@PROPERTY
@given(questionable_completion_requests(now=NOW))
def test_questionable_body_has_exactly_expected_warning(case: tuple[dict[str, Any], str]) -> None:
    body, code = case
    assert collect_issues(body, now=NOW).codes == (code,)


@pytest.mark.parametrize("code", QUESTIONABLE_CODES)
def test_each_questionable_value_yields_its_code(code: str) -> None:
    @PER_CODE
    @given(questionable_completion_requests(codes=[code], now=NOW))
    def check(case: tuple[dict[str, Any], str]) -> None:
        body, expected = case
        assert expected == code
        assert collect_issues(body, now=NOW).codes == (code,)

    check()


TIGHT_LIMITS = SenseLimits(
    future_tolerance=timedelta(hours=2),
    earliest=datetime(2020, 6, 1, tzinfo=timezone.utc),
    max_time_spent=timedelta(days=3),
)


@PROPERTY
@given(questionable_completion_requests(now=NOW, limits=TIGHT_LIMITS))
def test_questionable_body_follows_custom_limits(case: tuple[dict[str, Any], str]) -> None:
    body, code = case
    assert collect_issues(body, now=NOW, limits=TIGHT_LIMITS).codes == (code,)


@PROPERTY
@given(completion_requests(warning_free=True, now=NOW, limits=TIGHT_LIMITS))
def test_warning_free_body_follows_custom_limits(body: dict[str, Any]) -> None:
    assert collect_issues(body, now=NOW, limits=TIGHT_LIMITS).issues == ()


# -- string strategies -----------------------------------------------------------

EARLIEST = datetime(2019, 3, 1, tzinfo=timezone.utc)
LATEST = datetime(2019, 3, 2, tzinfo=timezone.utc)


@PROPERTY
@given(rfc3339_timestamps(earliest=EARLIEST, latest=LATEST))
def test_timestamp_lies_within_bounds(text: str) -> None:
    instant = epoch_seconds(read_date_time(text))
    assert EARLIEST.timestamp() <= instant <= LATEST.timestamp()


@PROPERTY
@given(rfc3339_timestamps(leap_seconds=False, lowercase=False))
def test_timestamp_options_exclude_classes(text: str) -> None:
    assert read_date_time(text).second != 60
    assert text == text.upper()


@PROPERTY
@given(rfc3339_durations(calendar_units=False, nonzero=True, max_seconds=90_000, lowercase=False))
def test_duration_keeps_to_budget(text: str) -> None:
    parts = read_duration(text)
    assert not parts.has_calendar_units
    assert 0 < parts.minimum_seconds() <= 90_000
    assert text == text.upper()


@PROPERTY
@given(rfc3339_timestamps(), rfc3339_durations())
def test_format_strings_are_valid(timestamp: str, duration: str) -> None:
    assert is_date_time(timestamp)
    assert is_duration(duration)


@PROPERTY
@given(invalid_rfc3339_timestamps(), invalid_rfc3339_durations())
def test_broken_format_strings_are_invalid(timestamp: str, duration: str) -> None:
    assert not is_date_time(timestamp)
    assert not is_duration(duration)


# -- arguments -----------------------------------------------------------------------

NAIVE = datetime(2024, 1, 1)


@pytest.mark.parametrize(
    ("case", "build"),
    [
        ("naive now", lambda: completion_requests(now=NAIVE)),
        ("naive earliest", lambda: rfc3339_timestamps(earliest=NAIVE)),
        ("earliest after latest", lambda: rfc3339_timestamps(earliest=LATEST, latest=EARLIEST)),
        ("unknown fault code", lambda: invalid_completion_requests(codes=["LMS999"])),
        ("warning code as fault", lambda: invalid_completion_requests(codes=["LMS201"])),
        ("no codes", lambda: questionable_completion_requests(codes=[])),
    ],
)
def test_bad_argument_raises_value_error(case: str, build: Any) -> None:
    with pytest.raises(ValueError):
        build()


def test_unmodelled_schema_keyword_raises() -> None:
    schema = load_schema()
    schema["properties"]["learning_object_id"]["maxLength"] = 255
    with pytest.raises(UnsupportedSchemaError, match="maxLength"):
        read_body_spec(schema)


def test_body_model_follows_schema_fields() -> None:
    spec = read_body_spec()
    assert tuple(member.name for member in spec.members) == FACTS.fields


def test_public_strategies_module_reexports() -> None:
    import lms_schema.strategies as public
    import lms_schema.testing.strategies as internal

    for name in public.__all__:
        assert getattr(public, name) is getattr(internal, name)
