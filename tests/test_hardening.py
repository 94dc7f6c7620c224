"""Bad input of every kind gets a stable code, a clear message and the right exit status.

The command-line tests run ``python -m lms_schema`` in a child process, as a
user would, so that a crash shows up as a traceback on standard error. Every
one of them also checks that the input file is byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lms_schema.issues import Issue
from lms_schema.load.json_text import JsonTextError, decode_json_bytes, parse_json_text
from lms_schema.load.limits import (
    DEFAULT_MAX_BODY_BYTES,
    MAX_INTEGER_DIGITS,
    ReadLimits,
    describe_byte_size,
    parse_byte_size,
)
from lms_schema.load.sources import SourceBody, read_json_document, read_json_lines, read_json_stream

VALID_BODY = '{"learning_object_external_reference": "course-1", "time_spent": "PT1M"}'
BAD_BODY = '{"learning_object_external_reference": "course-1", "time_spent": 90}'
UTF8_BOM = b"\xef\xbb\xbf"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"

# A generous bound so that a hang fails the test instead of stalling the run.
HANG_GUARD_SECONDS = 120


@dataclass(frozen=True)
class Outcome:
    """What one command-line run returned."""

    status: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.stdout)
        return document

    @property
    def issues(self) -> list[dict[str, Any]]:
        return [issue for file in self.report["files"] for issue in file["issues"]]

    @property
    def codes(self) -> list[str]:
        return [issue["code"] for issue in self.issues]


def run_validate(*arguments: str, stdin: bytes = b"") -> Outcome:
    """Run ``lms-schema validate -o json`` in a child process."""
    completed = subprocess.run(
        [sys.executable, "-m", "lms_schema", "validate", "-o", "json", *arguments],
        input=stdin,
        capture_output=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    return Outcome(
        completed.returncode,
        completed.stdout.decode("utf-8", errors="replace"),
        completed.stderr.decode("utf-8", errors="replace"),
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_on_file(path: Path, *arguments: str) -> Outcome:
    """Run the command on ``path`` and check that it left no traceback and the file unchanged."""
    before = digest(path)
    outcome = run_validate(*arguments, str(path))
    assert "Traceback" not in outcome.stderr
    assert digest(path) == before
    return outcome


def nested_arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


@dataclass(frozen=True)
class Row:
    """One row of the table of bad inputs."""

    name: str
    file_name: str
    content: bytes
    status: int
    codes: tuple[str, ...]
    arguments: tuple[str, ...] = ()


def body(text: str) -> bytes:
    return text.encode("utf-8")


ROWS = [
    Row("duplicate key", "dup.json", body('{"time_spent": "PT1M", "time_spent": "PT2M"}'), 1, ("LMS005",)),
    Row("NaN", "nan.json", body('{"passthrough": {"score": NaN}}'), 1, ("LMS004",)),
    Row("Infinity", "inf.json", body('{"passthrough": {"score": Infinity}}'), 1, ("LMS004",)),
    Row("-Infinity", "neg-inf.json", body('{"passthrough": {"score": -Infinity}}'), 1, ("LMS004",)),
    Row("UTF-8 byte order mark", "bom.json", UTF8_BOM + body(VALID_BODY), 0, ("LMS010",)),
    Row("invalid UTF-8", "latin1.json", '{"learning_object_id": "café"}'.encode("latin-1"), 1, ("LMS003",)),
    Row("UTF-16 with byte order mark", "utf16.json", VALID_BODY.encode("utf-16"), 1, ("LMS003",)),
    Row("UTF-16 without byte order mark", "utf16be.json", VALID_BODY.encode("utf-16-be"), 1, ("LMS003",)),
    Row("lone surrogate", "surrogate.json", body('{"content_id": "\\ud800"}'), 1, ("LMS006",)),
    Row(
        "100,000-digit number in passthrough",
        "long-passthrough.json",
        body('{"passthrough": {"n": ' + "7" * 100_000 + "}}"),
        1,
        ("LMS009",),
    ),
    Row(
        "100,000-digit number in source_value",
        "long-source.json",
        body('{"result": {"value": "Pass", "source_value": -' + "9" * 100_000 + "}}"),
        1,
        ("LMS009",),
    ),
    Row("number beyond the float range", "overflow.json", body('{"passthrough": {"n": 1e400}}'), 1, ("LMS013",)),
    Row("nesting 100,000 levels deep", "deep.json", body(nested_arrays(100_000)), 1, ("LMS007",)),
    Row(
        "nesting 100,000 levels deep in a body",
        "deep-body.json",
        body('{"passthrough": {"a": ' + nested_arrays(100_000) + "}}"),
        1,
        ("LMS007",),
    ),
    Row(
        "body larger than the limit",
        "large.json",
        body('{"passthrough": {"blob": "' + "x" * 2000 + '"}}'),
        1,
        ("LMS008",),
        ("--max-body-bytes", "1KiB"),
    ),
    Row("empty file", "empty.json", b"", 1, ("LMS002",)),
    Row("whitespace only", "blank.json", b" \n\t\r\n  ", 1, ("LMS002",)),
    Row("binary file", "image.json", PNG_HEADER, 1, ("LMS012",)),
    Row("top-level string", "string.json", body('"course-1"'), 1, ("LMS100",)),
    Row("top-level number", "number.json", body("42"), 1, ("LMS100",)),
    Row("top-level null", "null.json", body("null"), 1, ("LMS100",)),
    Row("empty JSON Lines file", "empty.jsonl", b"", 1, ("LMS002",)),
    Row("blank JSON Lines file", "blank.jsonl", b"\n\r\n  \n", 1, ("LMS002",)),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_bad_input_row(row: Row, tmp_path: Path) -> None:
    path = tmp_path / row.file_name
    path.write_bytes(row.content)

    outcome = run_on_file(path, *row.arguments)

    assert outcome.codes == list(row.codes)
    assert outcome.status == row.status
    for issue in outcome.issues:
        assert issue["message"]
        assert issue["hint"]
        assert issue["file"] == str(path)


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_bad_input_row_on_stdin(row: Row) -> None:
    input_format = "jsonl" if row.file_name.endswith(".jsonl") else "json"

    outcome = run_validate(*row.arguments, "--stdin-format", input_format, "-", stdin=row.content)

    assert "Traceback" not in outcome.stderr
    assert outcome.codes == list(row.codes)
    assert outcome.status == row.status


def only_issue(outcome: Outcome) -> dict[str, Any]:
    assert len(outcome.issues) == 1, outcome.issues
    return outcome.issues[0]


def test_duplicate_key_gives_both_positions(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{\n  "time_spent": "PT1M",\n  "learning_object_id": "a",\n  "time_spent": "PT2M"\n}\n')

    issue = only_issue(run_on_file(path))

    assert issue["code"] == "LMS005"
    assert (issue["line"], issue["column"]) == (4, 3)
    assert "first at line 2, column 3" in issue["message"]
    assert issue["pointer"] == "/time_spent"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constant_located(constant: str, tmp_path: Path) -> None:
    path = tmp_path / "score.json"
    path.write_text('{"passthrough": {"note": "NaN and Infinity in a string are fine",\n "score": ' + constant + "}}")

    issue = only_issue(run_on_file(path))

    assert issue["code"] == "LMS004"
    assert (issue["line"], issue["column"]) == (2, 11)
    assert issue["pointer"] == "/passthrough/score"
    assert constant in issue["message"]


def test_invalid_utf8_names_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    content = '{"learning_object_id": "café"}'.encode("latin-1")
    path.write_bytes(content)

    issue = only_issue(run_on_file(path))

    assert f"byte offset {content.index(0xE9)}" in issue["message"]
    assert "0xE9" in issue["message"]


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16 little-endian"),
        ("utf-16-le", "UTF-16 little-endian"),
        ("utf-16-be", "UTF-16 big-endian"),
        ("utf-32", "UTF-32 little-endian"),
        ("utf-32-be", "UTF-32 big-endian"),
    ],
)
def test_other_unicode_encoding_named(encoding: str, name: str, tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_bytes(VALID_BODY.encode(encoding))

    issue = only_issue(run_on_file(path))

    assert issue["code"] == "LMS003"
    assert name in issue["message"]
    assert "byte offset 0" in issue["message"]


def test_byte_order_mark_warning_keeps_positions(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(UTF8_BOM + b'{\n  "learning_object_id": "a",\n  "time_spent": 90\n}\n')

    outcome = run_on_file(path)

    assert outcome.codes == ["LMS010", "LMS102"]
    assert outcome.status == 1
    located = outcome.issues[1]
    assert (located["line"], located["column"]) == (3, 17)


def test_lone_surrogate_located(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    text = '{"learning_object_id": "ok \\ud83d\\ude00", "content_id": "x\\udc00"}'
    path.write_text(text)

    issue = only_issue(run_on_file(path))

    assert issue["code"] == "LMS006"
    assert issue["pointer"] == "/content_id"
    assert issue["column"] == text.index("\\udc00") + 1
    assert "\\udc00" in issue["message"]


def test_long_number_message_counts_digits(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text('{"passthrough": {"n": ' + "7" * 100_000 + "}}")

    issue = only_issue(run_on_file(path))

    assert "100,000 digits" in issue["message"]
    assert issue["pointer"] == "/passthrough/n"
    assert (issue["line"], issue["column"]) == (1, 23)
    assert len(issue["message"]) < 300


@pytest.mark.parametrize(
    ("digits", "codes"),
    [(308, []), (309, ["LMS013"]), (MAX_INTEGER_DIGITS, ["LMS013"]), (MAX_INTEGER_DIGITS + 1, ["LMS009"])],
)
def test_long_integer_verdicts(digits: int, codes: list[str], tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text('{"learning_object_id": "a", "passthrough": {"n": ' + "7" * digits + "}}")

    outcome = run_on_file(path)

    assert outcome.codes == codes
    assert outcome.status == (1 if codes else 0)


def test_deep_nesting_located(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"learning_object_id": "a",\n "passthrough": {"a": ' + nested_arrays(100_000) + "}}")

    issue = only_issue(run_on_file(path))

    assert issue["code"] == "LMS007"
    assert issue["pointer"] == "/passthrough/a"
    # The body is level 1, passthrough level 2, so the 511th bracket opens level 513.
    assert (issue["line"], issue["column"]) == (2, 23 + 510)
    assert "RecursionError" not in issue["message"]


@pytest.mark.parametrize(("depth", "status"), [(5, 0), (6, 1)])
def test_max_depth_option(depth: int, status: int, tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text('{"learning_object_id": "a", "passthrough": {"a": ' + nested_arrays(depth - 2) + "}}")

    outcome = run_on_file(path, "--max-depth", "5")

    assert outcome.status == status
    assert outcome.codes == (["LMS007"] if status else [])


def test_depth_beyond_python_parser(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(nested_arrays(20_000))

    issue = only_issue(run_on_file(path, "--max-depth", "100000"))

    assert issue["code"] == "LMS007"
    assert "20,000 levels" in issue["message"]


def test_large_line_skipped_rest_checked(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    huge = '{"passthrough": {"blob": "' + "x" * (DEFAULT_MAX_BODY_BYTES + 10) + '"}}'
    path.write_text("\n".join([VALID_BODY, huge, BAD_BODY, VALID_BODY]) + "\n")

    outcome = run_on_file(path)

    assert outcome.codes == ["LMS008", "LMS102"]
    assert [issue["line"] for issue in outcome.issues] == [2, 3]
    assert outcome.report["files"][0]["bodies"] == 3
    assert outcome.status == 1
    assert f"{len(huge):,} bytes" in outcome.issues[0]["message"]


def test_large_document_not_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text("[" + ",".join([VALID_BODY] * 40) + "]")

    issue = only_issue(run_on_file(path, "--max-body-bytes", "1kB"))

    assert issue["code"] == "LMS008"
    assert f"{path.stat().st_size:,} bytes" in issue["message"]
    assert "JSON Lines" in issue["hint"]


def test_large_document_on_stdin() -> None:
    outcome = run_validate("--max-body-bytes", "100", "-", stdin=b"[" + b" " * 10_000 + b"]")

    assert outcome.codes == ["LMS008"]
    assert "larger than the limit of 100 bytes" in outcome.issues[0]["message"]


def test_large_line_on_stdin_skipped() -> None:
    lines = [VALID_BODY, '{"passthrough": {"blob": "' + "x" * 5000 + '"}}', BAD_BODY]
    stdin = "\n".join(lines).encode()

    outcome = run_validate("--max-body-bytes", "4KiB", "--stdin-format", "jsonl", "-", stdin=stdin)

    assert outcome.codes == ["LMS008", "LMS102"]
    assert [issue["line"] for issue in outcome.issues] == [2, 3]
    assert f"{len(lines[1]):,} bytes" in outcome.issues[0]["message"]


def test_missing_file_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"

    outcome = run_validate(str(path))

    assert outcome.status == 2
    assert outcome.codes == ["LMS901"]
    assert str(path) in outcome.issues[0]["message"]
    assert "Traceback" not in outcome.stderr


def unreadable_paths(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    parent_file = tmp_path / "plain.json"
    parent_file.write_text(VALID_BODY)
    yield "below a file", parent_file / "body.json"

    looping = tmp_path / "loop.json"
    looping.symlink_to(looping.name)
    yield "symbolic link to itself", looping


def test_unreadable_file_exit_2(tmp_path: Path) -> None:
    for reason, path in unreadable_paths(tmp_path):
        outcome = run_validate(str(path))

        assert outcome.status == 2, reason
        assert outcome.codes == ["LMS901"], reason
        assert str(path) in outcome.issues[0]["message"], reason
        assert "Traceback" not in outcome.stderr, reason


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a file with mode 000")
def test_file_without_read_permission_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_text(VALID_BODY)
    path.chmod(0)
    try:
        outcome = run_validate(str(path))
    finally:
        path.chmod(0o600)

    assert outcome.status == 2
    assert outcome.codes == ["LMS901"]
    assert "Permission denied" in outcome.issues[0]["message"]


def test_symlink_loop_walked_once(tmp_path: Path) -> None:
    folder = tmp_path / "bodies"
    (folder / "nested").mkdir(parents=True)
    body_file = folder / "nested" / "body.json"
    body_file.write_text(VALID_BODY)
    (folder / "nested" / "back").symlink_to(folder, target_is_directory=True)
    before = digest(body_file)

    outcome = run_validate("--no-progress", str(folder))

    assert [file["file"] for file in outcome.report["files"]] == [str(body_file)]
    assert outcome.status == 0
    assert "back" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert digest(body_file) == before


def test_json_lines_blank_lines_and_no_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(("\n" + VALID_BODY + "\n\n   \n" + VALID_BODY + "\n\n" + BAD_BODY).encode())

    outcome = run_on_file(path)

    assert outcome.report["files"][0]["bodies"] == 3
    assert outcome.codes == ["LMS102"]
    assert outcome.issues[0]["line"] == 7
    assert outcome.status == 1


def test_json_lines_crlf_positions(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes((VALID_BODY + "\r\n" + BAD_BODY + "\r\n").encode())

    outcome = run_on_file(path)

    issue = only_issue(outcome)
    assert (issue["line"], issue["column"]) == (2, BAD_BODY.index("90") + 1)
    assert outcome.report["files"][0]["bodies"] == 2


def test_json_crlf_positions(tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_bytes(b'{\r\n  "learning_object_id": "a",\r\n  "time_spent": 90\r\n}\r\n')

    issue = only_issue(run_on_file(path))

    assert issue["code"] == "LMS102"
    assert (issue["line"], issue["column"]) == (3, 17)


def test_json_crlf_valid_accepted(tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_bytes(VALID_BODY.replace(", ", ",\r\n").encode() + b"\r\n")

    outcome = run_on_file(path)

    assert outcome.codes == []
    assert outcome.status == 0


def test_json_lines_binary_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(PNG_HEADER + b"\n" + PNG_HEADER + b"\n")

    outcome = run_on_file(path)

    assert outcome.codes == ["LMS012"]
    assert f"byte offset {PNG_HEADER.index(0)}" in outcome.issues[0]["message"]
    assert "the file was not read" in outcome.issues[0]["message"]


def test_json_lines_utf16_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes((VALID_BODY + "\n" + VALID_BODY + "\n").encode("utf-16"))

    outcome = run_on_file(path)

    assert outcome.codes == ["LMS003"]


def test_json_lines_bad_line_does_not_stop(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [VALID_BODY.encode(), b'{"a": "\x00"}', '{"learning_object_id": "é"}'.encode("latin-1"), BAD_BODY.encode()]
    path.write_bytes(b"\n".join(lines))

    outcome = run_on_file(path)

    assert outcome.codes == ["LMS012", "LMS003", "LMS102"]
    assert [issue["line"] for issue in outcome.issues] == [2, 3, 4]


@pytest.mark.parametrize(
    "arguments",
    [("--max-depth", "0"), ("--max-depth", "deep"), ("--max-body-bytes", "0"), ("--max-body-bytes", "4 parsecs")],
)
def test_bad_limit_option_exit_2(arguments: tuple[str, ...], tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_text(VALID_BODY)

    outcome = run_on_file(path, *arguments)

    assert outcome.status == 2
    assert arguments[0] in outcome.stderr


# -- the reader as a library -------------------------------------------------


def text_issues(text: str, **options: Any) -> tuple[Issue, ...]:
    with pytest.raises(JsonTextError) as raised:
        parse_json_text(text, **options)
    return raised.value.issues


def test_every_duplicate_reported() -> None:
    text = '{"a": 1, "b": {"c": 1, "c": 2}, "a": 3, "\\u0061": 4}'

    issues = text_issues(text)

    assert [issue.pointer for issue in issues] == ["/b/c", "/a", "/a"]
    assert [issue.column for issue in issues] == [24, 33, 41]
    assert all(issue.code == "LMS005" for issue in issues)


def test_duplicate_in_array_body_pointer() -> None:
    issues = text_issues('[{"a": 1}, {"x": 1, "x": 2}]')

    assert [issue.pointer for issue in issues] == ["/1/x"]


@pytest.mark.parametrize(
    ("string", "lone"),
    [
        ("\\ud800", True),
        ("\\udc00", True),
        ("\\ud800\\u0041", True),
        ("\\ude00\\ud83d", True),
        ("\\ud800x\\udc00", True),
        ("\\ud83d\\ude00", False),
        ("\\\\ud800", False),
        ("plain", False),
    ],
)
def test_lone_surrogate_detection(string: str, lone: bool) -> None:
    text = '{"content_id": "' + string + '"}'
    if lone:
        assert {issue.code for issue in text_issues(text)} == {"LMS006"}
    else:
        assert parse_json_text(text) == json.loads(text)


def test_lone_surrogate_in_key() -> None:
    issues = text_issues('{"\\udfff": 1}')

    assert [issue.code for issue in issues] == ["LMS006"]


def test_raw_surrogate_in_str() -> None:
    issues = text_issues('{"content_id": "\ud800"}')

    assert [issue.code for issue in issues] == ["LMS006"]
    assert "U+D800" in issues[0].message


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("1e400", "LMS013"),
        ("-1.5E+309", "LMS013"),
        ("1" * 309, None),
        ("1" * 400, "LMS013"),
        ("2" * 309 + ".0", "LMS013"),
        ("1e-400", None),
        ("1e308", None),
        ("-" + "1" * MAX_INTEGER_DIGITS, "LMS013"),
        ("-" + "1" * (MAX_INTEGER_DIGITS + 1), "LMS009"),
        ("0." + "1" * 10_000, None),
    ],
)
def test_number_range(number: str, code: str | None) -> None:
    text = '{"passthrough": {"n": ' + number + "}}"
    if code is None:
        assert parse_json_text(text) == json.loads(text)
    else:
        assert [issue.code for issue in text_issues(text)] == [code]


def test_digits_in_string_accepted() -> None:
    text = '{"passthrough": {"n": "' + "1" * 10_000 + 'e999"}}'

    assert parse_json_text(text) == json.loads(text)


@pytest.mark.skipif(
    not hasattr(sys, "set_int_max_str_digits"), reason="this Python has no int digit limit (added in 3.11 and 3.10.7)"
)
@pytest.mark.parametrize("process_limit", [0, 100_000])
def test_integer_limit_ignores_process_setting(process_limit: int) -> None:
    previous = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(process_limit)
    try:
        issues = text_issues('{"passthrough": {"n": ' + "1" * 10_000 + "}}")
    finally:
        sys.set_int_max_str_digits(previous)

    assert [issue.code for issue in issues] == ["LMS009"]


@pytest.mark.parametrize("opening", ["[", '{"a":'])
@pytest.mark.parametrize(("depth", "accepted"), [(10, True), (11, False)])
def test_depth_limit_boundary(opening: str, depth: int, accepted: bool) -> None:
    closing = "]" if opening == "[" else "}"
    text = opening * depth + "1" + closing * depth

    if accepted:
        assert parse_json_text(text, max_depth=10) == json.loads(text)
    else:
        assert [issue.code for issue in text_issues(text, max_depth=10)] == ["LMS007"]


def test_brackets_in_strings_not_nesting() -> None:
    text = '{"passthrough": {"a": "' + "[{" * 1000 + '\\"[[["}}'

    assert parse_json_text(text, max_depth=3) == json.loads(text)


def test_non_json_whitespace_not_empty() -> None:
    issues = text_issues("\u00a0")

    assert [issue.code for issue in issues] == ["LMS001"]


def test_bom_warning_from_decoder() -> None:
    decoded = decode_json_bytes(UTF8_BOM + b"{}")

    assert decoded.text == "{}"
    assert [issue.code for issue in decoded.warnings] == ["LMS010"]


class RecordingStream(io.BytesIO):
    """A byte stream that records the size of every read it serves."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.requested: list[int | None] = []
        self.served: list[int] = []

    def readline(self, size: int | None = -1, /) -> bytes:
        self.requested.append(size)
        chunk = super().readline(size)
        self.served.append(len(chunk))
        return chunk

    def read(self, size: int | None = -1, /) -> bytes:
        self.requested.append(size)
        chunk = super().read(size)
        self.served.append(len(chunk))
        return chunk


def split_items(items: Iterator[SourceBody | Issue]) -> tuple[list[SourceBody], list[Issue]]:
    bodies: list[SourceBody] = []
    issues: list[Issue] = []
    for item in items:
        if isinstance(item, Issue):
            issues.append(item)
        else:
            bodies.append(item)
    return bodies, issues


def test_json_lines_reads_are_bounded() -> None:
    limits = ReadLimits(max_body_bytes=1000)
    stream = RecordingStream(b"{}\n" + b"[" + b"0," * 2_000_000 + b"0]\n" + b"{}")

    bodies, issues = split_items(read_json_lines(stream, limits=limits))

    assert [body.body for body in bodies] == [1, 3]
    assert [issue.code for issue in issues] == ["LMS008"]
    assert all(size is not None and 0 < size <= 64 * 1024 for size in stream.requested)
    assert max(stream.served) <= 64 * 1024
    assert "4,000,003 bytes" in issues[0].message


@pytest.mark.parametrize("ending", [b"", b"\n", b"\r\n"], ids=["no line break", "LF", "CR LF"])
@pytest.mark.parametrize(("length", "too_large"), [(10, False), (11, True)])
def test_json_lines_limit_is_exact(ending: bytes, length: int, too_large: bool) -> None:
    line = b"[" + b"1" * (length - 2) + b"]"
    stream = io.BytesIO(b"{}\n" + line + ending)

    bodies, issues = split_items(read_json_lines(stream, limits=ReadLimits(max_body_bytes=10)))

    assert [issue.code for issue in issues] == (["LMS008"] if too_large else [])
    assert [body.body for body in bodies] == ([1] if too_large else [1, 2])


def test_document_read_is_bounded() -> None:
    stream = RecordingStream(b"[" + b"0," * 100_000 + b"0]")

    _, issues = split_items(read_json_stream(stream, limits=ReadLimits(max_body_bytes=1000)))

    assert [issue.code for issue in issues] == ["LMS008"]
    assert stream.requested == [1001]


def test_document_at_limit_read() -> None:
    data = b'{"learning_object_id": "' + b"x" * 100 + b'"}'

    bodies, issues = split_items(read_json_document(data, limits=ReadLimits(max_body_bytes=len(data))))

    assert issues == []
    assert len(bodies) == 1


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1", 1),
        ("4194304", 4 * 1024 * 1024),
        ("512KiB", 512 * 1024),
        ("4MiB", 4 * 1024 * 1024),
        ("4 mib", 4 * 1024 * 1024),
        ("10MB", 10_000_000),
        ("1kB", 1000),
        ("2GiB", 2 * 1024**3),
    ],
)
def test_parse_byte_size(text: str, size: int) -> None:
    assert parse_byte_size(text) == size


@pytest.mark.parametrize("text", ["", "0", "0MiB", "-1", "1.5MiB", "4 parsecs", "MiB", "٣"])
def test_parse_byte_size_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_byte_size(text)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (1, "1 byte"),
        (1000, "1,000 bytes"),
        (4 * 1024 * 1024, "4,194,304 bytes (4 MiB)"),
        (1536, "1,536 bytes (1.5 KiB)"),
    ],
)
def test_describe_byte_size(size: int, text: str) -> None:
    assert describe_byte_size(size) == text


@pytest.mark.parametrize("limits", [{"max_depth": 0}, {"max_body_bytes": 0}, {"max_depth": -5}])
def test_read_limits_reject_nonpositive(limits: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        ReadLimits(**limits)
