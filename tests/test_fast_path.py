"""The fast path: the same reports as the reference path, on generated valid and invalid bodies.

The reference path is jsonschema's ``iter_errors`` (``check_schema``) plus
every sense check (``check_sense``). The fast path must return the same
report for every body, with and without jsonschema-rs, so most tests here
are differential: generate a body, check it both ways, compare.
"""

from __future__ import annotations

import collections
import copy
import decimal
import importlib.util
import math
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from lms_schema.api import collect_issues, collect_reference_issues
from lms_schema.check import fast
from lms_schema.check.compiled import UnsupportedSchemaError, compile_schema
from lms_schema.check.fast import FastPath, format_checks
from lms_schema.check.formats import is_date_time, is_duration
from lms_schema.check.schema_check import schema_validator
from lms_schema.check.screens import (
    CLEAN,
    INVALID,
    NEEDS_SENSE,
    SenseWindows,
    is_date_time_fast,
    is_duration_fast,
    screen_date_time,
    screen_duration,
)
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits, check_sense
from lms_schema.issues import Report
from lms_schema.schema import load_schema, schema_facts
from lms_schema.testing.strategies import (
    completion_requests,
    invalid_completion_requests,
    questionable_completion_requests,
)
from tests.conftest import NOW

FACTS = schema_facts()
RS_INSTALLED = importlib.util.find_spec("jsonschema_rs") is not None

ACCELERATION = [
    pytest.param(False, id="plain-python"),
    pytest.param(
        True,
        id="jsonschema-rs",
        marks=pytest.mark.skipif(not RS_INSTALLED, reason="jsonschema-rs is not installed (the fast extra)"),
    ),
]


@pytest.fixture(scope="module", params=ACCELERATION)
def fast_path(request: pytest.FixtureRequest) -> FastPath:
    return FastPath(load_schema(), FACTS, accelerated=request.param)


# -- strategies --------------------------------------------------------------------------


def two_digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda number: f"{number:02d}")


def offsets() -> st.SearchStrategy[str]:
    signed = st.builds(lambda sign, hours, minutes: f"{sign}{hours}:{minutes}", st.sampled_from("+-"),
                       two_digits(0, 25), two_digits(0, 99))
    return st.one_of(st.sampled_from(["Z", "z", "+00:00", "-00:00", "+05:30", ""]), signed)


@st.composite
def date_time_texts(draw: st.DrawFn) -> str:
    """Timestamps near every rule of RFC 3339: valid, out of range, wrong case, odd fractions and offsets."""
    year = draw(st.sampled_from([0, 1, 1969, 1970, 1999, 2000, 2024, 2026, 9999]) | st.integers(0, 9999))
    month = draw(st.sampled_from([1, 2, 12]) | st.integers(0, 13))
    day = draw(st.sampled_from([1, 28, 29, 30, 31]) | st.integers(0, 32))
    hour = draw(st.sampled_from([0, 23]) | st.integers(0, 24))
    minute = draw(st.sampled_from([0, 59]) | st.integers(0, 60))
    second = draw(st.sampled_from([0, 59, 60]) | st.integers(0, 61))
    fraction = draw(st.sampled_from(["", ".0", ".5", ".999999", ".9999999", ".123456789012"]))
    separator = draw(st.sampled_from(["T", "T", "t", " "]))
    return f"{year:04d}-{month:02d}-{day:02d}{separator}{hour:02d}:{minute:02d}:{second:02d}{fraction}{draw(offsets())}"


@st.composite
def instants_near(draw: st.DrawFn, centre: datetime) -> str:
    """Valid timestamps within a few days of ``centre``, at any offset, to probe the sense windows."""
    shift = draw(st.integers(-4 * 86400, 4 * 86400))
    offset_minutes = draw(st.sampled_from([0, 60, -300, 330, 23 * 60 + 59, -(23 * 60 + 59)]))
    zone = timezone(timedelta(minutes=offset_minutes))
    local = (centre + timedelta(seconds=shift)).astimezone(zone)
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    if draw(st.booleans()):
        text += "." + draw(st.sampled_from(["0", "5", "999999", "1234567"]))
    if offset_minutes == 0 and draw(st.booleans()):
        return text + "Z"
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{text}{sign}{hours:02d}:{minutes:02d}"


def timestamps() -> st.SearchStrategy[str]:
    return st.one_of(
        date_time_texts(),
        instants_near(NOW),
        instants_near(NOW + DEFAULT_LIMITS.future_tolerance),
        instants_near(DEFAULT_LIMITS.earliest),
        st.text(max_size=30),
    )


@st.composite
def duration_texts(draw: st.DrawFn) -> str:
    """Durations near every rule of the grammar: skipped units, T without units, weeks, huge numbers."""
    digits = st.one_of(
        st.integers(0, 1000).map(str), st.sampled_from(["0", "00", "720", "721", "43200", "2592000", "2592001"]),
        st.text("0123456789", min_size=19, max_size=60),
    )
    if draw(st.integers(0, 5)) == 0:
        return f"{draw(st.sampled_from('Pp'))}{draw(digits)}{draw(st.sampled_from('Ww'))}"

    text = draw(st.sampled_from(["P", "P", "p"]))
    for letter in "YMD":
        if draw(st.booleans()):
            text += draw(digits) + draw(st.sampled_from([letter, letter.lower()]))
    if draw(st.booleans()):
        text += draw(st.sampled_from(["T", "t"]))
        for letter in "HMS":
            if draw(st.booleans()):
                text += draw(digits) + letter
    return text


def durations() -> st.SearchStrategy[str]:
    return st.one_of(
        duration_texts(),
        st.sampled_from(["PT0S", "P0D", "P30D", "P31D", "PT720H", "PT720H1S", "P4W", "P5W", "P1DT", "PT", "P"]),
        st.text(max_size=20),
    )


JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)

# Python values that no JSON parser returns, for the library's callers who pass them anyway.
PYTHON_ONLY = st.one_of(
    st.just(decimal.Decimal("1.5")), st.just((1, 2)), st.just(float("nan")), st.just(math.inf),
    st.just(collections.OrderedDict(learning_object_id="x")), st.just({1: "x"}), st.just(b"bytes"),
    st.just({"nested": {2: 3}}), st.builds(type("Text", (str,), {}), st.text(max_size=5)),
)

IDENTIFIER_TEXT = st.one_of(st.text(max_size=12), st.sampled_from(["", " ", "\t", "\n  ", "course-1"]))


def value_for(name: str) -> st.SearchStrategy[Any]:
    """Values for one field, drawn around its rules as the schema states them."""
    if name in FACTS.formats:
        text = timestamps() if FACTS.formats[name] == "date-time" else durations()
        return st.one_of(text, text, st.none(), JSON_VALUES)
    if name in FACTS.identifiers:
        return st.one_of(IDENTIFIER_TEXT, IDENTIFIER_TEXT, st.none(), JSON_VALUES)
    if name == "result":
        return st.one_of(results(), st.none(), JSON_VALUES)
    return st.one_of(st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=3), st.none(), JSON_VALUES)


@st.composite
def results(draw: st.DrawFn) -> dict[str, Any]:
    status = st.one_of(st.sampled_from([*FACTS.result_values, None]), st.sampled_from(["pass", "PASS", ""]),
                       JSON_VALUES)
    members = {"value": status, "source_value": st.one_of(st.none(), JSON_VALUES)}
    result = {name: draw(strategy) for name, strategy in members.items() if draw(st.booleans())}
    if draw(st.integers(0, 5)) == 0:
        result[draw(st.sampled_from(["status", "Value", "score"]))] = draw(JSON_VALUES)
    return result


UNKNOWN_NAMES = st.sampled_from(["completedAt", "learningObjectId", "time spent", "TimeSpent", "extra", ""])


@st.composite
def bodies(draw: st.DrawFn) -> dict[Any, Any]:
    """Objects with any subset of the fields, sometimes unknown ones and Python-only values."""
    body: dict[Any, Any] = {}
    for name in draw(st.permutations(FACTS.fields)):
        if draw(st.booleans()):
            body[name] = draw(value_for(name))
    if draw(st.integers(0, 4)) == 0:
        body[draw(UNKNOWN_NAMES)] = draw(JSON_VALUES)
    if draw(st.integers(0, 9)) == 0:
        body[draw(st.sampled_from(FACTS.fields))] = draw(PYTHON_ONLY)
    return body


@st.composite
def clean_bodies(draw: st.DrawFn) -> dict[str, Any]:
    """Valid bodies that deserve no warning except, sometimes, deprecations."""
    body: dict[str, Any] = {
        "learning_object_external_reference": "course-" + draw(st.text("abc123", min_size=1, max_size=8)),
        "completed_at": draw(instants_near(datetime(2015, 6, 1, tzinfo=timezone.utc))),
        "time_spent": f"PT{draw(st.integers(1, 500))}M",
        "result": {"value": draw(st.sampled_from(FACTS.result_values)), "source_value": draw(JSON_VALUES)},
        "passthrough": draw(st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=3)),
    }
    for name in FACTS.deprecated:
        if draw(st.booleans()):
            body[name] = "legacy-" + draw(st.text("xyz", min_size=1, max_size=4))
    return body


ANY_BODY = st.one_of(bodies(), bodies(), clean_bodies(), JSON_VALUES, PYTHON_ONLY)

CUSTOM_LIMITS = st.builds(
    SenseLimits,
    future_tolerance=st.timedeltas(timedelta(0), timedelta(days=3)),
    earliest=st.datetimes(datetime(1990, 1, 1), datetime(2030, 1, 1), timezones=st.just(timezone.utc)),
    max_time_spent=st.timedeltas(timedelta(0), timedelta(days=60)),
)


# -- the differential tests ----------------------------------------------------------------


def outcome(check: Callable[[], Report]) -> Report | str:
    """Return the report, or the exception type when checking raises, so that the two can be compared."""
    try:
        return check()
    except Exception as error:  # both paths must fail the same way
        return type(error).__name__


@given(body=ANY_BODY, strict=st.booleans())
@example(body={"learning_object_id": "x", "completed_at": "2026-01-15T12:05:00Z"}, strict=False)
@example(body={"learning_object_id": "x", "completed_at": "2026-01-15T12:05:01Z"}, strict=False)
@example(body={"learning_object_id": "x", "completed_at": "1999-12-31T23:59:59.999Z"}, strict=True)
@example(body={"learning_object_id": "x", "completed_at": "2016-12-31T23:59:60Z"}, strict=False)
@example(body={"learning_object_id": "x", "completed_at": "2016-06-01T12:00:00+05:75"}, strict=False)
@example(body={"learning_object_id": "x", "time_spent": "P30DT0H0M1S"}, strict=False)
@example(body={"content_id": "c", "time_spent": "PT1H2S"}, strict=False)
def test_fast_report_equals_reference(fast_path: FastPath, body: object, strict: bool) -> None:
    expected = outcome(lambda: collect_reference_issues(body, strict=strict, now=NOW, limits=DEFAULT_LIMITS))
    actual = outcome(lambda: fast_path.collect(body, now=NOW, limits=DEFAULT_LIMITS, strict=strict))
    assert actual == expected


@given(body=ANY_BODY, limits=CUSTOM_LIMITS, now=st.sampled_from([NOW, NOW - timedelta(days=4000)]))
def test_fast_report_equals_reference_with_limits(
    fast_path: FastPath, body: object, limits: SenseLimits, now: datetime
) -> None:
    expected = outcome(lambda: collect_reference_issues(body, strict=False, now=now, limits=limits))
    actual = outcome(lambda: fast_path.collect(body, now=now, limits=limits, strict=False))
    assert actual == expected


# The package's own strategies, built once: valid bodies, and bodies with one error or one warning.
PACKAGE_BODIES = st.one_of(
    completion_requests(now=NOW),
    completion_requests(warning_free=True, now=NOW),
    invalid_completion_requests().map(lambda pair: pair[0]),
    questionable_completion_requests(now=NOW).map(lambda pair: pair[0]),
)


@given(body=PACKAGE_BODIES, strict=st.booleans())
def test_package_strategies_report_equals_reference(fast_path: FastPath, body: object, strict: bool) -> None:
    expected = outcome(lambda: collect_reference_issues(body, strict=strict, now=NOW, limits=DEFAULT_LIMITS))
    actual = outcome(lambda: fast_path.collect(body, now=NOW, limits=DEFAULT_LIMITS, strict=strict))
    assert actual == expected


@given(body=clean_bodies())
def test_clean_body_report_equals_reference(fast_path: FastPath, body: dict[str, Any]) -> None:
    expected = collect_reference_issues(body, strict=False, now=NOW, limits=DEFAULT_LIMITS)
    assert fast_path.collect(body, now=NOW, limits=DEFAULT_LIMITS, strict=False) == expected


@given(body=bodies() | JSON_VALUES)
def test_fast_verdict_equals_jsonschema(fast_path: FastPath, body: object) -> None:
    assume(not _has_python_only_value(body))
    assert fast_path.is_valid(body) == schema_validator().is_valid(body)


@given(body=ANY_BODY)
def test_fast_verdict_never_passes_invalid(fast_path: FastPath, body: object) -> None:
    if fast_path.is_valid(body):
        assert schema_validator().is_valid(body)


def _has_python_only_value(value: object) -> bool:
    """Return whether ``value`` contains anything json.loads would not return."""
    if value is None or type(value) in (bool, int, str):
        return False
    if type(value) is float:
        return not math.isfinite(value)
    if type(value) is list:
        return any(_has_python_only_value(item) for item in value)
    if type(value) is dict:
        return any(type(key) is not str or _has_python_only_value(item) for key, item in value.items())
    return True


@given(body=clean_bodies())
def test_clock_report_equals_reference(body: dict[str, Any]) -> None:
    # The timestamps lie around 2015, far from the clock and the earliest bound,
    # so the moment at which each path reads the clock does not matter.
    expected = collect_reference_issues(body, strict=False, now=datetime.now(timezone.utc), limits=DEFAULT_LIMITS)
    assert collect_issues(body) == expected


def test_collect_issues_uses_fast_path() -> None:
    assert fast.fast_path() is not None


# -- format screens ------------------------------------------------------------------------

WINDOWS = SenseWindows.of(NOW, DEFAULT_LIMITS)


@given(text=timestamps())
def test_date_time_screen_agrees_with_reader(text: str) -> None:
    assert is_date_time_fast(text) == is_date_time(text)


@given(text=durations())
def test_duration_screen_agrees_with_reader(text: str) -> None:
    assert is_duration_fast(text) == is_duration(text)


@given(text=timestamps())
def test_clean_timestamp_gets_no_warning(text: str) -> None:
    state = screen_date_time(text, WINDOWS)
    warnings = check_sense({"completed_at": text, "learning_object_id": "x"}, FACTS, now=NOW)
    if state == CLEAN:
        assert warnings == []
    assert (state == INVALID) == (not is_date_time(text))


@given(text=durations())
def test_clean_duration_gets_no_warning(text: str) -> None:
    state = screen_duration(text, WINDOWS)
    warnings = check_sense({"time_spent": text, "learning_object_id": "x"}, FACTS, now=NOW)
    if state == CLEAN:
        assert warnings == []
    assert (state == INVALID) == (not is_duration(text))


SCREEN_CASES = [
    ("lowercase separator", screen_date_time, "2015-06-01t10:00:00Z", CLEAN),
    ("lowercase zone", screen_date_time, "2015-06-01T10:00:00z", NEEDS_SENSE),
    ("leap second", screen_date_time, "2016-12-31T23:59:60Z", NEEDS_SENSE),
    ("offset minutes out of range", screen_date_time, "2015-06-01T10:00:00+05:75", INVALID),
    ("February 29 of a common year", screen_date_time, "2015-02-29T10:00:00Z", INVALID),
    ("common form inside the window", screen_date_time, "2015-06-01T10:00:00.123+02:00", CLEAN),
    ("within two days of now", screen_date_time, "2026-01-14T10:00:00Z", NEEDS_SENSE),
    ("weeks", screen_duration, "P2W", CLEAN),
    ("calendar units", screen_duration, "P1Y", NEEDS_SENSE),
    ("zero", screen_duration, "PT0S", NEEDS_SENSE),
    ("skipped minutes", screen_duration, "PT1H2S", INVALID),
    ("thirty days exactly", screen_duration, "P30D", CLEAN),
    ("a second over thirty days", screen_duration, "P30DT0H0M1S", NEEDS_SENSE),
    ("long digits", screen_duration, "PT" + "9" * 50 + "S", NEEDS_SENSE),
]


@pytest.mark.parametrize(("case", "screen", "text", "state"), SCREEN_CASES, ids=[row[0] for row in SCREEN_CASES])
def test_screen_state(case: str, screen: Callable[[str, SenseWindows], int], text: str, state: int) -> None:
    assert screen(text, WINDOWS) == state


def test_windows_cover_only_their_utc_day() -> None:
    windows = SenseWindows.of(NOW, DEFAULT_LIMITS)
    midnight = datetime(2026, 1, 15, tzinfo=timezone.utc).timestamp()
    assert windows.covers_clock(midnight)
    assert windows.covers_clock(midnight + 86399.5)
    assert not windows.covers_clock(midnight + 86400)
    assert not windows.covers_clock(midnight - 0.5)


def test_windows_follow_a_new_now() -> None:
    path = FastPath(load_schema(), FACTS)
    body = {"learning_object_id": "x", "completed_at": "2026-01-10T00:00:00Z"}
    assert path.collect(body, now=NOW, limits=DEFAULT_LIMITS, strict=False).codes == ()
    earlier = NOW - timedelta(days=10)
    assert path.collect(body, now=earlier, limits=DEFAULT_LIMITS, strict=False).codes == ("LMS202",)


def test_windows_of_a_non_utc_now() -> None:
    zone = timezone(timedelta(hours=-8))
    windows = SenseWindows.of(NOW.astimezone(zone), DEFAULT_LIMITS)
    assert windows.last_date == "2026-01-13"
    assert not windows.covers_clock(NOW.timestamp())


# -- the compiler and its fallback ---------------------------------------------------------------

UNSUPPORTED = [
    ("length rule", {"type": "string", "minLength": 1}),
    ("pattern", {"type": "string", "pattern": "^x"}),
    ("required member", {"type": "object", "required": ["a"]}),
    ("combinator", {"allOf": [{"type": "string"}]}),
    ("number enum", {"enum": [1, 2]}),
    ("nested identifier", {"properties": {"a": {"$id": "urn:x", "type": "string"}}}),
    ("remote reference", {"$ref": "https://example.com/schema.json"}),
    ("anchor reference", {"$ref": "#node"}),
    ("dangling reference", {"$ref": "#/$defs/missing"}),
    ("reference cycle", {"properties": {"a": {"$ref": "#"}}}),
    ("unknown type", {"type": "date"}),
]


@pytest.mark.parametrize(("case", "schema"), UNSUPPORTED, ids=[row[0] for row in UNSUPPORTED])
def test_compiler_rejects_unsupported(case: str, schema: dict[str, Any]) -> None:
    with pytest.raises(UnsupportedSchemaError):
        compile_schema(schema, format_checks())


def test_unsupported_schema_falls_back_to_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = load_schema()
    schema["properties"]["learning_object_id"]["minLength"] = 3
    monkeypatch.setattr(fast, "_schema", lambda: schema)
    fast.fast_path.cache_clear()
    try:
        assert fast.fast_path() is None
        body = {"learning_object_id": "x", "completed_at": "2015-06-01T10:00:00Z"}
        expected = collect_reference_issues(body, strict=False, now=NOW, limits=DEFAULT_LIMITS)
        assert collect_issues(body, now=NOW) == expected
    finally:
        monkeypatch.undo()
        fast.fast_path.cache_clear()


def test_accelerator_refuses_nested_format() -> None:
    pytest.importorskip("jsonschema_rs")
    schema = {"properties": {"a": {"properties": {"b": {"format": "date-time"}}}}}
    with pytest.raises(UnsupportedSchemaError):
        FastPath(schema, FACTS, accelerated=True)


def test_packaged_schema_defers_every_format() -> None:
    compiled = compile_schema(load_schema(), format_checks(), defer_top_level_formats=True)
    assert dict(compiled.deferred_formats) == FACTS.formats
    assert not compiled.inline_formats


# Small schemas built from the compiled keywords, to compare the compiler with jsonschema.
TYPE_NAMES = st.sampled_from(["null", "boolean", "string", "object", "array", "number", "integer"])
LEAF_SCHEMAS = st.one_of(
    st.booleans(),
    st.fixed_dictionaries(
        {},
        optional={
            "type": TYPE_NAMES | st.lists(TYPE_NAMES, min_size=1, max_size=3, unique=True),
            "enum": st.lists(st.none() | st.sampled_from(["a", "b", "Pass"]), min_size=1, max_size=3),
            "format": st.sampled_from(["date-time", "duration", "email"]),
            "description": st.just("annotation"),
            "x-note": st.just(True),
        },
    ),
)
MEMBER_NAMES = st.sampled_from(["a", "b", "c"])
SMALL_SCHEMAS = st.recursive(
    LEAF_SCHEMAS,
    lambda children: st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["object", ["object", "null"]]),
            "properties": st.dictionaries(MEMBER_NAMES, children, max_size=3),
            "additionalProperties": children,
        },
    ),
    max_leaves=5,
)
SMALL_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([1.0, 1.5, -0.0]),
              st.sampled_from(["a", "Pass", "2015-06-01T10:00:00Z", "PT1M", "P1H"])),
    lambda children: st.lists(children, max_size=2) | st.dictionaries(MEMBER_NAMES | st.just("z"), children,
                                                                      max_size=3),
    max_leaves=5,
)


@given(schema=SMALL_SCHEMAS, value=SMALL_VALUES)
def test_compiled_schema_agrees_with_jsonschema(schema: Any, value: object) -> None:
    reference = Draft202012Validator(schema, format_checker=schema_validator().format_checker)
    compiled = compile_schema(schema, format_checks())
    assert compiled.check(value) == reference.is_valid(value)


REFERENCE_CASES = [
    ("reference with sibling", {"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "enum": ["a", None]},
     ["a", None, "b", 1]),
    ("escaped pointer", {"$defs": {"a/b": {"type": "integer"}}, "$ref": "#/$defs/a~1b"}, [1, 1.0, 1.5, True]),
    ("schema for extra members", {"properties": {"a": True}, "additionalProperties": {"type": "string"}},
     [{"a": 1, "b": "x"}, {"b": 1}, []]),
    ("false schema member", {"properties": {"a": False}}, [{"a": None}, {"b": 1}]),
]


@pytest.mark.parametrize(("case", "schema", "values"), REFERENCE_CASES, ids=[row[0] for row in REFERENCE_CASES])
def test_compiled_reference_cases(case: str, schema: dict[str, Any], values: list[object]) -> None:
    reference = Draft202012Validator(schema)
    compiled = compile_schema(schema, format_checks())
    for value in values:
        assert compiled.check(value) == reference.is_valid(value), value


def test_compiled_check_leaves_subclasses_to_jsonschema() -> None:
    compiled = compile_schema(load_schema(), format_checks())
    ordered = collections.OrderedDict(learning_object_id="x")
    assert schema_validator().is_valid(ordered)
    assert not compiled.check(ordered)


def test_deprecation_issues_are_the_reference_ones() -> None:
    body = {name: "legacy" for name in FACTS.deprecated}
    body["learning_object_id"] = "x"
    path = FastPath(load_schema(), FACTS)
    report = path.collect(copy.deepcopy(body), now=NOW, limits=DEFAULT_LIMITS, strict=False)
    assert report.codes == ("LMS201",) * len(FACTS.deprecated)
    assert report == collect_reference_issues(body, strict=False, now=NOW, limits=DEFAULT_LIMITS)

