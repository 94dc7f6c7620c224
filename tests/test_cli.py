"""The lms-schema command line: positions, formats, selection, folders and subcommands."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lms_schema import __version__, validate
from lms_schema.cli import main, use_color
from lms_schema.codes import CODES
from lms_schema.report.progress import LARGE_INPUT_BYTES, body_progress, input_bytes, progress_wanted
from lms_schema.runner import PROGRESS_BATCH, CheckOptions, check_file
from lms_schema.schema import schema_text
from tests.conftest import NOW, shared_fixtures

NOW_TEXT = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
TEXT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>LMS\d{3}) (?P<severity>error|warning): "
    r"(?P<pointer>\(body\)|/\S*): (?P<message>.+)$"
)
GITHUB_LINE = re.compile(r"^::(?P<command>error|warning) (?P<properties>[^:]*)::(?P<message>.*)$")

VALID = '{"learning_object_external_reference": "course-1", "time_spent": "PT5M"}\n'
CAMEL = '{\n  "learningObjectExternalReference": "course-1",\n  "completedAt": "2021-07-21T14:00:00Z"\n}\n'
DEPRECATED = '{"content_id": "video-1", "learning_object_external_reference": "course-1"}\n'


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run the command line in this process and return its status, stdout and stderr."""
    try:
        status = main(list(arguments))
    except SystemExit as stop:
        status = int(stop.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, dict[str, Any]]:
    status, out, _ = run(capsys, "validate", "--now", NOW_TEXT, "--output", "json", *arguments)
    document: dict[str, Any] = json.loads(out)
    return status, document


def all_issues(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [issue for entry in document["files"] for issue in entry["issues"]]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def resolve(document: Any, pointer: str) -> Any:
    for escaped in pointer.split("/")[1:]:
        token = escaped.replace("~1", "/").replace("~0", "~")
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def text_at(lines: list[str], line: int, column: int) -> str:
    """Return the text from a 1-based line and column to the end of the file."""
    return "\n".join([lines[line - 1][column - 1 :], *lines[line:]])


# Exit status


@pytest.mark.parametrize(
    ("content", "options", "status"),
    [
        (VALID, [], 0),
        (DEPRECATED, [], 0),
        (DEPRECATED, ["--strict"], 1),
        (CAMEL, [], 1),
        (CAMEL, ["--ignore", "LMS101"], 0),
        (CAMEL, ["--select", "LMS2"], 0),
        ('{"time_spent": 5445,}', [], 1),
    ],
)
def test_exit_status_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, options: list[str], status: int
) -> None:
    path = write(tmp_path, "body.json", content)
    assert run(capsys, "validate", "--now", NOW_TEXT, *options, str(path))[0] == status


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    invalid = write(tmp_path, "camel.json", CAMEL)
    status, out, _ = run(capsys, "validate", str(invalid), str(tmp_path / "missing.json"))
    assert status == 2
    assert "LMS901" in out
    assert "missing.json" in out


def test_input_file_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "camel.json", CAMEL)
    before = path.read_bytes(), path.stat().st_mtime_ns
    run(capsys, "validate", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# Positions


def test_text_line_form(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "camel.json", CAMEL)
    _, out, _ = run(capsys, "validate", "--now", NOW_TEXT, str(path))
    lines = out.splitlines()
    matches = [TEXT_LINE.match(line) for line in lines[0:6:2]]
    assert [match.group("line", "column", "code") if match else None for match in matches] == [
        ("1", "1", "LMS207"), ("2", "3", "LMS101"), ("3", "3", "LMS101"),
    ]
    unknown = matches[1]
    assert unknown is not None
    assert unknown.group("file", "severity", "pointer") == (str(path), "error", "/learningObjectExternalReference")
    assert lines[3].startswith("    hint: rename it to 'learning_object_external_reference'")
    assert lines[-1] == "1 file, 1 body checked: 2 errors, 1 warning"


def test_body_level_issue_points_at_brace(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "body.json", '\n\n   {"completed_at": null}\n')
    _, document = run_json(capsys, str(path))
    issue = all_issues(document)[0]
    assert (issue["code"], issue["line"], issue["column"]) == ("LMS207", 3, 4)


def test_body_not_object_points_at_value(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "bodies.json", '[\n  {"learning_object_id": "a"},\n  "course-1"\n]\n')
    _, document = run_json(capsys, str(path))
    issue = all_issues(document)[0]
    assert (issue["code"], issue["line"], issue["column"], issue["body"], issue["pointer"]) == (
        "LMS100", 3, 3, 1, "/1",
    )


def test_same_key_at_two_depths(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (
        '{\n  "passthrough": {"result": {"value": "passed"}},\n'
        '  "learning_object_id": "lo-1",\n  "result": {"value": "passed"}\n}\n'
    )
    path = write(tmp_path, "body.json", text)
    _, document = run_json(capsys, str(path))
    issue = all_issues(document)[0]
    assert (issue["pointer"], issue["line"], issue["column"]) == ("/result/value", 4, 23)


def test_escaped_key_is_located(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = '{"learning_object_id": "lo-1", "time\\u005fspent": "1:30", "time_spent_": 1}'
    path = write(tmp_path, "body.json", text)
    _, document = run_json(capsys, str(path))
    issues = {issue["pointer"]: issue for issue in all_issues(document)}
    assert (issues["/time_spent"]["line"], issues["/time_spent"]["column"]) == (1, 51)
    assert (issues["/time_spent_"]["line"], issues["/time_spent_"]["column"]) == (1, 59)


def test_crlf_and_bom_positions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "windows.json"
    path.write_bytes(b'\xef\xbb\xbf{\r\n  "learning_object_id": "lo-1",\r\n  "time_spent": 60\r\n}\r\n')
    _, document = run_json(capsys, str(path))
    places = {issue["code"]: (issue["line"], issue["column"]) for issue in all_issues(document)}
    assert places["LMS010"] == (1, 1)
    assert places["LMS102"] == (3, 17)


def test_unicode_columns_count_code_points(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "body.json", '{"passthrough": {"note": "😀 café"}, "learning_object_id": "lo", "x": 1}')
    _, document = run_json(capsys, str(path))
    issue = all_issues(document)[0]
    assert (issue["code"], issue["column"]) == ("LMS101", 65)


def test_json_lines_positions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "export.jsonl", VALID + "\n" + '{"learning_object_id": "a", "time_spent": "90"}\n')
    _, document = run_json(capsys, str(path))
    issue = all_issues(document)[0]
    assert (issue["line"], issue["column"], issue["body"]) == (3, 43, 3)
    assert document["files"][0]["format"] == "jsonl"


# Shared payload fixtures


def fixture_issues(capsys: pytest.CaptureFixture[str], name: str) -> tuple[Path, list[dict[str, Any]]]:
    path = shared_fixtures("payloads", name)
    _, document = run_json(capsys, str(path))
    return path, all_issues(document)


def test_fixture_camelcase_lines(capsys: pytest.CaptureFixture[str]) -> None:
    _, issues = fixture_issues(capsys, "camelcase-keys.json")
    unknown = [(issue["pointer"], issue["line"], issue["column"]) for issue in issues if issue["code"] == "LMS101"]
    assert unknown == [
        ("/learningObjectExternalReference", 2, 3),
        ("/completedAt", 3, 3),
        ("/timeSpent", 4, 3),
    ]


def test_fixture_trailing_comma_place(capsys: pytest.CaptureFixture[str]) -> None:
    path, issues = fixture_issues(capsys, "trailing-comma.json")
    assert [(issue["code"], issue["line"], issue["column"]) for issue in issues] == [("LMS001", 3, 24)]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[2][23] == ","


FIXTURE_DOCUMENTS = [
    "all-null.json", "batch-array.json", "camelcase-keys.json", "deprecated-only.json", "minimal.json",
    "passed-with-offset.json", "python-naive-datetime.json", "seconds-as-number.json", "spec-example.json",
    "timedelta-str.json", "unmapped-result.json", "wrong-result-case.json",
]


@pytest.mark.parametrize("name", FIXTURE_DOCUMENTS)
def test_fixture_positions_match_text(capsys: pytest.CaptureFixture[str], name: str) -> None:
    path, issues = fixture_issues(capsys, name)
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    lines = text.split("\n")

    for issue in issues:
        assert issue["line"] is not None, issue
        assert issue["column"] is not None, issue
        # Read the JSON value that starts at the reported spot.
        found, _ = json.JSONDecoder().raw_decode(text_at(lines, issue["line"], issue["column"]))
        if issue["code"] in ("LMS101", "LMS201"):
            assert found == issue["pointer"].rsplit("/", 1)[1], issue
        else:
            assert found == resolve(document, issue["pointer"]), issue


def export_issues_by_format(capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, set[tuple[int, int]]]]:
    """Return the (line, column) of every error in the export, as each output format gives it."""
    path = shared_fixtures("payloads", "completions-export.ndjson")
    places: dict[str, set[tuple[int, int]]] = {}

    _, document = run_json(capsys, str(path))
    places["json"] = {(issue["line"], issue["column"]) for issue in all_issues(document)}

    _, out, _ = run(capsys, "validate", "--now", NOW_TEXT, str(path))
    matches = [TEXT_LINE.match(line) for line in out.splitlines()]
    places["text"] = {(int(match["line"]), int(match["column"])) for match in matches if match}

    _, out, _ = run(capsys, "validate", "--now", NOW_TEXT, "--output", "github", str(path))
    commands = [GITHUB_LINE.match(line) for line in out.splitlines()]
    properties = [dict(part.split("=", 1) for part in match["properties"].split(",")) for match in commands if match]
    places["github"] = {(int(found["line"]), int(found["col"])) for found in properties}
    return path, places


def test_export_60_invalid_lines(capsys: pytest.CaptureFixture[str]) -> None:
    path, places = export_issues_by_format(capsys)
    bodies = path.read_text(encoding="utf-8").split("\n")
    invalid_lines = {
        number for number, line in enumerate(bodies, start=1)
        if line and not validate(json.loads(line), now=NOW).valid
    }

    assert len(invalid_lines) == 60
    for output_format in ("json", "text", "github"):
        assert {line for line, _ in places[output_format]} == invalid_lines, output_format
    assert places["text"] == places["json"]
    assert places["github"] == places["json"]


def test_export_columns_point_at_values(capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_fixtures("payloads", "completions-export.ndjson")
    _, document = run_json(capsys, str(path))
    bodies = path.read_text(encoding="utf-8").split("\n")

    for issue in all_issues(document):
        assert issue["body"] == issue["line"]
        body_text = bodies[issue["line"] - 1]
        found, _ = json.JSONDecoder().raw_decode(body_text[issue["column"] - 1 :])
        assert found == resolve(json.loads(body_text), issue["pointer"]), issue


# Selection


@pytest.mark.parametrize(
    ("options", "codes"),
    [
        ([], ["LMS101", "LMS101", "LMS201", "LMS205"]),
        (["--ignore", "LMS101"], ["LMS201", "LMS205"]),
        (["--ignore", "LMS101,LMS205"], ["LMS201"]),
        (["--ignore", "LMS101", "--ignore", "lms205"], ["LMS201"]),
        (["--select", "LMS1"], ["LMS101", "LMS101"]),
        (["--select", "LMS2", "--ignore", "LMS201"], ["LMS205"]),
        (["--select", "LMS201", "--ignore", "LMS2"], ["LMS201"]),
        (["--select", "ALL", "--ignore", "LMS2"], ["LMS101", "LMS101"]),
        (["--quiet"], ["LMS101", "LMS101"]),
        (["--quiet", "--strict"], ["LMS101", "LMS101", "LMS201", "LMS205"]),
    ],
)
def test_selection_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, options: list[str], codes: list[str]
) -> None:
    path = write(tmp_path, "body.json", '{"contentId": 1, "content_id": "x", "completedAt": 2, "time_spent": "PT0S"}')
    _, document = run_json(capsys, *options, str(path))
    assert sorted(issue["code"] for issue in all_issues(document)) == codes


def test_ignored_error_does_not_fail(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "camel.json", CAMEL)
    status, out, _ = run(capsys, "validate", "--ignore", "LMS101", str(path))
    assert status == 0
    assert "LMS101" not in out
    assert out.splitlines()[-1] == (
        "1 file, 1 body checked: 0 errors, 1 warning (2 more hidden by --select, --ignore or --quiet)"
    )


@pytest.mark.parametrize("options", [["--select", "LMS1"], ["--ignore", "LMS0,LMS9"]])
def test_read_errors_survive_selection(capsys: pytest.CaptureFixture[str], tmp_path: Path, options: list[str]) -> None:
    broken = write(tmp_path, "broken.json", '{"time_spent": "PT1M",}')
    status, out, _ = run(capsys, "validate", *options, str(broken), str(tmp_path / "missing.json"))
    assert status == 2
    assert "LMS001" in out
    assert "LMS901" in out


def test_quiet_prints_only_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    camel = write(tmp_path, "camel.json", CAMEL)
    deprecated = write(tmp_path, "deprecated.json", DEPRECATED)
    status, out, _ = run(capsys, "validate", "--quiet", str(camel), str(deprecated))
    assert status == 1
    assert "warning" not in out
    assert "checked" not in out
    assert out.count("LMS101 error") == 2


@pytest.mark.parametrize("selector", ["LMS999", "E501", "LMS1,XYZ"])
def test_unknown_selector_is_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path, selector: str) -> None:
    path = write(tmp_path, "body.json", VALID)
    status, _, err = run(capsys, "validate", "--ignore", selector, str(path))
    assert status == 2
    assert "matches no issue code" in err


# Folders


def test_folder_walk_skips_hidden(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path, "b.json", VALID)
    write(tmp_path, "a/c.ndjson", VALID)
    write(tmp_path, "a/d.JSONL", VALID)
    write(tmp_path, "notes.txt", "not json")
    write(tmp_path, ".git/config.json", "not json")
    write(tmp_path, ".hidden/e.json", "not json")
    _, document = run_json(capsys, str(tmp_path))
    assert [Path(entry["file"]).relative_to(tmp_path).as_posix() for entry in document["files"]] == [
        "b.json", "a/c.ndjson", "a/d.JSONL",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="the platform has no symbolic links")
def test_folder_symlink_loop_skipped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path, "payloads/a.json", VALID)
    os.symlink(tmp_path / "payloads", tmp_path / "payloads" / "again")
    os.symlink("self.json", tmp_path / "payloads" / "self.json")

    status, document = run_json(capsys, str(tmp_path / "payloads"))
    assert status == 0
    assert [Path(entry["file"]).name for entry in document["files"]] == ["a.json"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="the platform has no symbolic links")
def test_symlink_loop_notice_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path, "payloads/a.json", VALID)
    os.symlink(tmp_path / "payloads", tmp_path / "payloads" / "again")
    os.symlink("self.json", tmp_path / "payloads" / "self.json")

    _, _, err = run(capsys, "validate", str(tmp_path / "payloads"))
    assert "again: it links back to a folder that was already walked" in err
    assert "self.json: it is a symbolic link that loops back on itself" in err


def test_unlistable_folder_notice(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write(tmp_path, "a.json", VALID)
    locked = tmp_path / "locked"
    write(locked, "b.json", VALID)
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    status, out, err = run(capsys, "validate", str(tmp_path))
    assert status == 0
    assert f"skipping {locked}: Permission denied" in err
    assert out.endswith("1 file, 1 body checked: 0 errors, 0 warnings\n")


# Standard input


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, CAMEL.encode())
    status, out, _ = run(capsys, "validate", "-")
    assert status == 1
    assert "\n-:2:3: LMS101 error: /learningObjectExternalReference:" in out


def test_stdin_json_lines(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, (VALID + '{"learning_object_id": "a", "time_spent": 60}\n').encode())
    status, document = run_json(capsys, "--stdin-format", "jsonl", "-")
    issue = all_issues(document)[0]
    assert status == 1
    assert (issue["file"], issue["line"], issue["column"], issue["body"]) == ("-", 2, 43, 2)


# Colour


class FakeStream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("choice", "tty", "environ", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),
        ("auto", True, {"TERM": "dumb"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),
        ("never", True, {}, False),
    ],
)
def test_use_color_table(choice: str, tty: bool, environ: dict[str, str], expected: bool) -> None:
    assert use_color(choice, FakeStream(tty), environ) is expected


def test_color_always_in_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "camel.json", CAMEL)
    _, coloured, _ = run(capsys, "validate", "--color", "always", str(path))
    _, plain, _ = run(capsys, "validate", str(path))
    assert "\x1b[31m" in coloured
    assert "\x1b[" not in plain


def test_color_never_in_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "camel.json", CAMEL)
    _, out, _ = run(capsys, "validate", "--color", "always", "--output", "json", str(path))
    assert "\x1b[" not in out


# Progress


def test_progress_callback_counts_bodies(tmp_path: Path) -> None:
    count = PROGRESS_BATCH * 2 + 7
    path = write(tmp_path, "export.ndjson", VALID * count)
    calls: list[int] = []
    result = check_file(str(path), CheckOptions(), calls.append)
    assert result.bodies == count
    assert calls == [PROGRESS_BATCH, PROGRESS_BATCH, 7]


@pytest.mark.parametrize(
    ("size", "tty", "environ", "expected"),
    [
        (LARGE_INPUT_BYTES, True, {}, True),
        (LARGE_INPUT_BYTES - 1, True, {}, False),
        (LARGE_INPUT_BYTES, False, {}, False),
        (LARGE_INPUT_BYTES, True, {"CI": "true"}, False),
        (LARGE_INPUT_BYTES, True, {"PRE_COMMIT": "1"}, False),
        (LARGE_INPUT_BYTES, True, {"CI": ""}, True),
    ],
)
def test_progress_wanted_table(
    tmp_path: Path, size: int, tty: bool, environ: dict[str, str], expected: bool
) -> None:
    path = tmp_path / "export.ndjson"
    with path.open("wb") as stream:
        stream.truncate(size)
    assert progress_wanted([str(path), "-"], stderr_is_tty=tty, environ=environ) is expected


def test_progress_ignores_missing_and_stdin() -> None:
    assert input_bytes(["-", "/nonexistent/export.ndjson"]) == 0


def test_body_progress_counts() -> None:
    with body_progress(False) as disabled:
        assert disabled is None
    with body_progress(True) as progress:
        assert progress is not None
        progress.start_file("export.ndjson")
        progress.advance(PROGRESS_BATCH)
        progress.advance(7)
        assert progress.bodies_done == PROGRESS_BATCH + 7


def test_progress_leaves_output_unchanged(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write(tmp_path, "export.ndjson", VALID * 3 + CAMEL.replace("\n", "") + "\n")
    without = run(capsys, "validate", str(path))
    monkeypatch.setattr("lms_schema.cli.progress_wanted", lambda *arguments, **options: True)
    with_progress = run(capsys, "validate", str(path))
    assert with_progress[:2] == without[:2]
    assert with_progress[0] == 1


# Other subcommands


def test_schema_prints_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema")
    assert status == 0
    assert out == schema_text()
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("query", ["LMS105", "lms105", "invalid-duration"])
def test_explain_by_code_or_name(capsys: pytest.CaptureFixture[str], query: str) -> None:
    status, out, _ = run(capsys, "explain", query)
    assert status == 0
    assert out.startswith("## LMS105 invalid-duration")
    assert CODES["LMS105"].fix in out


def test_explain_all_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "all")
    assert status == 0
    assert all(f"## {code} " in out for code in CODES)


def test_explain_unknown_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "explain", "LMS1O5")
    assert status == 2
    assert out == ""
    assert "unknown code 'LMS1O5'; did you mean LMS105?" in err


def test_version_names_contract(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out.startswith(f"lms-schema {__version__} (contract revision ")


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys)
    assert status == 2
    assert "usage: lms-schema" in err


@pytest.mark.parametrize(
    ("arguments", "phrases"),
    [
        (["--help"], ["validate", "explain", "schema", "exit status", "examples:"]),
        (
            ["validate", "--help"],
            ["--output", "--select", "--ignore", "--quiet", "--strict", "--stdin-format", "--color", "NO_COLOR",
             "path:line:column: CODE severity: pointer: message", "more specific one wins"],
        ),
    ],
)
def test_help_explains_options(capsys: pytest.CaptureFixture[str], arguments: list[str], phrases: list[str]) -> None:
    status, out, _ = run(capsys, *arguments)
    assert status == 0
    for phrase in phrases:
        assert phrase in out


# The installed command, in a separate process


@pytest.mark.parametrize(
    ("arguments", "status"),
    [
        (["validate", "{folder}"], 1),
        (["validate", "{folder}/binary.json"], 1),
        (["validate", "{folder}/missing.json"], 2),
        (["validate", "--output", "yaml", "{folder}"], 2),
        (["explain", "nothing"], 2),
    ],
)
def test_process_has_no_traceback(tmp_path: Path, arguments: list[str], status: int) -> None:
    (tmp_path / "binary.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "camel.json", CAMEL)
    filled = [argument.format(folder=tmp_path) for argument in arguments]
    run_process = subprocess.run(
        [sys.executable, "-m", "lms_schema", *filled], capture_output=True, text=True, check=False, timeout=60
    )
    assert run_process.returncode == status
    assert "Traceback" not in run_process.stderr


def test_empty_folder_is_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "payloads").mkdir()
    status, out, _ = run(capsys, "validate", str(tmp_path / "payloads"))
    assert status == 2
    assert "LMS902" in out


def test_stdin_named_twice_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "validate", "-", "-")
    assert status == 2
    assert "only once" in err


def test_select_accepts_code_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "deprecated.json", DEPRECATED)
    status, out, _ = run(capsys, "validate", "--select", "deprecated-field", str(path))
    assert status == 0
    assert "LMS201" in out


def test_empty_selector_is_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "body.json", VALID)
    status, _, err = run(capsys, "validate", "--select", ",", str(path))
    assert status == 2
    assert "names no issue code" in err


def test_explain_prefix_lists_codes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "LMS10")
    assert status == 0
    assert "## LMS100" in out
    assert "## LMS105" in out
    assert "## LMS201" not in out
