"""The text, JSON and GitHub renderers format the same results faithfully."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from lms_schema.codes import CODES
from lms_schema.issues import Issue, make_issue
from lms_schema.report.base import RenderSettings, Summary, summary_line
from lms_schema.report.github import GitHubRenderer, escape_data, escape_property, workflow_command
from lms_schema.report.json_output import OUTPUT_VERSION, JsonRenderer
from lms_schema.report.text import TextRenderer, format_location
from lms_schema.runner import FileResult

ISSUE_FIELDS = {
    "file", "line", "column", "body", "pointer", "code", "name", "severity", "message", "hint", "suggestion",
}


def located(code: str, pointer: str, message: str, hint: str, **place: Any) -> Issue:
    return replace(make_issue(code, pointer, message, hint), **place)


def sample_results() -> list[FileResult]:
    body_file = FileResult(
        path="payloads/body.json",
        bodies=1,
        issues=[
            located("LMS101", "/completedAt", "unknown field 'completedAt'", "rename it to 'completed_at'",
                    file="payloads/body.json", line=3, column=3),
            located("LMS201", "/content_id", "'content_id' is deprecated", "use 'learning_object_id'",
                    file="payloads/body.json", line=4, column=3),
        ],
    )
    lines_file = FileResult(
        path="payloads/export.ndjson",
        input_format="jsonl",
        bodies=3,
        issues=[
            located("LMS105", "/time_spent", "'1:30:45' is not a duration", "write it as 'PT1H30M45S'",
                    file="payloads/export.ndjson", line=2, column=40, body=2),
        ],
    )
    clean_file = FileResult(path="payloads/clean.json", bodies=5)
    return [body_file, lines_file, clean_file]


def test_summary_adds_up_results() -> None:
    summary = Summary.of(sample_results())
    assert summary == Summary(files=3, bodies=9, errors=2, warnings=1)


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (Summary(1, 1, 1, 1), "1 file, 1 body checked: 1 error, 1 warning"),
        (Summary(3, 9, 2, 0), "3 files, 9 bodies checked: 2 errors, 0 warnings"),
        (Summary(0, 0, 0, 0), "0 files, 0 bodies checked: 0 errors, 0 warnings"),
    ],
)
def test_summary_line_plurals(summary: Summary, line: str) -> None:
    assert summary_line(summary) == line


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ({"file": "a.json", "line": 3, "column": 7}, "a.json:3:7"),
        ({"file": "a.json", "line": 3}, "a.json:3"),
        ({"file": "a.json"}, "a.json"),
        ({}, "-"),
    ],
)
def test_format_location_parts(place: dict[str, Any], expected: str) -> None:
    assert format_location(located("LMS105", "", "m", "h", **place)) == expected


def test_text_layout() -> None:
    output = TextRenderer().render(sample_results())
    assert output.splitlines() == [
        "payloads/body.json:3:3: LMS101 error: /completedAt: unknown field 'completedAt'",
        "    hint: rename it to 'completed_at'",
        "payloads/body.json:4:3: LMS201 warning: /content_id: 'content_id' is deprecated",
        "    hint: use 'learning_object_id'",
        "payloads/export.ndjson:2:40: LMS105 error: /time_spent: '1:30:45' is not a duration",
        "    hint: write it as 'PT1H30M45S'",
        "3 files, 9 bodies checked: 2 errors, 1 warning",
    ]


def test_text_body_pointer_shown_as_body() -> None:
    result = FileResult(path="a.json", bodies=1, issues=[located("LMS207", "", "no identifier", "", file="a.json")])
    assert TextRenderer().render([result]).splitlines()[0] == "a.json: LMS207 warning: (body): no identifier"


def test_text_quiet_has_no_summary() -> None:
    output = TextRenderer(RenderSettings(quiet=True)).render(sample_results())
    assert "checked:" not in output
    assert len(output.splitlines()) == 6


def test_text_colour_only_when_asked() -> None:
    plain = TextRenderer().render(sample_results())
    coloured = TextRenderer(RenderSettings(color=True)).render(sample_results())
    assert "\x1b[" not in plain
    assert "\x1b[31m" in coloured
    assert "\x1b[33m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_json_document_layout() -> None:
    document = json.loads(JsonRenderer().render(sample_results()))
    assert document["version"] == OUTPUT_VERSION
    assert document["summary"] == {"files": 3, "bodies": 9, "errors": 2, "warnings": 1, "hidden": 0, "valid": False}
    assert [entry["file"] for entry in document["files"]] == [
        "payloads/body.json", "payloads/export.ndjson", "payloads/clean.json",
    ]
    assert [entry["format"] for entry in document["files"]] == ["json", "jsonl", "json"]
    assert [entry["valid"] for entry in document["files"]] == [False, False, True]
    assert [(entry["errors"], entry["warnings"]) for entry in document["files"]] == [(1, 1), (1, 0), (0, 0)]


def test_json_issue_fields() -> None:
    document = json.loads(JsonRenderer().render(sample_results()))
    issue = document["files"][1]["issues"][0]
    assert set(issue) == ISSUE_FIELDS
    assert issue["line"] == 2
    assert issue["column"] == 40
    assert issue["body"] == 2
    assert issue["name"] == CODES["LMS105"].name
    assert issue["hint"] == "write it as 'PT1H30M45S'"


def test_json_keeps_non_ascii_text() -> None:
    issue = located("LMS105", "/time_spent", "'1 heure' ≠ durée", "", file="é.json")
    result = FileResult(path="é.json", issues=[issue])
    output = JsonRenderer().render([result])
    assert "é.json" in output
    assert json.loads(output)["files"][0]["issues"][0]["message"] == "'1 heure' ≠ durée"


@pytest.mark.parametrize(
    ("text", "data", "property_value"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escaping(text: str, data: str, property_value: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == property_value


def test_github_command_for_error() -> None:
    issue = located("LMS105", "/time_spent", "'1:30' 100% wrong", "write it as 'PT1H30M'",
                    file="dir,x/a:b.json", line=2, column=40)
    assert workflow_command(issue) == (
        "::error file=dir%2Cx/a%3Ab.json,line=2,col=40,title=LMS105 invalid-duration::"
        "/time_spent: '1:30' 100%25 wrong%0Ahint: write it as 'PT1H30M'"
    )


def test_github_command_without_position() -> None:
    issue = located("LMS207", "", "no identifier", "", file="a.json")
    assert workflow_command(issue) == "::warning file=a.json,title=LMS207 missing-identifier::(body): no identifier"


def test_github_command_for_stdin_has_no_file() -> None:
    issue = located("LMS001", "", "invalid JSON", "", file="-", line=1, column=2)
    assert workflow_command(issue).startswith("::error line=1,col=2,title=")


def test_github_output_lines() -> None:
    lines = GitHubRenderer().render(sample_results()).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:3]] == ["::error", "::warning", "::error"]
    assert lines[3] == "3 files, 9 bodies checked: 2 errors, 1 warning"
    assert all("\n" not in line for line in lines)


def test_streamed_issues_match_kept(tmp_path: Path) -> None:
    from lms_schema.runner import CheckOptions, CodeSelection, check_file

    path = tmp_path / "bodies.jsonl"
    path.write_text(
        '{"learningObjectId": "a"}\n'
        '{"learning_object_id": "b", "time_spent": "1:30:45"}\n'
        "not json\n"
        '{"content_id": "c"}\n',
        encoding="utf-8",
    )
    options = CheckOptions(selection=CodeSelection.parse(ignore=["LMS207"]))
    kept = check_file(str(path), options)
    streamed: list[Issue] = []
    result = check_file(str(path), options, on_issue=streamed.append)

    assert streamed == kept.issues
    assert result.issues == []
    assert (result.errors, result.warnings, result.hidden) == (kept.errors, kept.warnings, kept.hidden)
    assert kept.hidden == 1
