"""Plain-text output: one line per issue, its hint below, a summary at the end.

Each issue reads ``path:line:column: CODE severity: pointer: message``, the
form compilers use, so editors and terminals turn the location into a link.
"""

from __future__ import annotations

from lms_schema.issues import Issue
from lms_schema.report.base import Renderer, Summary, summary_line

# ANSI Select Graphic Rendition sequences.
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RED = "\x1b[31m"
_YELLOW = "\x1b[33m"
_CYAN = "\x1b[36m"
_SEVERITY_COLORS = {"error": _RED, "warning": _YELLOW}


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

    def render_issue(self, issue: Issue) -> str:
        text = self._issue_line(issue) + "\n"
        if issue.hint:
            text += self._paint(f"    hint: {issue.hint}", _DIM) + "\n"
        return text

    def end(self, summary: Summary) -> str:
        if self.settings.quiet:
            return ""
        return self._paint(summary_line(summary), _BOLD + self._summary_color(summary)) + "\n"

    @staticmethod
    def _summary_color(summary: Summary) -> str:
        if summary.errors:
            return _RED
        if summary.warnings:
            return _YELLOW
        return ""

    def _issue_line(self, issue: Issue) -> str:
        location = self._paint(format_location(issue), _BOLD)
        code = self._paint(f"{issue.code} {issue.severity}", _BOLD + _SEVERITY_COLORS.get(issue.severity, ""))
        pointer = self._paint(issue.pointer_label, _CYAN)
        return f"{location}: {code}: {pointer}: {issue.message}"

    def _paint(self, text: str, style: str) -> str:
        if not self.settings.color or not style:
            return text
        return f"{style}{text}{_RESET}"
