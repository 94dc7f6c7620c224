"""Pointers map to the line and column where their key or value starts in the text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms_schema.load.positions import (
    PointerSyntaxError,
    Position,
    SourceMap,
    locate_pointer,
    split_pointer,
)

NESTED = """\
{
  "result": {"value": "passed", "source_value": "x"},
  "passthrough": {
    "value": 7,
    "result": {"value": "deep"}
  }
}
"""

# (text, pointer, expected value position, expected key position)
CASES: list[tuple[str, str, tuple[int, int] | None, tuple[int, int] | None]] = [
    (NESTED, "", (1, 1), None),
    (NESTED, "/result/value", (2, 23), (2, 14)),
    (NESTED, "/passthrough/value", (4, 14), (4, 5)),
    (NESTED, "/passthrough/result/value", (5, 25), (5, 16)),
    (NESTED, "/passthrough/result", (5, 15), (5, 5)),
    (NESTED, "/missing", None, None),
    (NESTED, "/result/value/0", None, None),
    # Keys written with escapes are compared after decoding, as JSON reads them.
    ('{"a\\u0062": 1, "ab ": 2}', "/ab", (1, 13), (1, 2)),
    ('{"x": 0, "\\"q\\"": {"\\n": true}}', '/"q"/\n', (1, 26), (1, 20)),
    ('{"\\ud83d\\ude00": "smile"}', "/\U0001f600", (1, 18), (1, 2)),
    # RFC 6901 escapes: ~1 is "/", ~0 is "~".
    ('{"a/b": 1, "m~n": 2, "~1": 3}', "/a~1b", (1, 9), (1, 2)),
    ('{"a/b": 1, "m~n": 2, "~1": 3}', "/m~0n", (1, 19), (1, 12)),
    ('{"a/b": 1, "m~n": 2, "~1": 3}', "/~01", (1, 28), (1, 22)),
    # Array elements have no key; their key position is the value's.
    ('[10, [20, {"k": [30, 40]}]]', "/1/1/k/1", (1, 22), (1, 22)),
    ('[10, [20, {"k": [30, 40]}]]', "/1/1", (1, 11), (1, 11)),
    ("[1, 2]", "/01", None, None),
    ("[1, 2]", "/-", None, None),
    ("[1, 2]", "/2", None, None),
    ("[]", "/0", None, None),
    ("{}", "/a", None, None),
    # Strings that hold brackets, quotes and escapes must not confuse skipping.
    ('{"s": "]}[{\\"", "t": ["]", {"u": "}"}], "v": 1}', "/v", (1, 46), (1, 41)),
    # Columns count code points: the emoji is one column, and so is the accented letter.
    ('{"café": "\U0001f600", "n": 1}', "/n", (1, 20), (1, 15)),
    # CR LF ends a line like LF.
    ('{\r\n  "a": 1,\r\n  "b": 2\r\n}\r\n', "/b", (3, 8), (3, 3)),
    # A byte order mark is not counted.
    ('\ufeff{"a": 1}', "/a", (1, 7), (1, 2)),
    ("  \n  7  ", "", (2, 3), None),
]


def _line_column(position: Position | None) -> tuple[int, int] | None:
    return None if position is None else (position.line, position.column)


@pytest.mark.parametrize(("text", "pointer", "value_at", "key_at"), CASES)
def test_locate_pointer_table(
    text: str, pointer: str, value_at: tuple[int, int] | None, key_at: tuple[int, int] | None
) -> None:
    assert _line_column(locate_pointer(text, pointer)) == value_at
    assert _line_column(locate_pointer(text, pointer, key=True)) == key_at


def test_same_key_at_two_depths_differs() -> None:
    source = SourceMap(NESTED)
    outer = source.value_position("/result/value")
    inner = source.value_position("/passthrough/result/value")
    assert outer is not None
    assert inner is not None
    assert outer.line != inner.line


@pytest.mark.parametrize(
    ("pointer", "key", "expected"),
    [
        ("/result/value", False, (2, 23)),
        ("/result/value", True, (2, 14)),
        ("/result/nothing", True, (2, 13)),
        ("/passthrough/result/nothing/deeper", False, (5, 15)),
        ("/nothing", False, (1, 1)),
        ("", True, (1, 1)),
    ],
)
def test_nearest_position_falls_back_to_parent(pointer: str, key: bool, expected: tuple[int, int]) -> None:
    position = SourceMap(NESTED).nearest_position(pointer, key=key)
    assert position is not None
    assert (position.line, position.column) == expected


@pytest.mark.parametrize("text", ["", "   ", '{"a": 1', '{"a" 1}', "[1 2]"])
def test_broken_text_gives_no_position(text: str) -> None:
    assert locate_pointer(text, "/a/0") is None


def test_pointer_without_slash_is_rejected() -> None:
    with pytest.raises(PointerSyntaxError, match="must be empty or start with '/'"):
        split_pointer("result")


@pytest.mark.parametrize(
    ("pointer", "tokens"),
    [("", []), ("/", [""]), ("/a/0", ["a", "0"]), ("/~01/~10", ["~1", "/0"]), ("//x", ["", "x"])],
)
def test_split_pointer_unescapes_tokens(pointer: str, tokens: list[str]) -> None:
    assert split_pointer(pointer) == tokens


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("ab\ncd", 4, (2, 2)),
        ("ab\r\ncd", 4, (2, 1)),
        ("ab\r\ncd", 2, (1, 3)),
        ("\ufeffab", 2, (1, 2)),
        ("\ufeffa\nb", 3, (2, 1)),
        ("a\n\n\nb", 4, (4, 1)),
        ("ab\n", 3, (2, 1)),
        ("", 0, (1, 1)),
    ],
)
def test_position_of_offset_table(text: str, offset: int, expected: tuple[int, int]) -> None:
    position = SourceMap(text).position(offset)
    assert (position.line, position.column) == expected


# Property: for any JSON document, written compact or indented, and any
# pointer into it, the position is where that key's or value's text starts.

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
_KEYS = st.text(alphabet=st.sampled_from('ab~/"\\\n é\U0001f600\u2028'), max_size=4)
_DOCUMENTS = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEYS, children, max_size=4),
    max_leaves=20,
)


def _escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointers(value: Any, prefix: str = "") -> list[tuple[str, Any, str | None]]:
    """List (pointer, value, key) for every value in a document, the root included."""
    found: list[tuple[str, Any, str | None]] = []
    if not prefix:
        found.append(("", value, None))
    if isinstance(value, dict):
        for key, child in value.items():
            pointer = f"{prefix}/{_escape_token(key)}"
            found.append((pointer, child, key))
            found.extend(_pointers(child, pointer))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            pointer = f"{prefix}/{index}"
            found.append((pointer, child, None))
            found.extend(_pointers(child, pointer))
    return found


def _offset_of(text: str, line: int, column: int) -> int:
    """Compute the offset of a line and column without the code under test."""
    lines = text.split("\n")
    return sum(len(earlier) + 1 for earlier in lines[: line - 1]) + column - 1


_WRITERS = st.sampled_from(
    [
        {"separators": (",", ":")},
        {"indent": 2},
        {"indent": 0},
        {"indent": "\t", "ensure_ascii": False},
        {"indent": 4, "separators": (" , ", " : ")},
        {"ensure_ascii": False},
    ]
)


@given(document=_DOCUMENTS, writer=_WRITERS, data=st.data())
def test_position_is_where_value_starts(document: Any, writer: dict[str, Any], data: st.DataObject) -> None:
    text = json.dumps(document, **writer)
    pointer, value, key = data.draw(st.sampled_from(_pointers(document)))

    position = locate_pointer(text, pointer)
    assert position is not None
    offset = _offset_of(text, position.line, position.column)
    assert offset == position.offset
    decoded, _ = json.JSONDecoder().raw_decode(text, offset)
    assert decoded == value

    if key is not None:
        key_position = locate_pointer(text, pointer, key=True)
        assert key_position is not None
        decoded_key, _ = json.JSONDecoder().raw_decode(text, _offset_of(text, key_position.line, key_position.column))
        assert decoded_key == key


@given(document=_DOCUMENTS, data=st.data())
def test_crlf_and_bom_keep_positions(document: Any, data: st.DataObject) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=False)
    pointer, _, _ = data.draw(st.sampled_from(_pointers(document)))
    # JSON strings cannot hold a raw LF, so every LF here is a line break.
    windows_text = "\ufeff" + text.replace("\n", "\r\n")

    plain = locate_pointer(text, pointer)
    windows = locate_pointer(windows_text, pointer)
    assert plain is not None
    assert windows is not None
    assert (windows.line, windows.column) == (plain.line, plain.column)
