"""JSON output: one document with every issue and a summary, for tools.

``docs/json-output.md`` documents the layout; ``OUTPUT_VERSION`` changes
only when a field is removed or renamed, never when one is added.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from lms_schema.issues import Issue
from lms_schema.report.base import Renderer, RenderSettings, Summary
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


def file_totals(result: FileResult) -> dict[str, Any]:
    """Return the totals of one checked input, the members of its JSON form besides its issues."""
    return {
        "bodies": result.bodies,
        "valid": result.errors == 0,
        "errors": result.errors,
        "warnings": result.warnings,
        "hidden": result.hidden,
    }


def _indent(text: str, spaces: int) -> str:
    return text.replace("\n", "\n" + " " * spaces)


class JsonRenderer(Renderer):
    """Renders ``{"version": 1, "files": [...], "summary": {...}}``, one issue at a time.

    Each file object lists ``file``, ``format`` and ``issues`` first and its
    totals after the issues, because the totals are known only at the end.
    """

    def __init__(self, settings: RenderSettings | None = None) -> None:
        super().__init__(settings)
        self._files = 0
        self._issues_in_file = 0

    def begin(self) -> str:
        self._files = 0
        return '{\n  "version": ' + str(OUTPUT_VERSION) + ',\n  "files": ['

    def begin_file(self, path: str, input_format: str) -> str:
        separator = ",\n" if self._files else "\n"
        self._files += 1
        self._issues_in_file = 0
        return (
            f"{separator}    {{\n"
            f'      "file": {json.dumps(path, ensure_ascii=False)},\n'
            f'      "format": {json.dumps(input_format)},\n'
            f'      "issues": ['
        )

    def render_issue(self, issue: Issue) -> str:
        separator = ",\n" if self._issues_in_file else "\n"
        self._issues_in_file += 1
        return separator + " " * 8 + _indent(json.dumps(issue_to_dict(issue), indent=2, ensure_ascii=False), 8)

    def end_file(self, result: FileResult) -> str:
        closing = "\n      ]" if self._issues_in_file else "]"
        totals = "".join(f',\n      "{name}": {json.dumps(value)}' for name, value in file_totals(result).items())
        return f"{closing}{totals}\n    }}"

    def end(self, summary: Summary) -> str:
        closing = "\n  ]" if self._files else "]"
        totals = json.dumps({**asdict(summary), "valid": summary.errors == 0}, indent=2)
        return f'{closing},\n  "summary": {_indent(totals, 2)}\n}}\n'
