"""Property tests: any bytes or JSON value in, only sanitised outcomes out.

The command line gets arbitrary bytes and arbitrary JSON values and must
return 0, 1 or 2 without raising. The reader must yield only bodies and
issues with known codes. The library must return a report or raise only its
documented exceptions. The laws below pin the reader's verdicts and positions.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms_schema import (
    InvalidBodyError,
    Report,
    UnrepresentableValueError,
    ensure_valid,
    is_date_time,
    is_duration,
    parse,
    validate,
)
from lms_schema.check.hints import suggest_duration, suggest_epoch
from lms_schema.cli import main
from lms_schema.codes import CODES
from lms_schema.issues import Issue
from lms_schema.load.json_text import ForeignBytesError, JsonTextError, decode_json_bytes, parse_json_text
from lms_schema.load.limits import ReadLimits
from lms_schema.load.sources import SourceBody, read_json_document, read_json_lines
from lms_schema.load.text_scan import escape_pointer_token
from lms_schema.schema import schema_facts
from tests.conftest import NOW

# Integers within the range of a 64-bit float: the reader reports larger ones
# (LMS013), so no body it yields contains one.
json_integers = st.integers(min_value=-(2**1000), max_value=2**1000)
json_scalars = (
    st.none()
    | st.booleans()
    | json_integers
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)

field_names = st.sampled_from(schema_facts().fields) | st.text(max_size=12)
field_values = (
    json_values
    | st.sampled_from(["PT1H30M45S", "P1M", "PT0S", "1:30:45", "2021-07-21T14:00:00Z", "2021-07-21 14:00", "Pass"])
    | st.fixed_dictionaries({}, optional={"value": json_scalars, "source_value": json_values})
)
bodies = st.dictionaries(field_names, field_values, max_size=6) | json_values

# Pieces of JSON text and of the bytes that break it, to reach the reader's
# error paths more often than uniform random bytes would.
TEXT_PIECES = [
    b"{", b"}", b"[", b"]", b",", b":", b'"', b"\\", b" ", b"\n", b"\r\n", b"\t",
    b'"time_spent"', b'"PT1M"', b'"completed_at"', b'"2021-07-21T14:00:00Z"', b'"passthrough"', b'"result"',
    b"null", b"true", b"1", b"-0.5e3", b"1e400", b"9" * 400, b"NaN", b"-Infinity",
    b"\\ud800", b"\\udc00", b"\\u0041", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe9", b"\xed\xa0\x80",
]
json_like_bytes = st.lists(st.sampled_from(TEXT_PIECES), max_size=40).map(b"".join)
any_bytes = st.binary(max_size=200) | json_like_bytes | json_values.map(lambda value: json.dumps(value).encode())

SMALL_LIMITS = ReadLimits(max_depth=4, max_body_bytes=64)


def check_items(items: Iterable[SourceBody | Issue]) -> list[SourceBody | Issue]:
    """Consume reader output, asserting it contains only bodies and issues with known codes."""
    collected = list(items)
    for item in collected:
        assert isinstance(item, (SourceBody, Issue))
        if isinstance(item, Issue):
            assert item.code in CODES
            assert item.message
    return collected


def run_main(arguments: list[str]) -> tuple[int, str, str]:
    """Run the command line in this process, capturing its output."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main(arguments)
    return status, stdout.getvalue(), stderr.getvalue()


# -- sanitised outcomes ------------------------------------------------------


@given(data=any_bytes)
def test_reader_any_bytes(data: bytes) -> None:
    for limits in (ReadLimits(), SMALL_LIMITS):
        check_items(read_json_document(data, limits=limits))
        check_items(read_json_lines(io.BytesIO(data), limits=limits))


any_text = st.text(alphabet=st.characters(blacklist_categories=())) | json_like_bytes.map(
    lambda data: data.decode("latin-1")
)


@given(text=any_text)
def test_parse_json_text_any_text(text: str) -> None:
    try:
        parse_json_text(text, max_depth=8)
    except JsonTextError as error:
        assert error.issues
        assert all(issue.code in CODES for issue in error.issues)


@settings(max_examples=60)
@given(data=any_bytes, suffix=st.sampled_from([".json", ".jsonl"]), output=st.sampled_from(["text", "json", "github"]))
def test_cli_any_bytes(data: bytes, suffix: str, output: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)

        status, stdout, _ = run_main(["validate", "--no-progress", "-o", output, str(path)])

        assert status in (0, 1)
        assert stdout
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest()


@settings(max_examples=60)
@given(body=bodies, strict=st.booleans())
def test_cli_any_json_value(body: Any, strict: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "body.json"
        path.write_text(json.dumps(body))
        arguments = ["validate", "--no-progress", "-o", "json", "--now", "2026-01-15T12:00:00Z", str(path)]

        status, stdout, _ = run_main([*arguments, "--strict"] if strict else arguments)

        report = json.loads(stdout)
        codes = [issue["code"] for file in report["files"] for issue in file["issues"]]
        assert all(code in CODES for code in codes)
        assert status == (1 if report["summary"]["errors"] else 0)


@pytest.mark.filterwarnings("ignore::lms_schema.LmsDeprecationWarning")
@given(body=bodies)
def test_library_any_json_value(body: Any) -> None:
    report = validate(body, now=NOW)
    assert isinstance(report, Report)
    assert all(issue.code in CODES for issue in report.issues)

    try:
        ensure_valid(body, now=NOW)
    except InvalidBodyError as error:
        assert not report.valid
        assert error.report.codes == report.codes

    try:
        completion = parse(body, now=NOW)
    except InvalidBodyError:
        assert not (report.valid and isinstance(body, dict))
    except UnrepresentableValueError:
        assert report.valid
    else:
        assert completion.report.codes == report.codes


# -- laws of the reader ------------------------------------------------------


@given(
    value=json_values,
    indent=st.sampled_from([None, 0, 2]),
    ensure_ascii=st.booleans(),
    line_break=st.sampled_from(["\n", "\r\n"]),
)
def test_valid_json_round_trips(value: Any, indent: int | None, ensure_ascii: bool, line_break: str) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii).replace("\n", line_break)

    assert parse_json_text(text) == value


@given(
    members=st.dictionaries(st.text(max_size=8), json_scalars, min_size=1, max_size=5),
    choice=st.integers(min_value=0),
    ensure_ascii=st.booleans(),
)
def test_duplicate_key_located(members: dict[str, Any], choice: int, ensure_ascii: bool) -> None:
    key = list(members)[choice % len(members)]
    head = json.dumps(members, ensure_ascii=ensure_ascii)[:-1] + ", "
    text = head + json.dumps(key, ensure_ascii=not ensure_ascii) + ": 0}"

    with pytest.raises(JsonTextError) as raised:
        parse_json_text(text)

    issues = raised.value.issues
    assert [issue.code for issue in issues] == ["LMS005"]
    assert (issues[0].line, issues[0].column) == (1, len(head) + 1)
    assert issues[0].pointer == "/" + escape_pointer_token(key)


@given(
    shape=st.lists(st.booleans(), min_size=1, max_size=30),
    max_depth=st.integers(min_value=1, max_value=30),
)
def test_depth_verdict(shape: list[bool], max_depth: int) -> None:
    openers = ["[" if is_array else '{"k": ' for is_array in shape]
    closers = ["]" if is_array else "}" for is_array in reversed(shape)]
    text = "".join(openers) + "1" + "".join(closers)

    if len(shape) <= max_depth:
        assert parse_json_text(text, max_depth=max_depth) == json.loads(text)
        return

    with pytest.raises(JsonTextError) as raised:
        parse_json_text(text, max_depth=max_depth)
    issue = raised.value.issue
    assert issue.code == "LMS007"
    assert issue.column == len("".join(openers[:max_depth])) + 1


@given(values=st.lists(json_values, min_size=1, max_size=8), limit=st.integers(min_value=1, max_value=60))
def test_json_lines_size_verdicts(values: list[Any], limit: int) -> None:
    lines = [json.dumps(value).encode() for value in values]
    stream = io.BytesIO(b"\n".join(lines))

    items = check_items(read_json_lines(stream, limits=ReadLimits(max_body_bytes=limit)))

    too_large = [number for number, line in enumerate(lines, start=1) if len(line) > limit]
    read = [number for number, line in enumerate(lines, start=1) if len(line) <= limit]
    assert [item.body for item in items if isinstance(item, Issue) and item.code == "LMS008"] == too_large
    assert [item.body for item in items if isinstance(item, SourceBody)] == read


def strict_value(data: bytes) -> Any:
    """Return the value the strict reader gives for ``data``; raise ``JsonTextError`` if it gives none."""
    return parse_json_text(decode_json_bytes(data).text)


def same_json(first: Any, second: Any) -> bool:
    """Return whether two values are the same JSON, telling 1 from 1.0 and 0.0 from -0.0."""
    return json.dumps(first) == json.dumps(second)


single_lines = any_bytes.map(lambda data: data.replace(b"\n", b" ").replace(b"\r", b" "))


@given(lines=st.lists(single_lines, min_size=1, max_size=6))
def test_json_lines_agree_with_strict_reader(lines: list[bytes]) -> None:
    items = check_items(read_json_lines(io.BytesIO(b"\n".join(lines))))
    bodies = {item.body: item.value for item in items if isinstance(item, SourceBody)}

    first_non_blank = True
    for number, line in enumerate(lines, start=1):
        if line.strip(b" \t") == b"":
            continue
        try:
            expected = strict_value(line)
        except ForeignBytesError:
            if first_non_blank:
                assert bodies == {}
                return
            assert number not in bodies
        except JsonTextError:
            assert number not in bodies
        else:
            assert same_json(bodies[number], expected)
        first_non_blank = False


@given(data=any_bytes)
def test_json_document_agrees_with_strict_reader(data: bytes) -> None:
    items = check_items(read_json_document(data))
    values = [item.value for item in items if isinstance(item, SourceBody)]

    try:
        expected = strict_value(data)
    except JsonTextError:
        assert values == []
        return
    assert same_json(values, expected if isinstance(expected, list) else [expected])


# -- crashes found by fuzzing outside the reader -----------------------------


@pytest.mark.filterwarnings("ignore::lms_schema.LmsDeprecationWarning")
@pytest.mark.parametrize(
    "body",
    [{"time_spent": 10**5000}, {"result": {"value": 10**5000}}, 10**5000],
    ids=["time_spent", "result value", "body"],
)
def test_library_huge_integer_value(body: Any) -> None:
    report = validate(body, now=NOW)

    assert not report.valid


def test_library_deep_python_value() -> None:
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]

    report = validate(deep, now=NOW)

    assert report.codes == ("LMS100",)


@pytest.mark.parametrize(
    "milliseconds", [-31_679_510_937_600, -47_485_736_934_691, -32_778_012_839_866, -38_664_798_209]
)
def test_epoch_hint_before_year_1000(milliseconds: int) -> None:
    suggestion = suggest_epoch(float(milliseconds))

    assert suggestion is None or is_date_time(suggestion)


HUGE_HUMAN_DURATIONS = ["7" * 114 + "2H", "5" + "0" * 48 + "W"]


@pytest.mark.parametrize("text", HUGE_HUMAN_DURATIONS, ids=["hours", "weeks"])
def test_duration_hint_huge_number(text: str) -> None:
    suggestion = suggest_duration(text)

    assert suggestion is None or is_duration(suggestion)


@pytest.mark.parametrize("text", HUGE_HUMAN_DURATIONS, ids=["hours", "weeks"])
def test_cli_duration_hint_huge_number(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "body.json"
        path.write_text(json.dumps({"learning_object_id": "a", "time_spent": text}))

        status, stdout, _ = run_main(["validate", "--no-progress", "-o", "json", str(path)])

    assert status == 1
    assert "LMS105" in stdout
