"""The shared real-world payloads give the verdicts their EXPECTED.md lists."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import shared_fixtures

# Run the CLI with a fixed clock so that no fixture timestamp drifts into the future.
NOW = "2026-01-15T12:00:00Z"


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lms_schema", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def issues_of(name: str) -> tuple[int, list[dict[str, Any]]]:
    path = shared_fixtures("payloads", name)
    run = run_cli("validate", "--now", NOW, "--output", "json", str(path))
    assert "Traceback" not in run.stderr
    document = json.loads(run.stdout)
    return run.returncode, [issue for file in document["files"] for issue in file["issues"]]


EXPECTED = [
    ("spec-example.json", 0, [("LMS201", "/content_external_reference"), ("LMS201", "/content_id")]),
    ("minimal.json", 0, []),
    ("passed-with-offset.json", 0, []),
    ("unmapped-result.json", 0, []),
    ("all-null.json", 0, [("LMS207", "")]),
    ("python-naive-datetime.json", 1, [("LMS104", "/completed_at")]),
    ("timedelta-str.json", 1, [("LMS105", "/time_spent")]),
    ("seconds-as-number.json", 1, [("LMS102", "/time_spent")]),
    (
        "camelcase-keys.json",
        1,
        [
            ("LMS101", "/learningObjectExternalReference"),
            ("LMS101", "/completedAt"),
            ("LMS101", "/timeSpent"),
            ("LMS207", ""),
        ],
    ),
    ("wrong-result-case.json", 1, [("LMS103", "/result/value")]),
    ("deprecated-only.json", 0, [("LMS201", "/content_external_reference"), ("LMS201", "/content_id")]),
    ("batch-array.json", 1, [("LMS105", "/1/time_spent"), ("LMS104", "/2/completed_at")]),
    ("trailing-comma.json", 1, [("LMS001", "")]),
]


@pytest.mark.parametrize(("name", "status", "expected"), EXPECTED, ids=[row[0] for row in EXPECTED])
def test_fixture_verdict(name: str, status: int, expected: list[tuple[str, str]]) -> None:
    returncode, issues = issues_of(name)
    assert returncode == status
    assert sorted((issue["code"], issue["pointer"]) for issue in issues) == sorted(expected)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("spec-example.json", "learning_object_external_reference"),
        ("python-naive-datetime.json", "offset"),
        ("timedelta-str.json", "PT1H30M45S"),
        ("seconds-as-number.json", "PT1H30M45S"),
        ("wrong-result-case.json", "'unmapped_value'"),
        ("camelcase-keys.json", "completed_at"),
    ],
)
def test_fixture_message_names_fix(name: str, fragment: str) -> None:
    _, issues = issues_of(name)
    assert any(fragment in issue["message"] + issue["hint"] for issue in issues)


def test_trailing_comma_message_gives_position() -> None:
    _, issues = issues_of("trailing-comma.json")
    assert "line 3" in issues[0]["message"]
    assert issues[0]["line"] == 3


def test_export_has_sixty_invalid_lines() -> None:
    returncode, issues = issues_of("completions-export.ndjson")
    errors = [issue for issue in issues if issue["severity"] == "error"]
    assert returncode == 1
    assert len({issue["body"] for issue in errors}) == 60
    assert all(isinstance(issue["line"], int) and issue["line"] == issue["body"] for issue in errors)


def test_export_lines_point_at_their_bodies() -> None:
    path = shared_fixtures("payloads", "completions-export.ndjson")
    lines = path.read_text(encoding="utf-8").splitlines()
    _, issues = issues_of("completions-export.ndjson")
    for issue in issues:
        line = json.loads(lines[issue["line"] - 1])
        field = issue["pointer"].split("/")[1]
        assert field in line
