"""JSON output: one document with every issue and a summary, for tools.

``docs/json-output.md`` documents the layout; ``OUTPUT_VERSION`` changes
only when a field is removed or renamed, never when one is added.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from lms_schema.issues import Issue
from lms_schema.report.base import Renderer, Summary
from lms_schema.runner import FileResult

OUTPUT_VERSION = 1


def issue_to_dict(issue: Issue) -> dict[str, Any]:
    """Return the JSON form of one issue."""
    return {
        "file": issue.file,
        "line": issue.line,
        "column": issue.column,
        "body": issue.body,
        "pointer": issue.pointer,
        "code": issue.code,
        "name": issue.name,
        "severity": issue.severity,
        "message": issue.message,
        "hint": issue.hint,
        "suggestion": issue.suggestion,
    }


def file_to_dict(result: FileResult) -> dict[str, Any]:
    """Return the JSON form of one checked input."""
    return {
        "file": result.path,
        "format": result.input_format,
        "bodies": result.bodies,
        "valid": result.errors == 0,
        "errors": result.errors,
        "warnings": result.warnings,
        "hidden": result.hidden,
        "issues": [issue_to_dict(issue) for issue in result.issues],
    }


class JsonRenderer(Renderer):
    """Renders ``{"version": 1, "files": [...], "summary": {...}}``."""

    def render(self, results: Sequence[FileResult]) -> str:
        summary = Summary.of(results)
        document = {
            "version": OUTPUT_VERSION,
            "files": [file_to_dict(result) for result in results],
            "summary": {**asdict(summary), "valid": summary.errors == 0},
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
