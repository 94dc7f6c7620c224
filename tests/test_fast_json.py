"""The orjson reader: it returns the strict reader's value, or leaves the text to the strict reader."""

from __future__ import annotations

import io
import json
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lms_schema.load import fast_json
from lms_schema.load.fast_json import NOT_PARSED, parse_json_bytes
from lms_schema.load.json_text import JsonTextError, parse_json_text
from lms_schema.load.sources import read_json_lines

orjson = pytest.importorskip("orjson", reason="orjson is not installed (the fast extra)")


@pytest.fixture(autouse=True)
def orjson_enabled() -> None:
    fast_json.use_orjson(None)


def strict_outcome(data: bytes) -> object:
    """Return the strict reader's value, or the codes of the issues it raises."""
    try:
        return parse_json_text(data.decode("utf-8"))
    except JsonTextError as error:
        return tuple(issue.code for issue in error.issues)


def same_value(left: object, right: object) -> bool:
    """Compare JSON values, telling int from float and 0.0 from -0.0."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float) and isinstance(right, float):
        return left == right and math.copysign(1, left) == math.copysign(1, right)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(same_value(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, dict) and isinstance(right, dict):
        return list(left) == list(right) and all(same_value(left[key], right[key]) for key in left)
    return left == right


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-(2**80), 2**80), st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=8), st.sampled_from(["a:b", "::", "\\u003a", "\U0001f600", "\u2028"]),
    ),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=12,
)


@given(value=JSON_VALUES, ensure_ascii=st.booleans(), compact=st.booleans())
def test_parsed_value_equals_strict_reader(value: object, ensure_ascii: bool, compact: bool) -> None:
    separators = (",", ":") if compact else (", ", ": ")
    data = json.dumps(value, ensure_ascii=ensure_ascii, separators=separators).encode()
    parsed = parse_json_bytes(data)
    if parsed is not NOT_PARSED:
        assert same_value(parsed, strict_outcome(data))


# Texts that orjson reads differently from the strict reader, or accepts where it reports an issue.
@given(
    text=st.one_of(
        st.sampled_from(
            [
                '{"a": 1, "a": 2}',
                '{"a": {"b": 1, "b": 1}}',
                '[{"x": "p:q", "x": "r"}]',
                '{"a\\u003a": 1, "a:": 2}',
                '{"n": 123456789012345678901234567890}',
                '{"n": 18446744073709551616}',
                '{"n": -9223372036854775809}',
                '{"n": NaN}',
                '{"n": 1e400}',
                '{"s": "\\ud800"}',
                '{"s": "\\udc00\\ud800"}',
                "[" * 513 + "]" * 513,
                "",
                "   ",
                '{"a": 1,}',
                '{"f": 1.7976931348623158e308}',
                '{"f": 1.7976931348623159e308}',
                '{"f": 2.4703282292062327e-324}',
                '{"f": 2.4703282292062328e-324}',
                '{"f": 9007199254740993}',
            ]
        ),
        st.text(max_size=20),
    )
)
@example(text="\ufeff{}")
def test_rejected_texts_go_to_strict_reader(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    parsed = parse_json_bytes(data)
    if parsed is NOT_PARSED:
        return
    assert same_value(parsed, strict_outcome(data))


DUPLICATE_CASES = [
    ("top level", b'{"a":1,"a":2}'),
    ("nested", b'{"a":{"b":1,"b":2}}'),
    ("in array", b'[{"k":"v:w","k":"v:w"}]'),
    ("with spaces", b'{ "a" : 1 , "a" : 2 }'),
]


@pytest.mark.parametrize(("case", "data"), DUPLICATE_CASES, ids=[row[0] for row in DUPLICATE_CASES])
def test_duplicate_key_not_parsed(case: str, data: bytes) -> None:
    assert parse_json_bytes(data) is NOT_PARSED


LEFT_TO_STRICT_READER = [
    ("integer beyond 64 bits", b'{"n":18446744073709551616}'),
    ("19-digit integer", b'{"n":-9223372036854775808}'),
    ("long digit run in a string", b'{"s":"1234567890123456789"}'),
    ("escaped colon", b'{"s":"\\u003a"}'),
    ("nesting beyond the limit", b"[" * 600 + b"]" * 600),
    ("byte order mark", b'\xef\xbb\xbf{"a":1}'),
    ("NaN", b'{"a":NaN}'),
    ("overflow to infinity", b'{"a":1e400}'),
    ("lone surrogate", b'{"a":"\\ud800"}'),
    ("invalid UTF-8", b'{"a":"\xff"}'),
    ("syntax error", b'{"a":1,}'),
]


@pytest.mark.parametrize(("case", "data"), LEFT_TO_STRICT_READER, ids=[row[0] for row in LEFT_TO_STRICT_READER])
def test_text_left_to_strict_reader(case: str, data: bytes) -> None:
    assert parse_json_bytes(data) is NOT_PARSED


def test_depth_limit_follows_reader_setting() -> None:
    data = b"[" * 20 + b"]" * 20
    assert parse_json_bytes(data, max_depth=20) == strict_outcome(data)
    assert parse_json_bytes(data, max_depth=19) is NOT_PARSED


PARSED_CASES = [
    ("colons in strings", b'{"a":"x:y","b":"::"}', {"a": "x:y", "b": "::"}),
    ("18-digit integers", b'{"n":999999999999999999,"m":-999999999999999999}',
     {"n": 999999999999999999, "m": -999999999999999999}),
    ("negative zero", b'{"f":-0.0,"i":-0}', {"f": -0.0, "i": 0}),
    ("underflow to zero", b'{"f":1e-400}', {"f": 0.0}),
    ("escaped pair", b'{"s":"\\ud83d\\ude00"}', {"s": "\U0001f600"}),
]


@pytest.mark.parametrize(("case", "data", "value"), PARSED_CASES, ids=[row[0] for row in PARSED_CASES])
def test_text_parsed_like_strict_reader(case: str, data: bytes, value: object) -> None:
    parsed = parse_json_bytes(data)
    assert same_value(parsed, value)
    assert same_value(parsed, strict_outcome(data))


@given(number=st.floats(allow_nan=False, allow_infinity=False), form=st.sampled_from(["repr", "e", "E+", "fixed"]))
def test_floats_read_like_json(number: float, form: str) -> None:
    # NOTE: orjson's float reading is documented as correctly rounded; this checks
    # it against Python's float() on the shortest, exponent and fixed forms.
    text = {"repr": repr(number), "e": f"{number:e}", "E+": f"{number:.17E}", "fixed": f"{number:.20f}"}[form]
    data = f'{{"f":{text}}}'.encode()
    parsed = parse_json_bytes(data)
    if parsed is not NOT_PARSED:
        assert same_value(parsed, json.loads(data))


def test_disabled_orjson_parses_nothing() -> None:
    fast_json.use_orjson(False)
    assert parse_json_bytes(b'{"a":1}') is NOT_PARSED
    fast_json.use_orjson(None)
    assert parse_json_bytes(b'{"a":1}') == {"a": 1}


# Lines of a JSON Lines file: bodies, and every kind of line the strict reader reports.
JSON_LINES = st.one_of(
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.dictionaries(st.sampled_from(["learning_object_id", "time_spent", "completed_at"]), st.text(max_size=6),
                    max_size=3).map(lambda value: json.dumps(value, separators=(",", ":")).encode()),
    st.sampled_from(
        [
            b"",
            b"   ",
            b'{"a":1,"a":2}',
            b'{"n":123456789012345678901234567890}',
            b'{"n":NaN}',
            b'{"s":"\\ud800"}',
            b'\xef\xbb\xbf{"a":1}',
            b'{"a":"\xff"}',
            b"[" * 600 + b"]" * 600,
            b'{"a":1,}',
            b'{"a":"x"}\r',
        ]
    ),
)


@given(lines=st.lists(JSON_LINES, max_size=8), final_newline=st.booleans())
def test_json_lines_reader_same_with_orjson(lines: list[bytes], final_newline: bool) -> None:
    data = b"\n".join(lines) + (b"\n" if final_newline else b"")

    fast_json.use_orjson(False)
    strict_items = list(read_json_lines(io.BytesIO(data)))
    fast_json.use_orjson(None)
    items = list(read_json_lines(io.BytesIO(data)))

    assert items == strict_items
