"""Read JSON text strictly: every reading that parsers could disagree on is an issue.

Python's ``json`` module is lenient where a contract check must not be: it
accepts ``NaN``, keeps the last of duplicate keys, accepts unpaired surrogate
escapes, reads ``1e400`` as infinity and recurses once per nesting level.
This module checks depth and integer length before parsing, parses with
``json``, and reports every such case as an issue with its code, position
and JSON Pointer instead of picking one reading silently.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lms_schema.issues import Issue, make_issue
from lms_schema.load.limits import DEFAULT_MAX_DEPTH, MAX_INTEGER_DIGITS
from lms_schema.load.text_scan import (
    DepthExcess,
    Finding,
    FindingKind,
    find_depth_excess,
    find_long_integer,
    max_nesting_depth,
    scan_findings,
)

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "UTF8_BOM",
    "DecodedText",
    "ForeignBytesError",
    "JsonTextError",
    "decode_json_bytes",
    "line_and_column",
    "parse_json_text",
]

UTF8_BOM = b"\xef\xbb\xbf"

# The four whitespace characters of JSON (RFC 8259, section 2). str.strip()
# without arguments would also strip characters that make the text invalid.
JSON_WHITESPACE = " \t\n\r"

# Byte order marks of the other Unicode encodings. UTF-32 comes first because
# the UTF-32 little-endian mark starts with the UTF-16 little-endian one.
_FOREIGN_BYTE_ORDER_MARKS = (
    (b"\x00\x00\xfe\xff", "UTF-32 big-endian"),
    (b"\xff\xfe\x00\x00", "UTF-32 little-endian"),
    (b"\xfe\xff", "UTF-16 big-endian"),
    (b"\xff\xfe", "UTF-16 little-endian"),
)

# Without a byte order mark, JSON text starts with an ASCII character, so the
# zero bytes among the first four give the encoding away (RFC 4627, section 3).
# Each key lists, byte by byte, whether the first bytes are zero.
_ZERO_BYTE_PATTERNS = {
    (True, True, True, False): "UTF-32 big-endian",
    (False, True, True, True): "UTF-32 little-endian",
    (True, False, True, False): "UTF-16 big-endian",
    (False, True, False, True): "UTF-16 little-endian",
    (True, False): "UTF-16 big-endian",
    (False, True): "UTF-16 little-endian",
}

# Hints that a lone surrogate may be present: an escape of a UTF-16 surrogate
# code unit (D800 to DFFF), or a surrogate code point in a str built in Python.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|[\ud800-\udfff]")

# Hint that an integer may be beyond the range of a 64-bit float (about 1.8e308):
# a run of 309 digits. Out-of-range floats are caught as they are read.
_OUT_OF_RANGE_HINT = re.compile(r"(?<![0-9])[0-9]{309}")

# Numbers longer than this are shortened in messages.
_SHOWN_NUMBER_LENGTH = 40


class JsonTextError(Exception):
    """JSON text that cannot be read as one unambiguous value.

    Attributes:
        issue: The first problem found, with its position when known.
        issues: Every problem found, in text order; ``issue`` is the first.
    """

    def __init__(self, issue: Issue, *more: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue
        self.issues: tuple[Issue, ...] = (issue, *more)


class ForeignBytesError(JsonTextError):
    """Bytes that are not UTF-8 text as a whole: binary data, or UTF-16 or UTF-32 text.

    Splitting such bytes into lines is meaningless, so a JSON Lines reader
    stops at this error instead of reporting every line.
    """


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the warnings found on the way."""

    text: str
    warnings: tuple[Issue, ...]


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """Return the 1-based line and column (in code points) of ``index`` in ``text``.

    CR LF counts as one line break, as editors count it.
    """
    line = text.count("\n", 0, index) + 1
    line_start = text.rfind("\n", 0, index) + 1
    return line, index - line_start + 1


def decode_json_bytes(data: bytes) -> DecodedText:
    """Decode UTF-8 JSON bytes, reporting a byte order mark and rejecting bad bytes.

    Raises:
        ForeignBytesError: The bytes are UTF-16 or UTF-32 text, or binary
            (they contain a NUL byte).
        JsonTextError: The bytes are not valid UTF-8; the message gives the
            byte offset of the first invalid byte.
    """
    found: list[Issue] = []
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
        found.append(
            make_issue(
                "LMS010",
                "",
                "the text starts with a UTF-8 byte order mark; it was read without it",
                "save the file as UTF-8 without a byte order mark",
            ).at(1, 1)
        )

    encoding = detect_foreign_encoding(data)
    if encoding is not None:
        raise ForeignBytesError(
            make_issue(
                "LMS003",
                "",
                f"the input is {encoding} text, not UTF-8: the bytes at byte offset 0 are "
                f"{data[:4].hex(' ').upper()}",
                "save the file as UTF-8; JSON exchanged between systems must be UTF-8",
            )
        )

    nul = data.find(b"\x00")
    if nul >= 0:
        raise ForeignBytesError(
            make_issue(
                "LMS012",
                "",
                f"the input contains a NUL byte at byte offset {nul}, so it is binary, not JSON text",
                "point the command at a JSON file",
            )
        )

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JsonTextError(
            make_issue(
                "LMS003",
                "",
                f"the input is not valid UTF-8: byte 0x{data[error.start]:02X} at byte offset {error.start} "
                f"cannot be decoded ({error.reason})",
                "save the file as UTF-8",
            )
        ) from None
    return DecodedText(text, tuple(found))


def detect_foreign_encoding(data: bytes) -> str | None:
    """Return the name of the UTF-16 or UTF-32 encoding that ``data`` is in, or ``None``."""
    for mark, name in _FOREIGN_BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return name

    head = data[:4] if len(data) >= 4 else data[:2]
    zero_pattern = tuple(byte == 0 for byte in head)
    return _ZERO_BYTE_PATTERNS.get(zero_pattern)


def parse_json_text(
    text: str,
    *,
    locate: Callable[[str, str], tuple[int, int] | None] | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Any:
    """Parse one JSON value from ``text``, rejecting ambiguous or non-standard text.

    Arguments:
        text: The JSON text, already decoded.
        locate: Ignored. It is still accepted so that existing callers keep
            working, because the reader now places every issue itself.
        max_depth: The deepest nesting of arrays and objects accepted.

    Raises:
        JsonTextError: The text is empty, not JSON, nested too deeply, or
            ambiguous. ``issues`` lists every duplicate key, non-finite
            constant, lone surrogate and out-of-range number, each with its
            position and JSON Pointer.
    """
    if text.strip(JSON_WHITESPACE) == "":
        raise JsonTextError(_empty_input_issue())

    # Both checks run before json.loads, which recurses once per level and
    # converts integers in time quadratic in their length.
    excess = find_depth_excess(text, max_depth)
    if excess is not None:
        raise JsonTextError(_too_deep_issue(text, excess, max_depth))

    long_integer = find_long_integer(text, MAX_INTEGER_DIGITS)
    if long_integer is not None:
        raise JsonTextError(_finding_issue(text, long_integer))

    suspects: set[FindingKind] = set()

    def build_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            suspects.add("duplicate-key")
        return result

    def read_constant(name: str) -> float:
        suspects.add("non-finite")
        return float(name)

    def read_float(literal: str) -> float:
        # A literal beyond the float range (1e400) reads as infinity.
        number = float(literal)
        if math.isinf(number):
            suspects.add("out-of-range")
        return number

    try:
        value = json.loads(
            text, object_pairs_hook=build_object, parse_constant=read_constant, parse_float=read_float
        )
    except json.JSONDecodeError as error:
        raise JsonTextError(_syntax_issue(text, error)) from None
    except RecursionError:
        # NOTE: reached only when max_depth is set above what Python's parser
        # can nest, which depends on the recursion limit and the current stack.
        raise JsonTextError(_parser_too_deep_issue(text)) from None
    except ValueError as error:
        # The process lowered Python's int conversion limit below MAX_INTEGER_DIGITS.
        raise JsonTextError(
            make_issue("LMS009", "", f"a number is too long to read: {error}", "send very long numbers as strings")
        ) from None

    if _SURROGATE_HINT.search(text):
        suspects.add("lone-surrogate")
    if _OUT_OF_RANGE_HINT.search(text):
        suspects.add("out-of-range")
    if suspects:
        findings = scan_findings(text, frozenset(suspects))
        if findings:
            raise JsonTextError(*(_finding_issue(text, finding) for finding in findings))
    return value


def _empty_input_issue() -> Issue:
    return make_issue(
        "LMS002",
        "",
        "the input has no JSON value: it is empty or only whitespace",
        "write a JSON object such as {\"learning_object_external_reference\": \"course-1\"}",
    )


def _syntax_issue(text: str, error: json.JSONDecodeError) -> Issue:
    """Turn a decoder error into an issue, naming a trailing comma where there is one."""
    position = error.pos
    before = text[:position].rstrip(JSON_WHITESPACE)
    if position < len(text) and text[position] in "}]" and before.endswith(","):
        comma = len(before) - 1
        line, column = line_and_column(text, comma)
        return make_issue(
            "LMS001",
            "",
            f"invalid JSON: trailing comma before {text[position]!r} at {_describe_position(text, line, column)}",
            "remove the comma after the last member",
        ).at(line, column)

    line, column = line_and_column(text, position)
    hint = "fix the JSON syntax at that spot; JSON has no comments, single quotes or trailing commas"
    if error.msg == "Extra data" and text[:position].rstrip(" \t\r").endswith("\n"):
        hint = (
            "a second JSON value starts on a new line, so this looks like JSON Lines: "
            "name the file .jsonl or .ndjson, or pass --stdin-format jsonl for standard input"
        )
    reason = error.msg
    if position >= len(text.rstrip(JSON_WHITESPACE)):
        reason = f"the text ends before the value is complete ({error.msg.lower()})"
    return make_issue(
        "LMS001",
        "",
        f"invalid JSON: {reason} at {_describe_position(text, line, column)}",
        hint,
    ).at(line, column)


def _describe_position(text: str, line: int, column: int) -> str:
    """Name a position for a message: the column alone when the text is one line.

    A JSON Lines body is one line of a larger file, where "line 1" would
    mislead. The issue's own line number places it in the file.
    """
    if "\n" not in text:
        return f"column {column}"
    return f"line {line}, column {column}"


def _too_deep_issue(text: str, excess: DepthExcess, max_depth: int) -> Issue:
    line, column = line_and_column(text, excess.offset)
    return make_issue(
        "LMS007",
        excess.pointer,
        f"arrays and objects nest {excess.depth:,} levels deep, more than the limit of {max_depth:,} levels; "
        f"level {max_depth + 1:,} starts here",
        "flatten the value (a completion body needs only a few levels), or raise the limit with --max-depth",
    ).at(line, column)


def _parser_too_deep_issue(text: str) -> Issue:
    return make_issue(
        "LMS007",
        "",
        f"arrays and objects nest {max_nesting_depth(text):,} levels deep, more than Python's JSON parser "
        f"can read here (its recursion limit is {sys.getrecursionlimit():,})",
        "flatten the value, or keep --max-depth at its default of 512",
    )


def _show_number(number: str, *, with_length: bool = True) -> str:
    """Shorten a long number for a message, keeping its first and last digits."""
    if len(number) <= _SHOWN_NUMBER_LENGTH:
        return number
    half = _SHOWN_NUMBER_LENGTH // 2
    shortened = f"{number[:half]}...{number[-half:]}"
    return f"{shortened} ({len(number):,} characters)" if with_length else shortened


def _finding_issue(text: str, finding: Finding) -> Issue:
    line, column = line_and_column(text, finding.offset)
    if finding.kind == "duplicate-key":
        first_line, first_column = line_and_column(text, finding.first_offset or 0)
        issue = make_issue(
            "LMS005",
            finding.pointer,
            f"the key {finding.token} appears twice in one object, first at "
            f"{_describe_position(text, first_line, first_column)}, again at "
            f"{_describe_position(text, line, column)}; parsers disagree on which value wins",
            "keep one of the two members and delete the other",
        )
    elif finding.kind == "non-finite":
        issue = make_issue(
            "LMS004",
            finding.pointer,
            f"{finding.token} is not a JSON number; JSON has no NaN or Infinity",
            "use a finite number, or null",
        )
    elif finding.kind == "lone-surrogate":
        surrogate = finding.token if finding.token.startswith("\\") else f"U+{ord(finding.token):04X}"
        issue = make_issue(
            "LMS006",
            finding.pointer,
            f"a string contains the unpaired UTF-16 surrogate {surrogate}, which is not a Unicode character",
            "write the full surrogate pair (such as \\ud83d\\ude00), or the character itself",
        )
    elif finding.kind == "out-of-range":
        issue = make_issue(
            "LMS013",
            finding.pointer,
            f"the number {_show_number(finding.token)} is beyond the range of a 64-bit floating-point number "
            "(about 1.8e308); parsers read it as infinity or reject it",
            "send the value as a string, or in a unit that keeps it in range",
        )
    else:
        digits = len(finding.token.lstrip("-"))
        issue = make_issue(
            "LMS009",
            finding.pointer,
            f"the integer {_show_number(finding.token, with_length=False)} has {digits:,} digits, more than the "
            f"{MAX_INTEGER_DIGITS:,} that Python converts by default",
            "send very long numbers as strings",
        )
    return issue.at(line, column)
