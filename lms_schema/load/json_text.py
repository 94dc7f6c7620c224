"""Read JSON text strictly: every reading that parsers could disagree on is an issue.

Python's ``json`` module is lenient where a contract check must not be: it
accepts ``NaN``, keeps the last of duplicate keys and accepts unpaired
surrogate escapes. This module parses with ``json`` and reports those cases
as issues with their codes instead of picking one reading silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lms_schema.issues import Issue, make_issue

UTF8_BOM = b"\xef\xbb\xbf"
DEFAULT_MAX_DEPTH = 512

# An escape of a UTF-16 surrogate code unit (D800 to DFFF) in JSON text.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class JsonTextError(Exception):
    """JSON text that cannot be read as one unambiguous value.

    Attributes:
        issue: The issue to report, with its position when known.
    """

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


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
        JsonTextError: The bytes are binary, not UTF-8, or hold no JSON value.
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

    nul = data.find(b"\x00")
    if nul >= 0:
        raise JsonTextError(
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


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


class _NonFiniteError(Exception):
    def __init__(self, constant: str) -> None:
        self.constant = constant


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _reject_constant(constant: str) -> Any:
    raise _NonFiniteError(constant)


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
    before = text[:position].rstrip()
    if position < len(text) and text[position] in "}]" and before.endswith(","):
        comma = len(before) - 1
        line, column = line_and_column(text, comma)
        return make_issue(
            "LMS001",
            "",
            f"invalid JSON: trailing comma before {text[position]!r} at line {line}, column {column}",
            "remove the comma after the last member",
        ).at(line, column)

    line, column = line_and_column(text, position)
    return make_issue(
        "LMS001",
        "",
        f"invalid JSON: {error.msg} at line {line}, column {column}",
        "fix the JSON syntax at that spot; JSON has no comments, single quotes or trailing commas",
    ).at(line, column)


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(key) or _has_lone_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


def parse_json_text(text: str, *, locate: Callable[[str, str], tuple[int, int] | None] | None = None) -> Any:
    """Parse one JSON value from ``text``, rejecting ambiguous or non-standard text.

    Arguments:
        text: The JSON text, already decoded.
        locate: Optional function ``(text, key) -> (line, column)`` used to
            place a duplicate key; without it the issue has no position.

    Raises:
        JsonTextError: The text is empty, not JSON, or ambiguous.
    """
    if text.strip() == "":
        raise JsonTextError(_empty_input_issue())

    try:
        value = json.loads(text, object_pairs_hook=_object_without_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise JsonTextError(_syntax_issue(text, error)) from None
    except _DuplicateKeyError as duplicate:
        issue = make_issue(
            "LMS005",
            "",
            f"the key {duplicate.key!r} appears twice in one object; parsers disagree on which value wins",
            "keep one of the two keys",
        )
        position = locate(text, duplicate.key) if locate else None
        raise JsonTextError(issue.at(*position) if position else issue) from None
    except _NonFiniteError as constant:
        index = text.find(constant.constant)
        line, column = line_and_column(text, index) if index >= 0 else (None, None)
        raise JsonTextError(
            make_issue(
                "LMS004",
                "",
                f"{constant.constant} is not a JSON number",
                "use a finite number, or null",
            ).at(line, column)
        ) from None
    except RecursionError:
        raise JsonTextError(
            make_issue(
                "LMS007",
                "",
                "arrays and objects are nested too deeply to read",
                "flatten the value; a completion body needs only a few levels",
            )
        ) from None
    except ValueError as error:
        # Python raises ValueError for an integer beyond its conversion limit
        # (4,300 digits by default, sys.set_int_max_str_digits).
        raise JsonTextError(
            make_issue(
                "LMS009",
                "",
                f"a number is too long to read: {error}",
                "send very long numbers as strings",
            )
        ) from None

    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise JsonTextError(
            make_issue(
                "LMS006",
                "",
                "a string contains an unpaired UTF-16 surrogate escape (\\uD800 to \\uDFFF), "
                "which is not a Unicode character",
                "write the full surrogate pair, or the character itself",
            )
        )
    return value
