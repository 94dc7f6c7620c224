"""Plain-text output: one line per issue, its hint below, a summary at the end."""

from __future__ import annotations

from collections.abc import Sequence

from lms_schema.issues import Issue
from lms_schema.report.base import Renderer, Summary
from lms_schema.runner import FileResult


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


def format_location(issue: Issue) -> str:
    """Return ``path:line:column`` with the parts that are known."""
    location = issue.file or "-"
    if issue.line is not None:
        location += f":{issue.line}"
        if issue.column is not None:
            location += f":{issue.column}"
    return location


class TextRenderer(Renderer):
    """Renders ``path:line:column: CODE severity: pointer: message`` lines."""

    def render(self, results: Sequence[FileResult]) -> str:
        lines: list[str] = []
        for result in results:
            for issue in result.issues:
                pointer = issue.pointer or "(body)"
                lines.append(f"{format_location(issue)}: {issue.code} {issue.severity}: {pointer}: {issue.message}")
                if issue.hint:
                    lines.append(f"    hint: {issue.hint}")

        summary = Summary.of(results)
        lines.append(
            f"{_plural(summary.files, 'file')}, {_plural(summary.bodies, 'body', 'bodies')} checked: "
            f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')}"
        )
        return "\n".join(lines) + "\n"
