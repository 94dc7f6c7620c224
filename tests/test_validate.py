"""validate, ensure_valid and parse: one table row per rule, and the API contract."""

from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import datetime, timedelta, timezone
from typing import Any

import isodate
import pytest
from hypothesis import given
from hypothesis import strategies as st

import lms_schema
from lms_schema import (
    InvalidBodyError,
    LmsDeprecationWarning,
    SenseLimits,
    UnrepresentableValueError,
    ensure_valid,
    parse,
    validate,
)
from lms_schema.api import collect_issues
from tests.conftest import NOW

REF = {"learning_object_external_reference": "course-1"}


def body(**fields: Any) -> dict[str, Any]:
    return {**REF, **fields}


def check(value: object, **options: Any) -> lms_schema.Report:
    return collect_issues(value, now=NOW, **options)


# One row per rule: the body, the expected code, and the pointer it is reported at.
RULES = [
    ("not an object", "course-1", "LMS100", ""),
    ("array body", [REF], "LMS100", ""),
    ("null body", None, "LMS100", ""),
    ("unknown field", body(completedAt="2021-07-21T14:00:00Z"), "LMS101", "/completedAt"),
    ("unknown field in result", body(result={"value": "Pass", "status": "x"}), "LMS101", "/result/status"),
    ("number for string", body(time_spent=5445), "LMS102", "/time_spent"),
    ("string for object", body(result="Pass"), "LMS102", "/result"),
    ("array for object", body(passthrough=[1]), "LMS102", "/passthrough"),
    ("boolean for string", body(learning_object_id=True), "LMS102", "/learning_object_id"),
    ("result value case", body(result={"value": "pass"}), "LMS103", "/result/value"),
    ("result value text", body(result={"value": "passed"}), "LMS103", "/result/value"),
    ("naive timestamp", body(completed_at="2024-03-05T09:15:27"), "LMS104", "/completed_at"),
    ("impossible day", body(completed_at="2023-02-29T10:00:00Z"), "LMS104", "/completed_at"),
    ("clock duration", body(time_spent="1:30:45"), "LMS105", "/time_spent"),
    ("duration without unit", body(time_spent="PT5"), "LMS105", "/time_spent"),
    ("deprecated content_id", body(content_id="c-1"), "LMS201", "/content_id"),
    ("deprecated reference", body(content_external_reference="c-1"), "LMS201", "/content_external_reference"),
    ("future timestamp", body(completed_at="2026-01-15T12:10:00Z"), "LMS202", "/completed_at"),
    ("before floor", body(completed_at="1999-12-31T23:59:59Z"), "LMS203", "/completed_at"),
    ("years in duration", body(time_spent="P1Y"), "LMS204", "/time_spent"),
    ("months in duration", body(time_spent="P1M"), "LMS204", "/time_spent"),
    ("zero duration", body(time_spent="PT0S"), "LMS205", "/time_spent"),
    ("zero days", body(time_spent="P0D"), "LMS205", "/time_spent"),
    ("long duration", body(time_spent="P31D"), "LMS206", "/time_spent"),
    ("no identifier", {"completed_at": "2021-07-21T14:00:00Z"}, "LMS207", ""),
    ("blank identifier", body(learning_object_id="  "), "LMS208", "/learning_object_id"),
    ("empty identifier", body(learning_object_id=""), "LMS208", "/learning_object_id"),
    ("unmapped without source", body(result={"value": "unmapped_value"}), "LMS209", "/result"),
]


@pytest.mark.parametrize(("case", "value", "code", "pointer"), RULES, ids=[row[0] for row in RULES])
def test_rule_reports_code(case: str, value: object, code: str, pointer: str) -> None:
    issues = [(issue.code, issue.pointer) for issue in check(value).issues]
    assert (code, pointer) in issues, case


@pytest.mark.parametrize(("case", "value", "code", "pointer"), RULES, ids=[row[0] for row in RULES])
def test_rule_severity_matches_registry(case: str, value: object, code: str, pointer: str) -> None:
    found = [issue for issue in check(value).issues if issue.code == code]
    assert found[0].severity == lms_schema.CODES[code].severity


@pytest.mark.parametrize(
    "value",
    [
        REF,
        {"learning_object_id": "lo-1"},
        {"content_id": "legacy"},
        body(
            passthrough={"other_known_names": "John Doe", "nested": {"a": [1, None]}},
            result={"value": "Pass", "source_value": "passed"},
            completed_at="2021-07-21T14:00:00.000Z",
            learning_object_id="e3gd34",
            time_spent="PT1H30M45S",
        ),
        body(result={"value": None, "source_value": None}),
        body(result={"value": "unmapped_value", "source_value": [1, 2]}),
        body(result=None, passthrough=None, completed_at=None, time_spent=None),
        body(completed_at="2026-01-15T12:04:59Z"),
        body(completed_at="2000-01-01T00:00:00Z"),
        body(time_spent="P30D"),
    ],
)
def test_valid_body_has_no_issue(value: object) -> None:
    report = check(value)
    assert report.valid
    assert [issue.code for issue in report.issues if issue.code != "LMS201"] == []


def test_every_problem_reported() -> None:
    report = check({"completedAt": "x", "time_spent": 5, "result": {"value": "passed"}, "completed_at": "2024-01-01"})
    assert sorted(report.codes) == ["LMS101", "LMS102", "LMS103", "LMS104", "LMS207"]


def test_null_deprecated_field_counts_as_absent() -> None:
    report = check(body(content_id=None, content_external_reference=None))
    assert report.issues == ()


def test_deprecated_field_warns_even_with_replacement() -> None:
    report = check(body(learning_object_id="lo-1", content_id="c-1"))
    assert report.codes == ("LMS201",)
    assert "learning_object_id" in report.issues[0].message


def test_unknown_field_does_not_count_as_identifier() -> None:
    assert "LMS207" in check({"learningObjectId": "lo-1"}).codes


def test_deprecated_field_counts_as_identifier() -> None:
    assert "LMS207" not in check({"content_id": "legacy"}).codes


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("completedAt", "completed_at"),
        ("CompletedAt", "completed_at"),
        ("time_spend", "time_spent"),
        ("learningObjectExternalReference", "learning_object_external_reference"),
        ("contentId", "content_id"),
    ],
)
def test_unknown_field_suggests_wire_name(key: str, suggestion: str) -> None:
    issue = check({**REF, key: None}).errors[0]
    assert issue.suggestion == suggestion
    assert suggestion in issue.hint


def test_unknown_field_without_near_name_lists_fields() -> None:
    issue = check({**REF, "zzz": 1}).errors[0]
    assert issue.suggestion is None
    assert "learning_object_id" in issue.hint


def test_result_value_hint_lists_allowed_values() -> None:
    issue = check(body(result={"value": "passed"})).errors[0]
    for value in ("'Pass'", "'Fail'", "'unmapped_value'"):
        assert value in issue.message


def test_seconds_number_hint() -> None:
    issue = check(body(time_spent=5445)).errors[0]
    assert issue.suggestion == "PT1H30M45S"


def test_epoch_number_hint() -> None:
    issue = check(body(completed_at=1700000000)).errors[0]
    assert issue.suggestion == "2023-11-14T22:13:20Z"


def test_strict_turns_warnings_into_errors() -> None:
    report = check(body(content_id="c-1"), strict=True)
    assert not report.valid
    assert report.errors[0].code == "LMS201"


def test_limits_are_configurable() -> None:
    limits = SenseLimits(max_time_spent=timedelta(hours=1), future_tolerance=timedelta(0))
    codes = check(body(time_spent="PT2H", completed_at="2026-01-15T12:00:01Z"), limits=limits).codes
    assert codes == ("LMS202", "LMS206")


def test_floor_is_configurable() -> None:
    limits = SenseLimits(earliest=datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert check(body(completed_at="2019-06-01T00:00:00Z"), limits=limits).codes == ("LMS203",)


def test_naive_now_is_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        validate(REF, now=datetime(2026, 1, 1))


def test_future_check_uses_offset() -> None:
    # 13:00+02:00 is 11:00 UTC, an hour before NOW.
    assert check(body(completed_at="2026-01-15T13:00:00+02:00")).codes == ()


def test_leap_second_before_floor_check() -> None:
    assert check(body(completed_at="1998-12-31T23:59:60Z")).codes == ("LMS203",)


def test_huge_duration_warns_without_error() -> None:
    report = check(body(time_spent="P" + "9" * 60 + "D"))
    assert report.valid
    assert report.codes == ("LMS206",)


def test_year_zero_is_valid_text() -> None:
    report = check(body(completed_at="0000-01-01T00:00:00Z"))
    assert report.valid
    assert report.codes == ("LMS203",)


# -- deprecation warnings through Python's warnings ---------------------------------


def test_validate_emits_deprecation_warning_at_caller() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        validate(body(content_id="c-1"), now=NOW)
    assert [warning.category for warning in caught] == [LmsDeprecationWarning]
    assert caught[0].filename == __file__


def test_deprecation_warning_is_a_deprecation_warning() -> None:
    assert issubclass(LmsDeprecationWarning, DeprecationWarning)


def test_warning_as_error_raises() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", LmsDeprecationWarning)
        with pytest.raises(LmsDeprecationWarning):
            validate(body(content_id="c-1"), now=NOW)


def test_w_error_flag_fails_a_contract_test(tmp_path: Any) -> None:
    test_file = tmp_path / "test_contract.py"
    test_file.write_text(
        "import lms_schema\ndef test_body():\n    assert lms_schema.validate({'content_id': 'c'}).valid\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "error::lms_schema.LmsDeprecationWarning",
            str(test_file),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 1, run.stdout
    assert "LmsDeprecationWarning" in run.stdout


def test_valid_body_emits_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        validate(REF, now=NOW)


# -- ensure_valid and parse --------------------------------------------------------


def test_ensure_valid_raises_with_report() -> None:
    with pytest.raises(InvalidBodyError) as raised:
        ensure_valid(body(time_spent="1:30:45"), now=NOW)
    assert raised.value.report.codes == ("LMS105",)
    assert "/time_spent" in str(raised.value)


def test_ensure_valid_returns_report_with_warnings() -> None:
    report = ensure_valid({"completed_at": "2021-07-21T14:00:00Z"}, now=NOW)
    assert report.codes == ("LMS207",)


def test_parse_keeps_offset() -> None:
    parsed = parse(body(completed_at="2024-11-02T16:45:10.5+02:00"), now=NOW)
    assert parsed.completed_at == datetime(2024, 11, 2, 16, 45, 10, 500000, tzinfo=timezone(timedelta(hours=2)))
    assert parsed.completed_at is not None
    assert parsed.completed_at.utcoffset() == timedelta(hours=2)


def test_parse_leap_second() -> None:
    parsed = parse(body(completed_at="2016-12-31T23:59:60Z"), now=NOW)
    assert parsed.completed_at == datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)
    assert parsed.completed_at_leap_second


def test_parse_duration_as_timedelta() -> None:
    assert parse(body(time_spent="PT1H30M45S"), now=NOW).time_spent == timedelta(hours=1, minutes=30, seconds=45)


def test_parse_calendar_duration_as_isodate() -> None:
    value = parse(body(time_spent="P1Y2M"), now=NOW).time_spent
    assert isinstance(value, isodate.Duration)
    assert (value.years, value.months) == (1, 2)


def test_parse_lowercase_duration() -> None:
    assert parse(body(time_spent="pt2h"), now=NOW).time_spent == timedelta(hours=2)


def test_parse_result_and_fields() -> None:
    with pytest.warns(LmsDeprecationWarning):
        parsed = parse(body(result={"value": "Fail", "source_value": 3}, content_id="c"), now=NOW)
    assert parsed.result == lms_schema.CompletionResult("Fail", 3)
    assert parsed.content_id == "c"
    assert parsed.learning_object_external_reference == "course-1"


def test_parse_invalid_raises() -> None:
    with pytest.raises(InvalidBodyError):
        parse(body(time_spent=5), now=NOW)


@pytest.mark.parametrize(
    "fields",
    [
        {"time_spent": "P" + "9" * 60 + "D"},
        {"completed_at": "0000-01-01T00:00:00Z"},
        {"time_spent": "PT" + "9" * 30 + "H"},
    ],
)
def test_parse_unrepresentable_raises_own_error(fields: dict[str, str]) -> None:
    with pytest.raises(UnrepresentableValueError):
        parse(body(**fields), now=NOW)


def test_unrepresentable_is_package_error() -> None:
    assert issubclass(UnrepresentableValueError, lms_schema.LmsSchemaError)
    assert not issubclass(UnrepresentableValueError, OverflowError)


# -- properties -----------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
field_values = st.one_of(json_values, st.sampled_from(["PT1H", "2021-07-21T14:00:00Z", "Pass", "", "P1Y", "1:30"]))
bodies = st.dictionaries(
    st.one_of(st.sampled_from(lms_schema.schema_facts().fields), st.text(max_size=12)),
    st.one_of(field_values, st.dictionaries(st.sampled_from(["value", "source_value", "x"]), field_values, max_size=3)),
    max_size=8,
)


@given(st.one_of(bodies, json_values))
def test_validate_never_raises(value: object) -> None:
    report = check(value)
    assert report.valid == (not report.errors)
    for issue in report.issues:
        assert issue.pointer == "" or issue.pointer.startswith("/")
        assert issue.message
        assert issue.code in lms_schema.CODES


@given(bodies)
def test_every_suggestion_validates(value: dict[str, Any]) -> None:
    for issue in check(value).issues:
        if issue.suggestion is None:
            continue
        if issue.code == "LMS104":
            assert lms_schema.is_date_time(issue.suggestion)
        elif issue.code == "LMS105" or (issue.code == "LMS102" and issue.pointer == "/time_spent"):
            assert lms_schema.is_duration(issue.suggestion)


@pytest.mark.parametrize("key", [1, None, 2.5, ("a", "b")])
def test_non_string_key_is_unknown_field(key: object) -> None:
    report = check({key: 2, "learning_object_id": "lo-1"})
    assert report.codes == ("LMS101",)
